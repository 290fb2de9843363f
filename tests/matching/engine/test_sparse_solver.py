"""The certified sparse solver against the dense solver and an independent MILP (issue 15).

Random instances with continuous scores (so the optimum is unique and the admitted set is
the same whoever finds it), hard rules, favoured applicants and pins. The candidate lists
are cut to one or two pairs per applicant, so the certificate must find the pairs left out
and the solver must add them and solve again.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.engine import Rules, fit_from_scores, solve, sparse
from tandem.matching.engine.sparse import SparseStats, sparse_assignment

from .test_solve_properties import allowed_pairs, check_rules, milp_optimum, reduced

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LANGS = [frozenset({"de"}), frozenset({"en"}), frozenset({"de", "en"})]


@st.composite
def instances(draw):
    n = draw(st.integers(1, 12))
    m = draw(st.integers(1, 6))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    total = rng.random((n, m), dtype=np.float32)
    capacity = rng.integers(0, 3, m).tolist()
    e_inst = rng.choice(list("ABC"), n).tolist()
    r_inst = rng.choice(list("ABCD"), m).tolist()
    e_lang = [LANGS[x] for x in rng.integers(0, 3, n)]
    r_lang = [LANGS[x] for x in rng.integers(0, 3, m)]
    favoured = (rng.random(n) < draw(st.sampled_from([0.0, 0.2, 0.5]))).tolist()
    fit = fit_from_scores(
        total,
        capacity=capacity,
        mentee_institutions=e_inst,
        mentor_institutions=r_inst,
        mentee_languages=e_lang,
        mentor_languages=r_lang,
        favoured=favoured,
    )
    cross = draw(st.booleans())
    min_fit = draw(st.sampled_from([0.0, 0.3]))
    excluded = frozenset(
        (fit.mentee_ids[i], fit.mentor_ids[j])
        for i, j in zip(rng.integers(0, n, 3), rng.integers(0, m, 3), strict=True)
        if draw(st.booleans())
    )
    pinned, load = set(), [0] * m
    if draw(st.booleans()):
        i, j = int(rng.integers(0, n)), int(rng.integers(0, m))
        e, r = fit.mentee_ids[i], fit.mentor_ids[j]
        if (
            (not cross or e_inst[i] != r_inst[j])
            and e_lang[i] & r_lang[j]
            and (e, r) not in excluded
            and load[j] < capacity[j]
        ):
            pinned.add((e, r))
    rules = Rules(
        min_fit=min_fit,
        cross_institution=cross,
        excluded=excluded,
        pinned=frozenset(pinned),
        places=draw(st.one_of(st.none(), st.none(), st.integers(len(pinned), 5))),
    )
    return fit, rules, e_inst, r_inst, e_lang, r_lang


def admitted(result):
    return {a.mentee_id for a in result.assignments}


@SETTINGS
@given(instances(), st.sampled_from([1, 2]))
def test_sparse_equals_dense_and_milp(monkeypatch_k, inst, k):
    fit, rules, *attrs = inst
    monkeypatch_k(k)
    ok = allowed_pairs(fit, rules, *attrs)
    stats = SparseStats()
    fast = solve(fit, rules, "optimal", solver="sparse", stats=stats)
    dense = solve(fit, rules, "optimal", solver="dense")
    check_rules(fit, rules, fast, ok)
    assert fast.objective == pytest.approx(dense.objective, abs=1e-5)
    assert fast.favoured_placed == dense.favoured_placed
    assert admitted(fast) == admitted(dense)
    edges, cap, pinned_value, limit = reduced(fit, rules, ok)
    assert fast.objective == pytest.approx(
        pinned_value + milp_optimum(fit, edges, cap, limit), abs=1e-5
    )
    if rules.places is None:
        # no cap: the sparse solver answered itself, certified
        assert stats.certified and stats.reason == ""


@SETTINGS
@given(instances())
def test_fair_mode_is_the_same_with_the_sparse_solver(monkeypatch_k, inst):
    fit, rules, *_ = inst
    monkeypatch_k(1)
    fast = solve(fit, rules, "fair", solver="sparse")
    dense = solve(fit, rules, "fair", solver="dense")
    assert fast.objective == pytest.approx(dense.objective, abs=1e-5)
    assert len(fast.assignments) == len(dense.assignments)


def test_a_left_out_pair_with_positive_reduced_cost_is_added():
    """Applicant 0's best pair is kept out of the first candidates; the certificate finds it."""
    total = np.array([[0.9, 0.8, 0.1], [0.85, 0.2, 0.1], [0.3, 0.1, 0.95]], dtype=np.float32)
    ok = np.ones_like(total, dtype=bool)
    prio = np.zeros(3)
    cap = np.array([1, 1, 1])
    stats = SparseStats()
    pairs = sparse_assignment(
        total, prio, ok, cap, None, np.zeros(3, bool), k=1, stats=stats, force=True
    )
    # best total: 0-1 (0.8) + 1-0 (0.85) + 2-2 (0.95) = 2.6 > 0-0 + 1-1 + 2-2 = 2.05
    assert sorted(pairs) == [(0, 1), (1, 0), (2, 2)]
    assert stats.certified


def test_the_dense_solver_answers_where_sparse_does_not_pay():
    fit = fit_from_scores(np.random.default_rng(1).random((30, 10)), capacity=[2] * 10)
    stats = SparseStats()
    solve(fit, Rules(), "optimal", stats=stats)
    assert stats.reason == "dense fits in memory" and not stats.certified


@pytest.fixture
def monkeypatch_k():
    """Cut the candidate lists (hypothesis and function-scoped fixtures: restore by hand)."""
    before = sparse.K_BEST

    def set_k(k):
        sparse.K_BEST = k

    yield set_k
    sparse.K_BEST = before


def test_above_the_dense_limit_the_sparse_solver_answers_certified():
    """2,400 x 1,200 with ~1,800 places: the dense matrix (~35 MB) is over DENSE_MAX_BYTES."""
    rng = np.random.default_rng(3)
    n, m = 2400, 1200
    fit = fit_from_scores(
        rng.random((n, m), dtype=np.float32),
        capacity=rng.integers(1, 3, m).tolist(),
        favoured=(rng.random(n) < 0.05).tolist(),
    )
    assert n * int(fit.capacity.sum()) * 8 > sparse.DENSE_MAX_BYTES
    stats = SparseStats()
    fast = solve(fit, Rules(min_fit=0.2), "optimal", stats=stats)
    dense = solve(fit, Rules(min_fit=0.2), "optimal", solver="dense")
    assert stats.certified and stats.reason == ""
    assert fast.objective == pytest.approx(dense.objective, abs=1e-6)
    assert fast.favoured_placed == dense.favoured_placed
    assert admitted(fast) == admitted(dense)
