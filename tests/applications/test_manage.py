import pytest
from django.urls import reverse

from tandem.applications.enums import ApplicationState
from tandem.applications.models import Application
from tandem.programmes.enums import InstitutionType
from tests.factories import InstitutionFactory, UserFactory

from .factories import ApplicationFactory, published_profile

pytestmark = pytest.mark.django_db
S = ApplicationState
FORBIDDEN = ["mentor", "mentee", "outsider", "foreign_coordinator"]


def url(round, name, **extra):
    return reverse(f"manage:{name}", kwargs={**round.url_kwargs, **extra})


@pytest.fixture
def application(round):
    return ApplicationFactory(
        round=round, expectations="Geheime Erwartungen", person=UserFactory(name="Laura Becker")
    )


def snapshot():
    return list(Application.objects.order_by("pk").values_list("pk", "state"))


# --- access per role ----------------------------------------------------------------


def test_coordinator_sees_list_and_detail(client, round, coordinator, application):
    client.force_login(coordinator)
    response = client.get(url(round, "application_list"))
    assert response.status_code == 200
    assert "Laura Becker" in response.content.decode()
    assert b'name="applications"' in response.content  # bulk checkboxes
    response = client.get(url(round, "application_detail", pk=application.pk))
    assert response.status_code == 200
    assert "Geheime Erwartungen" in response.content.decode()
    # Languages read as words, not codes.
    assert '<dd class="col-sm-8">German</dd>' in response.content.decode()


def test_trainer_reads_but_cannot_change(client, round, people, application):
    client.force_login(people["trainer"])
    response = client.get(url(round, "application_list"))
    assert response.status_code == 200
    assert "Laura Becker" in response.content.decode()
    assert b'name="applications"' not in response.content
    assert client.get(url(round, "application_detail", pk=application.pk)).status_code == 200
    before = snapshot()
    assert (
        client.post(
            url(round, "application_bulk"), {"applications": [application.pk], "state": S.ADMITTED}
        ).status_code
        == 404
    )
    assert (
        client.post(
            url(round, "application_detail", pk=application.pk), {"state": S.ADMITTED}
        ).status_code
        == 404
    )
    assert client.get(url(round, "application_export") + "?format=csv").status_code == 404
    assert client.get(url(round, "application_import")).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("role", FORBIDDEN)
def test_other_roles_get_404_and_nothing_changes(client, round, people, application, role):
    client.force_login(people[role])
    before = snapshot()
    for name, kwargs in [
        ("application_list", {}),
        ("application_detail", {"pk": application.pk}),
        ("application_import", {}),
        ("application_import_map", {}),
        ("application_import_preview", {}),
        ("application_export", {}),
    ]:
        response = client.get(url(round, name, **kwargs))
        assert response.status_code == 404, name
        assert b"Laura Becker" not in response.content
    assert (
        client.post(
            url(round, "application_bulk"), {"applications": [application.pk], "state": S.ADMITTED}
        ).status_code
        == 404
    )
    assert (
        client.post(
            url(round, "application_detail", pk=application.pk), {"state": S.DECLINED}
        ).status_code
        == 404
    )
    assert snapshot() == before


def test_anonymous_goes_to_login(client, round, application):
    for name, kwargs in [
        ("application_list", {}),
        ("application_detail", {"pk": application.pk}),
        ("application_import", {}),
        ("application_export", {}),
    ]:
        response = client.get(url(round, name, **kwargs))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_application_of_another_round_is_404(client, round, coordinator):
    other = ApplicationFactory()  # another organisation's round
    client.force_login(coordinator)
    assert client.get(url(round, "application_detail", pk=other.pk)).status_code == 404


# --- decisions ------------------------------------------------------------------------


