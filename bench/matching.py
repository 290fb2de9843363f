"""Benchmark of the matching engine on synthetic rounds (not a test; prints a table).

    .venv/bin/python bench/matching.py        # 1000x500, 5000x2500, 10000x5000, 20000x10000
    .venv/bin/python bench/matching.py --sizes 2000x1000

Each size runs in a fresh process (so peak memory is per size): CSV files are generated
first (not timed), then the same steps as `tandem-match` are timed: read and validate the
CSV, fit scores (in chunks of applicant rows, engine/fit.py), solve (optimal mode),
explanations, write proposals. Then the plain baseline solves the same score matrix:
scipy's linear_sum_assignment on the applicant x mentor-place matrix (mentors repeated by
capacity), with no rules; it is skipped where that float64 matrix would exceed 2 GiB
(20000x10000), so the peak memory there is the engine's own. The load average is printed
next to the figures: the machine is shared. Progress goes to stderr.

    .venv/bin/python bench/matching.py --sparse         # also time the certified sparse solver

With --sparse the same fit matrix is solved once more with the sparse solver forced
(engine/sparse.py) and its time, rounds and certificate are printed. The goals of issue 15
are printed as ratios measured in this run.

    .venv/bin/python bench/matching.py --peer           # also compare with mentor-match

With --peer a temporary virtual environment gets mentor-match 7.0.1 from PyPI (the nearest
open-source peer: exact Munkres on rule points, 1:1, no text, no explanations; never a
project dependency) and both tools run on the same synthetic round of N = 1,600 applicants
and mentors (bench/peer_mentor_match.py says how the round maps onto mentor-match's
rules). tandem-match is timed end to end as above (CSV in -> proposals out) with mentor
capacities 1-2, three times in fresh processes (the median counts); mentor-match's process_data
is timed once from its participant objects.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the baseline's float64 matrix; above this it is not built (20000x10000 would need 2.4 GB)
BASELINE_MAX_BYTES = 2 << 30
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
from scipy.optimize import linear_sum_assignment  # noqa: E402

from tandem.matching.engine import DEFAULT_TAXONOMY, Rules, compute_fit, explain, solve  # noqa: E402
from tandem.matching.engine.csvio import (  # noqa: E402
    MENTEE_COLUMNS,
    MENTOR_COLUMNS,
    proposals_csv,
    read_round,
    write_atomic,
)
from tandem.matching.engine.sparse import SparseStats  # noqa: E402
from tandem.matching.engine.synthetic import synthetic_round  # noqa: E402


def write_csvs(n: int, m: int, seed: int, folder: Path) -> tuple[Path, Path]:
    import csv

    mentees, mentors = synthetic_round(n, m, seed=seed)
    mp, ep = folder / "mentors.csv", folder / "mentees.csv"
    with open(mp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(MENTOR_COLUMNS)
        for r in mentors:
            topics = ";".join(f"{k}:{v}" for k, v in r.topics.items())
            w.writerow(
                [
                    r.id,
                    r.name,
                    r.email,
                    r.institution,
                    r.institution_type,
                    topics,
                    r.profile,
                    ";".join(sorted(r.languages)),
                    r.capacity,
                ]
            )
    with open(ep, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(MENTEE_COLUMNS)
        for e in mentees:
            w.writerow(
                [
                    e.id,
                    e.name,
                    e.email,
                    e.institution,
                    e.institution_type,
                    ";".join(e.topics),
                    e.expectations,
                    e.projects,
                    ";".join(sorted(e.languages)),
                    ";".join(e.preferred_mentors),
                    "1" if e.favoured else "",
                ]
            )
    return mp, ep


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(n: int, m: int, seed: int, sparse: bool = False) -> dict:
    def log(msg: str) -> None:
        print(f"  [{n}x{m}] {msg}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        log("writing CSV files")
        mp, ep = write_csvs(n, m, seed, folder)
        rules = Rules()
        t0 = time.perf_counter()
        data = read_round(mp, ep, DEFAULT_TAXONOMY)
        t1 = time.perf_counter()
        log(f"read in {t1 - t0:.1f}s; fit scores")
        fit = compute_fit(data.mentees, data.mentors)
        t2 = time.perf_counter()
        log(f"fit in {t2 - t1:.1f}s; solving")
        result = solve(fit, rules)
        t3 = time.perf_counter()
        log(f"solve in {t3 - t2:.1f}s; explaining")
        explanations = explain(fit, result, rules)
        t4 = time.perf_counter()
        write_atomic(folder / "proposals.csv", proposals_csv(explanations), "utf-8-sig")
        t5 = time.perf_counter()
        peak = peak_mib()
        sparse_time, stats = None, SparseStats()
        if sparse:
            log("sparse solve")
            s0 = time.perf_counter()
            forced = solve(fit, rules, solver="sparse", stats=stats)
            sparse_time = time.perf_counter() - s0
            assert abs(forced.objective - result.objective) < 1e-6 * max(1, result.objective)
        baseline = None
        if n * int(fit.capacity.sum()) * 8 <= BASELINE_MAX_BYTES:
            log("baseline solve")
            cols = np.repeat(np.arange(m), fit.capacity)
            matrix = fit.total[:, cols].astype(np.float64)
            b0 = time.perf_counter()
            linear_sum_assignment(matrix, maximize=True)
            baseline = time.perf_counter() - b0
            del matrix
    return {
        "size": f"{n}x{m}",
        "places": int(fit.capacity.sum()),
        "admitted": len(result.assignments),
        "read": t1 - t0,
        "fit": t2 - t1,
        "solve": t3 - t2,
        "explain": t4 - t3,
        "write": t5 - t4,
        "total": t5 - t0,
        "peak_mib": peak,
        "baseline_solve": baseline,
        "ratio": None if baseline is None else (t3 - t2) / max(baseline, 1e-9),
        "sparse_solve": sparse_time,
        "sparse_ratio": None
        if sparse_time is None or baseline is None
        else sparse_time / max(baseline, 1e-9),
        "load": os.getloadavg()[0],
        "sparse_rounds": stats.rounds,
        "sparse_candidates": stats.candidates,
        "sparse_certified": stats.certified,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="1000x500,5000x2500,10000x5000,20000x10000")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--sparse", action="store_true", help="also time the sparse solver")
    p.add_argument("--peer", action="store_true", help="also compare with mentor-match")
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        n, m = (int(x) for x in args.child.split("x"))
        print(json.dumps(child(n, m, args.seed, args.sparse)))
        return
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, numpy {np.__version__}")
    if args.peer:
        peer(args.seed)
        return
    head = (
        f"{'size':>12} {'places':>6} {'admit':>6} {'read':>6} {'fit':>6} {'solve':>6} "
        f"{'explain':>7} {'write':>6} {'total':>6} {'peak MiB':>8} {'baseline':>8} "
        f"{'ratio':>5} {'load':>5}"
    )
    print(head)
    rows = []
    for size in args.sizes.split(","):
        print(f"running {size} ...", file=sys.stderr, flush=True)
        extra = ["--sparse"] if args.sparse else []
        proc = subprocess.run(
            [sys.executable, __file__, "--child", size, "--seed", str(args.seed), *extra],
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"{r['size']:>12} {r['places']:>6} {r['admitted']:>6} {r['read']:>6.2f} "
            f"{r['fit']:>6.2f} {r['solve']:>6.2f} {r['explain']:>7.2f} {r['write']:>6.2f} "
            f"{r['total']:>6.2f} {r['peak_mib']:>8.0f} {_num(r['baseline_solve'], 8)} "
            f"{_num(r['ratio'], 5)} {r['load']:>5.1f}",
            flush=True,
        )
        if r["sparse_solve"] is not None:
            ratio = "" if r["sparse_ratio"] is None else f", {r['sparse_ratio']:.2f}x scipy's"
            print(
                f"{'':>12} sparse solver forced: {r['sparse_solve']:.2f}s{ratio}, "
                f"{r['sparse_rounds']} rounds, {r['sparse_candidates']} candidate pairs, "
                f"certified: {r['sparse_certified']}",
                flush=True,
            )
        rows.append(r)
    goals(rows)


PEER_N = 1600
#: tandem-match runs (fresh processes) on the peer's round; mentor-match runs once (~40 s)
PEER_RUNS = 3


def _total(run: dict) -> float:
    return run["total"]


def _run_child(size: str, seed: int) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", size, "--seed", str(seed)],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def peer(seed: int) -> None:
    """tandem-match and mentor-match 7.0.1 on the same round of N = 1,600."""
    n = PEER_N
    with tempfile.TemporaryDirectory() as tmp:
        env = Path(tmp) / "peer"
        print("creating a virtual environment with mentor-match 7.0.1 ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
        py = str(env / "bin" / "python")
        subprocess.run([py, "-m", "pip", "install", "-q", "mentor-match==7.0.1"], check=True)
        mentees, mentors = synthetic_round(n, n, seed=seed)

        def person(x, profession: str) -> dict:
            return {
                "grade": "1",
                "organisation": x.institution,
                "profession": profession,
                "email": f"{type(x).__name__}-{x.id}",
                "first name": x.name,
                "languages": sorted(x.languages),
            }

        data = {
            "mentees": [person(e, e.topics[0] if e.topics else "") for e in mentees],
            "mentors": [
                person(r, max(r.topics, key=r.topics.get) if r.topics else "") for r in mentors
            ],
        }
        instance = Path(tmp) / "instance.json"
        instance.write_text(json.dumps(data), encoding="utf-8")
        print(f"running tandem-match on {n}x{n} ({PEER_RUNS} times) ...", file=sys.stderr)
        # each run in a fresh process; the median counts (a fresh process's first large
        # arrays vary in cost with the kernel's memory state: 0.6-0.8 s seen)
        runs = sorted((_run_child(f"{n}x{n}", seed) for _ in range(PEER_RUNS)), key=_total)
        ours = runs[len(runs) // 2]
        print(f"running mentor-match on {n}x{n} (minutes) ...", file=sys.stderr, flush=True)
        proc = subprocess.run(
            # -P: bench/ must not be on the path (bench/matching.py would shadow the
            # peer's package "matching")
            [py, "-P", str(ROOT / "bench" / "peer_mentor_match.py"), str(instance)],
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        theirs = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"tandem-match runs: {', '.join(f'{_total(r):.2f} s' for r in runs)} (median counts)")
    print(
        f"N = {n}: tandem-match {ours['total']:.2f} s end to end ({ours['admitted']} pairs), "
        f"mentor-match 7.0.1 {theirs['seconds']:.2f} s ({theirs['pairs']} pairs)"
    )
    ratio = theirs["seconds"] / max(ours["total"], 1e-9)
    met = "met" if ratio >= 50 else "not met"
    print(f"mentor-match / tandem-match: {ratio:.1f} x (goal >= 50 x: {met})")
    print(f"load average (1 min): {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def _num(x: float | None, width: int) -> str:
    return f"{'-':>{width}}" if x is None else f"{x:>{width}.2f}"


def goals(rows: list[dict]) -> None:
    """Issue 15's goals as ratios of what this run measured (1.00 = exactly at the goal)."""
    print("goals (measured as a multiple of the goal; <= 1.00 is met):")
    for r in rows:
        if r["size"] == "10000x5000":
            print(f"  10000x5000 end to end: {r['total'] / 12:.2f} x the goal of 12 s")
            if r["baseline_solve"]:
                print(
                    f"  10000x5000 end to end / scipy's dense solve in this run: "
                    f"{r['total'] / r['baseline_solve']:.2f} (the goal, 12 s where that "
                    "solve took ~9 s, is 1.33: a load-independent reading)"
                )
            print(f"  10000x5000 peak memory: {r['peak_mib'] / 1536:.2f} x the goal of 1.5 GiB")
        if r["size"] == "20000x10000":
            print(f"  20000x10000 peak memory: {r['peak_mib'] / 4096:.2f} x the goal of 4 GiB")
        if r["ratio"] is not None and r["size"] == "10000x5000":
            # the solve the pipeline ran (solver="auto": hard rules, the exact matching,
            # reasons), not the forced sparse one
            print(
                f"  {r['size']} solver / scipy's dense solve: {r['ratio'] / 0.5:.2f} x "
                "the goal of 0.5"
            )
    print("  mentor-match at N = 1600: run with --peer")
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if len(rows) > 1:
        print("growth (time, peak memory) relative to the first size:")
        for r in rows:
            print(
                f"  {r['size']:>12}: time x{r['total'] / rows[0]['total']:.1f}, "
                f"memory x{r['peak_mib'] / rows[0]['peak_mib']:.1f}"
            )


if __name__ == "__main__":
    main()
