"""Load test: ~50 simulated people of every role against gunicorn (3 workers) and
PostgreSQL, through the main pages. Loopback only, bounded in time; prints p50, p95 and
errors, each for page views and for logins apart (a login is slow on purpose: Argon2
password hashing), and exits non-zero when the pages' p95 >= 300 ms or any request failed.

Each simulated person logs in once, then opens a page of their role, reads it for a think
time drawn evenly from --think (default 3 to 10 s, about what a person spends on a page of
lists and forms before the next click) and opens the next. It also prints the machine's
load average before and after (the figures depend on what else runs on the machine) and
the gunicorn workers' CPU time per request, which does not.

    .venv/bin/pip install -c requirements.lock -e ".[bench]"
    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--think 3,10]
        [--spawn-rate 1] [--port 8765]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, password postgres, or BENCH_DB_URL for
the server). It makes a scratch database tandem_bench, builds the demo there, starts
gunicorn and the task worker on 127.0.0.1, runs locust headless and removes all again.
"""

import argparse
import json
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
DATABASE = os.environ.get("BENCH_DATABASE", "tandem_bench")

PAGES = """
import json, sys
sys.path.insert(0, "bench")
from pages import load_mix
print(json.dumps(load_mix()))
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


def workers_cpu_seconds(master: int) -> float:
    """User plus system CPU seconds the gunicorn workers (the master's children) used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for child in children:
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def report(options, samples, cpu, load_before, load_after) -> int:
    print(
        f"{options.users} users arriving {options.spawn_rate:g} per second, {options.seconds} s, "
        f"think time {options.think} s; "
        f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} "
        f"({os.cpu_count()} cores)"
    )
    failed = 0
    for kind in ("page", "login"):
        rows = [row for row in samples if row["kind"] == kind]
        times = [row["ms"] for row in rows]
        errors = sum(1 for row in rows if row["error"])
        failed += errors
        print(
            f"  {kind + 's':<6} {len(rows):>5} requests  p50 {percentile(times, 0.5):>6.0f} ms  "
            f"p95 {percentile(times, 0.95):>6.0f} ms  errors {errors}"
        )
    if samples:
        print(
            # Counted from the first answer of /healthz, when the other workers may still
            # be loading Django: short runs overstate it (bench/profile_pages.py does not).
            f"  gunicorn workers' CPU: {cpu * 1000 / len(samples):.0f} ms per request "
            "(all kinds, with the workers' warm-up)"
        )
    by_name = {}
    for row in samples:
        by_name.setdefault(row["name"], []).append(row["ms"])
    slowest = sorted(by_name.items(), key=lambda item: -percentile(item[1], 0.95))[:5]
    for name, times in slowest:
        print(f"  p95 {percentile(times, 0.95):>6.0f} ms  {name}")
    pages = [row["ms"] for row in samples if row["kind"] == "page"]
    return 0 if samples and failed == 0 and percentile(pages, 0.95) < 300 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--spawn-rate",
        type=float,
        default=1.0,
        # Fifty people do not log in within the same five seconds; at 10 per second the
        # logins (Argon2, ~0.2 s CPU each) queue the first pages behind them.
        help="people who start per second (default 1: 50 arrive over the first 50 s)",
    )
    parser.add_argument(
        "--think", default="3,10", help="seconds a person spends on a page: min,max (default 3,10)"
    )
    options = parser.parse_args()
    host = f"http://127.0.0.1:{options.port}"
    env = {
        **os.environ,
        # The caller's path stays behind ours (e.g. locust installed elsewhere).
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])
        ),
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "DATABASE_CONN_MAX_AGE": "60",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
        "BENCH_THINK": options.think,
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
        load_before = os.getloadavg()
        with tempfile.TemporaryDirectory() as folder:
            times = Path(folder) / "times.jsonl"
            cpu_before = workers_cpu_seconds(services[0].pid)
            subprocess.run(
                [
                    PYTHON, "-m", "locust", "-f", str(REPO / "bench" / "locustfile.py"),
                    "--headless", "--host", host, "--users", str(options.users),
                    "--spawn-rate", str(options.spawn_rate), "--run-time", f"{options.seconds}s",
                    "--only-summary", "--loglevel", "ERROR",
                ],
                env={**env, "BENCH_TIMES": str(times)}, cwd=REPO,
                timeout=options.seconds + 120, check=False, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            cpu = workers_cpu_seconds(services[0].pid) - cpu_before
            samples = [json.loads(line) for line in times.read_text().splitlines()]
        load_after = os.getloadavg()
        return report(options, samples, cpu, load_before, load_after)
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
