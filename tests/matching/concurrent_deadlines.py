"""Answers, reminders and the coordinators' overdue choice at the same instant, on a file
SQLite database (run by tests/matching/test_deadline_concurrency.py in its own process,
as tests/matching/concurrent_answers.py is). Prints one JSON line with what was stored.

    python tests/matching/concurrent_deadlines.py <database file>
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
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from django.utils import timezone

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    from tandem.matching import consent, services
    from tandem.matching.models import Proposal
    from tests.applications.factories import ApplicationFactory
    from tests.factories import OrganisationFactory, ProgrammeFactory, RoundFactory, UserFactory
    from tests.recruitment.factories import MentorProfileFactory

    round = RoundFactory(programme=ProgrammeFactory(organisation=OrganisationFactory()))
    coordinator = UserFactory()
    round.programme.organisation.coordinators.add(coordinator)
    MentorProfileFactory(round=round, levels={"publication_monitoring": 3})
    ApplicationFactory(round=round, topics=["publication_monitoring"])
    run = services.run_matching(round=round, by=coordinator, settings=services.MatchSettings())
    today = timezone.localdate()
    services.send_proposals(run=run, answer_by=today + dt.timedelta(days=2), by=coordinator)
    proposal = run.proposals.get()
    connection.close()

    def together(*calls):
        start = threading.Barrier(len(calls))
        errors = []

        def call(function):
            try:
                start.wait()
                function()
            except Exception as error:  # noqa: BLE001 - reported to the test
                errors.append(f"{type(error).__name__}: {error}")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=call, args=(function,)) for function in calls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return errors

    # 1. The mentee answers while the reminder job runs: the answer and the mentor's
    #    reminder both stay (neither save overwrites the other's row).
    reading = Proposal.side_of

    def slow_side_of(self, person):
        side = reading(self, person)
        time.sleep(0.3)
        return side

    Proposal.side_of = slow_side_of
    answer_errors = together(
        lambda: services.answer_proposal(
            proposal=proposal, person=proposal.mentee, answer="accept"
        ),
        lambda: consent.remind_unanswered(today),
    )
    Proposal.side_of = reading
    after_answer = Proposal.objects.get(pk=proposal.pk)

    # 2. The date passes; two coordinators decide at the same instant: one decision holds.
    Proposal.objects.filter(pk=proposal.pk).update(answer_by=today - dt.timedelta(days=1))
    connection.close()
    changed = []
    decide_errors = together(
        lambda: changed.append(
            consent.resolve_overdue(
                round=round, choice="extend", new_date=today + dt.timedelta(7), by=coordinator
            )
        ),
        lambda: changed.append(
            consent.resolve_overdue(round=round, choice="lapse", by=coordinator)
        ),
    )
    final = Proposal.objects.get(pk=proposal.pk)
    return {
        "answer_errors": answer_errors,
        "mentee_answer": after_answer.mentee_answer,
        "mentor_reminded": after_answer.mentor_reminded_on is not None,
        "mentee_reminded": after_answer.mentee_reminded_on is not None,
        "decide_errors": decide_errors,
        "changed": sorted(changed),
        "status": final.status,
        "answer_by_moved": final.answer_by > today,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
