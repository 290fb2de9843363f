"""tandem-match: proposals from two spreadsheets (mentors, mentees), without the web app.

Exit codes: 0 success, 2 bad input (every problem listed on stderr, nothing written).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .csvio import InputError, Problem, proposals_csv, read_round, write_atomic
from .explain import explain
from .fit import compute_fit
from .model import Rules, Weights
from .report import render_report
from .solve import MODES, RuleConflict, compare_modes, solve
from .taxonomy import DEFAULT_TAXONOMY

#: rounds with more pairs than this show progress on stderr
PROGRESS_PAIRS = 2_000_000
#: the mode comparison in the report runs only up to this many pairs (stable/fair are slower)
COMPARE_PAIRS = 5_000_000


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tandem-match",
        description="Select and match mentees with mentors from two CSV files.",
    )
    p.add_argument("--mentors", required=True, help="mentors CSV")
    p.add_argument("--mentees", required=True, help="mentees (applications) CSV")
    p.add_argument("--out", required=True, help="proposals CSV to write (admitted pairs only)")
    p.add_argument(
        "--left-out",
        help="CSV of the applicants left out, with reasons (default: <out>-left-out.csv)",
    )
    p.add_argument("--mode", choices=MODES, default="optimal")
    p.add_argument("--places", type=int, default=None, help="maximum number of tandems")
    p.add_argument("--min-fit", type=float, default=Rules.min_fit, help="minimum fit 0..1")
    p.add_argument("--report", help="HTML report to write")
    p.add_argument(
        "--lang", choices=("en", "de"), default="en", help="language of explanations and report"
    )
    p.add_argument("--encoding", help="input encoding (default: UTF-8, else Windows-1252)")
    p.add_argument("--delimiter", help="input separator (default: detected , ; or tab)")
    p.add_argument(
        "--allow-same-institution", action="store_true", help="drop the cross-institution rule"
    )
    p.add_argument("--exclude", action="append", default=[], metavar="MENTEE:MENTOR")
    p.add_argument("--pin", action="append", default=[], metavar="MENTEE:MENTOR")
    for c, default in vars(Weights()).items():
        p.add_argument(f"--weight-{c}", type=float, default=default, help=f"weight of {c}")
    p.add_argument("--quiet", action="store_true", help="no progress or summary on stderr")
    return p


def _pairs(
    values: list[str], option: str, mentee_ids: set[str], mentor_ids: set[str]
) -> tuple[frozenset[tuple[str, str]], list[Problem]]:
    pairs, problems = set(), []
    for v in values:
        e, sep, r = v.partition(":")
        if not sep or e not in mentee_ids or r not in mentor_ids:
            problems.append(Problem(option, None, None, f"'{v}' is not MENTEE_ID:MENTOR_ID"))
        else:
            pairs.add((e, r))
    return frozenset(pairs), problems


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()

    def say(msg: str) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    problems: list[Problem] = []
    if not 0.0 <= args.min_fit <= 1.0:
        problems.append(Problem("--min-fit", None, None, "must be between 0 and 1"))
    if args.places is not None and args.places < 0:
        problems.append(Problem("--places", None, None, "must not be negative"))
    weights = Weights(**{c: getattr(args, f"weight_{c}") for c in vars(Weights())})
    try:
        weights.normalised()
    except ValueError as exc:
        problems.append(Problem("--weight-*", None, None, str(exc)))
    try:
        data = read_round(
            args.mentors, args.mentees, DEFAULT_TAXONOMY, args.encoding, args.delimiter
        )
    except InputError as exc:
        problems.extend(exc.problems)
        data = None
    if data is not None:
        e_ids = {e.id for e in data.mentees}
        r_ids = {r.id for r in data.mentors}
        excluded, pe = _pairs(args.exclude, "--exclude", e_ids, r_ids)
        pinned, pp = _pairs(args.pin, "--pin", e_ids, r_ids)
        problems += pe + pp
    if problems:
        print(f"tandem-match: {len(problems)} problem(s); nothing was written:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 2
    assert data is not None
    rules = Rules(
        min_fit=args.min_fit,
        cross_institution=not args.allow_same_institution,
        places=args.places,
        excluded=excluded,
        pinned=pinned,
    )
    pairs = len(data.mentees) * len(data.mentors)
    verbose = not args.quiet and pairs >= PROGRESS_PAIRS
    say(f"read {len(data.mentees)} applicants, {len(data.mentors)} mentors")
    last = [0.0]

    def progress(stage: str, share: float) -> None:
        now = time.perf_counter()
        if verbose and (now - last[0] > 1.0 or share >= 1.0):
            last[0] = now
            say(f"{stage} {share:4.0%}")

    fit = compute_fit(data.mentees, data.mentors, weights, DEFAULT_TAXONOMY, progress=progress)
    say("fit scores done; solving")
    try:
        if args.report and pairs <= COMPARE_PAIRS:
            results, comparison = compare_modes(fit, rules)
            result = results[args.mode]
        else:
            result, comparison = solve(fit, rules, args.mode), None
    except RuleConflict as exc:
        print(f"tandem-match: 1 problem(s); nothing was written:\n  {exc}", file=sys.stderr)
        return 2
    say(f"solved: {len(result.assignments)} admitted, total fit {result.total_fit:.2f}")
    explanations = explain(fit, result, rules, lang=args.lang)
    left_out = args.left_out or str(Path(args.out).with_name(f"{Path(args.out).stem}-left-out.csv"))
    write_atomic(
        args.out, proposals_csv(explanations, data.delimiter, placed=True), encoding="utf-8-sig"
    )
    write_atomic(
        left_out, proposals_csv(explanations, data.delimiter, placed=False), encoding="utf-8-sig"
    )
    if args.report:
        html = render_report(fit, explanations, rules, args.mode, comparison, args.lang)
        write_atomic(args.report, html)
    say(f"wrote {args.out}, {left_out}" + (f" and {args.report}" if args.report else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
