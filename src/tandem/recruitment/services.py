"""State changes of mentor recruitment: one function each, validated, logged, in a transaction."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail, release_mails
from tandem.people.personal_data import email_matches
from tandem.people.tokens import hash_token, new_token, plausible_token
from tandem.privacy.files import delete_after_commit
from tandem.programmes.enums import RoleKind
from tandem.programmes.invitations import has_verified_address
from tandem.programmes.models import Round, RoundRole
from tandem.programmes.services import assign_role

from .enums import CandidateStatus, Language, Weekday
from .models import Candidate, InfoEvent, InfoEventRegistration, MentorProfile, MentorTopic
from .photos import normalised_photo
from .selectors import invitation_drafts

INVITATION_VALID_DAYS = 30
REMIND_AFTER_DAYS = 10
GIVE_UP_AFTER_DAYS = 10
INVITABLE = {CandidateStatus.IDEA, CandidateStatus.NO_ANSWER}
ANSWERABLE = {CandidateStatus.INVITED, CandidateStatus.NO_ANSWER}


def _coordinator_name(programme_round: Round, by) -> str:
    return (by.get_full_name() if by else "") or programme_round.programme.organisation.name


def _local_date(value: dt.datetime, language: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def _new_link(candidate: Candidate) -> str:
    """A fresh secret for the candidate's link; only its hash is stored.

    The raw token is also left on ``candidate.token`` for the caller (it exists nowhere else).
    """
    token, candidate.token_hash = new_token()
    candidate.token = token
    return token


def _invitation_context(candidate: Candidate, token: str, by=None) -> dict:
    round = candidate.round
    return {
        "name": candidate.name,
        "round": round.name,
        "programme": round.programme.name,
        "organisation": round.programme.organisation.name,
        "coordinator": _coordinator_name(round, by),
        "months": round.tandem_months,
        "meeting_hours": f"{round.meeting_max_minutes / 60:g}",
        "expires": _local_date(candidate.token_expires_at, candidate.language),
        "url": reverse("public:invitation", kwargs={**round.url_kwargs, "token": token}),
    }


# --- candidates -----------------------------------------------------------------------


@transaction.atomic
def add_candidate(
    *,
    round: Round,
    name: str,
    email: str,
    institution: str = "",
    topics=(),
    notes: str = "",
    language: str = "de",
    by,
) -> Candidate:
    email = email.strip().lower()
    if Candidate.objects.filter(round=round, email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already on the candidate list.")})
    foreign = [topic for topic in topics if topic.programme_id != round.programme_id]
    if foreign:
        raise ValidationError({"topics": _("Please choose topics of this programme.")})
    try:
        # Two coordinators adding the same person at the same moment both pass the check
        # above; the database's unique constraint decides, and the second hears why.
        with transaction.atomic():
            candidate = Candidate.objects.create(
                round=round,
                name=name.strip(),
                email=email,
                institution=institution.strip(),
                notes=notes,
                language=language,
            )
    except IntegrityError:
        raise ValidationError(
            {"email": _("This person is already on the candidate list.")}
        ) from None
    candidate.topics.set(topics)
    log_action(by, "candidate.added", candidate, programme_round=round)
    return candidate


@transaction.atomic
def update_candidate(
    *,
    candidate: Candidate,
    name: str,
    email: str,
    institution: str,
    topics,
    notes: str,
    language: str,
    by,
) -> Candidate:
    email = email.strip().lower()
    others = Candidate.objects.filter(round=candidate.round, email__iexact=email)
    if others.exclude(pk=candidate.pk).exists():
        raise ValidationError({"email": _("This person is already on the candidate list.")})
    candidate.name, candidate.email, candidate.institution = name.strip(), email, institution
    candidate.notes, candidate.language = notes, language
    candidate.save()
    candidate.topics.set(topics)
    log_action(by, "candidate.updated", candidate, programme_round=candidate.round)
    return candidate


# A coordinator may record an answer that came by phone or a reset by hand. "Invited" needs
# a link and "accepted" needs the candidate's own account (it gives the mentor role), so
# both only come from the invitation itself.
STATUSES_BY_HAND = [CandidateStatus.IDEA, CandidateStatus.DECLINED, CandidateStatus.NO_ANSWER]


@transaction.atomic
def set_candidate_status(*, candidate: Candidate, status: str, by) -> Candidate:
    if status not in STATUSES_BY_HAND:
        raise ValidationError({"status": _("This status can only come from an invitation.")})
    if candidate.status == CandidateStatus.ACCEPTED:
        raise ValidationError(
            {
                "status": _(
                    "This person accepted and is a mentor of the round. To end that, remove the "
                    "mentor role under “People and roles”."
                )
            }
        )
    previous = candidate.status
    candidate.status = status
    # Any change by hand closes an open link: the answer is known or the invitation is reset.
    candidate.token_hash = None
    candidate.token_expires_at = None
    if status == CandidateStatus.IDEA:
        candidate.invited_at = candidate.reminded_at = candidate.answered_at = None
    elif status == CandidateStatus.DECLINED:
        candidate.answered_at = timezone.now()
    candidate.save()
    _drop_invitation_drafts(candidate)
    log_action(
        by,
        "candidate.status_set",
        candidate,
        programme_round=candidate.round,
        data={"from": previous, "to": status},
    )
    return candidate


@transaction.atomic
def remove_candidate(*, candidate: Candidate, by) -> None:
    """Take a person off the list; an accepted mentor keeps role and profile."""
    round = candidate.round
    _drop_invitation_drafts(candidate)
    log_action(
        by, "candidate.removed", candidate, programme_round=round, data={"status": candidate.status}
    )
    candidate.delete()


def _drop_invitation_drafts(candidate: Candidate) -> None:
    # Unsent drafts to this person would otherwise still go out after a release.
    invitation_drafts(candidate.round).filter(to__iexact=candidate.email).delete()


@dataclass
class InvitationResult:
    invited: list = field(default_factory=list)
    skipped: list = field(default_factory=list)


@transaction.atomic
def invite_candidates(*, round: Round, candidates, by, review: bool = True) -> InvitationResult:
    """Give each candidate a personal link and put the invitation into the outbox.

    With ``review=True`` (bulk) the mails wait as drafts until a coordinator releases them.
    Candidates who already answered or hold a valid invitation are skipped.
    """
    now = timezone.now()
    result = InvitationResult()
    for candidate in candidates:
        if candidate.round_id != round.pk:
            raise ValidationError(_("This candidate belongs to another round."))
        expired = candidate.status == CandidateStatus.INVITED and not candidate.token_valid
        if candidate.status not in INVITABLE and not expired:
            result.skipped.append(candidate)
            continue
        token = _new_link(candidate)
        candidate.token_expires_at = now + dt.timedelta(days=INVITATION_VALID_DAYS)
        candidate.status = CandidateStatus.INVITED
        candidate.invited_at = now
        candidate.reminded_at = None
        candidate.answered_at = None
        candidate.save()
        queue_mail(
            key="mentor_invitation",
            to=candidate.email,
            context=_invitation_context(candidate, token, by),
            language=candidate.language,
            round=round,
            review=review,
        )
        log_action(
            by, "candidate.invited", candidate, programme_round=round, data={"review": review}
        )
        result.invited.append(candidate)
    return result


@transaction.atomic
def release_invitations(*, round: Round, by) -> int:
    """Send all recruitment drafts of the round that wait for review."""
    count = release_mails(invitation_drafts(round))
    log_action(
        by, "candidate.invitations_released", round, programme_round=round, data={"count": count}
    )
    return count


def _check_answerable(candidate: Candidate) -> None:
    if candidate.status not in ANSWERABLE or not candidate.token_valid:
        raise ValidationError(_("This invitation is no longer open."))


@transaction.atomic
def accept_invitation(*, candidate: Candidate, person) -> MentorProfile | None:
    """The candidate says yes: link the account, give the mentor role, close the link."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _check_answerable(candidate)
    # Only the owner of the invited address may take the invitation: a forwarded or
    # leaked link must not make a stranger a mentor.
    if not has_verified_address(person, candidate.email):
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Please log in with the "
                "address the invitation was sent to (or add and confirm it under your account's "
                "e-mail addresses)."
            )
        )
    round = candidate.round
    roles = set(RoundRole.objects.filter(round=round, person=person).values_list("role", flat=True))
    if RoleKind.MENTEE in roles:
        raise ValidationError(
            _("You take part in this round as a mentee, so you cannot be a mentor in it.")
        )
    if RoleKind.MENTOR not in roles:
        assign_role(round=round, person=person, role=RoleKind.MENTOR, by=person, notify=False)
    candidate.status = CandidateStatus.ACCEPTED
    candidate.answered_at = timezone.now()
    candidate.person = person
    candidate.token_hash = None
    candidate.token_expires_at = None
    candidate.save()
    log_action(person, "candidate.accepted", candidate, programme_round=round)
    return MentorProfile.objects.filter(round=round, person=person).first()


