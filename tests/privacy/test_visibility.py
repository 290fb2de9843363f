"""What each role sees of another person is declared once (privacy/visibility.py); the
pages and the notices follow it. A marker goes into every text field of an application
and a mentor profile; a page that shows one the declaration does not allow fails here."""

import datetime as dt

import pytest
from django.db import models
from django.urls import reverse

from tandem.applications.models import Application
from tandem.matching.enums import ProposalStatus
from tandem.matching.models import MatchRun, Proposal
from tandem.privacy import visibility
from tandem.programmes.enums import PhaseKind
from tandem.recruitment.models import MentorProfile
from tests.applications.conftest import travel_to
from tests.applications.factories import ApplicationFactory
from tests.conftest import verified
from tests.factories import InstitutionFactory, UserFactory
from tests.recruitment.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db

# Filled by the platform, never typed by the person: not shown as "their" data.
PLATFORM_FIELDS = {"state", "source", "privacy_notice_version"}


def text_fields(model) -> list[str]:
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and field.name not in PLATFORM_FIELDS
    ]


def marker(side, key):
    return f"MARK{side}{key.replace('_', '')}Z"


@pytest.fixture
def pair(round):
    round.is_public = True
    round.save(update_fields=["is_public"])
    mentee = verified(
        UserFactory(
            name=marker("E", "name"),
            institution=InstitutionFactory(name=marker("E", "institution")),
        )
    )
    mentor = verified(
        UserFactory(
            name=marker("R", "name"),
            position=marker("R", "position"),
            institution=InstitutionFactory(name=marker("R", "institution")),
        )
    )
    application = ApplicationFactory(
        round=round, person=mentee, **{f: marker("E", f) for f in text_fields(Application)}
    )
    texts = {f: marker("R", f) for f in text_fields(MentorProfile)}
    texts["video_url"] = f"https://video.example.org/{marker('R', 'video_url')}"
    profile = MentorProfileFactory(round=round, person=mentor, **texts)
    run = MatchRun.objects.create(round=round, number=1, mode="optimal", parameters={})
    Proposal.objects.create(
        run=run,
        round=round,
        application=application,
        mentor_profile=profile,
        score=0.5,
        status=ProposalStatus.SENT,
    )
    return mentee, mentor


def assert_follows(page: str, side: str, declared: dict, view: str):
    allowed = visibility.shown(view)
    for key in declared:
        if key in allowed and marker(side, key) not in page:
            # Declared but empty on this page is fine only for fields without text.
            assert key not in (*text_fields(Application), *text_fields(MentorProfile)), (
                view,
                key,
            )
        if key not in allowed:
            assert marker(side, key) not in page, f"{view} shows {key}, not declared"


def test_every_text_field_is_declared():
    assert set(text_fields(Application)) <= set(visibility.MENTEE_FIELDS)
    assert set(text_fields(MentorProfile)) <= set(visibility.MENTOR_FIELDS)
    for view, keys in visibility.SHOWN.items():
        fields = visibility._FIELDS_OF[view]
        assert set(keys) <= set(fields), view


def test_the_mentors_proposal_page_shows_only_what_is_declared(client, round, pair):
    mentee, mentor = pair
    client.force_login(mentor)
    page = client.get(reverse("portal:proposal", kwargs=round.url_kwargs)).content.decode()
    for key in visibility.shown("mentor_sees_mentee"):
        if key in {"name", "institution", *text_fields(Application)}:
            assert marker("E", key) in page, key
    assert_follows(page, "E", visibility.MENTEE_FIELDS, "mentor_sees_mentee")


def test_the_mentees_proposal_page_shows_only_what_is_declared(client, round, pair):
    mentee, mentor = pair
    client.force_login(mentee)
    page = client.get(reverse("portal:proposal", kwargs=round.url_kwargs)).content.decode()
    for key in ("name", "position", "institution", "presentation", "experience"):
        assert marker("R", key) in page, key
    assert_follows(page, "R", visibility.MENTOR_FIELDS, "mentee_sees_mentor")


def test_the_gallery_shows_only_what_is_declared(client, round, pair):
    page = client.get(reverse("public:gallery", kwargs=round.url_kwargs)).content.decode()
    assert marker("R", "presentation") in page
    assert_follows(page, "R", visibility.MENTOR_FIELDS, "gallery")


def test_a_field_taken_out_of_the_declaration_disappears_from_the_page(
    client, round, pair, monkeypatch
):
    mentee, mentor = pair
    monkeypatch.setitem(
        visibility.SHOWN,
        "mentor_sees_mentee",
        tuple(k for k in visibility.SHOWN["mentor_sees_mentee"] if k != "upcoming_projects"),
    )
    client.force_login(mentor)
    page = client.get(reverse("portal:proposal", kwargs=round.url_kwargs)).content.decode()
    assert marker("E", "upcoming_projects") not in page
    assert marker("E", "expectations") in page


def test_the_privacy_notice_names_what_the_declaration_shows(client, round):
    round.is_public = True
    round.save(update_fields=["is_public"])
    window = round.phases.get(kind=PhaseKind.APPLICATIONS)
    person = verified(UserFactory(name="Nora Neu", institution=InstitutionFactory()))
    url = reverse("portal:application_apply", kwargs=round.url_kwargs)
    with travel_to(window.starts_on + dt.timedelta(days=1)):
        client.force_login(person)
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200, page[-2000:]
    assert str(visibility.labels("mentor_sees_mentee")) in page
    assert "upcoming projects" in page and "availability" in page
