import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.programmes.enums import PhaseKind, RoleKind
from tandem.programmes.models import Organisation, Phase, Round, RoundRole
from tandem.tandems.models import Tandem
from tests.applications.factories import ApplicationFactory
from tests.factories import RoundRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_creates_organisation_and_a_coordinator_programme_and_round(client, coordinator):
    coordinator.is_staff = True
    coordinator.save(update_fields=["is_staff"])
    client.force_login(coordinator)
    response = client.post(reverse("manage:organisations"), {"name": "Landesinitiative OA"})
    organisation = Organisation.objects.get(name="Landesinitiative OA")
    assert response.url == reverse("manage:organisation", kwargs={"org": organisation.slug})

    response = client.post(
        response.url,
        {"name": "Mentoring Forschungsdaten", "description": "", "topics": "default"},
    )
    programme = organisation.programmes.get()
    assert programme.topics.count() == 18

    url = reverse(
        "manage:round_create", kwargs={"org": organisation.slug, "programme": programme.slug}
    )
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data.update(name="Durchlauf 2027", cross_institution_required="on")
    for kind in PhaseKind:
        for end in ("start", "end"):
            data[f"{kind}_{end}"] = data[f"{kind}_{end}"].isoformat()
    data = {key: value for key, value in data.items() if value not in (None, False)}
    response = client.post(url, data)
    round = Round.objects.get(name="Durchlauf 2027")
    assert response.url == reverse("manage:round", kwargs=round.url_kwargs)
    assert round.phases.count() == len(PhaseKind)
    page = client.get(response.url).content.decode()
    assert "Durchlauf 2027" in page
    assert 'aria-current="step"' in page


def test_round_form_reports_bad_dates_next_to_the_field_and_saves_nothing(
    client, coordinator, round
):
    client.force_login(coordinator)
    url = reverse("manage:round_edit", kwargs=round.url_kwargs)
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["name"] = "Umbenannt"
    for kind in PhaseKind:
        for end in ("start", "end"):
            value = form.fields[f"{kind}_{end}"].initial
            data[f"{kind}_{end}"] = value.isoformat()
    data["training_end"] = (
        form.fields["training_start"].initial - dt.timedelta(days=1)
    ).isoformat()
    data["mentor_capacity"] = "zwei"
    data = {key: value for key, value in data.items() if value not in (None, False)}
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_training_end_error"' in html
    assert 'aria-describedby="id_training_end_error"' in html
    assert "The phase cannot end before it starts." in html
    assert 'id="id_mentor_capacity_error"' in html
    round.refresh_from_db()
    assert round.name != "Umbenannt"


def _edit_data(client, url, **changes):
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()} | form.initial
    for kind in PhaseKind:
        for end in ("start", "end"):
            data[f"{kind}_{end}"] = data[f"{kind}_{end}"].isoformat()
    data.update(changes)
    return {key: value for key, value in data.items() if value not in (None, False)}


def test_the_round_sets_reminder_days_and_the_new_match_share(client, coordinator, round):
    client.force_login(coordinator)
    url = reverse("manage:round_edit", kwargs=round.url_kwargs)
    response = client.post(url, _edit_data(client, url, proposal_reminder_days="15"))
    assert response.status_code == 400
    assert 'id="id_proposal_reminder_days_error"' in response.content.decode()
    round.refresh_from_db()
    assert round.proposal_reminder_days == 3
    response = client.post(url, _edit_data(client, url, proposal_reminder_days="7"))
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.proposal_reminder_days == 7
    page = client.get(response.url).content.decode()
    assert "7 days before the date for answers and on the day" in page
    assert "within the first 33 % of the tandem phase" in page
    response = client.post(url, _edit_data(client, url, new_match_within_percent="101"))
    assert 'id="id_new_match_within_percent_error"' in response.content.decode()
    client.post(url, _edit_data(client, url, new_match_within_percent="0"))
    round.refresh_from_db()
    assert round.new_match_within_percent == 0 and round.proposal_reminder_days == 7
    # the next round starts with the same days
    from tandem.alumni.next_round import create_next_round

    made = create_next_round(previous=round, name="Durchlauf 2028", by=coordinator)
    assert (made.round.proposal_reminder_days, made.round.new_match_within_percent) == (7, 0)


