"""The sparse exact solver: few candidate pairs, solved exactly, certified optimal.

Most of an n x m score matrix never matters: an applicant ends up with one of the mentors
that fit them best. So the solver keeps, per applicant, the best `k` allowed pairs by fit
(a favoured applicant more: the favour bonus makes any of their pairs worth more than all
fit), and per mentor the best 2k applicants by value, and solves the maximum-weight
b-matching on that graph exactly: scipy's LAPJVsp (min_weight_full_bipartite_matching)
with the smaller of applicants and mentor places as rows, each row with its own "left
empty" column, so leaving someone out is worth 0. A binding cap on tandems is left to the
dense solver.

Certificate (LP duality). The matching is a flow s -> applicant -> mentor -> t -> s with
cost -w on a pair; it is optimal on the candidate pairs exactly when its residual graph
has no negative cycle, and then potentials d with c + d_a - d_b >= 0 on every residual arc
exist (found by Bellman-Ford): an optimal dual. A pair left out adds the arc i -> j with
cost -w_ij. If no such pair has a positive reduced cost w_ij - d_i + d_j (checked against
the full score matrix, in row chunks: a float32 screen with a rounding bound, then float64
on the pairs it flags), the same potentials certify the full problem, so no matching of
the full matrix is worth more: the sparse answer is optimal. Otherwise the violating pairs
are added, with the pairs within MARGIN of violating (the next solve moves the potentials,
and those are the pairs that would violate then), and the matching is solved again. Pairs
that are not allowed are worth 0.

The dense solver (scipy's linear_sum_assignment) is used where the sparse one does not pay:
while its float64 matrix fits in DENSE_MAX_BYTES, when the candidate graph is not much
smaller than the full one, or when the answer cannot be certified within MAX_ROUNDS.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import (
    min_weight_full_bipartite_matching,
)

#: candidate pairs per applicant to start from (measured at 10,000 x 5,000: with 8 the first
#: certificate finds 20 times more pairs missing; with 16 the first solve costs more)
K_BEST = 12
#: the dense solver builds a float64 matrix of applicants x mentor places; up to this size
#: it is used (measured on 2 cores: the two take the same time at 2,000 x 1,000, a matrix
#: of 24 MB; below it the dense one is faster, above it the sparse one, see docs/matching.md)
DENSE_MAX_BYTES = 32 << 20
#: if the candidate graph holds more than this share of the allowed pairs, go dense
DENSE_SHARE = 0.35
#: a left-out pair counts as improving only above this reduced cost (float tolerance of
#: the LP; the dense solver works in float64 with the same kind of rounding)
TOLERANCE = 1e-7
#: each mentor starts with this many times K_BEST applicants (measured: the pairs that the
#: first certificate finds missing are mostly those of popular mentors)
MENTOR_K = 2
#: a favoured applicant starts with this many times K_BEST pairs (the certificate adds any
#: other pair a favoured applicant needs)
FAVOURED_K = 4
#: rounds of "add the violating pairs and solve again" before giving up (then dense)
MAX_ROUNDS = 12
#: per applicant, how many of the (nearly) violating pairs are added in one round (the worst)
ADD_PER_ROW = 50
#: pairs this close to violating (in fit) are added too: they are the ones that violate once
#: the next solve moves the potentials (measured on seeded rounds of 10,000 x 5,000: with
#: 0.1 every seed tried was certified after two solves, with 0.05 some needed three)
MARGIN = 0.1
#: applicants per block when the full matrix is read
ROWS = 1024
#: threads that read the blocks (numpy's sorts and arithmetic run outside the GIL)
THREADS = min(2, os.cpu_count() or 1)
#: float32 machine epsilon (the bound on the screening pass's rounding, see violations)
EPS32 = float(np.finfo(np.float32).eps)


@dataclass
class SparseStats:
    """What the sparse solver did: for the benchmark and the docs."""

    candidates: int = 0
    rounds: int = 0
    added: int = 0
    certified: bool = False
    reason: str = ""


def _pairs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of a 2-d mask's True entries (np.nonzero, but on the flat
    array: measured about fifteen times faster on these sparse masks)."""
    return np.divmod(np.flatnonzero(mask), mask.shape[1])


