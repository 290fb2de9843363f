"""Demo data of selection and matching: a sent run with every answer state, and a re-run.

The first run is sent with an answer date two weeks ahead and its mails are released.
Then, best pair first: one pair says yes twice (a tandem), one mentor declines with a
comment, one mentee says yes and waits for the mentor, the rest wait for both. A second
run keeps the sent and agreed pairs, leaves out the declined one and stays a draft, so
the coordinators' page shows a re-solve waiting to be sent.

Idempotent: a round that already has a matching run is left alone.
"""

import datetime as dt

from django.utils import timezone

from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.mail.services import release_round_mails
from tandem.matching import services
from tandem.matching.enums import Answer

PROPOSAL_MAILS = ("proposal_to_mentee", "proposal_to_mentor")

# A reason that holds for any pair: the two know each other too well already.
DECLINE_COMMENT = (
    "Wir kennen uns bereits gut aus einem gemeinsamen Verbundprojekt. Für das Mentoring "
    "wäre ein Blick von außen wertvoller; bitte schlagen Sie jemand anderen vor."
)


def build(programme_round, coordinator) -> None:
    if programme_round.match_runs.exists():
        return
    first = services.run_matching(
        round=programme_round, by=coordinator, settings=services.MatchSettings()
    )
    services.send_proposals(
        run=first, answer_by=timezone.localdate() + dt.timedelta(days=14), by=coordinator
    )
    # Only the proposals go out: the recruitment stage's invitation stays a draft, so the
    # outbox still shows the review step.
    drafts = QueuedMail.objects.filter(
        round=programme_round, status=MailStatus.DRAFT, template_key__in=PROPOSAL_MAILS
    )
    release_round_mails(round=programme_round, by=coordinator, mails=drafts)
    _answer(list(first.proposals.order_by("-score", "pk")))
    services.run_matching(round=programme_round, by=coordinator, settings=services.MatchSettings())


# Best pair first: a tandem, a mentor's no, a mentee's yes; the rest wait for both.
ANSWERS = [
    [
        ("mentee", Answer.ACCEPT, "Sehr gern, die Schwerpunkte passen genau."),
        ("mentor", Answer.ACCEPT, ""),
    ],
    [("mentor", Answer.DECLINE, DECLINE_COMMENT)],
    [("mentee", Answer.ACCEPT, "")],
]


def _answer(proposals) -> None:
    for proposal, steps in zip(proposals, ANSWERS, strict=False):
        for side, answer, comment in steps:
            person = proposal.mentee if side == "mentee" else proposal.mentor
            services.answer_proposal(
                proposal=proposal, person=person, answer=answer, comment=comment
            )
