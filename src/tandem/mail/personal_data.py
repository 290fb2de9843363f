"""Mail's personal data: the e-mails sent (or waiting to be sent) to a person."""

from django.db.models import Q

from tandem.people.personal_data import addresses_of, anonymous_address, email_matches, iso
from tandem.privacy.registry import Declaration, Holding, NotPersonal

from .enums import MailStatus
from .models import QueuedMail


def _mails(user, addresses):
    return (
        QueuedMail.objects.filter(Q(recipient=user) | email_matches(addresses, "to"))
        .select_related("round__programme__organisation")
        .order_by("created_at", "pk")
    )


def _round(round) -> dict | None:
    # Mail sits below programmes and imports none of it: the round by its attributes.
    if round is None:
        return None
    return {
        "organisation": round.programme.organisation.name,
        "programme": round.programme.name,
        "round": round.name,
    }


def count(user) -> dict[str, int]:
    return {"mails": _mails(user, addresses_of(user)).count()}


def export(user) -> dict:
    return {
        "mails": [
            {
                "to": mail.to,
                "subject": mail.subject,
                "round": _round(mail.round),
                "date": iso(mail.sent_at or mail.created_at),
                "status": mail.status,
            }
            for mail in _mails(user, addresses_of(user))
        ]
    }


def erase(user) -> dict[str, int]:
    mails = QueuedMail.objects.filter(Q(recipient=user) | email_matches(addresses_of(user), "to"))
    # Unsent mails must never go out; sent ones keep only purpose, round, status and date.
    discarded = mails.exclude(status=MailStatus.SENT).delete()[1].get(QueuedMail._meta.label, 0)
    blanked = mails.filter(status=MailStatus.SENT).update(
        to=anonymous_address(user), subject="", body="", error=""
    )
    return {"mails_discarded": discarded, "mails_anonymised": blanked}


DECLARATION = Declaration(
    app_label="tandem_mail",
    holdings=(
        Holding(
            model="tandem_mail.QueuedMail",
            fields=("to", "recipient", "subject", "body", "error"),
            whose="the recipient",
            purpose="to send the programme's e-mails",
            seen_by="the round's coordinators (outbox)",
            retention="until the person deletes the account (sent ones are then blanked)",
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
    erase_order=30,
)
