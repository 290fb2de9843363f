"""State changes of the tandem phase: one function each, validated, logged.

Audit entries name what happened, never the text the tandem wrote.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.privacy.services import log_action

from .enums import MeetingStatus
from .models import Meeting, Tandem


def require_member(tandem: Tandem, person) -> str:
    """'mentor' or 'mentee'; anyone else is refused (views answer 404 before this)."""
    if person.pk == tandem.mentor_id:
        return "mentor"
    if person.pk == tandem.mentee_id:
        return "mentee"
    raise ValidationError(_("Only the two persons of a tandem can do this."))


@transaction.atomic
def schedule_meeting(*, tandem: Tandem, starts_at: dt.datetime, duration_minutes: int, by,
                     video_url: str = "", agenda: str = "") -> Meeting:
    """Plan a meeting (by hand or from a date poll)."""
    require_member(tandem, by)
    if starts_at < timezone.now() - dt.timedelta(days=60):
        raise ValidationError({"starts_at": _("Please choose a date that is not long past.")})
    if not 15 <= int(duration_minutes) <= 480:
        raise ValidationError({"duration_minutes": _(
            "Please give a length between 15 and 480 minutes.")})
    meeting = Meeting.objects.create(
        tandem=tandem, starts_at=starts_at, duration_minutes=duration_minutes,
        video_url=video_url, agenda=agenda.strip(), status=MeetingStatus.PLANNED, created_by=by,
    )
    log_action(by, "tandem.meeting_planned", meeting, round=tandem.round)
    return meeting