class _Blocks:
    """Buffers for the row blocks of the score matrix, allocated once per thread and reused
    block after block (fresh temporaries per block measured slower). Disallowed pairs are
    masked with plain arithmetic: np.where and copyto(where=) measured ten times slower."""

    def __init__(self, total, ok, span):
        self.total, self.ok = total, ok
        n, m = total.shape
        size = min(n, ROWS) * m
        self.vals, self.by_mentor, self.scratch = (np.empty(size, np.float32) for _ in range(3))
        self.flags = np.empty(size, dtype=bool)
        # disallowed pairs are set below every allowed value (the -inf of a sort)
        self.span = span

    def allowed_values(self, rows: slice) -> np.ndarray:
        """Fit of each pair in the block, float32; pairs not allowed below all others."""
        block = self.total[rows]
        out = self.vals[: block.size].reshape(block.shape)
        low = self.scratch[: block.size].reshape(block.shape)
        flags = self.flags[: block.size].reshape(block.shape)
        np.copyto(out, block, casting="same_kind")
        np.logical_not(self.ok[rows], out=flags)
        np.multiply(flags, self.span, out=low)
        out -= low
        return out

    def top_sorted(self, vals: np.ndarray, k: int) -> np.ndarray:
        """Per row, the k largest values in ascending order (fewer where a row is shorter).

        A sort of a copy, not a partition: numpy sorts float32 rows with SIMD, measured
        about ten times faster here than argpartition.
        """
        work = self.scratch[: vals.size].reshape(vals.shape)
        np.copyto(work, vals)
        work.sort(axis=1)
        return work[:, vals.shape[1] - min(k, vals.shape[1]) :]

    def at_least(self, vals, kth, allowed) -> tuple[np.ndarray, np.ndarray]:
        """Allowed pairs of the block worth at least their row's threshold."""
        flags = self.flags[: vals.size].reshape(vals.shape)
        np.greater_equal(vals, kth[:, None], out=flags)
        r, c = _pairs(flags)
        keep = allowed[r, c]  # only the few picked are looked up
        return r[keep], c[keep]


def _over_blocks(n: int, work, buffers=None) -> list:
    """work(start, buffers) for each block of ROWS applicants, in block order, on THREADS
    threads (numpy lets go of the GIL in its sorts and array arithmetic); each thread
    gets its own buffers from `buffers()`."""
    starts = range(0, n, ROWS)
    make = buffers or (lambda: None)
    if THREADS == 1 or len(starts) < 2:
        own = make()
        return [work(start, own) for start in starts]
    local = threading.local()

    def run(start):
        if not hasattr(local, "buffers"):
            local.buffers = make()
        return work(start, local.buffers)

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(run, starts))


def candidates(total, prio, ok, favoured, k: int) -> np.ndarray:
    """Boolean (n, m): the candidate pairs.

    Per applicant the k best allowed mentors by fit (the applicant's own priority is the
    same on each of their pairs, so it does not change their order), more for a favoured
    applicant; per mentor the MENTOR_K * k best applicants by value (fit plus priority:
    there it matters), first per block of rows, then over the blocks. Ties at the k-th
    value are all kept.
    """
    n, m = total.shape
    chosen = np.zeros((n, m), dtype=bool)
    if k <= 0 or not n or not m:
        return chosen
    prio32 = prio.astype(np.float32)
    fk, kc = FAVOURED_K * k, MENTOR_K * k
    span = np.float32(float(total.max()) - float(total.min()) + 1.0)

    def block(start, buf):
        s = slice(start, min(n, start + ROWS))
        allowed = ok[s]
        vals = buf.allowed_values(s)
        kth = buf.top_sorted(vals, k)[:, 0].copy()
        fav = np.flatnonzero(favoured[s])
        if len(fav):
            # a favoured applicant's pairs all carry the bonus: more of them to start with
            kth[fav] = buf.top_sorted(vals[fav], fk)[:, 0]
            vals[fav] += prio32[s][fav, None]
            kth[fav] += prio32[s][fav]
        rows, cols = buf.at_least(vals, kth, allowed)
        # per mentor: the best applicants of this block, by value
        by_mentor = buf.by_mentor[: vals.size].reshape(m, len(vals))
        np.copyto(by_mentor, vals.T)
        top = buf.top_sorted(by_mentor, kc).copy()
        c, r = buf.at_least(by_mentor, top[:, 0].copy(), allowed.T)
        return rows + start, cols, top, r + start, c, by_mentor[c, r]

    found = _over_blocks(n, block, lambda: _Blocks(total, ok, span))
    for rows, cols, *_ in found:
        chosen[rows, cols] = True
    # per mentor over all blocks: at least the k-th best of the blocks' best values
    tops = np.hstack([f[2] for f in found])
    tops.sort(axis=1)
    kth = tops[:, tops.shape[1] - min(kc, tops.shape[1])]
    r, c, v = (np.concatenate([f[i] for f in found]) for i in (3, 4, 5))
    keep = v >= kth[c]
    chosen[r[keep], c[keep]] = True
    return chosen


