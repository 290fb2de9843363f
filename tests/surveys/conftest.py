import pytest

from tandem.programmes.enums import RoleKind
from tandem.surveys import services
from tests.conftest import verified, with_totp
from tests.factories import RoundRoleFactory, UserFactory


def add_participants(programme_round, role, count):
    people = []
    for _ in range(count):
        person = with_totp(verified(UserFactory()))
        RoundRoleFactory(round=programme_round, person=person, role=role)
        people.append(person)
    return people


@pytest.fixture
def cohort(round, people):
    """The people fixture's mentor and mentee plus four more of each: 5 mentors, 5 mentees."""
    mentors = [people["mentor"], *add_participants(round, RoleKind.MENTOR, 4)]
    mentees = [people["mentee"], *add_participants(round, RoleKind.MENTEE, 4)]
    return mentors, mentees


@pytest.fixture
def final_survey(round, people):
    return services.create_survey(round=round, template_key="final", by=people["coordinator"])


@pytest.fixture
def open_final(final_survey, people, cohort):
    services.open_survey(survey=final_survey, by=people["coordinator"])
    final_survey.refresh_from_db()
    return final_survey


def item(survey, key):
    return survey.items.get(key=key)


def answer(survey, person, **values):
    """Answer by item key: fit=4, helped=["agenda"], suggestions="…"."""
    raw = {f"item-{item(survey, key).pk}": value for key, value in values.items()}
    raw = {
        name: [str(v) for v in value] if isinstance(value, list) else [str(value)]
        for name, value in raw.items()
    }
    return services.submit_answers(survey=survey, person=person, raw=raw)


@pytest.fixture(autouse=True)
def _fast(fast_passwords):
    """Many accounts per test: Argon2 would dominate the run time."""
