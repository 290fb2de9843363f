import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tandem.audit.models import AuditEntry
from tandem.programmes import services
from tandem.programmes.enums import PhaseKind, RoleKind
from tandem.programmes.models import Institution
from tests.factories import InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("UB Musterstadt", "Universitätsbibliothek  Musterstadt"),
        ("Universitätsbibliothek Musterstadt", "universitaetsbibliothek musterstadt"),
        ("TU Ostfeld, Bibliothek", "Technische Universität Ostfeld – Bibliothek"),
        ("Hochschule Rhein-Main", "Hochschule Rhein Main"),
    ],
)
def test_spelling_variants_normalise_to_one_key(a, b):
    assert services.normalise_name(a) == services.normalise_name(b)


def test_different_institutions_stay_different():
    assert services.normalise_name("UB Nordstadt") != services.normalise_name("UB Südstadt")


def test_find_or_create_institution_reuses_a_spelling_variant():
    first = services.find_or_create_institution(
        name="Universitätsbibliothek Lindenau", type="university", size_class="large"
    )
    again = services.find_or_create_institution(name="UB  Lindenau")
    assert again == first
    assert Institution.objects.count() == 1


def test_new_institution_needs_type_and_size():
    with pytest.raises(ValidationError) as error:
        services.find_or_create_institution(name="Bibliothek Neuland")
    assert set(error.value.message_dict) == {"institution_type", "institution_size"}
    assert not Institution.objects.exists()


def test_create_programme_with_default_taxonomy_logs_and_copies_topics():
    person = UserFactory()
    organisation = services.create_organisation(name="Verband", created_by=person)
    programme = services.create_programme(
        organisation=organisation,
        name="Peer-Mentoring",
        description="",
        default_taxonomy=True,
        by=person,
    )
    keys = set(programme.topics.values_list("key", flat=True))
    assert {"publication_monitoring", "small_library_allround", "leadership"} <= keys
    assert len(keys) == 18
    assert organisation.coordinators.filter(pk=person.pk).exists()
    assert AuditEntry.objects.filter(action="programme.created", actor=person).exists()


def test_slugs_are_unique_and_avoid_reserved_words():
    person = UserFactory()
    organisation = services.create_organisation(name="Verband", created_by=person)
    first = services.create_programme(
        organisation=organisation, name="Topics", description="", default_taxonomy=False, by=person
    )
    second = services.create_programme(
        organisation=organisation, name="Topics", description="", default_taxonomy=False, by=person
    )
    assert first.slug == "topics-2"
    assert second.slug == "topics-3"


def test_round_rejects_a_phase_that_ends_before_it_starts(round):
    dates = services.default_phase_dates(dt.date(2027, 11, 1))
    dates[PhaseKind.TRAINING] = (dt.date(2027, 10, 20), dt.date(2027, 10, 1))
    with pytest.raises(ValidationError) as error:
        services.update_round(
            programme_round=round,
            settings=services.RoundSettings(name="X"),
            phase_dates=dates,
            by=None,
        )
    assert "training_end" in error.value.message_dict
    round.refresh_from_db()
    assert round.name != "X"


def test_default_phase_dates_follow_the_pilot_rhythm():
    start = dt.date(2022, 11, 1)
    dates = services.default_phase_dates(start, 6)
    assert dates[PhaseKind.TANDEM_PHASE][0] == start
    # Mentors are recruited about half a year ahead.
    assert (start - dates[PhaseKind.RECRUITMENT][0]).days == 180
    assert dates[PhaseKind.TANDEM_PHASE][1].month == 5
    assert list(dates) == list(PhaseKind)


def test_assign_role_sends_a_mail_in_the_persons_language(
    round, django_capture_on_commit_callbacks
):
    person = UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_role(round=round, person=person, role=RoleKind.MENTOR, by=None)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    assert "as Mentor" in mail.outbox[0].body
    assert round.name in mail.outbox[0].subject


def test_a_person_can_hold_different_roles_in_different_rounds(round):
    from tests.factories import RoundFactory

    person = UserFactory()
    later = RoundFactory(programme=round.programme)
    services.assign_role(round=round, person=person, role=RoleKind.MENTEE, by=None, notify=False)
    services.assign_role(round=later, person=person, role=RoleKind.MENTOR, by=None, notify=False)
    assert set(person.round_roles.values_list("role", flat=True)) == {"mentee", "mentor"}


def test_nobody_is_mentor_and_mentee_in_one_round(round):
    person = UserFactory()
    services.assign_role(round=round, person=person, role=RoleKind.MENTEE, by=None, notify=False)
    with pytest.raises(ValidationError):
        services.assign_role(round=round, person=person, role=RoleKind.MENTOR, by=None)
    with pytest.raises(ValidationError):
        services.assign_role(round=round, person=person, role=RoleKind.MENTEE, by=None)
    assert person.round_roles.count() == 1


def test_move_round_to_phase_is_logged(round):
    services.move_round_to_phase(programme_round=round, phase=PhaseKind.APPLICATIONS, by=None)
    round.refresh_from_db()
    assert round.current_phase == PhaseKind.APPLICATIONS
    entry = AuditEntry.objects.get(action="round.phase_changed")
    assert entry.data == {"from": "setup", "to": "applications"}


def test_search_institutions_matches_variants():
    InstitutionFactory(name="Universitätsbibliothek Lindenau")
    InstitutionFactory(name="Landesbibliothek Kornfeld")
    from tandem.programmes.selectors import search_institutions

    assert [i.name for i in search_institutions("UB Linden")] == ["Universitätsbibliothek Lindenau"]
    assert list(search_institutions("x")) == []
