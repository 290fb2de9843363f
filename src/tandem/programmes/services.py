"""State changes of the programmes domain: one function each, logged, in a transaction."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.matching.engine.institutions import normalise_institution

from .enums import PhaseKind, RoleKind
from .models import (
    NEW_MATCH_WITHIN_PERCENT,
    PROPOSAL_REMINDER_DAYS,
    Institution,
    Organisation,
    Phase,
    Programme,
    RoleInvitation,
    Round,
    RoundRole,
    Topic,
)
from .taxonomy import DEFAULT_TOPICS

# Words that are path segments of the management URLs and so cannot be slugs.
RESERVED_SLUGS = {
    "new",
    "edit",
    "topics",
    "texts",
    "rounds",
    "roles",
    "advance",
    "programmes",
    # /manage/<org>/people/<id>/ (a person) would otherwise hide a programme "people".
    "people",
}


def normalise_name(name: str) -> str:
    """Key of an institution's name: the matching engine's one normaliser (branch libraries
    belong to their university, spelling variants fold), so the web app and the engine can
    never disagree about who works at the same house."""
    return normalise_institution(name)


def unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:50] or "x"
    slug, counter = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def create_organisation(*, name: str, created_by) -> Organisation:
    slug = unique_slug(name, set(Organisation.objects.values_list("slug", flat=True)))
    organisation = Organisation.objects.create(name=name, slug=slug)
    organisation.coordinators.add(created_by)
    log_action(created_by, "organisation.created", organisation, data={"name": name})
    return organisation


@transaction.atomic
def add_organisation_coordinator(*, organisation: Organisation, person, by) -> None:
    organisation.coordinators.add(person)
    log_action(by, "organisation.coordinator_added", organisation, data={"person": person.pk})


@transaction.atomic
def create_programme(
    *,
    organisation: Organisation,
    name: str,
    description: str,
    default_taxonomy: bool = False,
    topics_from: Programme | None = None,
    by,
) -> Programme:
    """A new programme with no topics, the default taxonomy, or a copy of another
    programme's topics (of the same organisation)."""
    if topics_from is not None and topics_from.organisation_id != organisation.pk:
        raise ValidationError({"topics": _("Topics can only be copied within the organisation.")})
    slug = unique_slug(name, set(organisation.programmes.values_list("slug", flat=True)))
    programme = Programme.objects.create(
        organisation=organisation, name=name, slug=slug, description=description
    )
    if topics_from is not None:
        Topic.objects.bulk_create(
            Topic(
                programme=programme,
                key=topic.key,
                label_de=topic.label_de,
                label_en=topic.label_en,
                position=topic.position,
            )
            for topic in topics_from.topics.all()
        )
    elif default_taxonomy:
        Topic.objects.bulk_create(
            Topic(programme=programme, key=key, label_de=de, label_en=en, position=i)
            for i, (key, de, en) in enumerate(DEFAULT_TOPICS)
        )
    log_action(
        by,
        "programme.created",
        programme,
        data={
            "default_taxonomy": default_taxonomy and topics_from is None,
            "topics_from": topics_from.pk if topics_from else None,
        },
    )
    return programme


