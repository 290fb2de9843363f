"""The Nu HTML Checker (vnu) finds no errors on the main pages, in German and English.

The pages are rendered with the test client against the access table's round
(tests/url_scenario.py), as the role that uses them, written to files, and checked by one
run of vnu.jar (tests/html_checker.py).
"""

from pathlib import Path

import pytest
from django.urls import reverse

from tests.html_checker import html_errors, needs_vnu
from tests.test_every_url import our_urls, url_of
from tests.url_scenario import build

pytestmark = pytest.mark.django_db

# (role, URL name): the pages people spend their time on, error states below.
PAGES = [
    ("anonymous", "home"),
    ("anonymous", "accessibility"),
    ("anonymous", "account_login"),
    ("anonymous", "account_signup"),
    ("anonymous", "account_reset_password"),
    ("mentee", "public:call"),
    ("mentee", "public:gallery"),
    ("mentee", "public:info_event"),
    ("mentee", "portal:dashboard"),
    ("outsider", "portal:dashboard"),
    ("outsider", "portal:role_invitation"),
    ("mentee", "portal:profile"),
    ("mentee", "portal:my_data"),
    ("mentee", "portal:api_tokens"),
    ("mentee", "portal:round"),
    ("mentee", "portal:application_apply"),
    ("mentee", "portal:proposal"),
    ("mentee", "portal:tandem_workspace"),
    ("mentee", "portal:tandem_agreement"),
    ("mentee", "portal:tandem_meeting"),
    ("mentee", "portal:tandem_polls"),
    ("mentee", "portal:tandem_poll"),
    ("mentee", "portal:consultations"),
    ("mentor", "portal:recruitment_profile"),
    ("mentor", "portal:training"),
    ("mentor", "portal:training_session"),
    ("coordinator", "manage:organisations"),
    ("org_coordinator", "manage:organisation"),
    ("org_coordinator", "manage:programme"),
    ("org_coordinator", "manage:person"),
    ("org_coordinator", "manage:round_roles"),
    ("coordinator", "manage:round"),
    ("coordinator", "manage:round_edit"),
    ("coordinator", "manage:round_roles"),
    ("coordinator", "manage:application_list"),
    ("coordinator", "manage:application_detail"),
    ("coordinator", "manage:application_import"),
    ("coordinator", "manage:recruitment_candidates"),
    ("coordinator", "manage:recruitment_profiles"),
    ("coordinator", "manage:recruitment_info_event"),
    ("coordinator", "manage:matching"),
    ("coordinator", "manage:matching_run"),
    ("coordinator", "manage:matching_swap"),
    ("coordinator", "manage:matching_gaps"),
    ("coordinator", "manage:tandems"),
    ("coordinator", "manage:mail_texts"),
    ("coordinator", "manage:mail_outbox"),
    ("coordinator", "manage:mail_outbox_mail"),
    ("trainer", "manage:training"),
    ("trainer", "manage:training_session"),
    ("trainer", "manage:training_session_new"),
    ("trainer", "manage:consultations"),
    ("anonymous", "api-v1:openapi-view"),
]
# Forms sent empty, so that their error states are checked too.
ERROR_STATES = [
    ("mentee", "portal:profile"),
    ("mentee", "portal:api_tokens"),
    ("mentee", "portal:application_apply"),
    ("outsider", "portal:role_invitation"),
    ("coordinator", "manage:round_edit"),
    ("trainer", "manage:training_session_new"),
    ("anonymous", "account_login"),
]


def render_pages(client, tmp_path) -> dict[Path, str]:
    people, values = build()
    urls = our_urls()
    written = {}
    requests = [(role, name, "get") for role, name in PAGES]
    requests += [(role, name, "post") for role, name in ERROR_STATES]
    for language in ("de", "en"):
        for number, (role, name, method) in enumerate(requests):
            client.logout()
            if role != "anonymous":
                client.force_login(people[role])
            client.cookies["django_language"] = language
            url = url_of(name, urls[name], values, method) if name in urls else reverse(name)
            response = getattr(client, method)(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code in {200, 400}, f"{name} as {role}: {response.status_code}"
            path = tmp_path / f"{language}-{number:02d}-{method}.html"
            path.write_bytes(response.content)
            written[path] = f"{method.upper()} {name} as {role} ({language})"
    return written


@needs_vnu
def test_the_main_pages_are_valid_html(client, tmp_path, fast_passwords):
    errors = html_errors(render_pages(client, tmp_path))
    assert not errors, "\n".join(errors)
