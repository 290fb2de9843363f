"""Reads of the programmes domain; functions ending in _for_user filter by viewer."""

from dataclasses import dataclass, field

from django.db.models import Count, DateField, Max, Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .enums import PhaseKind, RoleKind
from .models import Institution, Organisation, Programme, Round, RoundRole
from .services import normalise_name


def rounds_with_end(queryset=None):
    """Rounds annotated with ``ended_on``: the one rule for when a round has ended.

    A round its coordinators closed ended on the day they closed it (the retention clock
    starts then); a round never closed ends with its latest phase; undated never end.
    """
    queryset = Round.objects.all() if queryset is None else queryset
    return queryset.annotate(
        ended_on=Coalesce("closed_on", Max("phases__ends_on"), output_field=DateField())
    )


def rounds_ended_before(*, months: int, today):
    """Rounds that ended more than ``months`` before ``today`` (retention's clock)."""
    from dateutil.relativedelta import relativedelta

    return rounds_with_end().filter(ended_on__lt=today - relativedelta(months=months))


def organisations_for_user(user):
    return Organisation.objects.filter(coordinators=user).annotate(
        programme_count=Count("programmes", distinct=True)
    )


# Roles whose holders work on the coordinator pages (/manage/); trainers read some of them.
COORDINATING_ROLES = (RoleKind.COORDINATOR, RoleKind.TRAINER)


def has_coordinating_role(user) -> bool:
    """Staff, an organisation's coordinators and round coordinators or trainers.

    Only they see the "Coordination" entry of the menu and the list of organisations.
    """
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return (
        Organisation.objects.filter(coordinators=user).exists()
        or RoundRole.objects.filter(person=user, role__in=COORDINATING_ROLES).exists()
    )


def staff_rounds_for_user(user):
    """Rounds where the person is round coordinator or trainer (not via the organisation)."""
    return (
        Round.objects.filter(roles__person=user, roles__role__in=COORDINATING_ROLES)
        .exclude(programme__organisation__coordinators=user)
        .distinct()
        .select_related("programme__organisation")
        .prefetch_related(
            Prefetch("roles", queryset=RoundRole.objects.filter(person=user), to_attr="my_roles")
        )
    )


def programmes_for_organisation(organisation):
    return organisation.programmes.annotate(
        round_count=Count("rounds", distinct=True), topic_count=Count("topics", distinct=True)
    )


def rounds_for_user(user):
    """Rounds a person takes part in or coordinates through the organisation."""
    return (
        Round.objects.filter(Q(roles__person=user) | Q(programme__organisation__coordinators=user))
        .distinct()
        .select_related("programme__organisation")
        .prefetch_related(
            "phases",
            Prefetch("roles", queryset=RoundRole.objects.filter(person=user), to_attr="my_roles"),
        )
    )


def round_in_scope(org_slug: str, programme_slug: str, round_slug: str) -> Round:
    return Round.objects.select_related("programme__organisation").get(
        slug=round_slug,
        programme__slug=programme_slug,
        programme__organisation__slug=org_slug,
    )


def programme_in_scope(org_slug: str, programme_slug: str) -> Programme:
    return Programme.objects.select_related("organisation").get(
        slug=programme_slug, organisation__slug=org_slug
    )


def coordinators_of(programme_round) -> list:
    """Active coordinators of the round, each once: the organisation's and the round's own
    (those who get the round's notices)."""
    organisation = programme_round.programme.organisation
    people = {person.pk: person for person in organisation.coordinators.all()}
    roles = programme_round.roles.filter(role=RoleKind.COORDINATOR).select_related("person")
    for role in roles:
        people.setdefault(role.person.pk, role.person)
    return [person for person in people.values() if person.is_active]


def roles_for_round(programme_round):
    return programme_round.roles.select_related("person__institution").order_by(
        "role", "person__name"
    )


@dataclass
class TimelineStep:
    kind: str
    label: str
    starts_on: object
    ends_on: object
    is_current: bool
    is_done: bool


def round_timeline(round: Round) -> list[TimelineStep]:
    phases = {phase.kind: phase for phase in round.phases.all()}
    order = PhaseKind.ordered()
    current_index = order.index(PhaseKind(round.current_phase))
    steps = []
    for index, kind in enumerate(order):
        phase = phases.get(kind)
        steps.append(
            TimelineStep(
                kind=kind,
                label=kind.label,
                starts_on=phase.starts_on if phase else None,
                ends_on=phase.ends_on if phase else None,
                is_current=index == current_index,
                is_done=index < current_index,
            )
        )
    return steps


@dataclass
class DashboardRound:
    round: Round
    roles: list[str]
    current: TimelineStep
    next: TimelineStep | None
    due: list[str] = field(default_factory=list)
    manages: bool = False


def dashboard_for_user(user) -> list[DashboardRound]:
    today = timezone.localdate()
    entries = []
    coordinated = set(user.coordinated_organisations.values_list("pk", flat=True))
    for round in rounds_for_user(user).order_by("-created_at"):
        timeline = round_timeline(round)
        current = next(step for step in timeline if step.is_current)
        upcoming = [step for step in timeline if not step.is_done and not step.is_current]
        roles = [role.role for role in round.my_roles]
        manages = RoleKind.COORDINATOR in roles or round.programme.organisation_id in coordinated
        due = []
        if current.ends_on and current.ends_on >= today:
            due.append(
                _("%(phase)s runs until %(date)s.")
                % {
                    "phase": current.label,
                    "date": date_format(current.ends_on, "SHORT_DATE_FORMAT"),
                }
            )
        if upcoming and upcoming[0].starts_on and upcoming[0].starts_on >= today:
            due.append(
                _("Next: %(phase)s from %(date)s.")
                % {
                    "phase": upcoming[0].label,
                    "date": date_format(upcoming[0].starts_on, "SHORT_DATE_FORMAT"),
                }
            )
        entries.append(
            DashboardRound(
                round=round,
                roles=roles,
                current=current,
                next=upcoming[0] if upcoming else None,
                due=due,
                manages=manages,
            )
        )
    return entries


def search_institutions(query: str, limit: int = 8):
    key = normalise_name(query)
    if len(key) < 2:
        return Institution.objects.none()
    words = key.split()
    queryset = Institution.objects.all()
    for word in words:
        queryset = queryset.filter(normalised_name__contains=word)
    return queryset.order_by("name")[:limit]
