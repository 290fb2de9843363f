"""The accessibility statement (BITV 2.0) and the feedback contact in every page's footer."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_statement_names_compliance_gaps_contact_and_the_conciliation_body(client, settings):
    settings.TANDEM_ACCESSIBILITY_CONTACT = "barrieren@traeger.example"
    html = client.get(reverse("accessibility"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Erklärung zur Barrierefreiheit" in html
    assert "teilweise vereinbar" in html
    assert "Was noch nicht barrierefrei ist" in html
    assert 'href="mailto:barrieren@traeger.example"' in html
    assert "Schlichtungsstelle nach § 16 BGG" in html
    assert "info@schlichtungsstelle-bgg.de" in html
    english = client.get(reverse("accessibility"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Enforcement procedure" in english.content.decode()


@pytest.mark.parametrize("name", ["home", "account_login", "accessibility"])
def test_every_page_links_the_statement_and_the_feedback_address(client, settings, name):
    settings.TANDEM_ACCESSIBILITY_CONTACT = "barrieren@traeger.example"
    html = client.get(reverse(name)).content.decode()
    footer = html[html.index("<footer") :]
    assert f'href="{reverse("accessibility")}"' in footer
    assert 'href="mailto:barrieren@traeger.example"' in footer


def test_a_logged_in_page_has_the_footer_too(client, fast_passwords):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("accessibility") in html[html.index("<footer") :]
