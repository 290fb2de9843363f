"""Mail's personal data: the e-mails sent (or waiting to be sent) to a person."""

from django.db.models import Q

from tandem.people.personal_data import addresses_of, email_matches, iso
from tandem.people.services import ERASED_NAME, anonymous_address
from tandem.privacy.registry import Declaration, Holding, NotPersonal

from . import services
from .models import QueuedMail


def _mails(user, addresses):
    return (
        QueuedMail.objects.filter(Q(recipient=user) | email_matches(addresses, "to"))
        .select_related("round__programme__organisation")
        .order_by("created_at", "pk")
    )


def _round(programme_round) -> dict | None:
    # Mail sits below programmes and imports none of it: the round by its attributes.
    if programme_round is None:
        return None
    return {
        "organisation": programme_round.programme.organisation.name,
        "programme": programme_round.programme.name,
        "round": programme_round.name,
    }


def count(user) -> dict[str, int]:
    return {"mails": _mails(user, addresses_of(user)).count()}


def export(user) -> dict:
    return {
        "mails": [
            {
                "to": mail.to,
                "subject": mail.subject,
                "body": mail.body,
                "calendar_file": mail.calendar,
                "round": _round(mail.round),
                "date": iso(mail.sent_at or mail.created_at),
                "status": mail.status,
            }
            for mail in _mails(user, addresses_of(user))
        ]
    }


def erase(user) -> dict[str, int]:
    return services.erase_recipient(
        person=user,
        addresses=addresses_of(user),
        name=user.name,
        erased_name=ERASED_NAME,
        erased_address=anonymous_address(user),
    )


DECLARATION = Declaration(
    app_label="tandem_mail",
    holdings=(
        Holding(
            model="tandem_mail.QueuedMail",
            fields=("to", "recipient", "subject", "body", "calendar", "error"),
            whose="the recipient",
            purpose="to send the programme's e-mails",
            seen_by="the round's coordinators (outbox)",
            retention="until the person deletes the account (sent ones are then blanked; "
            "the person's name and address leave mails to others, whose calendar file "
            "naming them goes)",
        ),
    ),
    not_personal=(
        NotPersonal(
            "tandem_mail.MailTemplate",
            "texts the coordinators write, with placeholders for the recipient",
        ),
    ),
    export=export,
    erase=erase,
    count=count,
    records=lambda user: {
        "tandem_mail.queuedmail": list(
            _mails(user, addresses_of(user)).values_list("pk", flat=True)
        )
    },
    erase_order=30,
)
