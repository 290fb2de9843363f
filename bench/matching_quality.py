"""Quality of `tandem-match` on a judged round (not a test; prints the scorer's metrics).

    .venv/bin/python bench/matching_quality.py --round path/to/matching-dev
    TANDEM_MATCHING_ROUND=path/to/matching-dev .venv/bin/python bench/matching_quality.py

The round directory holds mentors.csv, mentees.csv, gold.csv and the round's own score.py
(stdlib only). The command runs exactly as a user runs it (default settings), writes the
proposals to a temporary folder and prints score.py's metrics (a)-(f). With --holdout the
applicants are also scored in two halves (odd and even rows) so a change that helps one
half only shows up as overfitting. Extra arguments after `--` go to `tandem-match`.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_match(round_dir: Path, out: Path, extra: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [
        sys.executable,
        "-m",
        "tandem.matching.engine.cli",
        "--mentors",
        str(round_dir / "mentors.csv"),
        "--mentees",
        str(round_dir / "mentees.csv"),
        "--out",
        str(out),
        "--quiet",
        *extra,
    ]
    subprocess.run(cmd, check=True, env=env)


def score(round_dir: Path, proposals: Path, gold_dir: Path | None = None) -> str:
    cmd = [
        sys.executable,
        str(round_dir / "score.py"),
        str(proposals),
        "--gold-dir",
        str(gold_dir or round_dir),
    ]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def _half(round_dir: Path, proposals: Path, tmp: Path, parity: int) -> str:
    """Score only every other applicant (by row), against a gold restricted to them."""
    half = tmp / f"half{parity}"
    half.mkdir()
    with open(round_dir / "mentees.csv", encoding="utf-8-sig", newline="") as fh:
        ids = [row["id"] for row in csv.DictReader(fh)][parity::2]
    keep = {x.upper() for x in ids}
    for name, key in (("mentees.csv", "id"), ("gold.csv", "mentee_id"), ("mentors.csv", None)):
        with open(round_dir / name, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        if key:
            rows = [r for r in rows if r[key].upper() in keep]
        with open(half / name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    with open(proposals, encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["mentee_id"].upper() in keep]
    part = half / "proposals.csv"
    with open(part, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh, fieldnames=["mentee_id", "mentor_id", "low_fit"], extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)
    return score(round_dir, part, half)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--round",
        default=os.environ.get("TANDEM_MATCHING_ROUND"),
        help="judged round directory (or TANDEM_MATCHING_ROUND)",
    )
    p.add_argument("--holdout", action="store_true", help="also score odd/even halves")
    p.add_argument("extra", nargs="*", help="arguments for tandem-match (after --)")
    args = p.parse_args()
    if not args.round:
        p.error("give --round DIR or set TANDEM_MATCHING_ROUND")
    round_dir = Path(args.round)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "proposals.csv"
        run_match(round_dir, out, args.extra)
        print(score(round_dir, out), end="")
        if args.holdout:
            for parity, name in ((0, "odd rows"), (1, "even rows")):
                lines = _half(round_dir, out, Path(tmp), parity).splitlines()
                print(
                    f"-- {name}: "
                    + " | ".join(
                        line.split(":")[0] + ":" + line.split("=")[-1]
                        for line in lines
                        if line[:3] in ("(a)", "(b)", "(d)", "(e)")
                    )
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
