"""The round report: figures on a small known round, the same figures in PDF and XLSX,
accessible charts, and who sees what (trainers: no matching; comparison: own rounds)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from tandem.applications.enums import ApplicationState
from tandem.evaluation import services
from tandem.evaluation.models import FeedbackInvitation
from tandem.evaluation.report import round_report
from tandem.matching.models import MatchRun, Proposal
from tandem.programmes.enums import InstitutionType, PhaseKind, RoleKind, SizeClass
from tandem.tandems.enums import MeetingStatus
from tandem.tandems.models import Meeting, TimeSpent
from tandem.tandems.services import form_tandem
from tandem.training import consultations
from tests.applications.factories import ApplicationFactory, published_profile
from tests.conftest import verified, with_totp
from tests.factories import InstitutionFactory, RoundFactory, RoundRoleFactory, UserFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def _person(programme_round=None, role=None, **extra):
    user = with_totp(verified(UserFactory(**extra)))
    if programme_round is not None:
        RoundRoleFactory(round=programme_round, person=user, role=role)
    return user


@pytest.fixture
def known(round, people, trainer):
    """Two mentors, four applications, two tandems, three meetings held, time, slots."""
    mentors = [people["mentor"], _person(round, RoleKind.MENTOR)]
    for mentor in mentors:
        published_profile(round, mentor)
    small = InstitutionFactory(type=InstitutionType.STATE_LIBRARY, size_class=SizeClass.SMALL)
    mentees = [people["mentee"], _person(round, RoleKind.MENTEE, institution=small)]
    applications = [
        ApplicationFactory(round=round, person=mentees[0], state=ApplicationState.ADMITTED),
        ApplicationFactory(round=round, person=mentees[1], state=ApplicationState.SUBMITTED),
        ApplicationFactory(round=round, state=ApplicationState.WITHDRAWN),
        ApplicationFactory(round=round, state=ApplicationState.DRAFT),
    ]
    first = form_tandem(round=round, mentor=mentors[0], mentee=mentees[0])
    form_tandem(round=round, mentor=mentors[1], mentee=mentees[1])
    start = round.phases.get(kind=PhaseKind.TANDEM_PHASE).starts_on
    zone = timezone.get_current_timezone()

    def meeting(days, status, tandem=first):
        when = dt.datetime.combine(start + dt.timedelta(days=days), dt.time(10), zone)
        return Meeting.objects.create(tandem=tandem, starts_at=when, status=status)

    held = [meeting(1, MeetingStatus.HELD), meeting(5, MeetingStatus.HELD)]
    held.append(meeting(35, MeetingStatus.HELD))
    meeting(40, MeetingStatus.CANCELLED)
    for index, item in enumerate(held[:2]):
        TimeSpent.objects.create(
            meeting=item, person=mentees[0], meeting_minutes=60, preparation_minutes=30
        )
        if index == 0:
            TimeSpent.objects.create(
                meeting=item, person=mentors[0], meeting_minutes=60, preparation_minutes=0
            )
    slots = consultations.publish_slots(
        round=round,
        trainer=trainer,
        starts_at=at(3),
        duration_minutes=45,
        weekly_until=at(10).date(),
    )
    consultations.book_consultation(slot=slots[0], person=mentees[1])
    run = MatchRun.objects.create(
        round=round,
        number=1,
        mode="optimal",
        sent_at=timezone.now(),
        summary={"pairs": 2, "applicants": 2, "places": 2},
    )
    for application, profile, score in zip(
        applications[:2],
        [m.mentor_profiles.get(round=round) for m in mentors],
        (0.8, 0.6),
        strict=True,
    ):
        Proposal.objects.create(
            run=run, round=round, application=application, mentor_profile=profile, score=score
        )
    interview = services.schedule_interview(
        round=round, by=trainer, person=mentees[0], starts_at=at(-1), duration_minutes=45
    )
    services.set_interview_status(interview=interview, by=trainer, status="held")
    services.save_interview_notes(
        interview=interview, by=trainer, notes={"critique": "Geheim-4711"}
    )
    session = services.save_feedback_session(
        round=round, by=trainer, starts_at=at(-1), duration_minutes=120
    )
    for person in (*mentees, *mentors):
        FeedbackInvitation.objects.create(session=session, person=person)
    services.record_feedback_attendance(
        session=session, by=trainer, attended={mentees[0].pk, mentors[0].pk, mentors[1].pk}
    )
    services.save_lessons_learned(
        programme_round=round, by=people["coordinator"], text="Früher werben."
    )
    return round


def test_the_figures_of_a_known_round(known, people):
    report = round_report(known, people["coordinator"])
    a = report.applications
    assert (a.submitted, a.active, a.admitted, a.withdrawn) == (3, 2, 1, 1)
    assert (a.mentors, a.places, a.tandems) == (2, 2, 2)
    monitoring = next(row for row in report.topics if row.mentees)
    assert (monitoring.mentees, monitoring.mentors) == (2, 2)
    sizes = {row.label: row.mentees for row in report.institution_sizes}
    assert sizes == {"Small": 1, "Medium": 0, "Large": 1}
    m = report.meetings
    assert (m.tandems, m.held, m.planned, m.cancelled) == (2, 3, 0, 1)
    assert m.per_tandem == ((0, 1), (1, 0), (2, 0), (3, 1))
    assert m.mean_per_tandem == 1.5
    held_months = [n for _month, n in m.per_month if n]
    assert sum(held_months) == 3 and len(m.per_month) >= 6
    mentors, mentees = report.time_spent
    assert (mentors.people, mentors.meeting_minutes, mentors.preparation_minutes) == (1, 60, 0)
    assert (mentees.people, mentees.meeting_minutes, mentees.preparation_minutes) == (1, 120, 60)
    assert mentees.meeting_hours_per_person == 2.0 and mentees.preparation_hours_per_person == 1.0
    c = report.consultations
    assert (c.offered, c.booked, c.held) == (2, 1, 0)
    e = report.evaluation
    assert (e.interviews_held, e.feedback_invited, e.feedback_attended) == (1, 4, 3)
    assert report.matching.pairs == 2 and report.matching.mean_fit == 70
    assert report.matching.lowest_fit == 60
    assert report.lessons_learned == "Früher werben."
    assert report.survey_results == [] and report.early_end.total == 0  # none closed or ended


def test_trainers_read_the_report_without_matching_and_cannot_write(known, people, client):
    assert round_report(known, people["trainer"]).matching is None
    client.force_login(people["trainer"])
    url = reverse("manage:round_report", kwargs=known.url_kwargs)
    page = client.get(url).content.decode()
    assert 'id="matching-heading"' not in page
    assert "lessons_learned" not in page  # no form, the text is shown
    assert "Früher werben." in page
    assert client.post(url, {"lessons_learned": "x"}).status_code == 405


def test_the_page_draws_accessible_charts_with_the_numbers_in_a_table(known, people, client):
    client.force_login(people["coordinator"])
    page = client.get(reverse("manage:round_report", kwargs=known.url_kwargs)).content.decode()
    assert page.count('role="img"') >= 5
    assert "<title id=" in page and "<desc id=" in page
    assert "<script" not in page.split('id="main"', 1)[-1].split("</main>", 1)[0]
    assert '<td class="text-end">2 h</td>' in page  # the mentees' meeting hours, in a table
    assert "Geheim-4711" not in page


def test_pdf_and_xlsx_open_and_hold_the_figures(known, people, client):
    client.force_login(people["coordinator"])
    pdf = client.get(reverse("manage:round_report_pdf", kwargs=known.url_kwargs))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Applications submitted" in text and "Früher werben." in text
    assert "Meetings held per tandem (mean)" in text and "1.5" in text
    assert "Geheim-4711" not in text
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("manage:round_report_xlsx", kwargs=known.url_kwargs)).content)
    ).active
    rows = {}
    for row in sheet.iter_rows(values_only=True):
        if row and row[0]:
            rows.setdefault(row[0], row[1:])  # the first row of each label
    assert rows["Applications submitted"][0] == 3
    assert rows["Meetings held"][0] == 3
    assert rows["Mentee"][:4] == (1, 2.0, 1.0, 2.0)


def test_comparison_shows_only_rounds_the_viewer_may_read(known, people, coordinator):
    other = RoundFactory(programme=known.programme)
    # The organisation's coordinator sees both rounds; a round's coordinator only theirs.
    org_rows = round_report(known, coordinator).comparison
    assert [row.round_name for row in org_rows] == [known.name, other.name]
    assert [row.is_this_round for row in org_rows] == [True, False]
    for person in (people["coordinator"], people["trainer"]):
        rows = round_report(known, person).comparison
        assert [row.round_name for row in rows] == [known.name]


def test_the_lessons_form_keeps_what_was_typed_when_too_long(known, people, client):
    client.force_login(people["coordinator"])
    url = reverse("manage:round_report", kwargs=known.url_kwargs)
    response = client.post(url, {"lessons_learned": "y" * 20001})
    assert response.status_code == 400
    assert "y" * 100 in response.content.decode()
    assert round_report(known, people["coordinator"]).lessons_learned == "Früher werben."
