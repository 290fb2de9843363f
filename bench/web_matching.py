"""A match run in the web app at 2,000 applicants x 1,000 mentors, and its run page.

    PYTHONPATH=src .venv/bin/python bench/web_matching.py
    PYTHONPATH=src .venv/bin/python bench/web_matching.py --applicants 2000 --mentors 1000
    BENCH_DB_URL=postgres://postgres:postgres@127.0.0.1:5432 PYTHONPATH=src \
        .venv/bin/python bench/web_matching.py        # PostgreSQL instead of SQLite

A scratch database (an SQLite file in a temporary folder; with BENCH_DB_URL a database
tandem_webbench on that PostgreSQL server, dropped at the end) is migrated and gets one
programme with one round: the applicants' applications and the mentors' profiles are rows
made with bulk_create from the engine's synthetic round (engine/synthetic.py: texts,
topics, levels, languages, preferred mentors, favoured applicants), not timed. Then,
timed:

- the start: a coordinator posts the round's matching settings (the defaults) with
  Django's test client; the run is queued for the worker;
- the run: the task worker (``manage.py db_worker --batch``, in this process) takes the
  queued task and computes the run, phase by phase (the phases the progress bar shows;
  while it runs another thread reads the progress page every 2 s, as htmx does);
- the run page (the manage URL of the run) and its second page of proposals, requested
  --repeat times by the logged-in coordinator: median time and the number of queries.

The goals of issue 15 (run < 30 s, run page < 300 ms with a fixed number of queries) are
printed as met or not met from the figures of this run. The machine is shared: the load
average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SERVER = os.environ.get("BENCH_DB_URL", "")
DATABASE = "tandem_webbench"
RUN_GOAL_S = 30.0
PAGE_GOAL_MS = 300.0


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", f"{SERVER}/postgres", "-q", "-c", sql],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PGOPTIONS": "-c client_min_messages=warning"},
    )


def configure(folder: Path) -> None:
    os.environ["DATABASE_URL"] = (
        f"{SERVER}/{DATABASE}" if SERVER else f"sqlite:///{folder / 'bench.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ["TASKS_BACKEND"] = "database"
    os.environ["MEDIA_ROOT"] = str(folder / "media")


def build_round(n_applicants: int, n_mentors: int, seed: int):
    """One round of synthetic people, applications and mentor profiles; its coordinator."""
    from allauth.account.models import EmailAddress  # noqa: PLC0415
    from allauth.mfa.models import Authenticator  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from tandem.applications.enums import ApplicationState  # noqa: PLC0415
    from tandem.applications.models import Application, MentorChoice, TopicChoice  # noqa: PLC0415
    from tandem.matching.engine.synthetic import synthetic_round  # noqa: PLC0415
    from tandem.people.models import User  # noqa: PLC0415
    from tandem.programmes.enums import RoleKind  # noqa: PLC0415
    from tandem.programmes.models import (  # noqa: PLC0415
        Institution,
        Organisation,
        Programme,
        Round,
        RoundRole,
        Topic,
    )
    from tandem.programmes.services import default_phase_dates, normalise_name  # noqa: PLC0415
    from tandem.programmes.taxonomy import DEFAULT_TOPICS  # noqa: PLC0415
    from tandem.recruitment.models import MentorProfile, MentorTopic  # noqa: PLC0415

    mentees, mentors = synthetic_round(n_applicants, n_mentors, seed=seed)
    organisation = Organisation.objects.create(name="Bibliotheksverband Bench", slug="bench")
    programme = Programme.objects.create(
        organisation=organisation, name="Peer-Mentoring Bench", slug="mentoring"
    )
    Topic.objects.bulk_create(
        Topic(programme=programme, key=key, label_de=de, label_en=en, position=i)
        for i, (key, de, en) in enumerate(DEFAULT_TOPICS)
    )
    topics = {topic.key: topic for topic in programme.topics.all()}
    round = Round.objects.create(
        programme=programme, name="Durchlauf Bench", slug="bench", mentor_capacity=2
    )
    start = timezone.localdate()
    for kind, (starts_on, ends_on) in default_phase_dates(start).items():
        round.phases.create(kind=kind, starts_on=starts_on, ends_on=ends_on)

    names = {(p.institution, p.institution_type, p.institution_size) for p in [*mentees, *mentors]}
    Institution.objects.bulk_create(
        Institution(name=name, normalised_name=normalise_name(name), type=kind, size_class=size)
        for name, kind, size in sorted(names)
    )
    institutions = {i.name: i for i in Institution.objects.all()}

    def person(record, prefix: str) -> User:
        return User(
            email=f"{prefix}{record.id.lower()}@example.org",
            name=f"{record.name} {record.id}",
            language="de",
            institution=institutions[record.institution],
            password="!",  # unusable: nobody logs in with these accounts
        )

    User.objects.bulk_create([person(m, "mentor-") for m in mentors], batch_size=500)
    User.objects.bulk_create([person(m, "mentee-") for m in mentees], batch_size=500)
    users = {u.email: u for u in User.objects.all()}
    mentor_users = {m.id: users[f"mentor-{m.id.lower()}@example.org"] for m in mentors}

    RoundRole.objects.bulk_create(
        (RoundRole(round=round, person=u, role=RoleKind.MENTOR) for u in mentor_users.values()),
        batch_size=500,
    )
    MentorProfile.objects.bulk_create(
        (
            MentorProfile(
                round=round,
                person=mentor_users[m.id],
                presentation=m.profile,
                capacity=m.capacity,
                languages=sorted(m.languages),
            )
            for m in mentors
        ),
        batch_size=500,
    )
    profiles = {p.person_id: p for p in MentorProfile.objects.filter(round=round)}
    MentorTopic.objects.bulk_create(
        (
            MentorTopic(profile=profiles[mentor_users[m.id].pk], topic=topics[key], level=level)
            for m in mentors
            for key, level in m.topics.items()
        ),
        batch_size=1000,
    )

    now = timezone.now()
    mentee_users = {m.id: users[f"mentee-{m.id.lower()}@example.org"] for m in mentees}
    RoundRole.objects.bulk_create(
        (RoundRole(round=round, person=u, role=RoleKind.MENTEE) for u in mentee_users.values()),
        batch_size=500,
    )
    Application.objects.bulk_create(
        (
            Application(
                round=round,
                person=mentee_users[m.id],
                state=ApplicationState.SUBMITTED,
                institution=institutions[m.institution],
                expectations=m.expectations,
                upcoming_projects=m.projects,
                languages=sorted(m.languages),
                favoured=m.favoured,
                consent_at=now,
                submitted_at=now,
            )
            for m in mentees
        ),
        batch_size=500,
    )
    applications = {a.person_id: a for a in Application.objects.filter(round=round)}
    TopicChoice.objects.bulk_create(
        (
            TopicChoice(application=applications[mentee_users[m.id].pk], topic=topics[key], rank=r)
            for m in mentees
            for r, key in enumerate(m.topics, start=1)
        ),
        batch_size=1000,
    )
    MentorChoice.objects.bulk_create(
        (
            MentorChoice(
                application=applications[mentee_users[m.id].pk], mentor=mentor_users[p], rank=r
            )
            for m in mentees
            for r, p in enumerate(m.preferred_mentors, start=1)
        ),
        batch_size=1000,
    )

    coordinator = User.objects.create(
        email="coordinator@example.org", name="Cora Coordinator", language="en"
    )
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    organisation.coordinators.add(coordinator)
    return round, coordinator


def coordinator_client(coordinator):
    """A test client signed in as the coordinator, with the second factor (as allauth records)."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    client = Client()
    client.force_login(coordinator)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": coordinator.email},
        {"method": "mfa", "type": "totp", "at": time.time()},
    ]
    session["account_authentication_methods_user"] = str(coordinator.pk)
    session.save()
    return client


