"""An answer and a reminder, and two overdue decisions, at the same instant (file SQLite)."""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("concurrent_deadlines.py")


def test_answers_reminders_and_decisions_at_the_same_instant_lose_nothing(tmp_path):
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
    assert stored["answer_errors"] == []
    # The answer is kept, and so is the mentor's reminder.
    assert stored["mentee_answer"] == "accept" and stored["mentor_reminded"]
    assert stored["decide_errors"] == []
    # One decision changed the proposal; the other found nothing overdue any more.
    assert stored["changed"] == [0, 1]
    assert (stored["status"] == "lapsed") != stored["answer_by_moved"]
