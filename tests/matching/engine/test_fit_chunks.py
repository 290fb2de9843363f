"""Fit scores computed in chunks of applicant rows equal the scores computed at once.

Chunking bounds the memory of large rounds (issue 15); it must not change a single bit of
any score, explanation or solution. Each instance mixes what lowers or raises single rows:
stated preferences on both sides, favoured applicants, a central outside need (offered by
some mentors, by none for others), vague applications.
"""

from dataclasses import replace

import numpy as np
import pytest

from tandem.matching.engine import COMPONENTS, Rules, compute_fit, explain, solve
from tandem.matching.engine.synthetic import synthetic_round

LEGAL = (
    "Vergaberecht und Ausschreibung: juristisch, Haftung, Vertragsgestaltung, "
    "Rechtsberatung zum Vergabeverfahren."
)
VAGUE = "Publikationsfonds, keine konkreten Pläne; das Projekt ist noch nicht festgelegt."


def _instance(n: int, m: int, seed: int):
    mentees, mentors = synthetic_round(n, m, seed=seed)
    rng = np.random.default_rng(seed)
    mentee_ids = [e.id for e in mentees]
    mentees = [
        replace(e, expectations=LEGAL, projects="")
        if i % 5 == 1
        else replace(e, expectations=VAGUE, projects="")
        if i % 7 == 2
        else e
        for i, e in enumerate(mentees)
    ]
    mentors = [
        replace(
            r,
            profile=(r.profile + " Vergaberecht und Ausschreibung, juristisch beraten.")
            if j % 4 == 0 and seed % 2 == 0
            else r.profile,
            preferred_mentees=tuple(rng.choice(mentee_ids, size=2, replace=False)),
        )
        for j, r in enumerate(mentors)
    ]
    return mentees, mentors


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("chunk", [2, 3, 7])
def test_chunked_scores_equal_unchunked_bit_for_bit(seed, chunk):
    n, m = 23 + 3 * seed, 9 + seed
    mentees, mentors = _instance(n, m, seed)
    whole = compute_fit(mentees, mentors, chunk=10**6, keep_components=True)
    parts = compute_fit(mentees, mentors, chunk=chunk, keep_components=False)
    assert np.array_equal(whole.total, parts.total)
    assert not parts.components  # not kept: recomputed when asked
    assert parts.unserved == whole.unserved
    assert np.array_equal(parts.vague, whole.vague)
    # the instance has rows of every kind that chunks must carry through
    assert parts.vague.any() and parts.scorer.outside and parts.scorer.preferences
    assert bool(parts.unserved) == (seed % 2 == 1)
    # any rows asked again (one row, scattered rows) give the kept components exactly
    for rows in ([0], [n - 1], [5, 2, 17], list(range(n))):
        again = parts.component_rows(rows)
        for c in COMPONENTS:
            assert np.array_equal(again[c], whole.components[c][rows]), (c, rows)
    assert parts.pair(3, 4) == whole.pair(3, 4)
    # single pairs (what explanations recompute) too, scattered and in any order
    rng = np.random.default_rng(seed)
    for size in (1, 2, 40):
        r, c = rng.integers(0, n, size), rng.integers(0, m, size)
        got = parts.scorer.pairs(r, c)
        for name in COMPONENTS:
            assert np.array_equal(got[name], whole.components[name][r, c]), (name, size)


@pytest.mark.parametrize("seed", [5, 6])
def test_chunks_change_no_solution_and_no_explanation(seed):
    mentees, mentors = _instance(31, 12, seed)
    whole = compute_fit(mentees, mentors, chunk=10**6, keep_components=True)
    parts = compute_fit(mentees, mentors, chunk=4, keep_components=False)
    rules = Rules(min_fit=0.05)
    for mode in ("optimal", "stable", "fair"):
        a, b = solve(whole, rules, mode), solve(parts, rules, mode)
        assert a.assignments == b.assignments and a.unmatched == b.unmatched
        assert a.objective == b.objective
    a, b = solve(whole, rules), solve(parts, rules)
    assert [x.as_dict() for x in explain(whole, a, rules)] == [
        x.as_dict() for x in explain(parts, b, rules)
    ]
    assert any(x.components for x in explain(parts, b, rules))


def test_sizes_that_leave_a_single_row_for_the_last_chunk():
    """n = 2k + 1 rows in chunks of 2: the last row joins the previous chunk."""
    mentees, mentors = _instance(21, 8, 2)
    whole = compute_fit(mentees, mentors, chunk=10**6)
    assert np.array_equal(compute_fit(mentees, mentors, chunk=2).total, whole.total)
