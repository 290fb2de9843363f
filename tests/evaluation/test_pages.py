"""The evaluation's pages: forms with messages by the field, what participants see."""

import pytest
from django.urls import reverse

from tandem.evaluation import services
from tandem.evaluation.models import Interview

from .conftest import at

pytestmark = pytest.mark.django_db


def _url(name, round, **kwargs):
    return reverse(name, kwargs={**round.url_kwargs, **kwargs})


def test_staff_plan_an_interview_and_a_bad_date_is_named_next_to_the_field(
    client, round, people, trainer
):
    client.force_login(trainer)
    url = _url("manage:evaluation_interview_new", round)
    assert client.get(url + f"?person={people['mentee'].pk}").status_code == 200
    data = {
        "person": people["mentee"].pk,
        "interviewer": trainer.pk,
        "starts_at": "9999-12-31T23:30",
        "duration_minutes": 45,
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'id="id_starts_at_error"' in response.content.decode()
    assert not Interview.objects.exists()
    data["starts_at"] = at().strftime("%Y-%m-%dT%H:%M")
    data["person"] = "99999999999999999999999"
    assert client.post(url, data).status_code == 400
    data["person"] = people["mentee"].pk
    response = client.post(url, data)
    interview = Interview.objects.get()
    assert response.status_code == 302 and interview.interviewer == trainer
    page = client.get(_url("manage:evaluation", round)).content.decode()
    assert people["mentee"].get_full_name() in page


def test_participants_see_date_and_status_never_the_notes(client, interview, trainer, people):
    services.save_interview_notes(interview=interview, by=trainer, notes={"tandem": "Nur-Staff-42"})
    client.force_login(people["mentee"])
    page = client.get(_url("portal:evaluation", interview.round)).content.decode()
    assert "45" in page and "Nur-Staff-42" not in page
    ics = client.get(_url("portal:evaluation_interview_ics", interview.round)).content
    assert b"BEGIN:VEVENT" in ics and b"Nur-Staff-42" not in ics
    client.force_login(people["mentor"])  # the partner has no interview yet
    page = client.get(_url("portal:evaluation", interview.round)).content.decode()
    assert "Nur-Staff-42" not in page
    assert client.get(_url("portal:evaluation_interview_ics", interview.round)).status_code == 404


def test_the_feedback_page_plans_invites_and_only_the_moderator_summarises(
    client, round, people, trainer
):
    client.force_login(people["coordinator"])
    url = _url("manage:evaluation_feedback", round)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "starts_at": at(-1).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 120,
            "moderator": trainer.pk,
        },
    )
    assert response.status_code == 302
    summary = _url("manage:evaluation_feedback_summary", round)
    assert client.post(summary, {"summary": "x"}).status_code == 404  # not the moderator
    client.force_login(trainer)
    assert client.post(summary, {"summary": "Gute Runde"}).status_code == 302
    assert "Gute Runde" in client.get(url).content.decode()


def test_the_dashboard_names_the_interview_and_the_feedback_session(
    client, interview, feedback, people, trainer
):
    services.invite_to_feedback(session=feedback, by=trainer)
    client.force_login(people["mentee"])
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "Evaluation interview (" in page and "Closing feedback session (" in page
    client.force_login(people["outsider"])
    assert "Evaluation interview (" not in client.get(reverse("portal:dashboard")).content.decode()


def test_opening_the_notes_is_logged(client, interview, trainer):
    from tandem.audit.models import AuditEntry

    client.force_login(trainer)
    url = _url("manage:evaluation_interview", interview.round, interview=interview.pk)
    assert client.get(url).status_code == 200
    entry = AuditEntry.objects.filter(action="evaluation.interview_viewed").get()
    assert entry.object_id == str(interview.pk)
