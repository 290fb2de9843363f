import pytest
from allauth.account.models import EmailAddress

from tandem.applications.enums import ApplicationState
from tandem.applications.models import Application, TopicChoice
from tandem.demo import applications as demo
from tandem.demo import stages
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import Round, RoundRole

pytestmark = pytest.mark.django_db


def test_demo_applications_build_twice_without_duplicates():
    stages.build("applications")
    round = Round.objects.get(slug="durchlauf-2027")
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(email="koordination@example.org")
    demo.build(round, coordinator)
    counts = (
        Application.objects.count(),
        TopicChoice.objects.count(),
        RoundRole.objects.count(),
        EmailAddress.objects.count(),
    )
    demo.build(round, coordinator)
    assert (
        Application.objects.count(),
        TopicChoice.objects.count(),
        RoundRole.objects.count(),
        EmailAddress.objects.count(),
    ) == counts
    assert Application.objects.count() == 15
    states = list(Application.objects.values_list("state", flat=True))
    assert states.count(ApplicationState.DRAFT) == 1
    assert states.count(ApplicationState.WITHDRAWN) == 1
    assert states.count(ApplicationState.SUBMITTED) == 13
    lindenau = Application.objects.get(person__email="mentee.richter@example.org")
    assert lindenau.institution.name == "Universitätsbibliothek Lindenau"
    assert round.roles.filter(
        role=RoleKind.MENTOR, person__institution=lindenau.institution
    ).exists()
    # the draft and the withdrawn applicant hold no mentee role
    assert not round.roles.filter(person__email="mentee.roth@example.org").exists()
    assert not round.roles.filter(person__email="mentee.schubert@example.org").exists()
    assert round.roles.filter(role=RoleKind.MENTEE).count() == 13