def record_phases() -> list[tuple[str, float]]:
    """Wrap the run's progress reports: (phase, time) when each phase starts."""
    from tandem.matching import services  # noqa: PLC0415

    starts: list[tuple[str, float]] = []
    report = services._Progress.__call__

    def recording(self, phase, share=0.0, force=False):
        if not starts or starts[-1][0] != phase:
            starts.append((phase, time.perf_counter()))
        return report(self, phase, share, force)

    services._Progress.__call__ = recording
    return starts


def poll_progress(client, url: str, stop: threading.Event, seen: list[tuple[int, float]]):
    """Read the progress page every 2 s (as htmx does) and keep (status, ms) of each read."""
    from django.db import connection  # noqa: PLC0415

    try:
        while not stop.wait(2.0):
            began = time.perf_counter()
            response = client.get(url)
            seen.append((response.status_code, (time.perf_counter() - began) * 1000))
    finally:
        connection.close()


def measure_page(client, url: str, repeat: int) -> tuple[float, int, int, int]:
    """Median ms, queries (of the last request), status and bytes of a page."""
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client.get(url)  # warm up: templates, translations
    times, queries, response = [], 0, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
        queries = len(captured)
    return statistics.median(times), queries, response.status_code, len(response.content)


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tandem-webbench-") as folder:
        configure(Path(folder))
        if SERVER:
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            psql(f"CREATE DATABASE {DATABASE}")
        try:
            return bench(options)
        finally:
            if SERVER:
                from django.db import connections  # noqa: PLC0415

                connections.close_all()
                psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def bench(options) -> int:
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.urls import reverse  # noqa: PLC0415

    from tandem.manage.matching.forms import MatchSettingsForm  # noqa: PLC0415
    from tandem.matching import services  # noqa: PLC0415
    from tandem.matching.enums import RunStatus  # noqa: PLC0415
    from tandem.matching.models import MatchRun  # noqa: PLC0415

    print(f"database: {connection.vendor}; {os.cpu_count()} cores")
    print(f"load average (1 min) at the start: {os.getloadavg()[0]:.1f}")
    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    round, coordinator = build_round(options.applicants, options.mentors, options.seed)
    built = time.perf_counter()
    print(
        f"migrate {migrated - began:.1f} s; round of {options.applicants} applicants x "
        f"{options.mentors} mentors built in {built - migrated:.1f} s (not timed below)"
    )

    client = coordinator_client(coordinator)
    overview = reverse("manage:matching", kwargs=round.url_kwargs)
    initial = MatchSettingsForm.from_settings(services.MatchSettings()).initial
    data = {k: v for k, v in initial.items() if v is not None and v is not False}
    t0 = time.perf_counter()
    response = client.post(overview, data)
    started = time.perf_counter()
    run = MatchRun.objects.filter(round=round).order_by("-number").first()
    if response.status_code != 302 or run is None or run.status != RunStatus.QUEUED:
        print(f"the run did not start: status {response.status_code}")
        return 1
    print(f"start (POST {overview}): {(started - t0) * 1000:.0f} ms, run queued")

    progress_url = reverse("manage:matching_progress", kwargs={**round.url_kwargs, "run": run.pk})
    stop, polls = threading.Event(), []
    poller = threading.Thread(
        target=poll_progress, args=(coordinator_client(coordinator), progress_url, stop, polls)
    )
    phases = record_phases()
    poller.start()
    t1 = time.perf_counter()
    call_command("db_worker", batch=True, interval=0.1, verbosity=0)
    finished = time.perf_counter()
    stop.set()
    poller.join()
    run.refresh_from_db()
    if run.status != RunStatus.DONE:
        print(f"the run ended {run.status}: {run.error}")
        return 1
    run_s = finished - t1
    print(
        f"run by the worker: {run_s:.1f} s ({run.summary['pairs']} pairs, "
        f"{len(run.summary['unplaced'])} left out, {run.summary['places']} places)"
    )
    if phases:
        print(f"  {'take up':<8} {phases[0][1] - t1:6.2f} s  (the worker claims the task)")
    ends = [t for _phase, t in phases[1:]] + [finished]
    for (phase, start), end in zip(phases, ends, strict=True):
        print(f"  {phase:<8} {end - start:6.2f} s")
    if polls:
        worst = max(ms for _status, ms in polls)
        codes = sorted({status for status, _ms in polls})
        print(
            f"progress page read {len(polls)} times during the run (status {codes}, "
            f"slowest {worst:.0f} ms)"
        )

    run_url = reverse("manage:matching_run", kwargs={**round.url_kwargs, "run": run.pk})
    rows = []
    for url in (run_url, f"{run_url}?page=2", f"{run_url}?left=2"):
        median, queries, status, size = measure_page(client, url, options.repeat)
        rows.append((url, median, queries, status))
        print(
            f"GET {url}: median {median:.0f} ms of {options.repeat}, {queries} queries, "
            f"status {status}, {size / 1024:.0f} KiB"
        )
    load = os.getloadavg()[0]
    print(f"load average (1 min) at the end: {load:.1f} on {os.cpu_count()} cores")

    page_ms = max(median for _url, median, _q, _s in rows)
    counts = {queries for _url, _median, queries, _s in rows}
    fixed = len(counts) == 1
    ok = all(status == 200 for *_rest, status in rows)
    print(f"goal: run < {RUN_GOAL_S:.0f} s: {met(run_s < RUN_GOAL_S)} ({run_s:.1f} s)")
    print(
        f"goal: run page < {PAGE_GOAL_MS:.0f} ms: {met(ok and page_ms < PAGE_GOAL_MS)} "
        f"(slowest median {page_ms:.0f} ms)"
    )
    print(
        f"goal: same number of queries on every page of the run: {met(fixed)} "
        f"({', '.join(str(c) for c in sorted(counts))})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
