"""Selection and matching in one step: optimal, stable and fair modes.

Exactness (optimal mode). Mentors are expanded into one column per place. Forbidden pairs
(hard rules, minimum fit) get the value 0, the same as "unassigned", never a big penalty:
`linear_sum_assignment` on the rectangular matrix with the smaller side as rows assigns
every row, and because the other side is at least as large, any matching of real (allowed)
pairs can be completed with 0-valued filler pairs. So the optimum of the full assignment
equals the maximum-weight matching over allowed pairs, and dropping the filler pairs gives
it. A cap of K tandems adds (rows - K) identical dummy columns worth more than any real pair:
every optimum uses all of them, which leaves exactly K rows for real pairs (or filler).
Tests check both against networkx and a MILP on random instances.
"""

from __future__ import annotations

import heapq
from collections import deque

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import maximum_bipartite_matching

from .fit import FitMatrix, feasible, rule_masks
from .model import (
    CAPACITY,
    EXCLUDED,
    MATCHED,
    NEED_NOT_OFFERED,
    NO_FITTING_MENTOR,
    NOT_SELECTED,
    PINNED,
    PLACES_CAP,
    RULE_LANGUAGE,
    RULE_SAME_INSTITUTION,
    Assignment,
    Result,
    Rules,
    Unmatched,
)
from .sparse import SparseStats, sparse_assignment

MODES = ("optimal", "stable", "fair")
EPS = 1e-9
CHUNK = 1024


class RuleConflict(ValueError):
    """Pinned pairs that contradict the rules or capacities."""


#: "auto" (sparse where it pays, else dense), "dense" or "sparse" (tests, benchmark)
SOLVERS = ("auto", "dense", "sparse")


def _max_weight_assignment(
    fit: FitMatrix,
    ok: np.ndarray,
    cap: np.ndarray,
    limit: int | None,
    bonus: float = 0.0,
    solver: str = "auto",
    stats: SparseStats | None = None,
) -> list[tuple[int, int]]:
    """Exact maximum-weight matching over allowed pairs with mentor capacities.

    The value of an allowed pair is fit (+ the favour bonus for a favoured applicant,
    + bonus); other pairs are worth 0. The sparse solver answers where it pays and can
    certify its answer (engine/sparse.py); otherwise the dense one does.
    """
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r}; use one of {', '.join(SOLVERS)}")
    if solver != "dense" and (limit is None or limit > 0):
        prio = np.where(fit.favoured, fit.favour_bonus(), 0.0)
        lim = None if limit is None or limit >= min(fit.shape[0], int(cap.sum())) else limit
        if (cap <= 0).any():  # pins can use up a mentor's places
            ok = ok & (cap > 0)[None, :]
        pairs = sparse_assignment(
            fit.total,
            prio,
            ok,
            np.maximum(cap, 0),
            lim,
            fit.favoured,
            bonus,
            stats=stats,
            force=solver == "sparse",
        )
        if pairs is not None:
            return pairs
    return _dense_assignment(fit, ok, cap, limit, bonus)


def _dense_assignment(
    fit: FitMatrix, ok: np.ndarray, cap: np.ndarray, limit: int | None, bonus: float = 0.0
) -> list[tuple[int, int]]:
    n = fit.shape[0]
    cols = np.repeat(np.arange(len(cap)), np.maximum(cap, 0))
    p = len(cols)
    if n == 0 or p == 0 or (limit is not None and limit <= 0):
        return []
    if limit is not None and limit >= min(n, p):
        limit = None
    rows_are_mentees = n <= p
    r, c = (n, p) if rows_are_mentees else (p, n)
    dummies = 0 if limit is None else r - limit
    cost = np.zeros((r, c + dummies), dtype=np.float64)
    prio = np.where(fit.favoured, fit.favour_bonus(), 0.0)
    if rows_are_mentees:
        total, allowed = fit.total, ok
    else:  # one row per mentor place: gather rows of the transposed (contiguous) matrices
        total, allowed = np.ascontiguousarray(fit.total.T), np.ascontiguousarray(ok.T)
    vmax = 0.0
    for start in range(0, r, CHUNK):
        stop = min(r, start + CHUNK)
        out = cost[start:stop, :c]  # filled in place: no float64 temporaries
        if rows_are_mentees:
            np.add(total[start:stop][:, cols], prio[start:stop, None], out=out)
            mask = allowed[start:stop][:, cols]
        else:
            sel = cols[start:stop]
            np.add(total[sel], prio[None, :], out=out)
            mask = allowed[sel]
        if bonus:
            out += bonus
        out *= mask
        if out.size:
            vmax = max(vmax, float(out.max()))
        np.negative(out, out=out)
    del total, allowed
    if dummies:
        cost[:, c:] = -(2.0 * vmax + 1.0)
    row_ind, col_ind = linear_sum_assignment(cost)
    del cost
    pairs = []
    for a, b in zip(row_ind.tolist(), col_ind.tolist(), strict=True):
        if b >= c:
            continue
        i, j = (a, int(cols[b])) if rows_are_mentees else (b, int(cols[a]))
        if ok[i, j]:
            pairs.append((i, j))
    return pairs