@transaction.atomic
def decline_invitation(*, candidate: Candidate) -> Candidate:
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    _check_answerable(candidate)
    candidate.status = CandidateStatus.DECLINED
    candidate.answered_at = timezone.now()
    candidate.token_hash = None
    candidate.token_expires_at = None
    candidate.save()
    log_action(None, "candidate.declined", candidate, programme_round=candidate.round)
    return candidate


@transaction.atomic
def remind_candidates(
    *, after_days: int = REMIND_AFTER_DAYS, give_up_days: int = GIVE_UP_AFTER_DAYS, now=None
) -> tuple[int, int]:
    """Remind invited candidates who have not answered after ``after_days`` — once each.

    Candidates reminded ``give_up_days`` ago without answer, or whose link expired, are
    marked "no answer"; a link stays valid until it expires, so a late yes still works.
    Returns (reminded, marked as no answer).
    """
    now = now or timezone.now()
    reminded = 0
    due = Candidate.objects.select_related("round__programme__organisation").filter(
        status=CandidateStatus.INVITED,
        reminded_at__isnull=True,
        invited_at__lte=now - dt.timedelta(days=after_days),
        token_expires_at__gt=now,
    )
    for candidate in due:
        candidate.reminded_at = now
        # Only the hash of the first link is stored, so the reminder carries a new link
        # (and says that it replaces the first one).
        token = _new_link(candidate)
        candidate.save(update_fields=["reminded_at", "token_hash"])
        queue_mail(
            key="mentor_reminder",
            to=candidate.email,
            context=_invitation_context(candidate, token),
            language=candidate.language,
            round=candidate.round,
        )
        log_action(None, "candidate.reminded", candidate, programme_round=candidate.round)
        reminded += 1
    silent = Candidate.objects.select_related("round").filter(
        Q(reminded_at__lte=now - dt.timedelta(days=give_up_days)) | Q(token_expires_at__lte=now),
        status=CandidateStatus.INVITED,
    )
    given_up = 0
    for candidate in silent:
        candidate.status = CandidateStatus.NO_ANSWER
        candidate.save(update_fields=["status"])
        log_action(None, "candidate.no_answer", candidate, programme_round=candidate.round)
        given_up += 1
    return reminded, given_up


