"""A friendly reminder to quiet tandems: plan your next meeting.

Sent by a coordinator from the tandem overview or daily by the task below, at most
once every 14 days per tandem. The mail says nothing about what the tandem wrote.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail

from .models import Tandem
from .overview import quiet_tandems, tandem_summary


@transaction.atomic
def nudge_tandem(*, tandem: Tandem, by=None, now=None) -> Tandem:
    """Remind both persons of a quiet tandem; ``by`` is None for the daily task."""
    now = now or timezone.now()
    # Locked, so a coordinator's click and the daily task never both send.
    tandem = (
        Tandem.objects.select_for_update()
        .select_related("mentor", "mentee", "round__programme__organisation")
        .get(pk=tandem.pk)
    )
    summary = tandem_summary(tandem, now)
    if not summary.quiet:
        raise ValidationError(
            _("This tandem has met recently or has a meeting planned; no reminder is needed.")
        )
    if not summary.may_be_nudged(now):
        raise ValidationError(
            _("This tandem was reminded on %(date)s. The next reminder is possible from %(next)s.")
            % {"date": _date(summary.last_nudged_at), "next": _date(summary.next_nudge_from)}
        )
    tandem.last_nudged_at = now
    tandem.save(update_fields=["last_nudged_at"])
    round = tandem.round
    url = reverse("portal:tandem_polls", kwargs=round.url_kwargs)
    for person, partner in ((tandem.mentee, tandem.mentor), (tandem.mentor, tandem.mentee)):
        if not person.is_active:
            continue
        queue_mail(
            key="tandem_nudge",
            to=person.email,
            recipient=person,
            round=round,
            context={
                "name": person.get_full_name(),
                "partner": partner.get_full_name(),
                "weeks": summary.rhythm_weeks,
                "round": round.name,
                "url": url,
                "organisation": round.programme.organisation.name,
            },
        )
    log_action(by, "tandem.nudged", tandem, programme_round=round, data={"automatic": by is None})
    return tandem


def nudge_quiet_tandems(now=None) -> int:
    """Remind every quiet tandem of rounds in their tandem phase that may be reminded."""
    now = now or timezone.now()
    count = 0
    for summary in quiet_tandems(now):
        if not summary.may_be_nudged(now):
            continue
        try:
            nudge_tandem(tandem=Tandem(pk=summary.pk), now=now)
        except ValidationError:
            continue  # planned a meeting or was reminded in the meantime
        count += 1
    return count


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATE_FORMAT")


@task()
def send_nudges() -> int:
    """Daily: remind quiet tandems (thin: the rules live in nudge_quiet_tandems)."""
    return nudge_quiet_tandems()
