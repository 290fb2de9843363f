"""Mentee and mentor accept one proposal at the same instant, and two match runs of one
round start at the same instant, on a file SQLite database.

Run by tests/matching/test_concurrency.py in a process of its own, because the test
database of pytest-django lives in memory, where SQLite's locking differs from the file
a deployment uses. Prints one JSON line with what was stored.

    python tests/matching/concurrent_answers.py <database file>
"""

import datetime as dt
import json
import os
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def main(database: Path) -> dict:
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DJANGO_SETTINGS_MODULE": "tandem.settings",
        }
    )
    sys.path[:0] = [str(REPO / "src"), str(REPO)]
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from tandem.matching import services
    from tandem.matching.models import Proposal
    from tandem.tandems.models import Tandem
    from tests.applications.factories import ApplicationFactory
    from tests.factories import OrganisationFactory, ProgrammeFactory, RoundFactory, UserFactory
    from tests.recruitment.factories import MentorProfileFactory

    round = RoundFactory(programme=ProgrammeFactory(organisation=OrganisationFactory()))
    coordinator = UserFactory()
    round.programme.organisation.coordinators.add(coordinator)
    MentorProfileFactory(round=round, levels={"publication_monitoring": 3})
    ApplicationFactory(round=round, topics=["publication_monitoring"])
    run = services.run_matching(round=round, by=coordinator, settings=services.MatchSettings())
    services.send_proposals(
        run=run, answer_by=timezone.localdate() + dt.timedelta(days=7), by=coordinator
    )
    proposal = run.proposals.get()
    connection.close()

    # Both answers read the proposal, then think for a moment, then write: without
    # immediate transactions both read the same state and one write is refused or lost.
    reading = Proposal.side_of

    def slow_side_of(self, person):
        side = reading(self, person)
        time.sleep(0.3)
        return side

    Proposal.side_of = slow_side_of
    start = threading.Barrier(2)
    errors = []

    def answer(person):
        try:
            start.wait()
            services.answer_proposal(proposal=proposal, person=person, answer="accept")
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=answer, args=(person,))
        for person in (proposal.mentee, proposal.mentor)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    Proposal.side_of = reading

    # Two coordinators start a match run of another round at the same instant.
    other = RoundFactory(programme=round.programme)
    MentorProfileFactory(round=other, levels={"publication_monitoring": 3})
    ApplicationFactory(round=other, topics=["publication_monitoring"])
    connection.close()
    start = threading.Barrier(2)
    run_errors = []

    def run_matching():
        try:
            start.wait()
            services.run_matching(round=other, by=coordinator, settings=services.MatchSettings())
        except Exception as error:  # noqa: BLE001 - reported to the test
            run_errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run_matching) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run_numbers = sorted(other.match_runs.values_list("number", flat=True))
    stored = Proposal.objects.get(pk=proposal.pk)
    with connection.cursor() as cursor:
        journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = cursor.execute("PRAGMA synchronous").fetchone()[0]
    return {
        "errors": errors,
        "mentee_answer": stored.mentee_answer,
        "mentor_answer": stored.mentor_answer,
        "status": stored.status,
        "tandems": Tandem.objects.filter(proposal=stored).count(),
        "run_errors": run_errors,
        "run_numbers": run_numbers,
        "journal_mode": journal,
        "synchronous": synchronous,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