# --- mentor profile -------------------------------------------------------------------


@dataclass
class MentorProfileData:
    presentation: str
    experience: str = ""
    capacity: int = 1
    languages: list = field(default_factory=lambda: ["de"])
    weekdays: list = field(default_factory=list)
    availability: str = ""
    video_url: str = ""
    publish_in_gallery: bool = False
    photo: object = None  # an uploaded file, or None to keep; False to remove
    slides: object = None


@transaction.atomic
def save_mentor_profile(
    *, round: Round, person, data: MentorProfileData, levels: dict
) -> MentorProfile:
    """Create or update the person's own profile; ``levels`` maps Topic → level 1–3."""
    if not RoundRole.objects.filter(round=round, person=person, role=RoleKind.MENTOR).exists():
        raise ValidationError(_("Only mentors of this round have a mentor profile."))
    errors = {}
    levels = {topic: int(level) for topic, level in levels.items() if level}
    if not levels:
        errors["topics"] = _("Please give at least one topic with your level.")
    if any(topic.programme_id != round.programme_id for topic in levels):
        errors["topics"] = _("Please choose topics of this programme.")
    if any(level not in (1, 2, 3) for level in levels.values()):
        errors["topics"] = _("Levels go from 1 to 3.")
    if not data.presentation.strip():
        errors["presentation"] = _("Please introduce yourself in a few sentences.")
    if not 1 <= int(data.capacity) <= 10:
        errors["capacity"] = _("Please enter a number from 1 to 10.")
    languages = [code for code in data.languages if code in Language.values]
    if not languages:
        errors["languages"] = _("Please choose at least one language.")
    if errors:
        raise ValidationError(errors)
    profile, created = MentorProfile.objects.get_or_create(
        round=round,
        person=person,
        defaults={"presentation": data.presentation, "capacity": data.capacity},
    )
    profile.presentation = data.presentation.strip()
    profile.experience = data.experience.strip()
    profile.capacity = data.capacity
    profile.languages = languages
    profile.weekdays = [day for day in data.weekdays if day in Weekday.values]
    profile.availability = data.availability.strip()
    profile.video_url = data.video_url
    profile.publish_in_gallery = data.publish_in_gallery
    new_photo = normalised_photo(data.photo) if data.photo else data.photo
    replaced = []
    for name, value in (("photo", new_photo), ("slides", data.slides)):
        stored = getattr(profile, name)
        if value is False or (value and stored):
            replaced.append((stored.storage, stored.name))
        if value is False:
            setattr(profile, name, None)
        elif value:
            setattr(profile, name, value)
    # Stored files were checked when they were uploaded; only new uploads are validated.
    unchanged = [name for name in ("photo", "slides") if not getattr(data, name)]
    profile.full_clean(exclude=["round", "person", *unchanged])
    profile.save()
    # Old files go only once the new state is committed: a failed save keeps them.
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in replaced if name])
    MentorTopic.objects.filter(profile=profile).delete()
    MentorTopic.objects.bulk_create(
        MentorTopic(profile=profile, topic=topic, level=level) for topic, level in levels.items()
    )
    log_action(
        person,
        "mentor_profile.created" if created else "mentor_profile.updated",
        profile,
        programme_round=round,
        data={"published": profile.publish_in_gallery},
    )
    return profile


