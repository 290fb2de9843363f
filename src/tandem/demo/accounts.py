"""Demo accounts: created once, marked as demo, e-mail address already verified."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from tandem.programmes.models import Institution
from tandem.programmes.services import find_or_create_institution

from . import people


def demo_institution(key: str) -> Institution:
    name, type, size = people.INSTITUTIONS[key]
    return find_or_create_institution(name=name, type=type, size_class=size)


def demo_person(email: str, name: str, position: str, institution: Institution):
    """Get or create a demo account; running the demo again updates, never duplicates."""
    User = get_user_model()
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create_user(email, people.PASSWORD, name=name, is_demo=True)
        # allauth's mandatory verification: demo addresses count as verified.
        EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    person.position = position
    person.institution = institution
    person.save(update_fields=["position", "institution"])
    return person


def demo_person_at(email: str, name: str, position: str, institution_key: str):
    """A demo person from a row of ``people`` (institution given by its key there)."""
    return demo_person(email, name, position, demo_institution(institution_key))
