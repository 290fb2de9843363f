"""Backup and restore (pg_dump/pg_restore) and the move from SQLite to PostgreSQL, both
tried on the demo (docs/operations.md). PostgreSQL runs on 127.0.0.1:5432 here and in CI.

- On PostgreSQL: the demo is dumped with ``pg_dump -Fc`` and restored with ``pg_restore``
  into an empty database; every table holds the same number of rows.
- On SQLite: the demo is written out with ``dumpdata`` and read into a freshly migrated
  PostgreSQL database with ``loaddata``; every model holds the same number of rows.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tandem.demo import stages

pytestmark = pytest.mark.django_db(transaction=True)
REPO = Path(__file__).resolve().parents[2]
SERVER = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "password": "postgres"}


def _admin():
    return psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=3, **SERVER)


def _server_reachable() -> bool:
    try:
        with _admin():
            return True
    except psycopg.Error:
        return False


def _counts(dbname: str) -> dict[str, int]:
    with psycopg.connect(dbname=dbname, **SERVER) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 — catalogue names
            counts[table] = cursor.fetchone()[0]
        return counts


@pytest.fixture
def empty_database():
    name = f"tandem_restore_{uuid.uuid4().hex[:8]}"
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with _admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(**extra) -> dict:
    env = {**os.environ, "PGPASSWORD": SERVER["password"], **extra}
    env["PYTHONPATH"] = str(REPO / "src")
    return env


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL")
def test_pg_dump_and_pg_restore_bring_back_every_row(tmp_path, empty_database):
    stages.build("training")
    source = settings.DATABASES["default"]["NAME"]
    before = _counts(source)
    assert before["tandems_tandem"] and before["applications_application"]
    dump = tmp_path / "tandem.dump"
    target = ["-h", SERVER["host"], "-p", str(SERVER["port"]), "-U", SERVER["user"]]
    env = _environment()
    subprocess.run(
        ["pg_dump", *target, "-Fc", "--no-owner", "-f", str(dump), source], check=True, env=env
    )
    subprocess.run(
        ["pg_restore", *target, "--no-owner", "-d", empty_database, str(dump)],
        check=True,
        env=env,
    )
    assert _counts(empty_database) == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the move starts from SQLite")
@pytest.mark.skipif(not shutil.which("pg_dump"), reason="no PostgreSQL on this machine")
def test_the_demo_moves_from_sqlite_to_postgresql(tmp_path, empty_database):
    if not _server_reachable():
        pytest.skip("PostgreSQL on 127.0.0.1:5432 does not answer")
    stages.build("training")
    dump = tmp_path / "demo.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
        "--exclude=django_tasks_database",
        f"--output={dump}",
        verbosity=0,
    )
    expected = {}
    for row in json.loads(dump.read_text()):
        expected[row["model"]] = expected.get(row["model"], 0) + 1
    url = "postgres://{user}:{password}@{host}:{port}/".format(**SERVER) + empty_database
    env = _environment(DATABASE_URL=url)
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env, cwd=REPO)
    subprocess.run([*manage, "loaddata", str(dump), "-v0"], check=True, env=env, cwd=REPO)
    moved = _counts(empty_database)
    for label, count in expected.items():
        model = apps.get_model(label)
        if model._meta.auto_created:
            continue
        assert moved[model._meta.db_table] == count, label
