"""Simultaneous writes on SQLite (issue 8): two answers to one proposal both count, two
match runs of one round are both kept."""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("concurrent_answers.py")


def test_mentee_and_mentor_accepting_at_the_same_instant_form_the_tandem(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "tandem.sqlite3")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    stored = json.loads(result.stdout.strip().splitlines()[-1])
    assert stored["errors"] == []
    assert stored["mentee_answer"] == stored["mentor_answer"] == "accept"
    assert stored["status"] == "accepted" and stored["tandems"] == 1
    # Both match runs are kept, one after the other.
    assert stored["run_errors"] == [] and stored["run_numbers"] == [1, 2]
    # WAL and synchronous=NORMAL (1) are in effect on every connection.
    assert stored["journal_mode"] == "wal" and stored["synchronous"] == 1
