"""The sparse exact solver: few candidate pairs, solved exactly, certified optimal.

Most of an n x m score matrix never matters: an applicant ends up with one of the mentors
that fit them best. So the solver keeps, per applicant, the best `k` allowed pairs by value
(and per mentor the best `k` applicants, and more pairs of a favoured applicant: the
favour bonus makes any of them worth more than all fit; the certificate adds every further
pair a favoured or pinned-out applicant needs), and solves the maximum-weight
b-matching on that graph exactly: scipy's LAPJVsp (min_weight_full_bipartite_matching) on
the mentors' places plus one "unassigned" column per applicant, so leaving someone out is
worth 0. A binding cap on tandems is left to the dense solver.

Certificate (LP duality). The matching is a flow s -> applicant -> mentor -> t -> s with
cost -w on a pair; it is optimal on the candidate pairs exactly when its residual graph
has no negative cycle, and then the shortest-path distances d from a virtual root are an
optimal dual (node potentials): every residual arc has reduced cost c + d_a - d_b >= 0.
A pair left out adds the arc i -> j with cost -w_ij. If no such pair has a positive
reduced cost w_ij - d_i + d_j (checked against the full score matrix, in row chunks), the
same potentials certify the full problem, so no matching of the full matrix is worth more:
the sparse answer is optimal. Pairs that violate it (per applicant the worst few) are
added and the matching is solved again. Pairs that are not allowed are worth 0.

The dense solver (scipy's linear_sum_assignment) is used where the sparse one does not pay:
while its float64 matrix fits in DENSE_MAX_BYTES (measured: below that the sparse solver is
not faster), when the candidate graph is not much smaller than the full one, or when the
answer cannot be certified within MAX_ROUNDS.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import (
    min_weight_full_bipartite_matching,
)

#: candidate pairs per applicant (and applicants per mentor) to start from
K_BEST = 8
#: the dense solver builds a float64 matrix of applicants x mentor places; up to this size
#: it is used (measured on 2 cores: the sparse solver does not pay in time below it, see
#: docs/matching.md), above it the sparse solver keeps the memory bounded
DENSE_MAX_BYTES = 1 << 30
#: if the candidate graph holds more than this share of the allowed pairs, go dense
DENSE_SHARE = 0.35
#: a left-out pair counts as improving only above this reduced cost (float tolerance of
#: the LP; the dense solver works in float64 with the same kind of rounding)
TOLERANCE = 1e-7
#: a favoured applicant starts with this many times K_BEST pairs (the certificate adds any
#: other pair a favoured applicant needs)
FAVOURED_K = 4
#: rounds of "add the violating pairs and solve again" before giving up (then dense)
MAX_ROUNDS = 12
#: per applicant, how many of the violating pairs are added in one round (the worst ones)
ADD_PER_ROW = 3
ROWS = 1024


@dataclass
class SparseStats:
    """What the sparse solver did: for the benchmark and the docs."""

    candidates: int = 0
    rounds: int = 0
    added: int = 0
    certified: bool = False
    reason: str = ""


def _values(total, prio, ok, rows, bonus) -> np.ndarray:
    """Value of each pair in a row block; pairs that are not allowed are -inf."""
    block = total[rows].astype(np.float64)
    block += prio[rows, None]
    if bonus:
        block += bonus
    block[~ok[rows]] = -np.inf
    return block


def candidates(total, prio, ok, favoured, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of the candidate pairs (each pair once)."""
    n, m = total.shape
    kk = min(k, m)
    rows, cols = [], []
    col_best = np.full((0, m), -np.inf)
    col_who = np.zeros((0, m), dtype=np.int64)
    for start in range(0, n, ROWS):
        s = slice(start, min(n, start + ROWS))
        vals = _values(total, prio, ok, s, 0.0)
        if kk:
            top = np.argpartition(-vals, kk - 1, axis=1)[:, :kk]
            r = np.repeat(np.arange(s.start, s.stop), kk)
            c = top.ravel()
            keep = np.isfinite(vals[r - s.start, c])
            rows.append(r[keep])
            cols.append(c[keep])
        fav = np.flatnonzero(favoured[s])
        if len(fav):
            # a favoured applicant's pairs all carry the bonus: more of them to start with
            fk = min(FAVOURED_K * max(k, 1), m)
            if fk >= m:
                fr, fc = np.nonzero(np.isfinite(vals[fav]))
            else:
                top = np.argpartition(-vals[fav], fk - 1, axis=1)[:, :fk]
                fr, fc = np.repeat(np.arange(len(fav)), fk), top.ravel()
                keep = np.isfinite(vals[fav][fr, fc])
                fr, fc = fr[keep], fc[keep]
            rows.append(fav[fr] + s.start)
            cols.append(fc)
        # per mentor: the best k applicants seen so far
        kc = min(k, s.stop - s.start + len(col_best))
        both = np.vstack([col_best, vals])
        who = np.vstack([col_who, np.broadcast_to(np.arange(s.start, s.stop)[:, None], vals.shape)])
        pick = np.argpartition(-both, kc - 1, axis=0)[:kc] if kc else np.zeros((0, m), int)
        col_best = np.take_along_axis(both, pick, axis=0)
        col_who = np.take_along_axis(who, pick, axis=0)
    fin = np.isfinite(col_best)
    rows.append(col_who[fin])
    cols.append(np.nonzero(fin)[1])
    r = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    key = np.unique(r.astype(np.int64) * m + c)
    return key // m, key % m


