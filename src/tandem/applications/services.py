"""State changes of applications: one function each, checked, logged, in a transaction.

Rule for the round role (decided here, see README of the area): a person holds the
``mentee`` role of a round exactly while their application is active (submitted,
shortlisted, waitlisted, admitted). Submitting or an import gives the role, withdrawing
or a decline takes it away again; a withdrawn applicant keeps nothing.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail
from tandem.people.personal_data import email_matches
from tandem.programmes import services as programmes
from tandem.programmes.enums import PhaseKind, RoleKind
from tandem.programmes.models import Round, RoundRole
from tandem.programmes.services import assign_role, revoke_role

from .enums import ACTIVE_STATES, COORDINATOR_TARGETS, ApplicationState, may_move
from .models import (
    PRIVACY_NOTICE_VERSION,
    Application,
    ImportedApplication,
    MentorChoice,
    TopicChoice,
)

S = ApplicationState
EDITABLE_STATES = frozenset({S.DRAFT, S.SUBMITTED})


# --- the application window ---------------------------------------------------


@dataclass
class Window:
    status: str  # "open", "before", "after" or "none" (no dates set)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


def application_window(round: Round, today: dt.date | None = None) -> Window:
    """The phase ``applications`` of the round, compared with today (end date inclusive)."""
    today = today or timezone.localdate()
    phase = next((p for p in round.phases.all() if p.kind == PhaseKind.APPLICATIONS), None)
    if phase is None:
        return Window("none")
    if today < phase.starts_on:
        status = "before"
    elif today > phase.ends_on:
        status = "after"
    else:
        status = "open"
    return Window(status, phase.starts_on, phase.ends_on)


def _require_open_window(round: Round) -> Window:
    window = application_window(round)
    if not window.is_open:
        raise ValidationError(_("The application window of this round is closed."))
    return window


# --- the applicant's side -----------------------------------------------------


@dataclass
class ApplicationData:
    expectations: str = ""
    upcoming_projects: str = ""
    position: str = ""
    languages: list[str] = field(default_factory=list)
    availability: str = ""
    how_heard: str = ""
    supervisor_informed: bool | None = None
    topics: list = field(default_factory=list)  # Topic objects, best first
    mentors: list = field(default_factory=list)  # people, best first
    consent: bool = False


def _write(application: Application, data: ApplicationData) -> None:
    for name in (
        "expectations",
        "upcoming_projects",
        "position",
        "languages",
        "availability",
        "how_heard",
        "supervisor_informed",
    ):
        setattr(application, name, getattr(data, name))
    if data.consent and application.consent_at is None:
        application.consent_at = timezone.now()
        application.privacy_notice_version = PRIVACY_NOTICE_VERSION
    application.save()
    application.topic_choices.all().delete()
    TopicChoice.objects.bulk_create(
        TopicChoice(application=application, topic=topic, rank=rank)
        for rank, topic in enumerate(data.topics, start=1)
    )
    application.mentor_choices.all().delete()
    MentorChoice.objects.bulk_create(
        MentorChoice(application=application, mentor=mentor, rank=rank)
        for rank, mentor in enumerate(data.mentors, start=1)
    )


def _check_may_apply(programme_round: Round, person) -> None:
    if person.institution_id is None:
        raise ValidationError(_("Please add your institution to your profile first."))
    if programme_round.roles.filter(person=person, role=RoleKind.MENTOR).exists():
        raise ValidationError(_("You are a mentor in this round and cannot apply as a mentee."))


def may_edit_application(*, round: Round, person, application: Application | None) -> bool:
    """The one rule for whether the person may start or change their application now:
    the window is open, they are no mentor of the round, and it is not decided yet."""
    return (
        application_window(round).is_open
        and not round.roles.filter(person=person, role=RoleKind.MENTOR).exists()
        and (application is None or application.state in EDITABLE_STATES)
    )


@transaction.atomic
def save_application(
    *, round: Round, person, data: ApplicationData, submit: bool = False
) -> Application:
    """Create or update the person's draft (or submitted) application during the window.

    With ``submit`` a draft is submitted in the same transaction; a submitted application
    stays complete. Either way a missing part is a ValidationError keyed by the form's
    field names, and nothing is saved.
    """
    _require_open_window(round)
    _check_may_apply(round, person)
    foreign = [t for t in data.topics if t.programme_id != round.programme_id]
    if foreign or len({t.pk for t in data.topics}) != len(data.topics):
        raise ValidationError({"topic_1": _("Please choose each topic only once.")})
    application = Application.objects.filter(round=round, person=person).first()
    created = application is None
    if created:
        application = Application(round=round, person=person)
    elif application.state not in EDITABLE_STATES:
        raise ValidationError(_("This application can no longer be changed."))
    application.institution = person.institution
    _write(application, data)
    log_action(
        person,
        "application.created" if created else "application.updated",
        application,
        programme_round=round,
        data={"state": application.state},
    )
    if submit and application.state == S.DRAFT:
        submit_application(application=application, by=person)
    elif application.state == S.SUBMITTED and (missing := missing_for_submission(application)):
        raise ValidationError(missing)
    return application


def missing_for_submission(application: Application) -> dict[str, str]:
    """What a complete application still lacks, keyed by the form's field names."""
    missing = {}
    if not application.expectations.strip():
        missing["expectations"] = _("Please describe your expectations.")
    if not application.topic_choices.exists():
        missing["topic_1"] = _("Please choose at least one focus topic.")
    if not application.languages:
        missing["languages"] = _("Please choose at least one language.")
    if application.supervisor_informed is None:
        missing["supervisor_informed"] = _("Please tell us whether your supervisor knows.")
    if application.consent_at is None:
        missing["consent"] = _("Your consent is needed to submit the application.")
    if application.institution_id is None:
        missing["institution"] = _("Please add your institution to your profile first.")
    return missing


