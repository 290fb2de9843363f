"""The tandem-match command: pilot example, encodings, bad files, subprocess."""

import csv
import os
import subprocess
import sys
from pathlib import Path

from tandem.matching.engine.cli import main
from tandem.matching.engine.csvio import PROPOSAL_COLUMNS

ROOT = Path(__file__).resolve().parents[3]
PILOT = ROOT / "examples" / "pilot"


def read_out(path, delimiter=","):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def test_pilot_round_writes_proposals_and_report(tmp_path):
    out, report = tmp_path / "proposals.csv", tmp_path / "report.html"
    code = main(
        [
            "--mentors",
            str(PILOT / "mentors.csv"),
            "--mentees",
            str(PILOT / "mentees.csv"),
            "--out",
            str(out),
            "--report",
            str(report),
            "--lang",
            "de",
            "--quiet",
        ]
    )
    assert code == 0
    rows = read_out(out)
    assert list(rows[0]) == list(PROPOSAL_COLUMNS)
    # the proposals file holds the admitted pairs only; the others are in the left-out file
    assert len(rows) == 6 and all(r["mentor_id"] for r in rows)
    unmatched = read_out(tmp_path / "proposals-left-out.csv")
    assert len(unmatched) == 4 and all(r["reason"] and not r["mentor_id"] for r in unmatched)
    html = report.read_text(encoding="utf-8")
    assert '<html lang="de">' in html
    for heading in (
        "Vorschläge",
        "Nicht aufgenommene",
        "Vergleich der Modi",
        "Angebot und Nachfrage nach Thema",
        "Einrichtungstyp",
    ):
        assert heading in html


def test_semicolon_windows_1252_files_are_read(tmp_path):
    for name in ("mentors.csv", "mentees.csv"):
        with open(PILOT / name, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        with open(tmp_path / name, "w", encoding="cp1252", newline="") as fh:
            csv.writer(fh, delimiter=";").writerows(rows)
    out = tmp_path / "proposals.csv"
    code = main(
        [
            "--mentors",
            str(tmp_path / "mentors.csv"),
            "--mentees",
            str(tmp_path / "mentees.csv"),
            "--out",
            str(out),
            "--quiet",
            "--mode",
            "fair",
            "--places",
            "4",
        ]
    )
    assert code == 0
    rows = read_out(out, delimiter=";")
    assert sum(1 for r in rows if r["mentor_id"]) == 4


def test_bad_files_list_every_problem_and_write_nothing(tmp_path, capsys):
    (tmp_path / "mentors.csv").write_text(
        "id,name,email,institution,institution_type,topics,profile,languages,capacity\n"
        "M1,A,a@x.org,Uni A,university,diamond_oa:3,,de,1\n"
        "M1,B,b@x.org,Uni B,university,no_such_topic:2,,de,zwei\n",
        encoding="utf-8",
    )
    (tmp_path / "mentees.csv").write_text(
        "id,name,email,institution,institution_type,topics,expectations,languages,"
        "preferred_mentors,priority\n"
        "E1,C,c@x.org,Uni C,university,diamond_oa,,de,M9,\n",
        encoding="utf-8",
    )
    out = tmp_path / "proposals.csv"
    code = main(
        [
            "--mentors",
            str(tmp_path / "mentors.csv"),
            "--mentees",
            str(tmp_path / "mentees.csv"),
            "--out",
            str(out),
        ]
    )
    assert code == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert "mentors.csv, row 3, column id: duplicate id 'M1'" in err
    assert "mentors.csv, row 3, column topics: unknown topic key 'no_such_topic'" in err
    assert "mentors.csv, row 3, column capacity: 'zwei' is not a whole number" in err
    assert "mentees.csv, row 1, column projects: missing column" in err

    (tmp_path / "mentees.csv").write_text(
        "id,name,email,institution,institution_type,topics,expectations,projects,languages,"
        "preferred_mentors,priority\n"
        "E1,C,c@x.org,Uni C,university,diamond_oa,,,de,M9,\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "--mentors",
                str(tmp_path / "mentors.csv"),
                "--mentees",
                str(tmp_path / "mentees.csv"),
                "--out",
                str(out),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "mentees.csv, row 2, column preferred_mentors: unknown preferred mentor 'M9'" in err
    assert not out.exists()


def test_runs_as_module_in_a_subprocess(tmp_path):
    out = tmp_path / "proposals.csv"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tandem.matching.engine.cli",
            "--mentors",
            str(PILOT / "mentors.csv"),
            "--mentees",
            str(PILOT / "mentees.csv"),
            "--out",
            str(out),
            "--mode",
            "stable",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(read_out(out)) + len(read_out(out.with_name(f"{out.stem}-left-out.csv"))) == 10
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "tandem.matching.engine.cli",
            "--mentors",
            str(out),
            "--mentees",
            str(PILOT / "mentees.csv"),
            "--out",
            str(tmp_path / "x.csv"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2
    assert "missing column" in bad.stderr
