"""Fit scores: components in [0, 1], weights, hard-rule mask."""

import numpy as np
import pytest

from tandem.matching.engine import (
    COMPONENTS,
    Mentee,
    Mentor,
    Rules,
    Weights,
    compute_fit,
    feasible,
)
from tandem.matching.engine.synthetic import synthetic_round
from tandem.matching.engine.taxonomy import Taxonomy


def test_scores_are_in_unit_interval_and_weighted_sum():
    mentees, mentors = synthetic_round(40, 20, seed=3)
    fit = compute_fit(mentees, mentors)
    assert fit.total.shape == (40, 20)
    for c in COMPONENTS:
        a = fit.components[c]
        assert a.min() >= 0.0 and a.max() <= 1.0
    expected = sum(fit.weights[c] * fit.components[c] for c in COMPONENTS)
    np.testing.assert_allclose(fit.total, np.clip(expected, 0, 1), atol=1e-5)


def test_weights_normalise_and_reject_nonsense():
    assert sum(Weights(topic=2, text=2, context=0, preference=0).normalised().values()) == 1
    with pytest.raises(ValueError):
        Weights(topic=-1).normalised()
    with pytest.raises(ValueError):
        Weights(0, 0, 0, 0).normalised()


def test_text_fit_finds_need_in_other_words_across_languages():
    mentee = Mentee(
        "e1",
        "Uni A",
        expectations="We want to count how much our researchers publish open access.",
    )
    monitoring = Mentor("m1", "Uni B", profile="Ich mache Publikationsmonitoring.")
    repository = Mentor("m2", "Uni C", profile="Ich betreue unser Repositorium.")
    fit = compute_fit([mentee], [monitoring, repository], Weights(0, 1, 0, 0))
    assert fit.components["text"][0, 0] > 0.15
    assert fit.components["text"][0, 0] > 3 * fit.components["text"][0, 1]


def test_topic_overlap_weights_rank_and_level():
    mentee = Mentee("e1", "A", topics=("diamond_oa", "leadership"))
    first = Mentor("m1", "B", topics={"diamond_oa": 3})
    second = Mentor("m2", "C", topics={"leadership": 3})
    weak = Mentor("m3", "D", topics={"diamond_oa": 1})
    fit = compute_fit([mentee], [first, second, weak])
    t = fit.components["topic"][0]
    assert t[0] > t[1] and t[0] > t[2]
    assert t[0] == pytest.approx(2 / 3)


def test_small_library_prefers_allrounder():
    mentee = Mentee("e1", "A", "university_of_applied_sciences", topics=("small_library_allround",))
    allround = Mentor("m1", "B", "university", topics={"small_library_allround": 3})
    expert = Mentor("m2", "C", "university", topics={"bibliometric_analysis": 3})
    fit = compute_fit([mentee], [allround, expert])
    assert fit.components["context"][0, 0] > fit.components["context"][0, 1]


def test_preferences_ranked():
    mentee = Mentee("e1", "A", preferred_mentors=("m2", "m1"))
    fit = compute_fit([mentee], [Mentor("m1", "B"), Mentor("m2", "C"), Mentor("m3", "D")])
    assert list(fit.components["preference"][0]) == [0.75, 1.0, 0.0]


def test_mask_applies_every_hard_rule():
    mentees = [
        Mentee("e1", "UB Kiel", topics=("diamond_oa",), languages=frozenset({"de"})),
    ]
    mentors = [
        Mentor("same", "Universitätsbibliothek Kiel", topics={"diamond_oa": 3}),
        Mentor("english", "B", topics={"diamond_oa": 3}, languages=frozenset({"en"})),
        Mentor("full", "C", topics={"diamond_oa": 3}, capacity=0),
        Mentor("excluded", "D", topics={"diamond_oa": 3}),
        Mentor("fine", "E", topics={"diamond_oa": 3}),
        Mentor("unfit", "F", topics={"leadership": 1}),
    ]
    fit = compute_fit(mentees, mentors, Weights(1, 0, 0, 0))
    ok = feasible(fit, Rules(excluded=frozenset({("e1", "excluded")})))
    assert dict(zip(fit.mentor_ids, ok[0].tolist(), strict=True)) == {
        "same": False,
        "english": False,
        "full": False,
        "excluded": False,
        "fine": True,
        "unfit": False,
    }


def test_custom_taxonomy_from_records():
    tax = Taxonomy.from_records(
        [
            {"key": "cheese", "label_en": "Cheese making", "phrases_en": ["ripening camembert"]},
            {"key": "bread", "label_en": "Baking", "phrases_en": ["sourdough starter"]},
        ]
    )
    mentee = Mentee("e1", "A", expectations="How do I keep a sourdough starter alive?")
    fit = compute_fit(
        [mentee],
        [Mentor("m1", "B", topics={"bread": 3}), Mentor("m2", "C", topics={"cheese": 3})],
        taxonomy=tax,
    )
    assert fit.components["text"][0, 0] > fit.components["text"][0, 1]
