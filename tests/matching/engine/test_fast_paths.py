"""The solver's fast paths say the same as their plain statements (issue 15).

`feasible` writes the hard rules straight into one mask (it runs before every solve), while
`rule_masks` states them one by one for the reasons; the sparse solver's certificate
screens every pair in float32 before it checks the flagged ones in float64. Both are
checked here against plain loops, near the edges where they could go wrong: pairs whose
reduced cost lies within float32's rounding of the tolerance, with the favour bonus's
large values in the same rows.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.engine import sparse
from tandem.matching.engine.fit import feasible, rule_masks

from .test_solve_properties import allowed_pairs, instances

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(instances(), st.booleans())
def test_feasible_is_every_rule_at_once(inst, shared_language):
    fit, rules, e_inst, r_inst, e_lang, r_lang = inst
    rules = dataclasses.replace(rules, shared_language=shared_language)
    ok = feasible(fit, rules)
    if not shared_language:  # the plain statement always asks for a shared language
        e_lang, r_lang = [frozenset({"de"})] * len(e_lang), [frozenset({"de"})] * len(r_lang)
    assert np.array_equal(ok, allowed_pairs(fit, rules, e_inst, r_inst, e_lang, r_lang))
    one_by_one = fit.total >= np.float32(rules.min_fit)
    for mask in rule_masks(fit, rules).values():
        one_by_one = one_by_one & mask
    assert np.array_equal(ok, one_by_one)


@st.composite
def duals(draw):
    """A score matrix with potentials that put many pairs right at the tolerance."""
    n, m = draw(st.integers(1, 40)), draw(st.integers(1, 30))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    total = rng.random((n, m), dtype=np.float32)
    favoured = rng.random(n) < 0.3
    prio = np.where(favoured, float(draw(st.sampled_from([0, 37, 5001, 20001]))), 0.0)
    bonus = draw(st.sampled_from([0.0, 0.0, 1.5]))
    v = rng.normal(0, draw(st.sampled_from([1.0, 100.0, 5000.0])), m)
    # u_i puts the pair (i, j_i) within 1e-6 of the tolerance, on either side
    j_i = rng.integers(0, m, n)
    edge = rng.uniform(-1e-6, 1e-6, n)
    u = total[np.arange(n), j_i].astype(np.float64) + prio + bonus - v[j_i] - sparse.TOLERANCE
    u -= edge
    ok = rng.random((n, m)) < 0.8
    in_graph = rng.random((n, m)) < 0.2
    margin = draw(st.sampled_from([0.0, 0.0, 0.05]))
    return total, prio, bonus, u, v, ok, in_graph, margin


@SETTINGS
@given(duals(), st.sampled_from([1, 3, 50]))
def test_the_certificate_misses_no_violating_pair(case, per_row):
    total, prio, bonus, u, v, ok, in_graph, margin = case
    count, rows, cols = sparse.violations(
        total, prio, ok, u, v, bonus, in_graph, per_row=per_row, margin=margin
    )
    reduced = total.astype(np.float64) + prio[:, None] + bonus - u[:, None] - v[None, :]
    open_pairs = ok & ~in_graph
    violating = open_pairs & (reduced > sparse.TOLERANCE)
    assert count == int(violating.sum())
    if not count:
        assert len(rows) == 0
        return
    near = open_pairs & (reduced > min(sparse.TOLERANCE, -margin))
    assert near[rows, cols].all()
    assert len(set(zip(rows.tolist(), cols.tolist(), strict=True))) == len(rows)
    for i in range(total.shape[0]):
        mine = cols[rows == i]
        wanted = np.flatnonzero(near[i])
        assert len(mine) == min(per_row, len(wanted))
        if len(mine):
            # the row's worst pairs: none left out is worth more than one returned
            left = np.setdiff1d(wanted, mine)
            if len(left):
                assert reduced[i, left].max() <= reduced[i, mine].min()
