"""schemathesis against the live API with tokens of two roles, stateful phase included.

The platform runs as a live test server with the access table's round (tests/url_scenario);
schemathesis reads /api/v1/openapi.json and runs every phase (examples, coverage, fuzzing,
stateful: following the schema's links from lists to objects and from a new training
session to reading it) once with a coordinator's read-write token and once with a mentor's
read-only one. Any failed check fails the test. Bounded: a fixed seed, few examples per
operation and a time budget per run.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tandem.programmes.models import Round
from tests.url_scenario import build

from .helpers import token_for

pytestmark = pytest.mark.django_db(transaction=True)

ST = shutil.which("st") or str(Path(sys.executable).with_name("st"))
CONFIG = Path(__file__).with_name("schemathesis.toml")


def run_schemathesis(base: str, key: str, tmp_path: Path, name: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 — our own command line
        [
            ST,
            "--config-file",
            str(CONFIG),
            "run",
            f"{base}/api/v1/openapi.json",
            "--header",
            f"Authorization: Bearer {key}",
            "--phases",
            "examples,coverage,fuzzing,stateful",
            "--checks",
            "all",
            "--max-examples",
            "10",
            "--seed",
            "17",
            "--workers",
            "1",
            "--max-time",
            "20",
            "--request-timeout",
            "10",
            "--report",
            "junit",
            "--report-dir",
            str(tmp_path / name),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,  # schemathesis keeps a cache folder where it runs
    )


@pytest.mark.skipif(not Path(ST).exists(), reason="schemathesis is not installed (pip: .[dev])")
def test_schemathesis_finds_nothing_with_tokens_of_two_roles(live_server, tmp_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    people, values = build()
    round = Round.objects.get(
        slug=values["round"],
        programme__slug=values["programme"],
        programme__organisation__slug=values["org"],
    )
    tokens = {
        "coordinator": token_for(people["coordinator"], round=round, write=True),
        "mentor": token_for(people["mentor"], round=round),
    }
    for role, key in tokens.items():
        result = run_schemathesis(live_server.url, key, tmp_path, role)
        assert result.returncode == 0, f"{role}:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
        assert "stateful" in result.stdout.lower()
