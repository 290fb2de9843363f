import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse

from tandem.alumni.next_round import create_next_round, mentor_profile_suggestion
from tandem.mail.models import MailTemplate
from tandem.matching.models import MatchRun
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import Round
from tandem.recruitment import services as recruitment
from tandem.recruitment.models import Candidate
from tests.conftest import manage_url, portal_url

pytestmark = pytest.mark.django_db


def test_the_next_round_copies_rules_texts_and_moves_dates_a_year(closed, round, coordinator):
    round.meeting_rhythm_weeks = 3
    round.save()
    MailTemplate.objects.create(
        key="mentor_invitation", language="de", round=round, subject="Hallo", body="Text"
    )
    made = create_next_round(previous=round, name="Durchlauf 2099", by=coordinator)
    new = made.round
    assert new.previous == round and new.meeting_rhythm_weeks == 3 and not new.is_public
    old = {p.kind: p for p in round.phases.all()}
    for phase in new.phases.all():
        assert phase.starts_on == old[phase.kind].starts_on + relativedelta(years=1)
        assert phase.ends_on == old[phase.kind].ends_on + relativedelta(years=1)
    assert MailTemplate.objects.get(round=new).subject == "Hallo"


def test_candidates_are_former_mentors_and_mentees_who_completed(closed, round, coordinator):
    made = create_next_round(previous=round, name="Durchlauf 2099", by=coordinator)
    candidates = {c.email: c for c in Candidate.objects.filter(round=made.round)}
    # Both mentors (invite again), the mentee who completed; not the one whose tandem never met.
    assert set(candidates) == {
        closed["mentor"].email,
        closed["quiet_mentor"].email,
        closed["mentee"].email,
    }
    assert (made.former_mentors, made.former_mentees) == (2, 1)
    mentee = candidates[closed["mentee"].email]
    assert "invite as a mentor" in mentee.notes
    # Coordinators see the application's topics; never the tandem's agreed ones.
    assert {t.key for t in mentee.topics.all()} == {"publication_monitoring", "diamond_oa"}


def test_a_former_mentee_finds_the_profile_prefilled(closed, round, coordinator, client):
    made = create_next_round(previous=round, name="Durchlauf 2099", by=coordinator)
    new = made.round
    mentee = closed["mentee"]
    candidate = Candidate.objects.get(round=new, email=mentee.email)
    recruitment.invite_candidates(round=new, candidates=[candidate], by=coordinator)
    candidate.refresh_from_db()
    recruitment.accept_invitation(candidate=candidate, person=mentee)
    assert new.roles.filter(person=mentee, role=RoleKind.MENTOR).exists()
    topics = closed["topics"]
    suggestion = mentor_profile_suggestion(new, mentee)
    assert suggestion.source == "mentee"
    assert suggestion.levels == {
        topics["publication_monitoring"].pk: 1,
        topics["diamond_oa"].pk: 1,
        topics["responsible_metrics"].pk: 2,  # the tandem's agreed topic
    }
    client.force_login(mentee)
    response = client.get(portal_url("recruitment_profile", new))
    form = response.context["form"]
    assert form.initial[f"topic_{topics['responsible_metrics'].pk}"] == "2"
    assert "pre-filled from your application" in response.content.decode()
    # Nothing is saved until the person confirms.
    assert not new.mentor_profiles.exists()


def test_a_former_mentor_starts_from_the_last_profile(closed, round, coordinator):
    new = create_next_round(previous=round, name="Durchlauf 2099", by=coordinator).round
    suggestion = mentor_profile_suggestion(new, closed["mentor"])
    assert suggestion.source == "mentor"
    assert suggestion.presentation == "Ich leite das Monitoring."
    assert suggestion.levels == {closed["topics"]["bibliometric_analysis"].pk: 3}
    assert mentor_profile_suggestion(round, closed["mentor"]) is None  # no previous round


def test_the_coordinator_creates_it_from_the_page(closed, round, coordinator, client):
    client.force_login(coordinator)
    assert client.post(manage_url("next_round", round), {"name": ""}).status_code == 400
    response = client.post(manage_url("next_round", round), {"name": "Durchlauf 2099"})
    new = Round.objects.get(name="Durchlauf 2099")
    assert response.status_code == 302
    assert response.url == manage_url("recruitment_candidates", new)


@pytest.mark.parametrize("role", ["mentor", "mentee", "trainer", "outsider", "foreign_coordinator"])
def test_others_cannot_create_or_close(closed, round, client, role):
    client.force_login(closed[role])
    before = Round.objects.count()
    assert client.post(manage_url("next_round", round), {"name": "X"}).status_code == 404
    assert client.post(manage_url("round_close", round)).status_code == 404
    assert client.get(manage_url("round_alumni", round)).status_code == 404
    assert Round.objects.count() == before


def test_the_recruitment_page_says_what_the_last_round_lacked(closed, round, coordinator, client):
    application = round.applications.get()
    MatchRun.objects.create(
        round=round,
        number=1,
        mode="optimal",
        summary={"unplaced": [{"application": application.pk, "reason": "no_fitting_mentor"}]},
        inputs={"mentor_profiles": list(round.mentor_profiles.values_list("pk", flat=True))},
    )
    new = create_next_round(previous=round, name="Durchlauf 2099", by=coordinator).round
    client.force_login(coordinator)
    response = client.get(manage_url("recruitment_candidates", new))
    text = response.content.decode()
    assert "What the last round lacked" in text
    diamond = closed["topics"]["diamond_oa"].label_en
    assert f"No mentor offered “{diamond}”, which 1 applicant in need named." in text
    assert text.count('role="img"') >= 2  # the charts, with their tables
    # A round not made from another shows no hints.
    assert (
        "What the last round lacked"
        not in client.get(manage_url("recruitment_candidates", round)).content.decode()
    )


def test_closing_from_the_page(pilot, round, coordinator, client):
    client.force_login(coordinator)
    assert client.post(manage_url("round_close", round)).status_code == 302
    round.refresh_from_db()
    assert round.closed_on is not None
    assert reverse("portal:certificates")