def _matching(n, m, r, c, w, cap):
    """Maximum-weight b-matching on the candidate pairs (LAPJVsp on mentor places).

    One side is the applicants, the other the mentors' places (each pair repeated once per
    place). The smaller side gives the rows, each with its own "left empty" column, so
    every row is matched and leaving a row empty is worth 0 (measured: LAPJVsp is about
    eight times faster with the rows on the smaller side). Returns, per applicant, the
    mentor (or -1).
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
    cost = np.concatenate([big - np.repeat(w, reps), np.full(min(n, places), big)])  # > 0
    by_place = places <= n
    side, width = (places, n) if by_place else (n, places)
    rows = np.concatenate([ec if by_place else er, np.arange(side)])
    cols = np.concatenate([er if by_place else ec, width + np.arange(side)])
    graph = sp.csr_matrix((cost, (rows, cols)), shape=(side, width + side))
    _, match = min_weight_full_bipartite_matching(graph)
    place_owner = np.repeat(np.arange(m), cap)
    mentor_of = np.full(n, -1, dtype=np.int64)
    real = np.flatnonzero(match < width)
    if by_place:
        mentor_of[match[real]] = place_owner[real]
    else:
        mentor_of[real] = place_owner[match[real]]
    return mentor_of


def _potentials(n, m, r, c, w, cap, mentor_of, start=None):
    """Feasible potentials of the matching's residual graph (an optimal LP dual).

    Nodes: applicants 0..n-1, mentors n..n+m-1, s = n+m, t = n+m+1. Arc costs are those of
    the min-cost circulation s -> applicant -> mentor -> t -> s with cost -w on a pair.
    The matching is optimal on these pairs exactly when the residual graph has no negative
    cycle; then potentials d with c + d_a - d_b >= 0 on every residual arc a -> b exist and
    certify it. They are found by relaxing the arcs from `start` (the previous round's
    potentials: few arcs change between rounds, so few sweeps are needed; zeros the first
    time, which gives shortest distances from a virtual root joined to every node).
    Returns d, or None if a negative cycle shows the matching is not optimal.
    """
    s_, t_ = n + m, n + m + 1
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
    ]
    dst = [
        np.where(matched, r, n + c),
        np.where(is_matched, s_, apps),
        np.where(load < cap, t_, n + mens),
        n + mens[load > 0],
        np.array([s_, t_]),
    ]
    cost = [
        np.where(matched, w, -w),
        np.zeros(n),
        np.zeros(m),
        np.zeros(len(dst[3])),
        np.zeros(2),
    ]
    if not is_matched.any():  # no flow: the arc s -> t does not exist
        src[4], dst[4], cost[4] = src[4][:1], dst[4][:1], cost[4][:1]
    a, b, k = (np.concatenate(x) for x in (src, dst, cost))
    d = np.zeros(n + m + 2) if start is None else start.copy()
    return _relax(a, b, k, d)


def _relax(a, b, k, d):
    """Bellman-Ford from the potentials d, one vectorised sweep over all arcs at a time,
    stopping when every arc a -> b has d_b <= d_a + k.

    A negative cycle shows as more sweeps than there are nodes: then None.
    """
    order = np.argsort(b, kind="stable")
    a, b, k = a[order], b[order], k[order]
    heads, first = np.unique(b, return_index=True)
    for _ in range(len(d) + 1):
        via = d[a] + k
        best = np.minimum.reduceat(via, first)
        better = best < d[heads] - 1e-12
        if not better.any():
            return d
        d[heads[better]] = best[better]
    return None


def violations(
    total, prio, ok, u, v, bonus, in_graph, tol=TOLERANCE, per_row=ADD_PER_ROW, margin=0.0
):
    """Allowed pairs left out of the graph whose reduced cost w - u_i - v_j is positive.

    The pairs in the graph need no check: the potentials are feasible on them (a matched
    pair's arc is used up, only its reverse is in the residual graph). Of the pairs left
    out, those within `margin` of violating are returned too (they tend to violate once
    the next solve moves the potentials).

    The matrix is read in row chunks, in two steps: a float32 pass over every pair flags
    those that may violate (its threshold is lowered by a bound on float32's rounding, so
    no violating pair is missed), and the flagged pairs are then checked in float64, as
    the solver's values are.

    Returns the count of all such pairs and, per applicant, the `per_row` worst of them
    (the ones added before the next solve).
    """
    n, m = total.shape
    # reduced cost of pair (i, j) = total_ij - v_j - a_i, with a_i = u_i - prio_i - bonus
    a = u - prio - bonus
    slack = 4 * EPS32 * (2.0 + np.abs(a) + (float(np.abs(v).max()) if m else 0.0))
    low = min(tol, -margin)
    threshold = (a + low - slack).astype(np.float32)
    minus_v = (-v).astype(np.float32)

    def block(start, _buffers):
        s = slice(start, min(n, start + ROWS))
        flagged = np.add(total[s], minus_v[None, :], dtype=np.float32) > threshold[s, None]
        flagged &= ok[s]
        np.greater(flagged, in_graph[s], out=flagged)  # and not in the graph
        fr, fc = _pairs(flagged)
        fr += start
        exact = total[fr, fc].astype(np.float64) - v[fc] - a[fr]
        near = exact > low
        return fr[near], fc[near], exact[near]

    found = _over_blocks(n, block)
    if not found:
        return 0, np.zeros(0, np.int64), np.zeros(0, np.int64)
    r, c, x = (np.concatenate([f[i] for f in found]) for i in range(3))
    count = int(np.count_nonzero(x > tol))
    if not count:
        return 0, np.zeros(0, np.int64), np.zeros(0, np.int64)
    # per applicant the worst `per_row`: sort by applicant, then by reduced cost, descending
    order = np.lexsort((-x, r))
    r, c = r[order], c[order]
    first = np.searchsorted(r, r)  # index of each applicant's first pair in the order
    keep = np.arange(len(r)) - first < per_row
    return count, r[keep], c[keep]


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
    in_graph = candidates(total, prio, ok, favoured, k)
    r, c = _pairs(in_graph)
    stats.candidates = len(r)
    if len(r) > DENSE_SHARE * max(allowed, 1) and not force:
        stats.reason = "not sparse"
        return None
    d = None
    for _ in range(MAX_ROUNDS):
        stats.rounds += 1
        if len(r) == 0:
            stats.certified = True
            return []
        w = total[r, c].astype(np.float64) + prio[r] + bonus
        mentor_of = _matching(n, m, r, c, w, cap)
        d = _potentials(n, m, r, c, w, cap, mentor_of, start=d)
        if d is None:
            stats.reason = "no certificate"
            return None
        # reduced cost of a left-out pair i -> j: -w + d_i - d_j; positive w - d_i + d_j
        _count, vr, vc = violations(
            total,
            prio,
            ok,
            d[:n],
            -d[n : n + m],
            bonus,
            in_graph,
            per_row=ADD_PER_ROW,
            margin=MARGIN,
        )
        if len(vr) == 0:
            stats.certified = True
            return [(int(i), int(mentor_of[i])) for i in np.flatnonzero(mentor_of >= 0)]
        stats.added += len(vr)
        in_graph[vr, vc] = True  # not in it before: violations skips the graph's pairs
        r, c = np.concatenate([r, vr]), np.concatenate([c, vc])
        if len(r) > DENSE_SHARE * allowed and not force:
            stats.reason = "not sparse"
            return None
    stats.reason = "not certified"
    return None
