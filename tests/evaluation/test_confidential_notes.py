"""Interview notes are the staff's alone (DESIGN.md §2).

A unique marker is written into the notes of the access table's scenario (the mentee's
interview); then every page a participant, a person of another round or an outsider can
open, every e-mail, calendar file and the personal-data download are searched for it.
The trainer's notes page must show it — otherwise this test could not fail.
"""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from tandem.evaluation import services
from tandem.evaluation.models import Interview
from tandem.mail.models import QueuedMail
from tests.test_every_url import our_urls, url_of
from tests.url_scenario import build

pytestmark = pytest.mark.django_db

MARKER = "Zz-Interviewnotiz-7f3a91-zZ"
# The pages a participant can reach, and the evaluation's own staff pages they are refused.
REACHABLE = ("portal:", "public:", "manage:evaluation", "manage:round_report", "home")


def _with_marker():
    people, values = build()
    interview = Interview.objects.get(pk=values["interview"])
    services.save_interview_notes(
        interview=interview,
        by=people["trainer"],
        notes={key: f"{MARKER} {key}" for key in ("expectations", "critique", "suggestions")},
    )
    return people, values


def _pages(values):
    return [
        url_of(name, parameters, values)
        for name, parameters in sorted(our_urls().items())
        if name.startswith(REACHABLE)
    ]


@pytest.mark.parametrize("role", ["mentee", "mentor", "other_round", "outsider"])
def test_no_page_calendar_or_export_a_non_staff_person_reaches_shows_the_notes(
    client, role, fast_passwords
):
    people, values = _with_marker()
    cache.clear()
    client.force_login(people[role])
    opened = 0
    for url in _pages(values):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert MARKER.encode() not in body, (role, url)
        opened += response.status_code == 200
    assert opened >= 5
    download = client.post(reverse("portal:my_data_download"))
    assert download.status_code == 200
    assert MARKER not in json.dumps(json.loads(download.content))


def test_mails_hold_no_notes_and_the_staff_page_does(client, fast_passwords):
    people, values = _with_marker()
    assert not QueuedMail.objects.filter(body__contains=MARKER).exists()
    assert not QueuedMail.objects.filter(subject__contains=MARKER).exists()
    client.force_login(people["trainer"])
    page = client.get(
        reverse(
            "manage:evaluation_interview",
            kwargs={**_round_kwargs(values), "interview": values["interview"]},
        )
    )
    assert MARKER in page.content.decode()
    # The round report (page and exports) is figures only: the notes never enter it.
    for name in ("round_report", "round_report_xlsx"):
        response = client.get(reverse(f"manage:{name}", kwargs=_round_kwargs(values)))
        assert response.status_code == 200 and MARKER.encode() not in response.content


def _round_kwargs(values):
    return {key: values[key] for key in ("org", "programme", "round")}
