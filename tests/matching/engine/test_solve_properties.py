"""Property tests: no rule is ever broken, and the optimum equals independent solvers'."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from tandem.matching.engine import Rules, blocking_pairs, fit_from_scores, solve

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGS = [frozenset({"de"}), frozenset({"en"}), frozenset({"de", "en"})]


@st.composite
def instances(draw):
    n = draw(st.integers(0, 7))
    m = draw(st.integers(0, 5))
    # scores on a coarse grid, so ties happen
    grid = st.integers(0, 20).map(lambda k: k / 20)
    total = np.array([[draw(grid) for _ in range(m)] for _ in range(n)], dtype=np.float32).reshape(
        n, m
    )
    capacity = [draw(st.integers(0, 3)) for _ in range(m)]
    e_inst = [draw(st.sampled_from("ABC")) for _ in range(n)]
    r_inst = [draw(st.sampled_from("ABCD")) for _ in range(m)]
    e_lang = [draw(st.sampled_from(LANGS)) for _ in range(n)]
    r_lang = [draw(st.sampled_from(LANGS)) for _ in range(m)]
    favoured = [draw(st.sampled_from([False, False, True])) for _ in range(n)]
    fit = fit_from_scores(
        total,
        capacity=capacity,
        mentee_institutions=e_inst,
        mentor_institutions=r_inst,
        mentee_languages=e_lang,
        mentor_languages=r_lang,
        favoured=favoured,
    )
    pairs = [(fit.mentee_ids[i], fit.mentor_ids[j]) for i in range(n) for j in range(m)]
    excluded = frozenset(draw(st.lists(st.sampled_from(pairs), max_size=4))) if pairs else []
    min_fit = draw(st.sampled_from([0.0, 0.2, 0.5]))
    places = draw(st.one_of(st.none(), st.integers(0, 6)))
    cross = draw(st.booleans())
    # pins: drawn among pairs allowed by the institution/language/exclusion rules
    pinned, load, pinned_mentees = set(), [0] * m, set()
    for e, r in draw(st.lists(st.sampled_from(pairs), max_size=3)) if pairs else []:
        i, j = fit.mentee_index[e], fit.mentor_index[r]
        allowed = (
            (not cross or e_inst[i] != r_inst[j])
            and (e_lang[i] & r_lang[j])
            and (e, r) not in excluded
            and load[j] < capacity[j]
            and e not in pinned_mentees
            and (places is None or len(pinned) < places)
        )
        if allowed:
            pinned.add((e, r))
            load[j] += 1
            pinned_mentees.add(e)
    rules = Rules(
        min_fit=min_fit,
        cross_institution=cross,
        places=places,
        excluded=frozenset(excluded),
        pinned=frozenset(pinned),
    )
    return fit, rules, e_inst, r_inst, e_lang, r_lang


def allowed_pairs(fit, rules, e_inst, r_inst, e_lang, r_lang):
    """Independent statement of the rules (not using the engine's mask)."""
    n, m = fit.shape
    ok = np.zeros((n, m), dtype=bool)
    for i in range(n):
        for j in range(m):
            ok[i, j] = (
                fit.total[i, j] >= np.float32(rules.min_fit)
                and (not rules.cross_institution or e_inst[i] != r_inst[j])
                and bool(e_lang[i] & r_lang[j])
                and (fit.mentee_ids[i], fit.mentor_ids[j]) not in rules.excluded
                and fit.capacity[j] > 0
            )
    return ok


def check_rules(fit, rules, result, ok):
    seen = set()
    load = np.zeros(fit.shape[1], dtype=int)
    for a in result.assignments:
        i, j = fit.mentee_index[a.mentee_id], fit.mentor_index[a.mentor_id]
        assert i not in seen, "mentee matched twice"
        seen.add(i)
        load[j] += 1
        if a.pinned:
            assert (a.mentee_id, a.mentor_id) in rules.pinned
        else:
            assert ok[i, j], f"rule broken by {a}"
        assert a.score == pytest.approx(float(fit.total[i, j]))
    assert (load <= fit.capacity).all(), "capacity exceeded"
    if rules.places is not None:
        assert len(result.assignments) <= rules.places
    assert set(rules.pinned) <= {(a.mentee_id, a.mentor_id) for a in result.assignments}
    assert {u.mentee_id for u in result.unmatched}.isdisjoint(seen)
    assert len(seen) + len(result.unmatched) == fit.shape[0]


def value(fit, i, j):
    """Lexicographic objective as one number: favoured applicants placed, then fit."""
    return float(fit.total[i, j]) + (fit.favour_bonus() if fit.favoured[i] else 0.0)


def reduced(fit, rules, ok):
    """Pinned pairs taken out: remaining allowed edges with weights, remaining capacity."""
    cap = fit.capacity.copy()
    pinned_rows, pinned_value = set(), 0.0
    for e, r in rules.pinned:
        i, j = fit.mentee_index[e], fit.mentor_index[r]
        cap[j] -= 1
        pinned_rows.add(i)
        pinned_value += value(fit, i, j)
    edges = [
        (i, j, value(fit, i, j))
        for i in range(fit.shape[0])
        for j in range(fit.shape[1])
        if ok[i, j] and i not in pinned_rows and cap[j] > 0
    ]
    limit = None if rules.places is None else rules.places - len(rules.pinned)
    return edges, cap, pinned_value, limit


def networkx_optimum(fit, edges, cap):
    g = nx.Graph()
    for i, j, w in edges:
        for k in range(cap[j]):
            g.add_edge(("e", i), ("p", j, k), weight=w)
    matching = nx.max_weight_matching(g)
    return sum(g[a][b]["weight"] for a, b in matching)


def milp_optimum(fit, edges, cap, limit, min_count=0):
    if not edges:
        return 0.0
    n, m = fit.shape
    k = len(edges)
    w = np.array([e[2] for e in edges])
    rows = []
    ub = []
    for i in range(n):
        rows.append([1.0 if e[0] == i else 0.0 for e in edges])
        ub.append(1)
    for j in range(m):
        rows.append([1.0 if e[1] == j else 0.0 for e in edges])
        ub.append(max(cap[j], 0))
    lb = [0] * len(rows)
    rows.append([1.0] * k)
    ub.append(k if limit is None else limit)
    lb.append(min_count)
    res = milp(
        -w,
        constraints=LinearConstraint(np.array(rows), lb, ub),
        integrality=np.ones(k),
        bounds=Bounds(0, 1),
    )
    assert res.status == 0
    return -res.fun


@SETTINGS
@given(instances())
def test_optimal_mode_breaks_no_rule_and_is_optimal(inst):
    fit, rules, *attrs = inst
    ok = allowed_pairs(fit, rules, *attrs)
    result = solve(fit, rules, "optimal")
    check_rules(fit, rules, result, ok)
    edges, cap, pinned_value, limit = reduced(fit, rules, ok)
    expected = milp_optimum(fit, edges, cap, limit)
    assert result.objective == pytest.approx(pinned_value + expected, abs=1e-5)
    if limit is None:
        assert result.objective == pytest.approx(
            pinned_value + networkx_optimum(fit, edges, cap), abs=1e-5
        )


@SETTINGS
@given(instances())
def test_stable_mode_breaks_no_rule_and_has_no_blocking_pair(inst):
    fit, rules, *attrs = inst
    ok = allowed_pairs(fit, rules, *attrs)
    result = solve(fit, rules, "stable")
    check_rules(fit, rules, result, ok)
    if rules.places is None:
        assert blocking_pairs(fit, rules, result) == []


@SETTINGS
@given(instances())
def test_fair_mode_maximises_lowest_fit_then_total(inst):
    fit, rules, *attrs = inst
    ok = allowed_pairs(fit, rules, *attrs)
    optimal = solve(fit, rules, "optimal")
    fair = solve(fit, rules, "fair")
    check_rules(fit, rules, fair, ok)
    assert len(fair.assignments) == len(optimal.assignments)
    free = [a for a in fair.assignments if not a.pinned]
    if not free:
        return
    edges, cap, pinned_value, limit = reduced(fit, rules, ok)
    k = len(free)
    lowest = min(a.score for a in free)
    # no matching of k pairs has a higher lowest fit ...
    higher = [e for e in edges if fit.total[e[0], e[1]] > np.float32(lowest)]
    g = nx.Graph()
    for i, j, _ in higher:
        for c in range(cap[j]):
            g.add_edge(("e", i), ("p", j, c))
    assert len(nx.max_weight_matching(g, maxcardinality=True)) < k
    # ... and among those with this lowest fit, the total is the best
    at_least = [e for e in edges if fit.total[e[0], e[1]] >= np.float32(lowest)]
    best = milp_optimum(fit, at_least, cap, k, min_count=k)
    assert fair.objective == pytest.approx(pinned_value + best, abs=1e-5)