def test_bulk_change_with_one_illegal_row(client, round, coordinator):
    ok1 = ApplicationFactory(round=round, state=S.SUBMITTED)
    ok2 = ApplicationFactory(round=round, state=S.WAITLISTED)
    bad = ApplicationFactory(round=round, state=S.WITHDRAWN, person=UserFactory(name="Zoe Zurück"))
    client.force_login(coordinator)
    response = client.post(
        url(round, "application_bulk"),
        {"applications": [ok1.pk, ok2.pk, bad.pk], "state": S.SHORTLISTED},
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "2 application(s) changed" in text
    assert "Zoe Zurück" in text and "cannot move" in text
    states = dict(Application.objects.values_list("pk", "state"))
    assert states == {ok1.pk: S.SHORTLISTED, ok2.pk: S.SHORTLISTED, bad.pk: S.WITHDRAWN}


def test_bulk_without_selection_is_400(client, round, coordinator, application):
    client.force_login(coordinator)
    response = client.post(url(round, "application_bulk"), {"state": S.ADMITTED})
    assert response.status_code == 400
    assert b"Please tick at least one application" in response.content


def test_bulk_cannot_touch_another_rounds_application(client, round, coordinator):
    other = ApplicationFactory()
    client.force_login(coordinator)
    response = client.post(
        url(round, "application_bulk"), {"applications": [other.pk], "state": S.ADMITTED}
    )
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.state == S.SUBMITTED


def test_detail_state_change_and_illegal_one(client, round, coordinator, application):
    client.force_login(coordinator)
    detail = url(round, "application_detail", pk=application.pk)
    assert client.post(detail, {"state": S.ADMITTED}).status_code == 302
    application.refresh_from_db()
    assert application.state == S.ADMITTED
    response = client.post(detail, {"state": S.SHORTLISTED})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.state == S.ADMITTED


# --- list: filters, sorting, search, counts ----------------------------------------------


def test_filters_sort_and_search(client, round, coordinator):
    small = InstitutionFactory(name="Hochschulbibliothek Klein", type=InstitutionType.OTHER)
    a = ApplicationFactory(
        round=round,
        person=UserFactory(name="Anna Alpha"),
        topics=["data_sources"],
        expectations="Badge einführen",
    )
    b = ApplicationFactory(
        round=round,
        person=UserFactory(name="Bert Beta", institution=small),
        topics=["small_library_allround"],
        state=S.SHORTLISTED,
    )
    client.force_login(coordinator)
    base = url(round, "application_list")

    def names(params):
        response = client.get(base, params)
        assert response.status_code == 200
        return [x.person.name for x in response.context["applications"]]

    assert names({"sort": "name"}) == ["Anna Alpha", "Bert Beta"]
    assert names({"sort": "-name"}) == ["Bert Beta", "Anna Alpha"]
    assert names({"topic": "data_sources"}) == ["Anna Alpha"]
    assert names({"institution_type": "other"}) == ["Bert Beta"]
    assert names({"state": "shortlisted"}) == ["Bert Beta"]
    assert names({"q": "badge"}) == ["Anna Alpha"]
    assert names({"q": b.person.email}) == ["Bert Beta"]
    assert names({"state": "nonsense"}) == ["Anna Alpha", "Bert Beta"]  # bad filter: ignored
    assert a.pk and b.pk


def test_demand_against_supply(client, round, coordinator, people):
    ApplicationFactory(round=round, topics=["publication_monitoring", "data_sources"])
    ApplicationFactory(round=round, topics=["publication_monitoring"])
    ApplicationFactory(round=round, topics=["publication_monitoring"], state=S.WITHDRAWN)
    published_profile(round, people["mentor"], ["publication_monitoring"])
    client.force_login(coordinator)
    demand = client.get(url(round, "application_list")).context["demand"]
    rows = {row.key: row for row in demand["topics"]}
    assert rows["publication_monitoring"].applicants == 2
    assert rows["publication_monitoring"].mentors == 1
    assert rows["data_sources"].applicants == 1
    assert rows["data_sources"].mentors == 0
    assert demand["topic_supply_known"]
    types = {row.key: row for row in demand["institution_types"]}
    assert types["university"].applicants == 2
    assert types["university"].mentors == 1


@pytest.mark.parametrize("count", [1, 12])
def test_list_query_count_does_not_grow(
    client, round, coordinator, people, django_assert_num_queries, count
):
    for _ in range(count):
        ApplicationFactory(round=round, topics=["publication_monitoring", "data_sources"])
    published_profile(round, people["mentor"])
    client.force_login(coordinator)
    with django_assert_num_queries(QUERIES):
        response = client.get(url(round, "application_list"))
    assert len(response.context["applications"]) == count


QUERIES = 19  # + the page count, imports awaiting confirmation, the menu's Coordination check,
# and whether the viewer coordinates the organisation (the link to each person's page)


def test_long_list_is_paged_and_keeps_filters(client, round, coordinator, monkeypatch):
    from tandem.manage.applications import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for name in ["Anna", "Bert", "Carla", "Dora", "Emil"]:
        ApplicationFactory(round=round, person=UserFactory(name=name), topics=["data_sources"])
    client.force_login(coordinator)
    base = url(round, "application_list")

    def page(params):
        response = client.get(base, params)
        assert response.status_code == 200
        return response, [x.person.name for x in response.context["applications"]]

    response, names = page({"sort": "-name", "topic": "data_sources"})
    assert names == ["Emil", "Dora"]
    html = response.content.decode()
    assert "sort=-name&amp;topic=data_sources&amp;page=2" in html
    assert "Showing 1–2 of 5" in html
    assert page({"sort": "-name", "page": "3"})[1] == ["Anna"]
    # A page number out of range or not a number shows the nearest page, not an error.
    assert page({"sort": "-name", "page": "99"})[1] == ["Anna"]
    assert page({"sort": "-name", "page": "x"})[1] == ["Emil", "Dora"]


# --- favoured for matching -----------------------------------------------------------------


def test_coordinator_favours_an_applicant_and_matching_sees_it(
    client, round, coordinator, application, people
):
    from tandem.audit.models import AuditEntry
    from tandem.matching.inputs import round_input

    client.force_login(coordinator)
    detail = url(round, "application_detail", pk=application.pk)
    assert 'name="favoured"' in client.get(detail).content.decode()
    assert client.post(detail, {"favoured_form": "1", "favoured": "on"}).status_code == 302
    application.refresh_from_db()
    assert application.favoured
    assert AuditEntry.objects.filter(action="application.favoured").count() == 1
    application.state = S.ADMITTED
    application.save()
    mentees = round_input(round).mentees
    assert [m.favoured for m in mentees if m.id == f"a{application.pk}"] == [True]
    assert client.post(detail, {"favoured_form": "1"}).status_code == 302
    application.refresh_from_db()
    assert not application.favoured
    # a trainer may read but not favour
    client.force_login(people["trainer"])
    assert client.post(detail, {"favoured_form": "1", "favoured": "on"}).status_code == 404
    application.refresh_from_db()
    assert not application.favoured


def test_bulk_without_a_state_keeps_the_ticked_rows_and_the_filter(client, round, coordinator):
    ticked = ApplicationFactory(round=round, person=UserFactory(name="Anna Angekreuzt"))
    other = ApplicationFactory(round=round, person=UserFactory(name="Otto Offen"))
    client.force_login(coordinator)
    response = client.post(
        url(round, "application_bulk"),
        {"applications": [ticked.pk], "state": "", "query_string": "sort=-name"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'value="{ticked.pk}" id="select-{ticked.pk}" checked>' in html
    assert f'value="{other.pk}" id="select-{other.pk}">' in html
    assert response.context["sort"] == "-name"
    assert snapshot() == [(ticked.pk, S.SUBMITTED), (other.pk, S.SUBMITTED)]
