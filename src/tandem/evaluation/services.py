"""State changes of the evaluation: interviews and their notes, the feedback session,
lessons learned.

Each function checks, saves, writes the audit log and queues its e-mails in one
transaction, with a row lock where two staff members could act at once. The input checks
are training's (tandem.training.checks): dates near the round, lengths, links.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail
from tandem.tandems.selectors import local_datetime, zone_of
from tandem.training import checks
from tandem.training.limits import MINUTES_MIN, SESSION_MINUTES_MAX, SLOT_MINUTES_MAX

from .calendar import feedback_ics, interview_ics
from .enums import InterviewStatus
from .guide import KEYS
from .models import (
    FeedbackInvitation,
    FeedbackSession,
    Interview,
    InterviewNote,
    InterviewSlot,
    RoundReview,
)
from .selectors import participants, portal_url, staff_of

PLACE_MAX_LENGTH = 300
NOTE_MAX_LENGTH = 5000
DESCRIPTION_MAX_LENGTH = 10000
SUMMARY_MAX_LENGTH = 20000
LESSONS_MAX_LENGTH = 20000


def require_staff(programme_round, person) -> None:
    if not person.has_perm("evaluation.run_evaluation", programme_round):
        raise PermissionDenied


def _text_error(text: str, limit: int) -> str:
    if len(text) > limit:
        return _("Please keep this under %(n)s characters.") % {"n": limit}
    return ""


def _when_errors(round, *, starts_at, duration_minutes, online_url, place, longest) -> dict:
    return {
        "starts_at": checks.date_error(round, starts_at),
        "duration_minutes": checks.length_error(duration_minutes, MINUTES_MIN, longest),
        "online_url": checks.url_error(online_url),
        "place": _text_error(place, PLACE_MAX_LENGTH),
    }


# --- interviews --------------------------------------------------------------------------


@transaction.atomic
def schedule_interview(
    *,
    round,
    by,
    person,
    starts_at: dt.datetime,
    duration_minutes: int,
    online_url: str = "",
    place: str = "",
    interviewer=None,
) -> Interview:
    """Plan a participant's interview; a cancelled one of theirs is planned anew."""
    require_staff(round, by)
    online_url, place = online_url.strip(), place.strip()
    interviewer = interviewer or by
    errors = _when_errors(
        round,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        online_url=online_url,
        place=place,
        longest=SLOT_MINUTES_MAX,
    )
    if not participants(round).filter(pk=person.pk).exists():
        errors["person"] = _("Please choose a mentor or mentee of this round.")
    if not staff_of(round).filter(pk=interviewer.pk).exists():
        errors["interviewer"] = _("Please choose a coordinator or trainer of this round.")
    checks.raise_if(errors)
    existing = Interview.objects.select_for_update().filter(round=round, person=person).first()
    if existing is not None and existing.status != InterviewStatus.CANCELLED:
        raise ValidationError(
            {"person": [_("This person already has an interview; please change that one.")]}
        )
    fields = {
        "starts_at": starts_at,
        "duration_minutes": int(duration_minutes),
        "online_url": online_url,
        "place": place,
        "interviewer": interviewer,
        "status": InterviewStatus.PLANNED,
    }
    if existing is not None:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.sequence += 1
        existing.save()
        interview = existing
    else:
        try:
            with transaction.atomic():
                interview = Interview.objects.create(round=round, person=person, **fields)
        except IntegrityError:  # the other staff member was quicker
            raise ValidationError(
                {"person": [_("This person already has an interview; please change that one.")]}
            ) from None
    log_action(by, "evaluation.interview_planned", interview, programme_round=round)
    mail_about_interview("evaluation_interview_planned", interview)
    return interview


