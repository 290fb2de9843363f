"""State changes of mentor training: sessions, invitations, answers, attendance, materials.

Each function checks, saves, writes the audit log and queues its e-mails in one
transaction. Views, commands and the demo call these, never the models directly.
"""

import datetime as dt
from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail
from tandem.privacy.files import delete_after_commit
from tandem.programmes.enums import RoleKind
from tandem.tandems.selectors import local_datetime, zone_of

from . import checks
from .calendar import session_ics
from .enums import Audience, InvitationAnswer
from .limits import MINUTES_MIN, SESSION_MINUTES_MAX
from .models import TrainingInvitation, TrainingMaterial, TrainingSession
from .selectors import portal_url

TITLE_MAX_LENGTH = 200
PLACE_MAX_LENGTH = 300
DESCRIPTION_MAX_LENGTH = 10000
MATERIAL_MAX_BYTES = 20 * 1024 * 1024
MATERIAL_TYPES = {
    ".pdf",
    ".docx",
    ".pptx",
    ".xlsx",
    ".odt",
    ".odp",
    ".ods",
    ".txt",
    ".md",
    ".png",
    ".jpg",
    ".jpeg",
}
AUDIENCE_ROLES = {
    Audience.MENTORS: [RoleKind.MENTOR],
    Audience.MENTEES: [RoleKind.MENTEE],
    Audience.EVERYONE: [RoleKind.MENTOR, RoleKind.MENTEE],
}


def require_training_staff(programme_round, person) -> None:
    if not person.has_perm("training.manage_training", programme_round):
        raise PermissionDenied


def _session_errors(
    round, *, title, starts_at, duration_minutes, online_url, place, description, audience
) -> dict:
    return {
        "title": (
            _("Please give the session a title.")
            if not title
            else _("Please keep the title under %(n)s characters.") % {"n": TITLE_MAX_LENGTH}
            if len(title) > TITLE_MAX_LENGTH
            else ""
        ),
        "starts_at": checks.date_error(round, starts_at),
        "duration_minutes": checks.length_error(duration_minutes, MINUTES_MIN, SESSION_MINUTES_MAX),
        "online_url": checks.url_error(online_url),
        "place": (
            _("Please keep the place under %(n)s characters.") % {"n": PLACE_MAX_LENGTH}
            if len(place) > PLACE_MAX_LENGTH
            else ""
        ),
        "description": (
            _("Please keep the description under %(n)s characters.") % {"n": DESCRIPTION_MAX_LENGTH}
            if len(description) > DESCRIPTION_MAX_LENGTH
            else ""
        ),
        "audience": "" if audience in Audience.values else _("Please choose whom to invite."),
    }


def _clean(fields: dict) -> dict:
    return {
        key: value.strip() if isinstance(value, str) else value for key, value in fields.items()
    }


@transaction.atomic
def create_session(
    *,
    round,
    by,
    title: str,
    starts_at: dt.datetime,
    duration_minutes: int,
    online_url: str = "",
    place: str = "",
    description: str = "",
    audience: str = Audience.MENTORS,
) -> TrainingSession:
    require_training_staff(round, by)
    fields = _clean(
        {
            "title": title,
            "starts_at": starts_at,
            "online_url": online_url,
            "duration_minutes": duration_minutes,
            "place": place,
            "description": description,
            "audience": audience,
        }
    )
    checks.raise_if(_session_errors(round, **fields))
    session = TrainingSession.objects.create(round=round, created_by=by, **fields)
    log_action(by, "training.session_created", session, programme_round=round)
    return session


@transaction.atomic
def update_session(*, session: TrainingSession, by, **fields) -> TrainingSession:
    """Change a session; a new date or length raises SEQUENCE and tells those invited."""
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    require_training_staff(session.round, by)
    fields = _clean(fields)
    checks.raise_if(_session_errors(session.round, **fields))
    moved = (
        fields["starts_at"] != session.starts_at
        or int(fields["duration_minutes"]) != session.duration_minutes
    )
    for name, value in fields.items():
        setattr(session, name, value)
    session.sequence += 1
    if moved:
        session.reminded_at = None
    session.save()
    log_action(by, "training.session_changed", session, programme_round=session.round)
    if moved:
        for invitation in session.invitations.exclude(
            answer=InvitationAnswer.DECLINED
        ).select_related("person"):
            mail_about_session("training_changed", session, invitation.person)
    return session


def invitable_people(session: TrainingSession):
    """Round members of the session's audience who are not invited yet."""
    from tandem.people.models import User

    roles = AUDIENCE_ROLES[Audience(session.audience)]
    return (
        User.objects.filter(
            round_roles__round=session.round, round_roles__role__in=roles, is_active=True
        )
        .exclude(training_invitations__session=session)
        .distinct()
        .order_by("name")
    )


