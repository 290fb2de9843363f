"""Every page under /manage/, found from the URL configuration itself, for every role.

New coordinator pages are covered without anyone adding them here: a page that a
mentor, mentee, outsider or coordinator of another organisation can open — or that the
trainer can open beyond the pages DESIGN.md §2 lets trainers read — fails this test.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tandem.audit.models import AuditEntry
from tandem.mail.models import QueuedMail
from tandem.matching.models import MatchRun, PairRule, Proposal
from tandem.programmes.invitations import invite_to_role
from tests.applications.factories import ApplicationFactory
from tests.conftest import finish
from tests.recruitment.factories import CandidateFactory, MentorProfileFactory
from tests.training.samples import BOOKING_NOTE, TRAINER_NOTE, training_samples

pytestmark = pytest.mark.django_db

# What the trainer may read (GET only): mentor profiles and applications.
TRAINER_READS = {"recruitment_profiles", "application_list", "application_detail"}
# The list of one's own organisations and rounds: coordinators of any organisation and
# trainers open it (it shows only their own); creating an organisation is for staff.
OWN_LISTS = {"organisations", "records_of_processing", "records_of_processing_pdf"}
# The whole platform's audit log is the operators' (staff); coordinators read their
# organisation's (manage:organisation_audit_log).
STAFF_ONLY = {"audit_log", "audit_log_csv"}
# Results exist once a survey is closed; the walk's survey is a draft (its questions can be
# edited). tests/surveys/test_pages opens the results of a closed one per role.
NOT_MADE_HERE = {"survey_results", "survey_results_pdf", "survey_results_xlsx"}
# The training, survey and evaluation pages are the trainer's to work on as well; each is
# tested per role in its own tests and in the site's access table (tests/test_every_url.py).
TRAINER_RUNS_PREFIXES = ("training", "consultation", "evaluation", "survey", "round_report")
# Pages a coordinator never opens: one consultation, who booked and why (DESIGN.md §2).
COORDINATOR_NEVER = {
    "consultation_booking",
    "consultation_booking_cancel",
    "consultation_booking_ics",
    "consultation_slot_remove",
}


def manage_patterns(resolver=None, prefix=""):
    """(name, converter names) of every named URL in the "manage" namespace."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace or ""
            inside = prefix or ("manage" if namespace == "manage" else "")
            if inside or namespace == "manage":
                yield from manage_patterns(entry, inside or "manage")
            elif not namespace:
                yield from manage_patterns(entry, prefix)
        elif isinstance(entry, URLPattern) and prefix == "manage" and entry.name:
            yield entry.name


def sample_kwargs(round):
    candidate = CandidateFactory(round=round, name="Eva Geheim", notes="vertraulich")
    application = ApplicationFactory(round=round, expectations="Geheime Erwartungen")
    mail = QueuedMail.objects.create(
        round=round, to="eva@example.org", subject="Geheim", body="Geheimer Text"
    )
    run = MatchRun.objects.create(round=round, number=1, mode="optimal")
    pair = {
        "round": round,
        "application": application,
        "mentor_profile": MentorProfileFactory(round=round),
    }
    proposal = Proposal.objects.create(run=run, score=0.5, **pair)
    rule = PairRule.objects.create(kind="exclude", reason="Geheimer Grund", **pair)
    invitation = invite_to_role(
        round=round,
        email="eva.geheim@example.org",
        name="Eva Geheim",
        role="trainer",
        language="de",
        by=None,
    )
    kwargs = round.url_kwargs
    people = {role.role: role.person for role in round.roles.select_related("person")}
    training = training_samples(round, people) if "trainer" in people else {}
    later = _later_phase_samples(round, people)
    return {
        **later,
        "invitation": invitation.pk,
        **training,
        **kwargs,
        "topic": round.programme.topics.first().pk,
        "role": round.roles.first().pk,
        "candidate": candidate.pk,
        "pk": application.pk,
        "person": application.person_id,
        "mail": mail.pk,
        "key": "mentor_invitation",
        "run": run.pk,
        "proposal": proposal.pk,
        "rule": rule.pk,
    }


