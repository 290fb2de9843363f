import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.applications import services
from tandem.applications.enums import ACTIVE_STATES, TRANSITIONS, ApplicationState, may_move
from tandem.applications.models import PRIVACY_NOTICE_VERSION, Application
from tandem.audit.models import AuditEntry
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import RoundRole
from tests.factories import RoundRoleFactory, UserFactory

from .conftest import travel_to
from .factories import ApplicationFactory

S = ApplicationState
pytestmark = pytest.mark.django_db


def data(round, **overrides):
    values = {
        "expectations": "Ich möchte ein Publikationsmonitoring aufbauen.",
        "languages": ["de"],
        "supervisor_informed": True,
        "topics": [round.programme.topics.get(key="publication_monitoring")],
        "consent": True,
    }
    values.update(overrides)
    return services.ApplicationData(**values)


def test_every_state_has_a_row_in_the_transition_table():
    assert set(TRANSITIONS) == set(S.values)
    assert all(target in S.values for targets in TRANSITIONS.values() for target in targets)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(source=st.sampled_from(list(S)), target=st.sampled_from(list(S)))
def test_change_state_follows_the_table(source, target, round, coordinator):
    """Property: a coordinator's change succeeds exactly when the table allows it."""
    application = ApplicationFactory(round=round, state=source)
    try:
        allowed = may_move(source, target) and target != S.DRAFT
        if allowed:
            services.change_state(application=application, to_state=target, by=coordinator)
            application.refresh_from_db()
            assert application.state == target
        else:
            with pytest.raises(ValidationError):
                services.change_state(application=application, to_state=target, by=coordinator)
            application.refresh_from_db()
            assert application.state == source
    finally:
        application.person.delete()


def test_illegal_transition_has_a_clear_message(round, coordinator):
    application = ApplicationFactory(round=round, state=S.WITHDRAWN)
    with pytest.raises(ValidationError) as error:
        services.change_state(application=application, to_state=S.ADMITTED, by=coordinator)
    assert "Withdrawn" in error.value.messages[0]
    assert "Admitted" in error.value.messages[0]


def test_state_change_is_logged_and_role_follows(round, coordinator):
    application = ApplicationFactory(round=round, state=S.SUBMITTED)
    services.sync_mentee_role(application, coordinator)
    assert RoundRole.objects.filter(person=application.person, role=RoleKind.MENTEE).exists()
    services.change_state(application=application, to_state=S.DECLINED, by=coordinator)
    entry = AuditEntry.objects.filter(action="application.declined").get()
    assert entry.data == {"from": "submitted", "to": "declined"}
    assert entry.actor == coordinator
    assert not RoundRole.objects.filter(person=application.person, role=RoleKind.MENTEE).exists()
    services.change_state(application=application, to_state=S.WAITLISTED, by=coordinator)
    assert RoundRole.objects.filter(person=application.person, role=RoleKind.MENTEE).exists()


def test_bulk_change_reports_illegal_rows_and_applies_the_rest(round, coordinator):
    good = ApplicationFactory(round=round, state=S.SUBMITTED)
    other = ApplicationFactory(round=round, state=S.SHORTLISTED)
    bad = ApplicationFactory(round=round, state=S.WITHDRAWN)
    changed, errors = services.bulk_change_state(
        applications=[good, bad, other], to_state=S.ADMITTED, by=coordinator
    )
    assert changed == [good, other]
    assert [application for application, _message in errors] == [bad]
    bad.refresh_from_db()
    assert bad.state == S.WITHDRAWN


def test_submit_needs_the_window(round, window):
    person = UserFactory()
    with travel_to(window.starts_on - dt.timedelta(days=1)), pytest.raises(ValidationError):
        services.save_application(round=round, person=person, data=data(round))
    with travel_to(window.ends_on):  # the last day still counts
        application = services.save_application(round=round, person=person, data=data(round))
    with travel_to(window.ends_on + dt.timedelta(days=1)), pytest.raises(ValidationError):
        services.submit_application(application=application, by=person)
    assert Application.objects.get().state == S.DRAFT


def test_submit_records_consent_sends_mail_and_gives_the_role(
    round, in_window, django_capture_on_commit_callbacks
):
    person = UserFactory(language="en")
    application = services.save_application(round=round, person=person, data=data(round))
    assert application.privacy_notice_version == PRIVACY_NOTICE_VERSION
    assert application.consent_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application=application, by=person)
    assert application.state == S.SUBMITTED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    assert "received your application" in mail.outbox[0].subject
    assert RoundRole.objects.filter(round=round, person=person, role=RoleKind.MENTEE).exists()
    services.withdraw_application(application=application, by=person)
    assert not RoundRole.objects.filter(round=round, person=person).exists()


def test_incomplete_application_cannot_be_submitted(round, in_window):
    person = UserFactory()
    application = services.save_application(
        round=round, person=person, data=data(round, expectations="", topics=[], consent=False)
    )
    with pytest.raises(ValidationError) as error:
        services.submit_application(application=application, by=person)
    assert {"expectations", "topic_1", "consent"} <= set(error.value.message_dict)


def test_mentor_cannot_apply(round, in_window):
    mentor = RoundRoleFactory(round=round, role=RoleKind.MENTOR).person
    with pytest.raises(ValidationError):
        services.save_application(round=round, person=mentor, data=data(round))


def test_active_states_hold_the_mentee_role():
    assert S.DRAFT not in ACTIVE_STATES and S.WITHDRAWN not in ACTIVE_STATES


def test_one_service_call_saves_and_submits_or_saves_nothing(round, in_window):
    person = UserFactory()
    with pytest.raises(ValidationError) as refused:
        services.save_application(
            round=round,
            person=person,
            submit=True,
            data=data(round, expectations="", consent=False),
        )
    # The service's own messages, keyed by the form's fields; nothing was kept.
    assert set(refused.value.message_dict) >= {"expectations", "consent"}
    assert not Application.objects.filter(person=person).exists()
    application = services.save_application(
        round=round, person=person, data=data(round), submit=True
    )
    assert application.state == S.SUBMITTED and application.submitted_at
    # A submitted application stays complete.
    with pytest.raises(ValidationError) as refused:
        services.save_application(round=round, person=person, data=data(round, languages=[]))
    assert "languages" in refused.value.message_dict


def test_one_rule_says_whether_an_application_may_be_changed(round, in_window):
    person, mentor = UserFactory(), UserFactory()
    RoundRoleFactory(round=round, person=mentor, role=RoleKind.MENTOR)
    assert services.may_edit_application(round=round, person=person, application=None)
    assert not services.may_edit_application(round=round, person=mentor, application=None)
    decided = ApplicationFactory(round=round, person=person, state=S.ADMITTED)
    assert not services.may_edit_application(round=round, person=person, application=decided)