def _matching(n, m, r, c, w, cap):
    """Maximum-weight b-matching on the candidate pairs (LAPJVsp on mentor places).

    Rows are applicants; columns are the mentors' places (each pair repeated once per place)
    and one "unassigned" column per applicant, so every row is matched and leaving someone
    out is worth 0. Returns, per applicant, the mentor (or -1).
    """
    cap = np.maximum(cap, 0)
    first = np.concatenate([[0], np.cumsum(cap)])  # first place column of each mentor
    places = int(first[-1])
    reps = cap[c]
    keep = reps > 0
    r, c, w, reps = r[keep], c[keep], w[keep], reps[keep]
    er = np.repeat(r, reps)
    offset = np.arange(len(er)) - np.repeat(np.cumsum(reps) - reps, reps)
    ec = np.repeat(first[c], reps) + offset
    big = float(w.max()) + 1.0 if len(w) else 1.0
    cost = np.concatenate([big - np.repeat(w, reps), np.full(n, big)])  # all > 0
    rows = np.concatenate([er, np.arange(n)])
    cols = np.concatenate([ec, places + np.arange(n)])
    graph = sp.csr_matrix((cost, (rows, cols)), shape=(n, places + n))
    _, col = min_weight_full_bipartite_matching(graph)
    place_owner = np.repeat(np.arange(m), cap)
    return np.where(col < places, place_owner[np.minimum(col, max(places - 1, 0))], -1)


def _potentials(n, m, r, c, w, cap, mentor_of):
    """Shortest-path distances in the residual graph of the matching (its LP dual).

    Nodes: applicants 0..n-1, mentors n..n+m-1, s = n+m, t = n+m+1, root = n+m+2. Arc costs
    are those of the min-cost circulation s -> applicant -> mentor -> t -> s with cost -w
    on a pair. The matching is optimal on these pairs exactly when the residual graph has
    no negative cycle; then the distances d certify it: every residual arc a -> b has
    c + d_a - d_b >= 0. Returns d, or None if a negative cycle shows the matching is not
    optimal.
    """
    s_, t_, root = n + m, n + m + 1, n + m + 2
    matched = mentor_of[r] == c
    load = np.bincount(mentor_of[mentor_of >= 0], minlength=m)
    is_matched = mentor_of >= 0
    apps, mens = np.arange(n), np.arange(m)
    src = [
        np.where(matched, n + c, r),  # matched pair: mentor -> applicant (+w)
        np.where(is_matched, apps, s_),  # i -> s if matched, s -> i otherwise
        np.where(load < cap, n + mens, t_),  # j -> t if a place is free
        np.full(int((load > 0).sum()), t_),  # j's flow can be undone: t -> j
        np.array([t_, s_]),
        np.full(n + m + 2, root),
    ]
    dst = [
        np.where(matched, r, n + c),
        np.where(is_matched, s_, apps),
        np.where(load < cap, t_, n + mens),
        n + mens[load > 0],
        np.array([s_, t_]),
        np.arange(n + m + 2),
    ]
    cost = [
        np.where(matched, w, -w),
        np.zeros(n),
        np.zeros(m),
        np.zeros(len(dst[3])),
        np.zeros(2),
        np.zeros(n + m + 2),
    ]
    if not is_matched.any():  # no flow: the arc s -> t does not exist
        src[4], dst[4], cost[4] = src[4][:1], dst[4][:1], cost[4][:1]
    a, b, k = (np.concatenate(x) for x in (src, dst, cost))
    return _shortest(a, b, k, root + 1, root)


