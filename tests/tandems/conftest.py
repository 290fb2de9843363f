import pytest

from tandem.tandems.models import Tandem
from tests.conftest import verified
from tests.factories import UserFactory


@pytest.fixture
def mentor():
    return verified(UserFactory(name="Mona Mentorin"))


@pytest.fixture
def mentee():
    return verified(UserFactory(name="Max Mentee"))


@pytest.fixture
def tandem(round, mentor, mentee):
    return Tandem.objects.create(round=round, mentor=mentor, mentee=mentee)