@transaction.atomic
def update_interview(
    *,
    interview: Interview,
    by,
    starts_at: dt.datetime,
    duration_minutes: int,
    online_url: str = "",
    place: str = "",
    interviewer=None,
) -> Interview:
    """Change date, length, link or place; SEQUENCE grows, a new date is mailed."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    round = interview.round
    require_staff(round, by)
    online_url, place = online_url.strip(), place.strip()
    errors = _when_errors(
        round,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        online_url=online_url,
        place=place,
        longest=SLOT_MINUTES_MAX,
    )
    if interviewer is not None and not staff_of(round).filter(pk=interviewer.pk).exists():
        errors["interviewer"] = _("Please choose a coordinator or trainer of this round.")
    if interview.status == InterviewStatus.CANCELLED:
        errors["starts_at"] = errors["starts_at"] or _(
            "This interview is cancelled; please plan a new one."
        )
    checks.raise_if(errors)
    moved = starts_at != interview.starts_at or int(duration_minutes) != interview.duration_minutes
    interview.starts_at = starts_at
    interview.duration_minutes = int(duration_minutes)
    interview.online_url = online_url
    interview.place = place
    if interviewer is not None:
        interview.interviewer = interviewer
    interview.sequence += 1
    interview.save()
    log_action(by, "evaluation.interview_changed", interview, programme_round=round)
    if moved and interview.status == InterviewStatus.PLANNED:
        mail_about_interview("evaluation_interview_changed", interview)
    return interview


@transaction.atomic
def set_interview_status(*, interview: Interview, by, status: str) -> Interview:
    """Held (once it has begun), cancelled (the person is told), or planned again."""
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    require_staff(interview.round, by)
    if status not in InterviewStatus.values:
        raise ValidationError(_("Please choose a status."))
    if status == interview.status:
        return interview
    if status == InterviewStatus.HELD and interview.starts_at > timezone.now():
        raise ValidationError(_("An interview can be marked as held once it has begun."))
    if {status, interview.status} == {InterviewStatus.HELD, InterviewStatus.CANCELLED}:
        raise ValidationError(
            _("Please mark the interview as not held first (planned), then change it.")
        )
    was_cancelled = interview.status == InterviewStatus.CANCELLED
    interview.status = status
    if status == InterviewStatus.CANCELLED:
        interview.slot = None  # a booked slot is free again for someone else
    interview.sequence += 1
    interview.save(update_fields=["status", "slot", "sequence", "updated_at"])
    log_action(by, f"evaluation.interview_{status}", interview, programme_round=interview.round)
    if status == InterviewStatus.CANCELLED:
        mail_about_interview("evaluation_interview_cancelled", interview)
    elif was_cancelled and status == InterviewStatus.PLANNED:
        mail_about_interview("evaluation_interview_planned", interview)
    return interview


@transaction.atomic
def save_interview_notes(*, interview: Interview, by, notes: dict[str, str]) -> int:
    """The staff's notes along the guide (item key → text); returns how many items have text.

    Keys outside the guide are refused; an empty text removes that item's note.
    """
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    require_staff(interview.round, by)
    unknown = set(notes) - set(KEYS)
    if unknown:
        raise ValidationError(_("These notes do not belong to the interview guide."))
    cleaned = {key: text.replace("\r\n", "\n").strip() for key, text in notes.items()}
    checks.raise_if({key: _text_error(text, NOTE_MAX_LENGTH) for key, text in cleaned.items()})
    for key, text in cleaned.items():
        if text:
            InterviewNote.objects.update_or_create(
                interview=interview, item=key, defaults={"text": text, "written_by": by}
            )
        else:
            InterviewNote.objects.filter(interview=interview, item=key).delete()
    # The audit entry says that notes were written, never what they say.
    log_action(by, "evaluation.interview_notes_saved", interview, programme_round=interview.round)
    return InterviewNote.objects.filter(interview=interview).exclude(text="").count()


def mail_about_interview(key: str, interview: Interview) -> None:
    """The mail to the person interviewed, with a link to their evaluation page."""
    interview_mail(
        key,
        interview,
        interview.person,
        interview.interviewer,
        portal_url("evaluation", interview.round),
    )


def interview_mail(key: str, interview: Interview, recipient, partner, url: str) -> None:
    """One mail about ``interview`` to ``recipient``, naming ``partner`` (the other side;
    the programme when nobody is named) and linking ``url``."""
    round = interview.round
    for_staff = recipient.pk == interview.interviewer_id
    queue_mail(
        key=key,
        to=recipient.email,
        recipient=recipient,
        round=round,
        review=False,
        calendar=lambda: interview_ics(interview, for_staff=for_staff),
        context={
            "name": recipient.get_full_name(),
            "partner": partner.get_full_name() if partner else round.programme.name,
            "when": local_datetime(interview.starts_at, recipient),
            "time_zone": zone_of(recipient).key,
            "minutes": interview.duration_minutes,
            "url": url,
            "round": round.name,
            "organisation": round.programme.organisation.name,
        },
    )


# --- the feedback session ------------------------------------------------------------------


@transaction.atomic
def save_feedback_session(
    *,
    round,
    by,
    starts_at: dt.datetime,
    duration_minutes: int,
    online_url: str = "",
    place: str = "",
    description: str = "",
    moderator=None,
) -> FeedbackSession:
    """Create the round's feedback session or change it (a new date tells those invited)."""
    require_staff(round, by)
    online_url, place, description = online_url.strip(), place.strip(), description.strip()
    errors = _when_errors(
        round,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        online_url=online_url,
        place=place,
        longest=SESSION_MINUTES_MAX,
    )
    errors["description"] = _text_error(description, DESCRIPTION_MAX_LENGTH)
    if moderator is not None and not staff_of(round).filter(pk=moderator.pk).exists():
        errors["moderator"] = _("Please choose a coordinator or trainer of this round.")
    checks.raise_if(errors)
    fields = {
        "starts_at": starts_at,
        "duration_minutes": int(duration_minutes),
        "online_url": online_url,
        "place": place,
        "description": description,
        "moderator": moderator,
    }
    session = FeedbackSession.objects.select_for_update().filter(round=round).first()
    if session is None:
        try:
            with transaction.atomic():
                session = FeedbackSession.objects.create(round=round, **fields)
        except IntegrityError:
            raise ValidationError(
                _("Someone else has just created the feedback session. Please reload the page.")
            ) from None
        log_action(by, "evaluation.feedback_session_created", session, programme_round=round)
        return session
    moved = (
        starts_at != session.starts_at
        or int(duration_minutes) != session.duration_minutes
        or session.cancelled_at is not None
    )
    for name, value in fields.items():
        setattr(session, name, value)
    session.cancelled_at = None
    session.sequence += 1
    session.save()
    log_action(by, "evaluation.feedback_session_changed", session, programme_round=round)
    if moved:
        for invitation in session.invitations.select_related("person"):
            mail_about_feedback("feedback_session_changed", session, invitation.person)
    return session