def _shortest(a, b, k, size, root):
    """Bellman-Ford, one vectorised sweep over all arcs at a time, stopping when settled.

    A negative cycle shows as more than `size` sweeps: then None.
    """
    order = np.argsort(b, kind="stable")
    a, b, k = a[order], b[order], k[order]
    heads, first = np.unique(b, return_index=True)
    d = np.full(size, np.inf)
    d[root] = 0.0
    for _ in range(size + 1):
        via = d[a] + k
        best = np.minimum.reduceat(via, first)
        better = best < d[heads] - 1e-12
        if not better.any():
            return d
        d[heads[better]] = best[better]
    return None


def violations(total, prio, ok, u, v, bonus, mentor_of, tol=TOLERANCE, per_row=ADD_PER_ROW):
    """Unmatched allowed pairs whose reduced cost w - u_i - v_j is positive (full matrix).

    A matched pair's arc is used up (only its reverse is in the residual graph), so it is
    not checked. The matrix is read in row chunks.

    Returns the count of all such pairs and, per applicant, the `per_row` worst of them
    (the ones added before the next solve).
    """
    n, m = total.shape
    rows, cols, count = [], [], 0
    kk = min(per_row, m)
    for start in range(0, n, ROWS):
        s = slice(start, min(n, start + ROWS))
        vals = _values(total, prio, ok, s, bonus)
        vals -= u[s, None]
        vals -= v[None, :]
        bad = vals > tol
        has = mentor_of[s] >= 0
        bad[np.flatnonzero(has), mentor_of[s][has]] = False
        hit = np.flatnonzero(bad.any(axis=1))
        if not len(hit):
            continue
        count += int(np.count_nonzero(bad[hit]))
        top = np.argpartition(-vals[hit], kk - 1, axis=1)[:, :kk]
        r = np.repeat(hit, kk)
        c = top.ravel()
        keep = bad[r, c]
        rows.append(r[keep] + start)
        cols.append(c[keep])
    if not rows:
        return count, np.zeros(0, np.int64), np.zeros(0, np.int64)
    return count, np.concatenate(rows), np.concatenate(cols)


def sparse_assignment(
    total: np.ndarray,
    prio: np.ndarray,
    ok: np.ndarray,
    cap: np.ndarray,
    limit: int | None,
    favoured: np.ndarray,
    bonus: float = 0.0,
    k: int | None = None,
    stats: SparseStats | None = None,
    force: bool = False,
) -> list[tuple[int, int]] | None:
    """Certified maximum-weight matching, or None where the dense solver should be used.

    `force` solves sparsely whatever the size (tests); it still returns None when the
    answer cannot be certified.
    """
    stats = stats if stats is not None else SparseStats()
    k = K_BEST if k is None else k
    n, m = total.shape
    allowed = int(np.count_nonzero(ok))
    if limit is not None:
        # a binding cap on tandems is one more constraint the assignment solver lacks
        stats.reason = "cap on tandems"
        return None
    if n * int(cap.sum()) * 8 <= DENSE_MAX_BYTES and not force:
        stats.reason = "dense fits in memory"
        return None
    r, c = candidates(total, prio, ok, favoured, k)
    stats.candidates = len(r)
    if len(r) > DENSE_SHARE * max(allowed, 1) and not force:
        stats.reason = "not sparse"
        return None
    for _ in range(MAX_ROUNDS):
        stats.rounds += 1
        if len(r) == 0:
            stats.certified = True
            return []
        w = total[r, c].astype(np.float64) + prio[r] + bonus
        mentor_of = _matching(n, m, r, c, w, cap)
        d = _potentials(n, m, r, c, w, cap, mentor_of)
        if d is None:
            stats.reason = "no certificate"
            return None
        # reduced cost of a left-out pair i -> j: -w + d_i - d_j; positive w - d_i + d_j
        _count, vr, vc = violations(total, prio, ok, d[:n], -d[n : n + m], bonus, mentor_of)
        if len(vr) == 0:
            stats.certified = True
            return [(int(i), int(mentor_of[i])) for i in np.flatnonzero(mentor_of >= 0)]
        stats.added += len(vr)
        key = np.union1d(r * m + c, vr.astype(np.int64) * m + vc)
        r, c = key // m, key % m
        if len(r) > DENSE_SHARE * allowed and not force:
            stats.reason = "not sparse"
            return None
    stats.reason = "not certified"
    return None
