"""htmx runs defensively on every page; names are one line (issue 8)."""

import json
import re

import pytest
from django.urls import reverse

from tandem.recruitment.models import Candidate
from tests.conftest import manage_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

META = re.compile(r"<meta name=\"htmx-config\" content='([^']*)'>")


def htmx_config(html: str) -> dict:
    found = META.findall(html)
    assert len(found) == 1, "every page carries exactly one htmx configuration"
    return json.loads(found[0])


def test_every_kind_of_page_configures_htmx_defensively(client, round, coordinator):
    pages = [reverse("account_login"), reverse("account_signup")]
    for url in pages:
        assert htmx_config(client.get(url).content.decode())["allowEval"] is False
    client.force_login(coordinator)
    pages = [
        reverse("portal:dashboard"),
        reverse("portal:profile"),
        manage_url("mail_text", round, key="role_assigned"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert htmx_config(response.content.decode()) == {
            "allowEval": False,
            "allowScriptTags": False,
            "selfRequestsOnly": True,
            "historyCacheSize": 0,
            "includeIndicatorStyles": False,
        }, url


def test_htmx_ignores_hx_attributes_in_the_content_of_pages_that_do_not_use_it(
    client, round, coordinator
):
    client.force_login(coordinator)
    html = client.get(manage_url("mail_text", round, key="role_assigned")).content.decode()
    # data-hx-…: the valid-HTML spelling of htmx's attributes (tests/test_valid_html.py).
    assert re.search(r"<main [^>]*\bdata-hx-disable\b", html)


def test_the_profile_page_keeps_its_search_and_disables_htmx_where_names_are_shown(client):
    client.force_login(UserFactory())
    html = client.get(reverse("portal:profile")).content.decode()
    main = re.search(r"<main [^>]*>", html).group(0)
    assert "hx-disable" not in main  # the institution search is this page's own htmx
    assert 'data-hx-get="/me/institutions/"' in html
    assert re.search(r'<div id="institution-suggestions"[^>]*\bdata-hx-disable\b', html)


PROFILE = {
    "name": "Laura Becker",
    "position": "OA",
    "language": "en",
    "institution_name": "Universitätsbibliothek Seestadt",
    "institution_type": "university",
    "institution_size": "medium",
}


@pytest.mark.parametrize("field", ["name", "position", "institution_name"])
@pytest.mark.parametrize(
    "bad",
    [
        "Laura\r\nBcc: x@example.org",
        "Laura\nBecker",
        "Laura\tBecker",
        "Laura\u2028Becker",
        "Laura\x85Becker",
    ],
)
def test_profile_refuses_control_characters_in_names(client, field, bad):
    person = UserFactory(name="Alt", position="Alt")
    client.force_login(person)
    response = client.post(reverse("portal:profile"), {**PROFILE, field: bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert "Please write this on one line" in html
    person.refresh_from_db()
    assert (person.name, person.position) == ("Alt", "Alt")


def test_candidate_names_are_one_line(login, round, coordinator):
    response = login(coordinator).post(
        manage_url("recruitment_candidates", round),
        {
            "name": "Eva\r\nBrandt",
            "email": "eva@example.org",
            "institution": "UB\nX",
            "language": "de",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_name_error"' in html and 'id="id_institution_error"' in html
    assert not Candidate.objects.exists()
