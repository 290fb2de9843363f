"""Role invitations and imported applications are part of one's data and of the erasure."""

import pytest

from tandem.applications.imported import hold_for_confirmation
from tandem.applications.imports import ImportRow
from tandem.applications.models import ImportedApplication
from tandem.privacy.erasure import erase_person
from tandem.privacy.personal_data import personal_data_of
from tandem.programmes.invitations import invite_to_role
from tandem.programmes.models import RoleInvitation
from tests.conftest import verified
from tests.factories import RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


def held(programme_round, email):
    return hold_for_confirmation(
        round=programme_round,
        row=ImportRow(number=2, email=email, name="Eva Import"),
        data={"expectations": "Meine Erwartungen", "languages": ["de"], "topics": []},
        source="LimeSurvey",
        by=None,
    )


def test_export_and_erasure_cover_invitations_and_imported_applications():
    round = RoundFactory()
    person = verified(UserFactory(email="eva@example.org"))
    invite_to_role(
        round=round, email="EVA@example.org", name="Eva B.", role="trainer", language="de", by=None
    )
    held(round, "eva@example.org")
    other = "someone@example.org"
    invite_to_role(round=round, email=other, name="Someone", role="mentor", language="de", by=None)
    held(round, other)

    data = personal_data_of(person)
    assert [i["name"] for i in data["role_invitations"]] == ["Eva B."]
    assert [i["data"]["expectations"] for i in data["imported_applications"]] == [
        "Meine Erwartungen"
    ]
    assert "Someone" not in str(data)

    erase_person(person, by=person)
    assert list(RoleInvitation.objects.values_list("email", flat=True)) == [other]
    assert list(ImportedApplication.objects.values_list("email", flat=True)) == [other]