def invitable_people(session: FeedbackSession):
    """Mentors and mentees of the round not invited yet."""
    return participants(session.round).exclude(feedback_invitations__session=session)


@transaction.atomic
def invite_to_feedback(*, session: FeedbackSession, by) -> int:
    """Invite every mentor and mentee not invited yet; each gets an e-mail. Returns how many."""
    session = FeedbackSession.objects.select_for_update().get(pk=session.pk)
    require_staff(session.round, by)
    if session.cancelled_at is not None:
        raise ValidationError(_("The feedback session is cancelled; please give it a date first."))
    if session.starts_at <= timezone.now():
        raise ValidationError(_("The session has already begun; invitations are no longer sent."))
    people = list(invitable_people(session))
    for person in people:
        FeedbackInvitation.objects.create(session=session, person=person)
        mail_about_feedback("feedback_session_invitation", session, person)
    if people:
        log_action(
            by,
            "evaluation.feedback_invitations_sent",
            session,
            programme_round=session.round,
            data={"count": len(people)},
        )
    return len(people)


@transaction.atomic
def cancel_feedback_session(*, session: FeedbackSession, by) -> FeedbackSession:
    session = FeedbackSession.objects.select_for_update().get(pk=session.pk)
    require_staff(session.round, by)
    if session.cancelled_at is not None:
        raise ValidationError(_("The feedback session is already cancelled."))
    session.cancelled_at = timezone.now()
    session.sequence += 1
    session.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    log_action(by, "evaluation.feedback_session_cancelled", session, programme_round=session.round)
    for invitation in session.invitations.select_related("person"):
        mail_about_feedback("feedback_session_cancelled", session, invitation.person)
    return session


