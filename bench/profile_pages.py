"""Where the time of the load mix goes: per page, server time, CPU time and queries.

Runs in one process with Django's test client (the whole middleware stack, no network)
against a database holding the demo, so the figures do not depend on how many other
requests are running. Logins are measured apart from page views: they are slow on
purpose (Argon2 password hashing).

    DATABASE_URL=postgres://…/scratch PYTHONPATH=src .venv/bin/python bench/profile_pages.py

CPU is this process's CPU (Python: views, templates, middleware, the database driver);
the database server's own work is in "wall" but not in "cpu".
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")


def measure(call, repeat: int):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    call()  # warm up: template loading, first translations, connection
    walls, cpus, queries, status = [], [], 0, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            wall, cpu = time.perf_counter(), time.process_time()
            response = call()
            cpus.append(time.process_time() - cpu)
            walls.append(time.perf_counter() - wall)
        queries, status = len(captured), response.status_code
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, queries, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()

    import django  # noqa: PLC0415

    django.setup()
    from django.test import Client  # noqa: PLC0415
    from pages import load_mix  # noqa: PLC0415

    from tandem.demo.people import PASSWORD  # noqa: PLC0415
    from tandem.people.models import User  # noqa: PLC0415

    print(f"{'kind':<6} {'role':<12} {'wall ms':>8} {'cpu ms':>7} {'queries':>7}  page")
    for role, entry in load_mix().items():
        client = Client()
        if entry["email"]:
            client.force_login(User.objects.get(email=entry["email"]))
        for path in entry["pages"]:
            wall, cpu, queries, status = measure(lambda p=path, c=client: c.get(p), options.repeat)
            flag = "" if status == 200 else f"  (status {status})"
            print(f"page   {role:<12} {wall:8.1f} {cpu:7.1f} {queries:7d}  {path}{flag}")
        if entry["email"]:

            def login(email=entry["email"]):
                fresh = Client()
                return fresh.post("/accounts/login/", {"login": email, "password": PASSWORD})

            wall, cpu, queries, status = measure(login, options.repeat)
            flag = "" if status == 302 else f"  (status {status})"
            figures = f"{wall:8.1f} {cpu:7.1f} {queries:7d}"
            print(f"login  {role:<12} {figures}  POST /accounts/login/{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
