"""Explanations and reasons on the pilot example and on small constructed cases."""

from pathlib import Path

import pytest

from tandem.matching.engine import (
    CAPACITY,
    DEFAULT_TAXONOMY,
    NEED_NOT_OFFERED,
    PLACES_CAP,
    RULE_SAME_INSTITUTION,
    RuleConflict,
    Rules,
    compare_modes,
    compute_fit,
    explain,
    fit_from_scores,
    solve,
)
from tandem.matching.engine.csvio import read_round

PILOT = Path(__file__).resolve().parents[3] / "examples" / "pilot"


@pytest.fixture(scope="module")
def pilot():
    data = read_round(PILOT / "mentors.csv", PILOT / "mentees.csv", DEFAULT_TAXONOMY)
    return compute_fit(data.mentees, data.mentors)


def test_pilot_round(pilot):
    result = solve(pilot, Rules())
    by_id = {ex.mentee_id: ex for ex in explain(pilot, result, Rules())}
    places = int(pilot.capacity.sum())
    assert len(result.assignments) == places < len(pilot.mentee_ids)
    # same-institution trap: UB Göttingen applicant never gets the Göttingen mentor
    assert by_id["E02"].mentor_id != "M01"
    assert by_id["E02"].status == RULE_SAME_INSTITUTION
    # nobody offers a university press: said honestly, in the applicant's words
    assert by_id["E08"].status == NEED_NOT_OFFERED
    assert by_id["E08"].params["need"] == "Hochschulverlag aufbauen"
    # the paraphrased monitoring need is found and explained
    e01 = by_id["E01"]
    assert e01.mentor_id == "M01"
    assert any(p["topic"] == "publication_monitoring" for p in e01.phrases)
    assert "Publication monitoring" in e01.text
    assert {"topic", "text", "context", "preference"} == set(e01.components)
    # the small library gets the allrounder
    assert by_id["E03"].mentor_id == "M03"
    assert any(ex.status == CAPACITY for ex in by_id.values())


def test_compare_modes_on_pilot(pilot):
    results, rows = compare_modes(pilot, Rules())
    assert [r["mode"] for r in rows] == ["optimal", "stable", "fair"]
    optimal, stable, fair = rows
    assert optimal["total_fit"] >= stable["total_fit"] - 1e-9
    assert stable["blocking_pairs"] == 0
    assert fair["lowest_fit"] >= optimal["lowest_fit"] - 1e-9
    assert fair["admitted"] == optimal["admitted"]


def test_close_call_and_low_fit_flags():
    fit = fit_from_scores([[0.50, 0.49], [0.05, 0.30]], capacity=[1, 1])
    rules = Rules(min_fit=0.2, low_fit=0.4, close_call_margin=0.02)
    ex = explain(fit, solve(fit, rules), rules)
    assert ex[0].close_call and ex[0].runner_up == "r1" and ex[0].mentor_id == "r0"
    assert not ex[1].close_call and ex[1].low_fit


def test_places_cap_reason():
    fit = fit_from_scores([[0.9], [0.8]], capacity=[2])
    result = solve(fit, Rules(places=1))
    assert [a.mentee_id for a in result.assignments] == ["e0"]
    assert result.unmatched[0].reason == PLACES_CAP


def test_favoured_applicant_is_placed_before_a_higher_fit():
    fit = fit_from_scores([[0.9], [0.3]], capacity=[1], favoured=[False, True])
    assert solve(fit, Rules()).assignments[0].mentee_id == "e1"


def test_favour_is_lexicographic_more_favoured_placed_beats_any_fit():
    # e0 (favoured) can go to r0 only; e1 (favoured) to r0 or r1; e2 loves r1.
    fit = fit_from_scores(
        [[0.3, 0.0], [0.9, 0.3], [0.0, 1.0]], capacity=[1, 1], favoured=[True, True, False]
    )
    result = solve(fit, Rules(min_fit=0.25))
    assert result.mentor_of() == {"e0": "r0", "e1": "r1"}
    assert result.favoured_placed == 2


def test_favour_never_places_someone_without_a_fitting_mentor():
    fit = fit_from_scores([[0.9], [0.1]], capacity=[1], favoured=[False, True])
    assert solve(fit, Rules(min_fit=0.25)).mentor_of() == {"e0": "r0"}


def test_pinned_pair_is_kept_and_conflicts_are_reported():
    fit = fit_from_scores([[0.9, 0.1], [0.8, 0.7]], capacity=[1, 1])
    result = solve(fit, Rules(pinned=frozenset({("e1", "r0")}), min_fit=0.2))
    assert result.mentor_of() == {"e1": "r0"}
    assert result.assignments[0].pinned
    with pytest.raises(RuleConflict):
        solve(fit, Rules(pinned=frozenset({("e0", "r0"), ("e1", "r0")})))