@transaction.atomic
def record_feedback_attendance(*, session: FeedbackSession, by, attended: set[int]) -> int:
    """Mark who attended (person ids); everyone else invited is marked absent."""
    session = FeedbackSession.objects.select_for_update().get(pk=session.pk)
    require_staff(session.round, by)
    if session.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the session has begun."))
    invitations = list(session.invitations.select_for_update())
    for invitation in invitations:
        invitation.attended = invitation.person_id in attended
    FeedbackInvitation.objects.bulk_update(invitations, ["attended"])
    present = sum(bool(invitation.attended) for invitation in invitations)
    log_action(
        by,
        "evaluation.feedback_attendance_recorded",
        session,
        programme_round=session.round,
        data={"attended": present, "invited": len(invitations)},
    )
    return present


def may_write_summary(session: FeedbackSession, person) -> bool:
    """The moderator writes the summary; without a moderator, any of the round's staff."""
    if session.moderator_id is not None:
        return session.moderator_id == person.pk
    return person.has_perm("evaluation.run_evaluation", session.round)


@transaction.atomic
def save_feedback_summary(*, session: FeedbackSession, by, text: str) -> FeedbackSession:
    session = FeedbackSession.objects.select_for_update().get(pk=session.pk)
    require_staff(session.round, by)
    if not may_write_summary(session, by):
        raise PermissionDenied
    text = text.replace("\r\n", "\n").strip()
    checks.raise_if({"summary": _text_error(text, SUMMARY_MAX_LENGTH)})
    session.summary = text
    session.save(update_fields=["summary", "updated_at"])
    log_action(by, "evaluation.feedback_summary_saved", session, programme_round=session.round)
    return session


def mail_about_feedback(key: str, session: FeedbackSession, person) -> None:
    round = session.round
    queue_mail(
        key=key,
        to=person.email,
        recipient=person,
        round=round,
        review=False,
        calendar=lambda: feedback_ics(session, for_staff=False),
        context={
            "name": person.get_full_name(),
            "when": local_datetime(session.starts_at, person),
            "time_zone": zone_of(person).key,
            "minutes": session.duration_minutes,
            "url": portal_url("evaluation", round),
            "round": round.name,
            "organisation": round.programme.organisation.name,
        },
    )


# --- lessons learned -------------------------------------------------------------------------


@transaction.atomic
def save_lessons_learned(*, programme_round, by, text: str) -> RoundReview:
    if not by.has_perm("evaluation.write_lessons", programme_round):
        raise PermissionDenied
    text = text.replace("\r\n", "\n").strip()
    checks.raise_if({"lessons_learned": _text_error(text, LESSONS_MAX_LENGTH)})
    review, _created = RoundReview.objects.select_for_update().get_or_create(round=programme_round)
    review.lessons_learned = text
    review.updated_by = by
    review.save()
    log_action(by, "evaluation.lessons_saved", review, programme_round=programme_round)
    return review


# --- erasure and retention (called from personal_data.py) -----------------------------


@transaction.atomic
def erase_participant(*, person) -> None:
    """The person's interviews (with their notes) and invitations go; what they wrote as
    staff stays without their name."""
    Interview.objects.filter(person=person).delete()
    FeedbackInvitation.objects.filter(person=person).delete()
    Interview.objects.filter(interviewer=person).update(interviewer=None)
    # Their offered times go; an interview booked from one keeps its date (slot -> null).
    InterviewSlot.objects.filter(interviewer=person).delete()
    InterviewNote.objects.filter(written_by=person).update(written_by=None)
    FeedbackSession.objects.filter(moderator=person).update(moderator=None)
    RoundReview.objects.filter(updated_by=person).update(updated_by=None)


def expire_interview_notes(*, programme_round, dry_run: bool = False) -> int:
    """The interview notes of ``round`` go (retention kind ``interview_notes``); the
    interviews themselves (dates, status) stay. Returns how many go."""
    notes = InterviewNote.objects.filter(interview__round=programme_round)
    count = notes.count()
    if not dry_run:
        notes.delete()
    return count


@transaction.atomic
def delete_interview_slots(*, rounds) -> int:
    """The interview slots of ``rounds`` (past retention) go; an interview booked from one
    keeps its date. Returns how many go."""
    return InterviewSlot.objects.filter(round__in=rounds).delete()[0]