def _later_phase_samples(round, people) -> dict:
    """A survey with a question, an interview with notes and a certificate of the round."""
    import datetime as dt

    from django.utils import timezone

    from tandem.alumni.models import Certificate
    from tandem.evaluation import services as evaluation
    from tandem.surveys import services as surveys

    coordinator = round.programme.organisation.coordinators.first() or people.get("coordinator")
    survey = surveys.create_survey(round=round, template_key="midterm", by=coordinator)
    values = {"survey": survey.pk, "item": survey.items.first().pk}
    mentee = people.get("mentee")
    if mentee is not None:
        interview = evaluation.schedule_interview(
            round=round,
            by=coordinator,
            person=mentee,
            starts_at=timezone.now() + dt.timedelta(days=3),
            duration_minutes=45,
        )
        values["interview"] = interview.pk
        evaluation.save_feedback_session(
            round=round,
            by=coordinator,
            starts_at=timezone.now() + dt.timedelta(days=4),
            duration_minutes=120,
        )
        certificate = Certificate.objects.create(
            round=round,
            person=mentee,
            role="mentee",
            holder_name="Eva Geheim",
            organisation_name=round.programme.organisation.name,
            programme_name=round.programme.name,
            round_name=round.name,
            period_start=dt.date.today() - dt.timedelta(days=200),
            period_end=dt.date.today() - dt.timedelta(days=20),
            meetings_held=5,
            issued_on=dt.date.today(),
        )
        values["certificate"] = certificate.pk
    return values


def urls_for(round):
    values = sample_kwargs(round)
    names = sorted(set(manage_patterns()))
    assert len(names) >= 30  # the walk found the coordinator pages
    result = []
    for name in names:
        for keys in _kwarg_sets(name):
            missing = [key for key in keys if key not in values]
            assert not missing, f"add a sample value for {missing} (URL manage:{name})"
            result.append((name, reverse(f"manage:{name}", kwargs={k: values[k] for k in keys})))
    return result


def _kwarg_sets(name):
    resolver = get_resolver().namespace_dict["manage"][1]
    for possibility, _pattern, _defaults, _converters in resolver.reverse_dict.getlist(name):
        for _text, params in possibility:
            yield params


SECRETS = [
    "Eva Geheim",
    "vertraulich",
    "Geheime Erwartungen",
    "Geheimer Text",
    "Geheimer Grund",
    BOOKING_NOTE,
    TRAINER_NOTE,
]


@pytest.mark.parametrize("who", ["mentor", "mentee", "trainer", "outsider", "foreign_coordinator"])
def test_nobody_outside_the_round_staff_opens_or_changes_a_manage_page(client, round, people, who):
    urls = urls_for(round)
    client.force_login(people[who])
    entries = AuditEntry.objects.count()
    for name, url in urls:
        for method in ("get", "post"):
            own_list = (
                name in OWN_LISTS and method == "get" and who in ("trainer", "foreign_coordinator")
            )
            if own_list or (who == "trainer" and method == "get" and name in TRAINER_READS):
                continue
            if who == "trainer" and name.startswith(TRAINER_RUNS_PREFIXES):
                continue
            response = getattr(client, method)(url)
            # 405: a page the trainer may read does not take this method (says nothing new).
            allowed = (404, 405) if who == "trainer" or name in OWN_LISTS else (404,)
            assert response.status_code in allowed, (who, method, url, response.status_code)
            page = response.content.decode(errors="replace")
            assert not [secret for secret in SECRETS if secret in page], (who, url)
    assert AuditEntry.objects.count() == entries  # nothing happened


def test_anonymous_is_sent_to_login_everywhere(client, round, people):
    for _name, url in urls_for(round):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("account_login")), url


def test_coordinator_opens_every_page(client, round, people, coordinator):
    client.force_login(coordinator)
    for name, url in urls_for(round):
        response = client.get(url)
        # Pages that only take a POST answer 404 or 405 to a GET; the others work.
        assert response.status_code in (200, 302, 404, 405), (url, response.status_code)
        if response.status_code == 404:
            assert name in POST_ONLY | COORDINATOR_NEVER | STAFF_ONLY | NOT_MADE_HERE, (
                f"manage:{name} answered 404 to its coordinator"
            )
        elif response.status_code != 405:
            assert name not in COORDINATOR_NEVER, f"manage:{name} opened for a coordinator"
            if not getattr(response, "streaming", False):
                assert BOOKING_NOTE not in response.content.decode(errors="replace"), url
        finish(response)  # a file download keeps its file open until read


POST_ONLY = {
    "round_phase",
    "topic_remove",
    "round_role_remove",
    "round_invitation_withdraw",
    "application_bulk",
    "recruitment_invite",
    "recruitment_candidate_status",
    "mail_text_reset",
    "training_invite",
    "training_attendance",
    "training_material_remove",
}