# --- info event -----------------------------------------------------------------------


@transaction.atomic
def schedule_info_event(
    *, round: Round, starts_at, ends_at, video_url: str = "", agenda: str = "", by
) -> InfoEvent:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The event must end after it starts.")})
    event, created = InfoEvent.objects.update_or_create(
        round=round,
        defaults={
            "starts_at": starts_at,
            "ends_at": ends_at,
            "video_url": video_url,
            "agenda": agenda,
        },
    )
    log_action(
        by,
        "info_event.scheduled" if created else "info_event.updated",
        event,
        programme_round=round,
    )
    return event


def info_event_when(event: InfoEvent, language: str) -> str:
    with translation.override(language):
        start = timezone.localtime(event.starts_at)
        end = timezone.localtime(event.ends_at)
        return "{} {}–{}".format(
            formats.date_format(start, "DATE_FORMAT"),
            formats.time_format(start, "TIME_FORMAT"),
            formats.time_format(end, "TIME_FORMAT"),
        )


@transaction.atomic
def register_for_info_event(
    *, event: InfoEvent, name: str, email: str, consent_text: str, language: str = "de"
) -> tuple[InfoEventRegistration, bool]:
    """Register an interested person once per address; returns (registration, created).

    Double opt-in: the first mail only asks the address's owner to confirm it (it names
    nobody: the name was typed by whoever filled in the form). A confirmed address gets
    no further mail from a repeated registration.
    """
    if event.ends_at <= timezone.now():
        raise ValidationError(_("The info event is over; registration is closed."))
    email = email.strip().lower()
    registration = event.registrations.filter(email__iexact=email).first()
    created = registration is None
    if registration is not None and registration.confirmed_at:
        return registration, False
    token, token_hash = new_token()
    if created:
        try:
            with transaction.atomic():
                registration = InfoEventRegistration.objects.create(
                    event=event,
                    name=" ".join(name.split()),
                    email=email,
                    language=language,
                    consent_text=consent_text,
                    consented_at=timezone.now(),
                    token_hash=token_hash,
                )
        except IntegrityError:  # a double click that raced the check above
            return event.registrations.get(email__iexact=email), False
    else:
        registration.token_hash = token_hash
        registration.save(update_fields=["token_hash"])
    round = event.round
    context = {
        "round": round.name,
        "programme": round.programme.name,
        "organisation": round.programme.organisation.name,
        "url": reverse("public:info_event_confirm", kwargs={**round.url_kwargs, "token": token}),
    }
    # round=None: the platform's own text; then shown in the round's outbox.
    mail = queue_mail(
        key="info_event_confirm_address", to=email, language=language, context=context
    )
    mail.round = round
    mail.save(update_fields=["round"])
    if created:
        log_action(None, "info_event.registered", registration, programme_round=round)
    registration.token = token
    return registration, created


