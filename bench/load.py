"""Load test: ~50 simulated people of every role against gunicorn (3 workers) and
PostgreSQL, through the main pages. Loopback only, bounded in time; prints p50, p95 and
errors, and exits non-zero when p95 >= 300 ms or any request failed.

    .venv/bin/pip install -c requirements.lock -e ".[bench]"
    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--port 8765]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, password postgres, or BENCH_DB_URL for
the server). It makes a scratch database tandem_bench, builds the demo there, starts
gunicorn and the task worker on 127.0.0.1, runs locust headless and removes all again.
"""

import argparse
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER = os.environ.get("BENCH_DB_URL", "postgres://postgres:postgres@127.0.0.1:5432")
DATABASE = "tandem_bench"

PAGES = """
import json
from tandem.demo import people
from tandem.programmes.models import Round
from tandem.tandems.models import Tandem
from django.urls import reverse
round = Round.objects.get(slug="durchlauf-2027")
k = round.url_kwargs
tandem = Tandem.objects.get(round=round)
trainer = round.roles.get(role="trainer").person
def m(name): return reverse(f"manage:{name}", kwargs=k)
def p(name, **extra): return reverse(f"portal:{name}", kwargs={**k, **extra})
pages = {
  "coordinator": {"email": people.COORDINATOR[0], "pages": ["/manage/", m("round"),
      m("application_list"), m("mail_outbox"), m("matching"), "/me/"]},
  "trainer": {"email": trainer.email, "pages": ["/me/", m("application_list"),
      m("consultations"), p("round")]},
  "mentor": {"email": tandem.mentor.email, "pages": ["/me/", p("round"),
      p("tandem_workspace", tandem=tandem.pk), p("training"), reverse("portal:my_data")]},
  "mentee": {"email": tandem.mentee.email, "pages": ["/me/", p("round"),
      p("tandem_workspace", tandem=tandem.pk), p("consultations"), reverse("portal:my_data")]},
  "anonymous": {"email": None, "pages": ["/", "/accounts/login/", "/healthz"]},
}
print(json.dumps(pages))
"""


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=REPO, check=True, **kwargs)


def psql(sql: str, env) -> None:
    run(["psql", f"{SERVER}/postgres", "-q", "-c", sql], env, stdout=subprocess.DEVNULL)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 — our own loopback server
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8765)
    options = parser.parse_args()
    host = f"http://127.0.0.1:{options.port}"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "DATABASE_CONN_MAX_AGE": "60",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
    }
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", env)
    psql(f"CREATE DATABASE {DATABASE}", env)
    services = []
    try:
        run([PYTHON, "manage.py", "migrate", "-v0"], env)
        run([PYTHON, "manage.py", "demo", "--stage", "training"], env, stdout=subprocess.DEVNULL)
        pages = run([PYTHON, "manage.py", "shell", "-c", PAGES], env, capture_output=True)
        env["BENCH_PAGES"] = pages.stdout.decode().strip().splitlines()[-1]
        from tandem.demo.people import PASSWORD  # noqa: PLC0415 — after PYTHONPATH is known

        env["BENCH_PASSWORD"] = PASSWORD
        gunicorn = [PYTHON, "-m", "gunicorn", "tandem.wsgi", "--pythonpath", "src"]
        services.append(
            subprocess.Popen(
                [*gunicorn, "--bind", f"127.0.0.1:{options.port}", "--workers", "3"],
                env=env,
                cwd=REPO,
            )
        )
        services.append(subprocess.Popen([PYTHON, "manage.py", "run_worker"], env=env, cwd=REPO))
        wait_for(f"{host}/healthz")
        with tempfile.TemporaryDirectory() as folder:
            prefix = Path(folder) / "load"
            subprocess.run(
                [
                    PYTHON, "-m", "locust", "-f", str(REPO / "bench" / "locustfile.py"),
                    "--headless", "--host", host, "--users", str(options.users),
                    "--spawn-rate", "10", "--run-time", f"{options.seconds}s",
                    "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR",
                ],
                env=env, cwd=REPO, timeout=options.seconds + 120, check=False,
            )  # fmt: skip
            with open(f"{prefix}_stats.csv", newline="") as file:
                rows = list(csv.DictReader(file))
        total = next(row for row in rows if row["Name"] == "Aggregated")
        requests, failures = int(total["Request Count"]), int(total["Failure Count"])
        p50, p95 = float(total["50%"]), float(total["95%"])
        print(
            f"{options.users} users, {options.seconds} s: {requests} requests, "
            f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, errors {failures}"
        )
        slowest = sorted(
            (row for row in rows if row["Name"] != "Aggregated"), key=lambda r: -float(r["95%"])
        )[:5]
        for row in slowest:
            print(f"  p95 {float(row['95%']):>6.0f} ms  {row['Name']}")
        return 0 if failures == 0 and p95 < 300 else 1
    finally:
        for service in services:
            service.send_signal(signal.SIGTERM)
        for service in services:
            try:
                service.wait(timeout=20)
            except subprocess.TimeoutExpired:
                service.kill()
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", env)


if __name__ == "__main__":
    sys.exit(main())
