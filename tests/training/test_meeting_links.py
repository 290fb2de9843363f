import re

import pytest
from django.urls import reverse

from tandem.core import meeting_links

# The example of the BigBlueButton API documentation ("create", shared secret as given there).
BBB_DOC_QUERY = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
BBB_DOC_SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
BBB_DOC_CHECKSUM = "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"


def test_bbb_checksum_matches_the_documented_example():
    assert meeting_links.bbb_checksum("create", BBB_DOC_QUERY, BBB_DOC_SECRET) == BBB_DOC_CHECKSUM


def test_bbb_url_signs_its_own_query_string():
    url = meeting_links.bbb_url(
        "create",
        {
            "name": "Test Meeting",
            "meetingID": "abc123",
            "attendeePW": "111222",
            "moderatorPW": "333444",
        },
        base_url="https://bbb.example.org/bigbluebutton/",
        secret=BBB_DOC_SECRET,
    )
    assert url == (
        f"https://bbb.example.org/bigbluebutton/api/create?{BBB_DOC_QUERY}"
        f"&checksum={BBB_DOC_CHECKSUM}"
    )


def test_bbb_join_gives_the_moderator_role_to_the_trainer():
    url = meeting_links.bbb_join_url(
        "m1",
        "Sabine Wolter",
        moderator=True,
        base_url="https://b.example.org/bigbluebutton",
        secret="s",
    )
    query = url.split("?", 1)[1].rsplit("&checksum=", 1)
    assert "role=MODERATOR" in query[0]
    assert query[1] == meeting_links.bbb_checksum("join", query[0], "s")


def test_jitsi_rooms_have_128_random_bits():
    first = meeting_links.jitsi_room_url("https://meet.example.org/")
    second = meeting_links.jitsi_room_url("https://meet.example.org")
    assert re.fullmatch(r"https://meet\.example\.org/tandem-[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.django_db
def test_a_configured_jitsi_fills_the_link_of_a_new_session(client, settings, round, people):
    settings.TANDEM_MEETING_PROVIDER = "jitsi"
    settings.TANDEM_JITSI_URL = "https://meet.example.org"
    client.force_login(people["trainer"])
    page = client.get(reverse("manage:training_session_new", kwargs=round.url_kwargs))
    assert re.search(
        r'value="https://meet\.example\.org/tandem-[0-9a-f]{32}"', page.content.decode()
    )
    settings.TANDEM_MEETING_PROVIDER = ""
    page = client.get(reverse("manage:training_session_new", kwargs=round.url_kwargs))
    assert "tandem-" not in page.content.decode()
