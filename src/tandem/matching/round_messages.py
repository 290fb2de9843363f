"""A coordinator's own message to a group of a round, through the outbox with review.

It lives here, at the top of the domain layer, because its groups need roles
(programmes), tandems and proposals (matching). Every message waits in the outbox as
drafts until a coordinator releases them; each person gets it in their language, named
by name (``{{ name }}``).
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail
from tandem.programmes.enums import RoleKind

from .enums import ProposalStatus
from .models import Proposal

KEY = "round_message"

# The text the message form starts from (coordinators may change it per programme or
# round like any other text); its placeholders are the ones a message may use.
MAIL_TEMPLATES = {
    KEY: {
        "de": (
            "{{ round }}: ",
            "Guten Tag {{ name }},\n\n\n\nViele Grüße\n{{ coordinator }}\n{{ organisation }}\n",
        ),
        "en": (
            "{{ round }}: ",
            "Hello {{ name }},\n\n\n\nBest regards\n{{ coordinator }}\n{{ organisation }}\n",
        ),
    }
}
PURPOSES = {
    KEY: (
        _("Message to a group"),
        _(
            "A coordinator's own message to a group of the round (all mentors, all "
            "tandems …); this text is where the message form starts."
        ),
    )
}

# Group key -> its name on the form. Order: as offered.
GROUPS = {
    "mentors": _("All mentors of the round"),
    "mentees": _("All mentees of the round"),
    "tandems": _("Both members of every tandem"),
    "everyone": _("Everyone with a role in the round (mentors, mentees, trainers, coordinators)"),
    "proposal_unanswered": _("Everyone who has not answered a sent proposal yet"),
}


def members_of(round, group: str):
    """The people of one group, each once, ordered by name."""
    from tandem.people.models import User

    if group == "mentors":
        found = Q(round_roles__round=round, round_roles__role=RoleKind.MENTOR)
    elif group == "mentees":
        found = Q(round_roles__round=round, round_roles__role=RoleKind.MENTEE)
    elif group == "everyone":
        found = Q(round_roles__round=round)
    elif group == "tandems":
        found = Q(tandems_as_mentor__round=round) | Q(tandems_as_mentee__round=round)
    elif group == "proposal_unanswered":
        waiting = Proposal.objects.filter(round=round, status=ProposalStatus.SENT)
        found = Q(pk__in=waiting.filter(mentor_answer="").values("mentor_profile__person")) | Q(
            pk__in=waiting.filter(mentee_answer="").values("application__person")
        )
    else:
        raise ValueError(f"unknown group {group!r}")
    return User.objects.filter(found, is_active=True).distinct().order_by("name", "email")


@transaction.atomic
def send_round_message(*, round, group: str, texts: dict[str, tuple[str, str]], by) -> int:
    """Drafts of the message for everyone in ``group``; returns how many were made.

    ``texts`` (language -> subject, body) must have passed ``round_text_errors`` for
    KEY; the placeholders are those of the purpose (name, round, programme …).
    """
    people = list(members_of(round, group))
    for person in people:
        queue_mail(
            key=KEY,
            to=person.email,
            recipient=person,
            round=round,
            review=True,
            texts=texts,
            context={
                "name": person.get_full_name(),
                "round": round.name,
                "programme": round.programme.name,
                "coordinator": by.get_full_name(),
                "organisation": round.programme.organisation.name,
            },
        )
    log_action(
        by,
        "round_message.drafted",
        round,
        programme_round=round,
        data={"group": group, "count": len(people)},
    )
    return len(people)