def _pins(fit: FitMatrix, rules: Rules) -> list[tuple[int, int]]:
    problems, pins, seen = [], [], set()
    load = np.zeros(len(fit.capacity), dtype=np.int64)
    for e, r in sorted(rules.pinned):
        i, j = fit.mentee_index.get(e), fit.mentor_index.get(r)
        if i is None or j is None:
            problems.append(f"pinned pair ({e}, {r}): unknown id")
            continue
        if i in seen:
            problems.append(f"pinned pair ({e}, {r}): mentee {e} is pinned twice")
        for name, mask in rule_masks(fit, rules, slice(i, i + 1)).items():
            if name != "capacity" and not mask[0, j]:
                problems.append(f"pinned pair ({e}, {r}) breaks the rule '{name}'")
        seen.add(i)
        load[j] += 1
        pins.append((i, j))
    for j in np.flatnonzero(load > fit.capacity):
        problems.append(f"mentor {fit.mentor_ids[j]} has more pinned pairs than places")
    if rules.places is not None and len(pins) > rules.places:
        problems.append("more pinned pairs than places in the round")
    if problems:
        raise RuleConflict("; ".join(problems))
    return pins


def _stable_pairs(
    fit: FitMatrix, ok: np.ndarray, cap: np.ndarray, limit: int | None
) -> list[tuple[int, int]]:
    """Mentee-proposing deferred acceptance with capacities.

    Mentees rank allowed mentors by fit; mentors rank favoured mentees first, then by fit
    (ties: the earlier mentee). The result has no blocking pair among allowed pairs.
    """
    n, _ = fit.shape
    total, fav = fit.total, fit.favoured
    prefs: list[np.ndarray] = []
    for i in range(n):
        js = np.flatnonzero(ok[i])
        prefs.append(js[np.lexsort((js, -total[i, js]))] if len(js) else js)
    nxt = [0] * n
    held: list[list[tuple[float, int, int]]] = [[] for _ in range(len(cap))]
    free = deque(i for i in range(n) if len(prefs[i]))
    while free:
        i = free.popleft()
        if nxt[i] >= len(prefs[i]):
            continue
        j = int(prefs[i][nxt[i]])
        nxt[i] += 1
        if cap[j] <= 0:
            free.append(i)
            continue
        key = (bool(fav[i]), float(total[i, j]), -i, i)
        if len(held[j]) < cap[j]:
            heapq.heappush(held[j], key)
        elif key > held[j][0]:
            out = heapq.heapreplace(held[j], key)
            free.append(out[3])
        else:
            free.append(i)
    pairs = [(key[3], j) for j, h in enumerate(held) for key in h]
    if limit is not None and len(pairs) > limit:
        # the cap is not part of stability; keep favoured applicants, then the most fit
        pairs.sort(key=lambda p: (not fav[p[0]], -total[p], p[0]))
        pairs = pairs[:limit]
    return pairs


def _max_cardinality(ok: np.ndarray, cap: np.ndarray) -> int:
    cols = np.repeat(np.arange(len(cap)), np.maximum(cap, 0))
    if ok.shape[0] == 0 or len(cols) == 0:
        return 0
    graph = sp.csr_matrix(ok[:, cols])
    if graph.nnz == 0:
        return 0
    match = maximum_bipartite_matching(graph, perm_type="column")
    return int((match >= 0).sum())