@transaction.atomic
def invite_to_session(*, session: TrainingSession, by) -> int:
    """Invite everyone of the audience not invited yet; each gets an e-mail. Returns how many."""
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    require_training_staff(session.round, by)
    if session.starts_at <= timezone.now():
        raise ValidationError(_("This session has already begun; invitations are no longer sent."))
    people = list(invitable_people(session))
    for person in people:
        TrainingInvitation.objects.create(session=session, person=person)
        mail_about_session("training_invitation", session, person)
    if people:
        log_action(
            by,
            "training.invitations_sent",
            session,
            programme_round=session.round,
            data={"count": len(people)},
        )
    return len(people)


@transaction.atomic
def answer_invitation(*, invitation: TrainingInvitation, by, accept: bool) -> TrainingInvitation:
    invitation = (
        TrainingInvitation.objects.select_for_update()
        .select_related("session")
        .get(pk=invitation.pk)
    )
    if invitation.person_id != by.pk:
        raise PermissionDenied
    if invitation.session.starts_at <= timezone.now():
        raise ValidationError(
            _("This session has already begun; the answer can no longer be changed.")
        )
    invitation.answer = InvitationAnswer.ACCEPTED if accept else InvitationAnswer.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answer", "answered_at"])
    log_action(
        by,
        f"training.invitation_{invitation.answer}",
        invitation,
        programme_round=invitation.session.round,
    )
    return invitation


@transaction.atomic
def record_attendance(*, session: TrainingSession, by, attended: set[int]) -> int:
    """Mark who attended (person ids); everyone else invited is marked absent."""
    require_training_staff(session.round, by)
    if session.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the session has begun."))
    invitations = list(session.invitations.select_for_update())
    for invitation in invitations:
        invitation.attended = invitation.person_id in attended
    TrainingInvitation.objects.bulk_update(invitations, ["attended"])
    present = sum(invitation.attended for invitation in invitations)
    log_action(
        by,
        "training.attendance_recorded",
        session,
        programme_round=session.round,
        data={"attended": present, "invited": len(invitations)},
    )
    return present


@transaction.atomic
def add_material(
    *, session: TrainingSession, by, title: str, file=None, url: str = ""
) -> TrainingMaterial:
    require_training_staff(session.round, by)
    title, url = title.strip(), url.strip()
    errors = {
        "title": "" if title else _("Please give the material a title."),
        "url": checks.url_error(url),
    }
    if len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("Please keep the title under %(n)s characters.") % {
            "n": TITLE_MAX_LENGTH
        }
    if bool(file) == bool(url):
        errors["file"] = _("Please upload a file or give a link (one of the two).")
    elif file:
        if PurePosixPath(file.name).suffix.lower() not in MATERIAL_TYPES:
            errors["file"] = _("Please upload a PDF, office document, text or image file.")
        elif file.size > MATERIAL_MAX_BYTES:
            errors["file"] = _("The file is larger than 20 MB.")
    checks.raise_if(errors)
    material = TrainingMaterial.objects.create(
        session=session, title=title, url=url, file=file or "", added_by=by
    )
    log_action(by, "training.material_added", material, programme_round=session.round)
    return material


@transaction.atomic
def remove_material(*, material: TrainingMaterial, by) -> None:
    require_training_staff(material.session.round, by)
    log_action(by, "training.material_removed", material, programme_round=material.session.round)
    delete_after_commit([material.file])
    material.delete()


def mail_about_session(key: str, session: TrainingSession, person) -> None:
    round = session.round
    queue_mail(
        key=key,
        to=person.email,
        recipient=person,
        round=round,
        review=False,
        # A reminder repeats what the invitation's file put in the calendar.
        calendar=None if key == "training_reminder" else (lambda: session_ics(session)),
        context={
            "name": person.get_full_name(),
            "title": session.title,
            "when": local_datetime(session.starts_at, person),
            "time_zone": zone_of(person).key,
            "minutes": session.duration_minutes,
            "url": portal_url("training_session", round, session=session.pk),
            "round": round.name,
            "organisation": round.programme.organisation.name,
        },
    )


@transaction.atomic
def erase_invitations(*, person) -> dict[str, int]:
    """An erased person's training invitations (with answers and attendance) go."""
    deleted = TrainingInvitation.objects.filter(person=person).delete()[1]
    return {"training_invitations": deleted.get(TrainingInvitation._meta.label, 0)}


@transaction.atomic
def clean_rounds(*, rounds) -> int:
    """Consultations (slots, bookings, notes) and materials of ``rounds`` (past retention)
    go, the files once the clean-up commits; returns how many rows went."""
    from .models import ConsultationBooking, ConsultationSlot

    slots = ConsultationSlot.objects.filter(round__in=rounds)
    bookings = ConsultationBooking.objects.filter(slot__round__in=rounds)
    materials = list(TrainingMaterial.objects.filter(session__round__in=rounds))
    count = bookings.count() + slots.count() + len(materials)
    bookings.delete()
    slots.delete()
    delete_after_commit([material.file for material in materials])
    TrainingMaterial.objects.filter(pk__in=[m.pk for m in materials]).delete()
    return count