@transaction.atomic
def submit_application(*, application: Application, by) -> Application:
    window = _require_open_window(application.round)
    missing = missing_for_submission(application)
    if missing:
        raise ValidationError(missing)
    _move(application, S.SUBMITTED, by)
    application.submitted_at = timezone.now()
    application.save(update_fields=["submitted_at"])
    _send_confirmation(application, window)
    return application


@transaction.atomic
def withdraw_application(*, application: Application, by) -> Application:
    """The applicant steps back; allowed at any time, even after the window."""
    return _move(application, S.WITHDRAWN, by)


@transaction.atomic
def reopen_application(*, application: Application, by) -> Application:
    """A withdrawn application becomes a draft again while the window is open."""
    _require_open_window(application.round)
    return _move(application, S.DRAFT, by)


# --- the coordinators' side ---------------------------------------------------


@transaction.atomic
def change_state(*, application: Application, to_state: str, by) -> Application:
    """A coordinator's selection decision on one application."""
    if to_state not in COORDINATOR_TARGETS:
        raise ValidationError(_("Coordinators cannot set this state."))
    return _move(application, to_state, by)


@transaction.atomic
def set_favoured(*, application: Application, favoured: bool, by) -> Application:
    """A coordinator favours an applicant for matching (or stops doing so); logged."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.favoured != favoured:
        application.favoured = favoured
        application.save(update_fields=["favoured", "updated_at"])
        log_action(
            by,
            "application.favoured" if favoured else "application.unfavoured",
            application,
            programme_round=application.round,
        )
    return application


def bulk_change_state(*, applications, to_state: str, by):
    """Apply one decision to many; each row on its own, illegal ones are reported."""
    changed, errors = [], []
    for application in applications:
        try:
            change_state(application=application, to_state=to_state, by=by)
        except ValidationError as error:
            errors.append((application, " ".join(error.messages)))
        else:
            changed.append(application)
    return changed, errors


# --- shared -------------------------------------------------------------------


def _move(application: Application, to_state: str, by) -> Application:
    previous = application.state
    if not may_move(previous, to_state):
        raise ValidationError(
            _("An application cannot move from “%(from)s” to “%(to)s”.")
            % {"from": S(previous).label, "to": S(to_state).label}
        )
    application.state = to_state
    application.save(update_fields=["state", "updated_at"])
    log_action(
        by,
        f"application.{to_state}",
        application,
        programme_round=application.round,
        data={"from": previous, "to": to_state},
    )
    sync_mentee_role(application, by)
    return application


def sync_mentee_role(application: Application, by) -> None:
    role = RoundRole.objects.filter(
        round=application.round, person=application.person, role=RoleKind.MENTEE
    ).first()
    if application.state in ACTIVE_STATES and role is None:
        assign_role(
            round=application.round,
            person=application.person,
            role=RoleKind.MENTEE,
            by=by,
            notify=False,
        )
    elif application.state not in ACTIVE_STATES and role is not None:
        revoke_role(round_role=role, by=by)


def _send_confirmation(application: Application, window: Window) -> None:
    person = application.person
    with translation.override(person.language):
        deadline = date_format(window.ends_on, "SHORT_DATE_FORMAT") if window.ends_on else ""
    queue_mail(
        key="application_submitted",
        to=person.email,
        recipient=person,
        round=application.round,
        context={
            "name": person.get_full_name(),
            "round": str(application.round),
            "deadline": deadline,
            "url": reverse("portal:application_apply", kwargs=application.round.url_kwargs),
        },
    )


def move_to_merged_institution(sender, *, keep, merge, **kwargs) -> dict[str, int]:
    """Applications of an institution merged into another now name the one kept."""
    return {"applications": Application.objects.filter(institution=merge).update(institution=keep)}


# --- erasure and retention (called from personal_data.py) -----------------------------

# Decided applications stay as a statistical record: a round's reports count applicants,
# admissions, declines, topics and institution types (DESIGN.md §4 recruitment-gap report,
# §3 evaluation), and dropping rows would change last year's figures. What the person wrote
# and whom they preferred goes; the consent time and notice version stay as the record that
# the processing was lawful. Open applications (draft up to waitlisted) are deleted: the
# person leaves the selection as if withdrawing, and no decision about them needs counting.
DECIDED_STATES = frozenset({S.ADMITTED, S.DECLINED, S.WITHDRAWN})
BLANKED_FIELDS = ("expectations", "upcoming_projects", "position", "availability", "how_heard")


def _deleted(queryset) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


@transaction.atomic
def erase_applicant(*, person, addresses) -> dict[str, int]:
    """An erased person's open applications go (with the mentee role, as on withdrawing),
    decided ones stay without their texts and preferred mentors; imported rows go."""
    applications = Application.objects.select_for_update().filter(person=person)
    open_ones = applications.exclude(state__in=DECIDED_STATES)
    open_rounds = list(open_ones.filter(state__in=ACTIVE_STATES).values_list("round", flat=True))
    roles = programmes.remove_mentee_roles(people=[person], rounds=open_rounds)
    deleted = _deleted(open_ones)
    decided = applications.filter(state__in=DECIDED_STATES)
    MentorChoice.objects.filter(application__in=decided).delete()
    blanked = decided.update(updated_at=timezone.now(), **dict.fromkeys(BLANKED_FIELDS, ""))
    imported = _deleted(ImportedApplication.objects.filter(email_matches(addresses)))
    return {
        "applications_deleted": deleted,
        "applications_anonymised": blanked,
        "mentee_roles_revoked": roles,
        "imported_applications": imported,
    }


@transaction.atomic
def clean_round_applications(*, programme_round, dry_run: bool = False) -> dict[str, int]:
    """A round past retention: the applications it did not admit go, with the imported rows
    nobody confirmed and the mentee role of an applicant never decided."""
    applications = Application.objects.filter(round=programme_round).exclude(state=S.ADMITTED)
    imported = ImportedApplication.objects.filter(round=programme_round)
    holders = list(applications.filter(state__in=ACTIVE_STATES).values_list("person", flat=True))
    counts = {
        "applications": applications.count(),
        "mentee_roles": programmes.remove_mentee_roles(
            people=holders, round=programme_round, dry_run=True
        ),
        "imported_applications": imported.count(),
    }
    if not dry_run:
        imported.delete()
        programmes.remove_mentee_roles(people=holders, round=programme_round)
        applications.delete()
    return counts
