import datetime as dt
import json

import pytest
from allauth.account.models import EmailAddress

from tandem.audit.models import AuditEntry
from tandem.privacy.personal_data import (
    export_personal_data,
    personal_data_of,
    personal_data_summary,
)
from tests.factories import UserFactory
from tests.recruitment.factories import CandidateFactory

pytestmark = pytest.mark.django_db


def test_export_holds_the_persons_data_from_every_app(scenario):
    data = personal_data_of(scenario.person)
    # JSON as it is: no custom encoder needed
    data = json.loads(json.dumps(data))

    assert data["format"] == "tandem-personal-data"
    account = data["account"]
    assert account["name"] == "Petra Person"
    assert account["email"] == "petra@example.org"
    assert account["position"] == "Fachreferentin"
    assert account["institution"]["name"] == scenario.person.institution.name
    assert dt.datetime.fromisoformat(account["date_joined"])

    assert {a["email"] for a in data["email_addresses"]} == {
        "petra@example.org",
        "petra.private@example.net",
    }
    assert [f["type"] for f in data["second_factors"]] == ["totp"]
    assert "secret" not in json.dumps(data["second_factors"])

    roles = {(r["round"]["round"], r["role"]) for r in data["round_roles"]}
    assert roles == {(scenario.round.name, "mentor"), ("Durchlauf B", "mentee")}

    [application] = data["applications"]
    assert application["expectations"] == "Monitoring aufbauen"
    assert application["topics"][0] == {
        "rank": 1,
        "key": "publication_monitoring",
        "label": "Publication monitoring",
    }
    assert application["preferred_mentors"] == [{"rank": 1, "name": "Mara Mentor"}]
    assert dt.datetime.fromisoformat(application["consent_at"])
    assert application["privacy_notice_version"]

    [profile] = data["mentor_profiles"]
    assert profile["topics"] == [
        {"key": "bibliometric_analysis", "label": "Bibliometric analysis", "level": 3}
    ]
    assert profile["photo"].startswith("portrait") and profile["photo"].endswith(".png")
    assert "/" not in profile["photo"]
    assert profile["slides"].startswith("my-talk")

    # matched by address, in any letter case, without a link to the account
    [candidacy] = data["mentor_candidacies"]
    assert candidacy["notes"] == "Knows ORCID well"
    [registration] = data["info_event_registrations"]
    assert registration["email"] == "petra.private@example.net"
    assert registration["consent_text"] == "I agree."

    mails = {m["subject"]: m for m in data["mails"]}
    assert set(mails) == {"Your role", "Invitation waiting"}
    assert mails["Your role"]["to"] == "petra@example.org"
    assert mails["Your role"]["status"] == "sent"
    assert dt.datetime.fromisoformat(mails["Your role"]["date"])

    assert "person.profile_updated" in {entry["action"] for entry in data["activity"]}


def test_export_holds_nothing_of_another_person(scenario):
    text = json.dumps(personal_data_of(scenario.person), ensure_ascii=False)
    assert "OTHER" not in text
    assert scenario.other.email not in text
    assert "other.action" not in text


def test_topic_labels_follow_the_persons_language(scenario):
    scenario.person.language = "de"
    scenario.person.save()
    [application] = personal_data_of(scenario.person)["applications"]
    assert application["topics"][0]["label"] == "Publikationsmonitoring"


def test_an_unverified_address_does_not_pull_in_someone_elses_records(round):
    person = UserFactory()
    CandidateFactory(round=round, email="chef@example.org", notes="not yours")
    EmailAddress.objects.create(user=person, email="chef@example.org", verified=False)
    data = personal_data_of(person)
    assert data["mentor_candidacies"] == []
    assert "not yours" not in json.dumps(data)


def test_summary_counts_what_the_export_holds(scenario):
    summary = personal_data_summary(scenario.person)
    data = personal_data_of(scenario.person)
    assert summary["applications"] == len(data["applications"]) == 1
    assert summary["mentor_profiles"] == 1
    assert summary["mentor_candidacies"] == 1
    assert summary["info_event_registrations"] == 1
    assert summary["mails"] == 2
    assert summary["round_roles"] == 2


def test_every_export_is_logged(scenario):
    export_personal_data(scenario.person, by=scenario.person)
    entry = AuditEntry.objects.get(action="privacy.data_exported")
    assert entry.actor == scenario.person
    assert entry.object_id == str(scenario.person.pk)


def test_export_holds_own_proposal_answers_but_not_the_partners(round):
    from tandem.matching.models import MatchRun, Proposal
    from tandem.privacy.personal_data import personal_data_of
    from tandem.tandems.models import Tandem
    from tests.applications.factories import ApplicationFactory
    from tests.factories import UserFactory
    from tests.recruitment.factories import MentorProfileFactory

    mentee, mentor = UserFactory(name="Mia Mentee"), UserFactory(name="Max Mentor")
    run = MatchRun.objects.create(round=round, number=1, mode="optimal")
    proposal = Proposal.objects.create(
        run=run,
        round=round,
        application=ApplicationFactory(round=round, person=mentee),
        mentor_profile=MentorProfileFactory(round=round, person=mentor),
        score=0.8,
        status="accepted",
        mentee_answer="accept",
        mentee_comment="Passt sehr gut",
        mentor_answer="accept",
        mentor_comment="Gern, aber erst ab März",
    )
    Tandem.objects.create(round=round, mentor=mentor, mentee=mentee, proposal=proposal)
    data = personal_data_of(mentee)
    [entry] = data["proposals"]
    assert entry["you_are"] == "mentee" and entry["partner"] == "Max Mentor"
    assert entry["your_comment"] == "Passt sehr gut"
    assert "erst ab März" not in str(data)
    assert data["tandems"][0]["partner"] == "Max Mentor"
    assert personal_data_of(mentor)["proposals"][0]["your_comment"].startswith("Gern")


def test_export_holds_the_tandem_and_own_notes_but_not_the_partners_private_ones(round):
    from django.utils import timezone

    from tandem.privacy.erasure import erase_person
    from tandem.privacy.personal_data import personal_data_of
    from tandem.tandems.models import Goal, Meeting, Note, Tandem
    from tests.factories import UserFactory

    mentee, mentor = UserFactory(), UserFactory(name="Max Mentor")
    tandem = Tandem.objects.create(round=round, mentor=mentor, mentee=mentee)
    Goal.objects.create(tandem=tandem, text="OA-Monitoring steht", progress=40)
    meeting = Meeting.objects.create(
        tandem=tandem, starts_at=timezone.now(), agenda="Datenquellen vergleichen"
    )
    Note.objects.create(meeting=meeting, author=mentee, text="Meine Notiz")
    Note.objects.create(meeting=meeting, author=mentor, text="Nur für mich", shared=False)
    data = personal_data_of(mentee)
    [entry] = data["tandems"]
    assert entry["partner"] == "Max Mentor" and entry["goals"][0]["progress"] == 40
    assert entry["meetings"][0]["agenda"] == "Datenquellen vergleichen"
    assert [note["text"] for note in data["meeting_notes"]] == ["Meine Notiz"]
    assert "Nur für mich" not in str(data)
    counts = erase_person(mentee, by=mentee)
    assert counts["meeting_notes"] == 1
    assert list(Note.objects.values_list("text", flat=True)) == ["Nur für mich"]
    assert Meeting.objects.filter(pk=meeting.pk).exists()