def _fair_pairs(
    fit: FitMatrix, ok: np.ndarray, cap: np.ndarray, k: int, solver: str = "auto"
) -> list[tuple[int, int]]:
    """Among matchings with k pairs, maximise the lowest fit, then the weighted total."""
    if k == 0:
        return []
    total = fit.total
    levels = np.unique(total[ok])
    lo, hi = 0, len(levels) - 1  # levels[lo] is always achievable (the optimum has k pairs)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _max_cardinality(ok & (total >= levels[mid]), cap) >= k:
            lo = mid
        else:
            hi = mid - 1
    ok_t = ok & (total >= levels[lo])
    # one more pair outweighs any difference in fit and in favoured applicants placed
    bonus = k * (1.0 + fit.favour_bonus() * float(fit.favoured.any())) + 1.0
    return _max_weight_assignment(fit, ok_t, cap, k, bonus, solver=solver)


def _reasons(
    fit: FitMatrix,
    rules: Rules,
    ok: np.ndarray,
    assigned: dict[int, int],
    cap: np.ndarray,
) -> list[Unmatched]:
    load = np.bincount(list(assigned.values()), minlength=len(cap)) if assigned else 0
    free = (cap - load) > 0
    cap_full = rules.places is not None and len(assigned) >= rules.places
    out = []
    for i in range(fit.shape[0]):
        if i in assigned:
            continue
        eid = fit.mentee_ids[i]
        row = fit.total[i]
        if i in fit.unserved:
            # honest: the need is not on offer, whatever the places (never "higher fit")
            key, words = fit.unserved[i]
            out.append(
                Unmatched(eid, NEED_NOT_OFFERED, {"kind": "need", "need": words, "need_key": key})
            )
            continue
        if ok[i].any():
            js = np.flatnonzero(ok[i])
            best = int(js[np.argmax(row[js])])
            detail = {
                "kind": "best_allowed",
                "mentor": fit.mentor_ids[best],
                "fit": round(float(row[best]), 4),
            }
            if cap_full and free[js].any():
                out.append(Unmatched(eid, PLACES_CAP, detail))
            elif not free[js].any():
                out.append(Unmatched(eid, CAPACITY, detail))
            else:
                out.append(Unmatched(eid, NOT_SELECTED, detail))
            continue
        cand = np.flatnonzero(row >= np.float32(rules.min_fit))
        if len(cand) == 0:
            best = int(np.argmax(row)) if len(row) else -1
            detail = (
                {
                    "kind": "below_minimum",
                    "mentor": fit.mentor_ids[best],
                    "fit": round(float(row[best]), 4),
                    "minimum": rules.min_fit,
                }
                if best >= 0
                else {"kind": "no_mentors"}
            )
            out.append(Unmatched(eid, NO_FITTING_MENTOR, detail))
            continue
        best = int(cand[np.argmax(row[cand])])
        masks = rule_masks(fit, rules, slice(i, i + 1))
        mid = fit.mentor_ids[best]
        detail = {"kind": "best_fit", "mentor": mid, "fit": round(float(row[best]), 4)}
        if not masks["excluded"][0, best]:
            code = EXCLUDED
        elif "institution" in masks and not masks["institution"][0, best]:
            code = RULE_SAME_INSTITUTION
        elif "language" in masks and not masks["language"][0, best]:
            code = RULE_LANGUAGE
        else:
            code = CAPACITY
        out.append(Unmatched(eid, code, detail))
    return out


def solve(
    fit: FitMatrix,
    rules: Rules | None = None,
    mode: str = "optimal",
    ok: np.ndarray | None = None,
    solver: str = "auto",
    stats: SparseStats | None = None,
) -> Result:
    """Choose whom to admit and with whom, subject to the rules.

    optimal: most favoured applicants placed, then maximum total fit (lexicographic, exact).
    stable: mentee-proposing deferred acceptance (no blocking pair).
    fair: as many pairs as the optimal mode, lowest fit as high as possible, then the total.
    solver: for the exact matchings, "auto" (the certified sparse solver where it pays),
    "dense" or "sparse"; `stats` receives what the sparse solver did.
    """
    rules = rules or Rules()
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    pins = _pins(fit, rules)
    ok = feasible(fit, rules) if ok is None else ok.copy()
    cap = fit.capacity.copy()
    for i, j in pins:
        ok[i, :] = False
        cap[j] -= 1
    limit = None if rules.places is None else rules.places - len(pins)
    total = fit.total
    if mode == "optimal":
        pairs = _max_weight_assignment(fit, ok, cap, limit, solver=solver, stats=stats)
    elif mode == "stable":
        pairs = _stable_pairs(fit, ok, cap, limit)
    else:
        k = len(_max_weight_assignment(fit, ok, cap, limit, solver=solver, stats=stats))
        pairs = _fair_pairs(fit, ok, cap, k, solver)

    assigned = dict(pins)
    assigned.update(dict(pairs))
    pinned = set(pins)
    assignments = [
        Assignment(
            fit.mentee_ids[i], fit.mentor_ids[j], float(total[i, j]), pinned=(i, j) in pinned
        )
        for i, j in sorted(assigned.items())
    ]
    favoured_placed = int(sum(bool(fit.favoured[i]) for i in assigned))
    objective = float(sum(float(total[i, j]) for i, j in assigned.items()))
    objective += fit.favour_bonus() * favoured_placed
    unmatched = _reasons(fit, rules, ok, assigned, fit.capacity)
    return Result(
        mode=mode,
        assignments=assignments,
        unmatched=unmatched,
        objective=objective,
        favoured_placed=favoured_placed,
    )