def test_coordinator_moves_the_round_on(client, coordinator, round):
    client.force_login(coordinator)
    response = client.post(
        reverse("manage:round_phase", kwargs=round.url_kwargs), {"phase": "recruitment"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("manage:round_phase", kwargs=round.url_kwargs),
        {"phase": "matching", "confirm_jump": "on"},
    )
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.current_phase == "matching"
    response = client.post(
        reverse("manage:round_phase", kwargs=round.url_kwargs), {"phase": "nonsense"}
    )
    assert response.status_code == 400
    round.refresh_from_db()
    assert round.current_phase == "matching"


def test_invite_to_a_role_accept_and_remove_it(
    client, coordinator, round, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests.conftest import verified

    person = verified(UserFactory(email="neu@example.org"))
    client.force_login(coordinator)
    url = reverse("manage:round_roles", kwargs=round.url_kwargs)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"email": "NEU@example.org", "name": "Nele Neu", "role": "mentor", "language": "en"},
        )
    assert response.status_code == 302
    assert not RoundRole.objects.filter(round=round, person=person).exists()
    assert mail.outbox[-1].to == ["neu@example.org"]
    assert "Hello Nele Neu" in mail.outbox[-1].body
    assert "Nele Neu" in client.get(url).content.decode()  # the open invitation is listed
    link = re.search(r"http://\S+/role-invitation/\S+/", mail.outbox[-1].body).group(0)

    client.force_login(person)
    response = client.post(link, {"answer": "accept"})
    assert response.status_code == 302
    role = RoundRole.objects.get(round=round, person=person)
    assert role.role == "mentor"

    client.force_login(coordinator)
    response = client.post(
        url, {"email": "neu@example.org", "name": "Nele Neu", "role": "mentee", "language": "en"}
    )
    assert response.status_code == 400
    assert "Nobody can be mentor and mentee in the same round." in response.content.decode()

    response = client.post(
        reverse("manage:round_role_remove", kwargs={**round.url_kwargs, "role": role.pk})
    )
    assert response.status_code == 302
    assert not RoundRole.objects.filter(pk=role.pk).exists()


def test_topics_can_be_added_and_removed(client, coordinator, round):
    client.force_login(coordinator)
    programme = round.programme
    url = reverse(
        "manage:programme", kwargs={"org": programme.organisation.slug, "programme": programme.slug}
    )
    response = client.post(
        url, {"key": "research_data", "label_de": "Forschungsdaten", "label_en": "Research data"}
    )
    assert response.status_code == 302
    assert programme.topics.filter(key="research_data").exists()
    response = client.post(url, {"key": "research_data", "label_de": "X", "label_en": "Y"})
    assert response.status_code == 400
    assert "already has a topic with this key" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 25])
def test_role_list_has_a_fixed_number_of_queries(
    client, coordinator, round, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        RoundRoleFactory(round=round, role="mentee")
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("manage:round_roles", kwargs=round.url_kwargs))
    assert response.status_code == 200
    assert len(response.context["roles"]) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_organisation_list_has_a_fixed_number_of_queries(
    client, coordinator, rows, django_assert_max_num_queries
):
    from tests.factories import OrganisationFactory

    for _ in range(rows - 1):
        OrganisationFactory().coordinators.add(coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("manage:organisations"))
    assert len(response.context["organisations"]) == rows


def test_pages_render_in_german(client, coordinator, round):
    client.force_login(coordinator)
    client.cookies["django_language"] = "de"
    html = client.get(reverse("manage:round", kwargs=round.url_kwargs)).content.decode()
    assert "Zeitleiste" in html
    assert "Checkliste" in html
    # Dates in the German format (day.month.year).
    setup = Phase.objects.get(round=round, kind="setup")
    assert setup.starts_on.strftime("%d.%m.%Y") in html


def test_a_jump_over_several_phases_asks_for_confirmation_first(client, coordinator, round):
    client.force_login(coordinator)
    url = reverse("manage:round_phase", kwargs=round.url_kwargs)
    response = client.post(url, {"phase": "matching"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This moves the round over 4 phases, from “Set-up” to “Selection and matching”." in html
    assert 'id="id_confirm_jump_error"' in html
    round.refresh_from_db()
    assert round.current_phase == "setup"
    assert client.post(url, {"phase": "matching", "confirm_jump": "on"}).status_code == 302
    round.refresh_from_db()
    assert round.current_phase == "matching"


def test_removing_a_topic_or_role_asks_first(client, coordinator, round):
    client.force_login(coordinator)
    kwargs = round.url_kwargs
    programme = client.get(
        reverse("manage:programme", kwargs={"org": kwargs["org"], "programme": kwargs["programme"]})
    ).content.decode()
    assert 'data-confirm="Remove the topic' in programme
    RoundRoleFactory(round=round, role="mentor")
    roles = client.get(reverse("manage:round_roles", kwargs=kwargs)).content.decode()
    assert 'data-confirm="Remove the role' in roles


def test_a_round_coordinator_cannot_remove_their_own_coordinator_role(client, round):
    from tests.conftest import verified, with_totp

    person = with_totp(verified(UserFactory()))
    own = RoundRoleFactory(round=round, person=person, role=RoleKind.COORDINATOR)
    client.force_login(person)
    url = reverse("manage:round_role_remove", kwargs={**round.url_kwargs, "role": own.pk})
    response = client.post(url, follow=True)
    assert "You cannot remove your own coordinator role" in response.content.decode()
    assert RoundRole.objects.filter(pk=own.pk).exists()


def test_round_overview_needs_the_same_queries_for_few_or_many_people(client, coordinator, round):
    """The coordinators' most opened page counts, it does not list: more people, tandems
    and proposals must not add queries (bench/profile_pages.py: 16 with the demo)."""
    url = reverse("manage:round", kwargs=round.url_kwargs)
    client.force_login(coordinator)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def more_people():
        mentor = RoundRoleFactory(round=round, role="mentor").person
        mentee = RoundRoleFactory(round=round, role="mentee").person
        ApplicationFactory(round=round, person=mentee)
        Tandem.objects.create(round=round, mentor=mentor, mentee=mentee)

    more_people()
    one = queries()
    for _ in range(5):
        more_people()
    assert queries() == one