@transaction.atomic
def add_topic(*, programme: Programme, key: str, label_de: str, label_en: str, by) -> Topic:
    if programme.topics.filter(key=key).exists():
        raise ValidationError({"key": _("This programme already has a topic with this key.")})
    position = (
        programme.topics.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    topic = Topic.objects.create(
        programme=programme, key=key, label_de=label_de, label_en=label_en, position=position
    )
    log_action(by, "topic.added", topic, data={"key": key})
    return topic


@transaction.atomic
def remove_topic(*, topic: Topic, by) -> None:
    log_action(by, "topic.removed", topic, data={"key": topic.key})
    topic.delete()


def default_phase_dates(tandem_start: dt.date, tandem_months: int = 6) -> dict[str, tuple]:
    """Phase dates modelled on the pilot: recruitment starts ~6 months before the tandems."""
    day = dt.timedelta(days=1)
    tandem_end = tandem_start + dt.timedelta(days=round(tandem_months * 30.5))
    return {
        PhaseKind.SETUP: (tandem_start - 200 * day, tandem_start - 181 * day),
        PhaseKind.RECRUITMENT: (tandem_start - 180 * day, tandem_start - 91 * day),
        PhaseKind.INFO_EVENT: (tandem_start - 90 * day, tandem_start - 84 * day),
        PhaseKind.APPLICATIONS: (tandem_start - 83 * day, tandem_start - 50 * day),
        PhaseKind.MATCHING: (tandem_start - 49 * day, tandem_start - 29 * day),
        PhaseKind.TRAINING: (tandem_start - 28 * day, tandem_start - day),
        PhaseKind.TANDEM_PHASE: (tandem_start, tandem_end),
        PhaseKind.EVALUATION: (tandem_end - 30 * day, tandem_end + 30 * day),
        PhaseKind.ALUMNI: (tandem_end + 31 * day, tandem_end + 120 * day),
    }


@dataclass
class RoundSettings:
    name: str
    cross_institution_required: bool = True
    mentor_capacity: int = 1
    meeting_rhythm_weeks: int = 4
    meeting_max_minutes: int = 120
    tandem_months: int = 6
    is_public: bool = False
    proposal_reminder_days: int = PROPOSAL_REMINDER_DAYS
    new_match_within_percent: int = NEW_MATCH_WITHIN_PERCENT


def _check_phase_dates(phase_dates: dict) -> None:
    errors = {}
    for kind in PhaseKind:
        if kind not in phase_dates:
            errors[f"{kind}_start"] = _("Please give the dates of this phase.")
            continue
        start, end = phase_dates[kind]
        if end < start:
            errors[f"{kind}_end"] = _("The phase cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


def _save_phases(programme_round: Round, phase_dates: dict) -> None:
    for kind, (start, end) in phase_dates.items():
        Phase.objects.update_or_create(
            round=programme_round, kind=kind, defaults={"starts_on": start, "ends_on": end}
        )


@transaction.atomic
def create_round(*, programme: Programme, settings: RoundSettings, phase_dates: dict, by) -> Round:
    _check_phase_dates(phase_dates)
    slug = unique_slug(settings.name, set(programme.rounds.values_list("slug", flat=True)))
    round = Round.objects.create(programme=programme, slug=slug, **vars(settings))
    _save_phases(round, phase_dates)
    log_action(by, "round.created", round, programme_round=round, data={"name": settings.name})
    return round


@transaction.atomic
def update_round(
    *, programme_round: Round, settings: RoundSettings, phase_dates: dict, by
) -> Round:
    _check_phase_dates(phase_dates)
    for field, value in vars(settings).items():
        setattr(programme_round, field, value)
    programme_round.save()
    _save_phases(programme_round, phase_dates)
    log_action(by, "round.updated", programme_round, programme_round=programme_round)
    return programme_round


@transaction.atomic
def move_round_to_phase(*, programme_round: Round, phase: str, by) -> Round:
    """The coordinator moves a round on (or back); the platform never does it silently."""
    previous = programme_round.current_phase
    programme_round.current_phase = PhaseKind(phase)
    programme_round.save(update_fields=["current_phase"])
    log_action(
        by,
        "round.phase_changed",
        programme_round,
        programme_round=programme_round,
        data={"from": previous, "to": phase},
    )
    return programme_round


@transaction.atomic
def assign_role(*, round: Round, person, role: str, by, notify: bool = True) -> RoundRole:
    role = RoleKind(role)
    existing = set(round.roles.filter(person=person).values_list("role", flat=True))
    if role in existing:
        raise ValidationError(_("This person already has this role in the round."))
    participant_roles = {RoleKind.MENTOR, RoleKind.MENTEE}
    if role in participant_roles and existing & participant_roles:
        raise ValidationError(_("Nobody can be mentor and mentee in the same round."))
    try:
        # The same role given twice at the same moment: the unique constraint decides.
        with transaction.atomic():
            round_role = RoundRole.objects.create(
                round=round, person=person, role=role, assigned_by=by
            )
    except IntegrityError:
        raise ValidationError(_("This person already has this role in the round.")) from None
    log_action(
        by,
        "role.assigned",
        round_role,
        programme_round=round,
        data={"person": person.pk, "role": role},
    )
    if notify:
        _notify_role_assigned(round_role)
    return round_role


def _notify_role_assigned(round_role: RoundRole) -> None:
    from django.urls import reverse
    from django.utils import translation

    from tandem.mail.services import queue_mail

    person = round_role.person
    with translation.override(person.language):
        role_label = str(RoleKind(round_role.role).label)
    queue_mail(
        key="role_assigned",
        to=person.email,
        recipient=person,
        round=round_role.round,
        context={
            "name": person.get_full_name(),
            "role": role_label,
            "round": str(round_role.round),
            "url": reverse("portal:round", kwargs=round_role.round.url_kwargs),
        },
    )


@transaction.atomic
def revoke_role(*, round_role: RoundRole, by) -> None:
    """Remove a role. Coordinators do not remove their own coordinating role: that would
    lock them out of the page they stand on; another coordinator (or the organisation's)
    does it."""
    if (
        round_role.person_id == getattr(by, "pk", None)
        and round_role.role == RoleKind.COORDINATOR
        and not by.has_perm(
            "programmes.manage_organisation", round_role.round.programme.organisation
        )
        and not by.is_staff
    ):
        raise ValidationError(
            _("You cannot remove your own coordinator role. Please ask another coordinator.")
        )
    log_action(
        by,
        "role.revoked",
        round_role,
        programme_round=round_role.round,
        data={"person": round_role.person_id, "role": round_role.role},
    )
    round_role.delete()


@transaction.atomic
def find_or_create_institution(*, name: str, type: str = "", size_class: str = "") -> Institution:
    """Return the institution whose normalised name matches, or create it.

    A new institution needs its type and size; an existing one keeps its own.
    """
    name = " ".join(name.split())
    key = normalise_name(name)
    if not key:
        raise ValidationError({"institution_name": _("Please enter the name of your institution.")})
    existing = Institution.objects.filter(normalised_name=key).first()
    if existing:
        return existing
    errors = {}
    if not type:
        errors["institution_type"] = _("Your institution is new here: please choose its type.")
    if not size_class:
        errors["institution_size"] = _("Your institution is new here: please choose its size.")
    if errors:
        raise ValidationError(errors)
    return Institution.objects.create(
        name=name, normalised_name=key, type=type, size_class=size_class
    )


@transaction.atomic
def update_profile(*, person, name: str, position: str, institution: Institution, language: str):
    person.name = name
    person.position = position
    person.institution = institution
    person.language = language
    person.save(update_fields=["name", "position", "institution", "language"])
    log_action(person, "person.profile_updated", person)
    return person


#: Sent inside the merge's transaction; apps whose rows name an institution move them to
#: ``keep`` and return how many they moved (programmes cannot import them: layering).
institution_merging = Signal()


@transaction.atomic
def merge_institutions(
    *, keep: Institution, merge: Institution, by, programme_round=None
) -> Institution:
    """One house under two names: every person and every row of `merge` moves to `keep`,
    then `merge` is deleted; logged."""
    if keep.pk == merge.pk:
        raise ValidationError({"merge": _("Please choose two different institutions.")})
    from tandem.people.models import User

    moved = {"people": User.objects.filter(institution=merge).update(institution=keep)}
    for _receiver, counts in institution_merging.send(sender=Institution, keep=keep, merge=merge):
        moved.update(counts or {})
    log_action(
        by,
        "institution.merged",
        keep,
        programme_round=programme_round,
        data={"merged": merge.pk, "merged_name": merge.name, **moved},
    )
    merge.delete()
    return keep


# --- erasure and retention (called from personal_data.py and other apps' services) ----

# Staff roles only grant access, which an erased person must lose; mentor and mentee
# roles stay because they count the round's participants.
STAFF_ROLES = (RoleKind.COORDINATOR, RoleKind.TRAINER)


def _deleted(queryset) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


@transaction.atomic
def erase_role_holder(*, person, invitations) -> dict[str, int]:
    """An erased person loses the staff roles and the coordination of organisations; the
    role invitations sent to them (``invitations``, found by their addresses) go."""
    deleted = _deleted(invitations)
    revoked = _deleted(RoundRole.objects.filter(person=person, role__in=STAFF_ROLES))
    person.coordinated_organisations.clear()
    return {"staff_roles_revoked": revoked, "role_invitations": deleted}


def clean_round_invitations(*, programme_round: Round, dry_run: bool = False) -> dict[str, int]:
    """A round past retention: its role invitations go, answered or not. They hold the
    name and address of people who may never have joined; the roles they gave stay."""
    invitations = RoleInvitation.objects.filter(round=programme_round)
    return {"role_invitations": invitations.count() if dry_run else _deleted(invitations)}


def remove_mentee_roles(*, people, rounds=None, round=None, dry_run: bool = False) -> int:
    """The mentee roles of ``people`` in ``rounds`` (or one ``round``) go with their
    applications (erasure, retention); with ``dry_run`` only counted."""
    roles = RoundRole.objects.filter(role=RoleKind.MENTEE, person__in=people)
    roles = roles.filter(round=round) if round is not None else roles.filter(round__in=rounds)
    return roles.count() if dry_run else _deleted(roles)