def status_of(result: Result, mentee_id: str) -> str:
    for a in result.assignments:
        if a.mentee_id == mentee_id:
            return PINNED if a.pinned else MATCHED
    for u in result.unmatched:
        if u.mentee_id == mentee_id:
            return u.reason
    raise KeyError(mentee_id)


def blocking_pairs(
    fit: FitMatrix, rules: Rules, result: Result, ok: np.ndarray | None = None
) -> list[tuple[str, str]]:
    """Allowed pairs whose mentee and mentor would both rather be together.

    Mentees compare by fit, mentors by favoured first, then fit; pinned pairs are fixed and never
    block. A free place counts unless the cap on tandems is full and the mentee would be
    a new admission.
    """
    if ok is None:
        ok = feasible(fit, rules)
    n, m = fit.shape
    total = fit.total
    prio = np.where(fit.favoured, fit.favour_bonus(), 0.0)
    mentor_of = np.full(n, -1, dtype=np.int64)
    pinned_row = np.zeros(n, dtype=bool)
    load = np.zeros(m, dtype=np.int64)
    worst = np.full(m, np.inf)
    for a in result.assignments:
        i, j = fit.mentee_index[a.mentee_id], fit.mentor_index[a.mentor_id]
        mentor_of[i] = j
        load[j] += 1
        if a.pinned:
            pinned_row[i] = True
        else:
            worst[j] = min(worst[j], prio[i] + float(total[i, j]))
    free = load < fit.capacity
    cap_full = rules.places is not None and len(result.assignments) >= rules.places
    matched = mentor_of >= 0
    current = np.full(n, -np.inf)
    current[matched] = total[matched, mentor_of[matched]]
    out = []
    for start in range(0, n, CHUNK):
        s = slice(start, min(n, start + CHUNK))
        t = total[s].astype(np.float64)
        better = t > current[s, None] + EPS
        accept = free[None, :] & (matched[s, None] | (not cap_full))
        accept = accept | (t + prio[s, None] > worst[None, :] + EPS)
        block = ok[s] & better & accept & ~pinned_row[s, None]
        for i, j in zip(*np.nonzero(block), strict=True):
            out.append((fit.mentee_ids[start + int(i)], fit.mentor_ids[int(j)]))
    return out


def summarise(fit: FitMatrix, rules: Rules, result: Result, ok: np.ndarray) -> dict:
    scores = [a.score for a in result.assignments]
    return {
        "mode": result.mode,
        "admitted": len(scores),
        "total_fit": float(sum(scores)),
        "objective": result.objective,
        "lowest_fit": min(scores) if scores else None,
        "mean_fit": float(np.mean(scores)) if scores else None,
        "low_fit_pairs": sum(s < rules.low_fit for s in scores),
        "blocking_pairs": len(blocking_pairs(fit, rules, result, ok)),
    }


def compare_modes(
    fit: FitMatrix, rules: Rules | None = None, modes: tuple[str, ...] = MODES
) -> tuple[dict[str, Result], list[dict]]:
    """Solve in every mode on the same data; one summary row per mode."""
    rules = rules or Rules()
    ok = feasible(fit, rules)
    results = {mode: solve(fit, rules, mode, ok=ok) for mode in modes}
    rows = [summarise(fit, rules, r, ok) for r in results.values()]
    if "optimal" in results:
        ref = set(results["optimal"].mentor_of().items())
        for row, r in zip(rows, results.values(), strict=True):
            row["same_pairs_as_optimal"] = len(ref & set(r.mentor_of().items()))
    return results, rows
