"""Calendar files of evaluation interviews and the feedback session.

Built with training's event helpers (tandem.training.calendar): each event keeps its UID
for life, SEQUENCE grows with every change, a cancelled one is sent with METHOD:CANCEL
and STATUS:CANCELLED. The files hold date, length, link or place and a title — never
interview notes, the session's summary or anyone's answers.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from tandem.training.calendar import _calendar, _event

from .enums import InterviewStatus
from .models import FeedbackSession, Interview
from .selectors import manage_url, portal_url


def interview_ics(interview: Interview, *, for_staff: bool) -> bytes:
    round = interview.round
    if for_staff:
        url = settings.SITE_URL + manage_url("evaluation_interview", round, interview=interview.pk)
        summary = _("Evaluation interview: %(name)s") % {"name": interview.person.get_full_name()}
    else:
        url = settings.SITE_URL + portal_url("evaluation", round)
        summary = _("Evaluation interview (%(round)s)") % {"round": round.name}
    event = _event(
        interview.uid,
        interview.sequence,
        interview.starts_at,
        interview.duration_minutes,
        summary,
        url,
        interview.online_url or interview.place,
        interview.updated_at,
    )
    cancelled = interview.status == InterviewStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return _calendar(event, "CANCEL" if cancelled else "PUBLISH")


def feedback_ics(session: FeedbackSession, *, for_staff: bool) -> bytes:
    round = session.round
    if for_staff:
        url = settings.SITE_URL + manage_url("evaluation_feedback", round)
    else:
        url = settings.SITE_URL + portal_url("evaluation", round)
    event = _event(
        session.uid,
        session.sequence,
        session.starts_at,
        session.duration_minutes,
        _("Feedback session: %(round)s") % {"round": round.name},
        url,
        session.online_url or session.place,
        session.updated_at,
    )
    cancelled = session.cancelled_at is not None
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return _calendar(event, "CANCEL" if cancelled else "PUBLISH")