@transaction.atomic
def confirm_info_event_registration(*, token: str) -> InfoEventRegistration | None:
    """The owner of the address opened the link: the registration counts, details follow."""
    if not plausible_token(token):
        return None
    registration = (
        InfoEventRegistration.objects.select_for_update()
        .select_related("event__round__programme__organisation")
        .filter(token_hash=hash_token(token), confirmed_at=None)
        .first()
    )
    if registration is None:
        return None
    registration.confirmed_at = timezone.now()
    registration.token_hash = None
    registration.save(update_fields=["confirmed_at", "token_hash"])
    event, language = registration.event, registration.language
    round = event.round
    queue_mail(
        key="info_event_registration",
        to=registration.email,
        language=language,
        round=round,
        context={
            "name": registration.name,
            "round": round.name,
            "programme": round.programme.name,
            "organisation": round.programme.organisation.name,
            "when": info_event_when(event, language),
            "video_url": event.video_url,
            "ics_url": reverse("public:info_event_ics", kwargs=round.url_kwargs),
            "event_url": reverse("public:info_event", kwargs=round.url_kwargs),
        },
    )
    log_action(None, "info_event.address_confirmed", registration, programme_round=round)
    return registration


# --- erasure and retention (called from personal_data.py) -----------------------------


def _deleted(queryset) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


@transaction.atomic
def erase_person_records(*, person, addresses) -> dict[str, int]:
    """An erased person's mentor profiles (with photo and slides), candidate entries and
    info-event registrations go; the files leave storage once the erasure commits."""
    profiles = list(MentorProfile.objects.filter(person=person))
    delete_after_commit(file for profile in profiles for file in (profile.photo, profile.slides))
    return {
        "mentor_profiles": _deleted(MentorProfile.objects.filter(pk__in=[p.pk for p in profiles])),
        "candidate_entries": _deleted(
            Candidate.objects.filter(Q(person=person) | email_matches(addresses))
        ),
        "info_event_registrations": _deleted(
            InfoEventRegistration.objects.filter(email_matches(addresses))
        ),
    }


@transaction.atomic
def clean_round_records(*, programme_round, dry_run: bool = False) -> dict[str, int]:
    """A round past retention: registrations, the candidate list with its notes and the
    mentors' files go; the profiles' texts stay as the record of who mentored."""
    registrations = InfoEventRegistration.objects.filter(event__round=programme_round)
    candidates = Candidate.objects.filter(round=programme_round)
    profiles = list(
        MentorProfile.objects.filter(round=programme_round).filter(~Q(photo="") | ~Q(slides=""))
    )
    files = [file for profile in profiles for file in (profile.photo, profile.slides) if file]
    counts = {
        "info_event_registrations": registrations.count(),
        "candidates": candidates.count(),
        "mentor_profile_files": len(files),
    }
    if not dry_run:
        registrations.delete()
        candidates.delete()
        delete_after_commit(files)
        MentorProfile.objects.filter(pk__in=[p.pk for p in profiles]).update(photo="", slides="")
    return counts
