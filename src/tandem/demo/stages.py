"""Build the demo at a stage; each stage includes what comes before it."""

import datetime as dt

from django.utils import timezone

from tandem.programmes import services
from tandem.programmes.enums import PhaseKind, RoleKind
from tandem.programmes.models import Organisation, Programme, Round, RoundRole

from . import people
from .accounts import demo_person_at

STAGES = ["setup", "applications", "matching", "training", "evaluation", "alumni"]

# Days from today to the start of the tandem phase, chosen so that "today" falls
# into the phase the stage is named after (see services.default_phase_dates).
TANDEM_START_OFFSET = {
    "setup": 195,
    "applications": 65,
    "matching": 45,
    "training": 14,
    "evaluation": -173,  # the tandem phase ends in ten days; the evaluation has begun
    "alumni": -215,  # the tandem phase ended a month ago
}
CURRENT_PHASE = {
    "setup": PhaseKind.SETUP,
    "applications": PhaseKind.APPLICATIONS,
    "matching": PhaseKind.MATCHING,
    "training": PhaseKind.TRAINING,
    "evaluation": PhaseKind.EVALUATION,
    "alumni": PhaseKind.ALUMNI,
}


def build(stage: str) -> list[tuple[str, str, str]]:
    """Build the demo up to ``stage``; return the demo logins as (role, email, password)."""
    if stage not in STAGES:
        raise ValueError(f"Unknown stage {stage!r}; choose one of {', '.join(STAGES)}.")
    logins: list[tuple[str, str, str]] = []
    coordinator = demo_person_at(*people.COORDINATOR)
    logins.append(("coordinator", coordinator.email, people.PASSWORD))
    organisation = _organisation(coordinator)
    programme = _programme(organisation, coordinator)
    round = _round(programme, coordinator, stage)

    trainer = demo_person_at(*people.TRAINER)
    _role(round, trainer, RoleKind.TRAINER, coordinator)
    logins.append(("trainer", trainer.email, people.PASSWORD))
    for row in people.MENTORS:
        mentor = demo_person_at(*row)
        _role(round, mentor, RoleKind.MENTOR, coordinator)
        logins.append(("mentor", mentor.email, people.PASSWORD))
    if STAGES.index(stage) >= STAGES.index("applications"):
        from . import applications, recruitment

        recruitment.build(round, coordinator)
        # Applicants hold the mentee role while their application is active.
        applications.build(round, coordinator)
        if STAGES.index(stage) >= STAGES.index("matching"):
            from . import matching

            matching.build(round, coordinator)
        if STAGES.index(stage) >= STAGES.index("training"):
            from . import training

            training.build(round, coordinator, trainer)
            from . import workspace

            workspace.build(round)
        if STAGES.index(stage) >= STAGES.index("evaluation"):
            from . import evaluation

            evaluation.build(round, coordinator, trainer)
            from . import surveys

            surveys.build(round, coordinator)
        if STAGES.index(stage) >= STAGES.index("alumni"):
            from . import alumni

            alumni.build(round, coordinator)
        for role in round.roles.filter(role=RoleKind.MENTEE).select_related("person"):
            logins.append(("mentee", role.person.email, people.PASSWORD))
    return logins


def _organisation(coordinator) -> Organisation:
    organisation = Organisation.objects.filter(slug="netzwerk-oa-bibliometrie").first()
    if organisation is None:
        organisation = services.create_organisation(
            name="Netzwerk Bibliometrie & Open Access", created_by=coordinator
        )
        organisation.slug = "netzwerk-oa-bibliometrie"
        organisation.save(update_fields=["slug"])
    organisation.coordinators.add(coordinator)
    return organisation


def _programme(organisation, coordinator) -> Programme:
    programme = organisation.programmes.filter(slug="peer-mentoring").first()
    if programme is None:
        programme = services.create_programme(
            organisation=organisation,
            name="Peer-Mentoring Open Access & Bibliometrie",
            description=(
                "Themenzentriertes Peer-to-Peer-Mentoring für Beschäftigte wissenschaftlicher "
                "Bibliotheken im Schnittfeld von Open Access und Bibliometrie: erfahrene "
                "Kolleg*innen begleiten ein halbes Jahr lang Kolleg*innen aus anderen "
                "Einrichtungen, die vor neuen Aufgaben stehen."
            ),
            default_taxonomy=True,
            by=coordinator,
        )
        programme.slug = "peer-mentoring"
        programme.save(update_fields=["slug"])
    return programme


def _round(programme, coordinator, stage: str) -> Round:
    start = timezone.localdate() + dt.timedelta(days=TANDEM_START_OFFSET[stage])
    phase_dates = services.default_phase_dates(start, 6)
    settings = services.RoundSettings(name="Durchlauf 2027", is_public=True)
    round = programme.rounds.filter(slug="durchlauf-2027").first()
    if round is None:
        round = services.create_round(
            programme=programme, settings=settings, phase_dates=phase_dates, by=coordinator
        )
    else:
        services.update_round(
            programme_round=round, settings=settings, phase_dates=phase_dates, by=coordinator
        )
    if round.current_phase != CURRENT_PHASE[stage]:
        services.move_round_to_phase(
            programme_round=round, phase=CURRENT_PHASE[stage], by=coordinator
        )
    return round


def _role(programme_round, person, role, coordinator) -> None:
    if not RoundRole.objects.filter(round=programme_round, person=person, role=role).exists():
        services.assign_role(
            round=programme_round, person=person, role=role, by=coordinator, notify=False
        )
