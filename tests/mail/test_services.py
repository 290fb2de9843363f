"""A round's own texts and the outbox actions: checked, logged, used when mails are queued."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from tandem.audit.models import AuditEntry
from tandem.mail import services
from tandem.mail.enums import MailStatus
from tandem.mail.models import MailTemplate, QueuedMail
from tandem.programmes.enums import RoleKind
from tandem.programmes.services import assign_role
from tests.factories import RoundFactory, UserFactory

from .factories import QueuedMailFactory

pytestmark = pytest.mark.django_db

TEXTS = {
    "de": ("Neu im Durchlauf {{ round }}", "Liebe*r {{ name }},\r\nwillkommen als {{ role }}!"),
    "en": ("New in {{ round }}", "Dear {{ name }},\r\nwelcome as {{ role }}!"),
}


def test_saved_texts_are_used_when_a_mail_of_that_purpose_is_queued(
    round, coordinator, django_capture_on_commit_callbacks
):
    services.save_round_texts(round=round, key="role_assigned", texts=TEXTS, by=coordinator)
    assert AuditEntry.objects.filter(action="mail_text.saved", round_id=round.pk).count() == 2
    person = UserFactory(language="de", name="Eva Brandt")
    with django_capture_on_commit_callbacks(execute=True):
        assign_role(round=round, person=person, role=RoleKind.MENTOR, by=coordinator)
    queued = QueuedMail.objects.get(round=round, template_key="role_assigned")
    assert queued.subject == f"Neu im Durchlauf {round}"
    with translation.override("de"):
        role = str(RoleKind.MENTOR.label)
    assert queued.body == f"Liebe*r Eva Brandt,\nwillkommen als {role}!\n"
    assert queued.status == MailStatus.SENT
    assert [(m.to, m.subject) for m in mail.outbox] == [([person.email], queued.subject)]


def test_another_round_keeps_the_default_text(round, coordinator):
    services.save_round_texts(round=round, key="role_assigned", texts=TEXTS, by=coordinator)
    other = RoundFactory()
    queued = services.queue_mail(
        key="role_assigned",
        to="x@example.org",
        language="en",
        round=other,
        review=True,
        context={"name": "X", "role": "mentee", "round": "R", "url": "/"},
    )
    assert queued.subject == "You are mentee in “R”"


def test_broken_texts_are_refused_per_field_and_nothing_is_saved(round, coordinator):
    services.save_round_texts(round=round, key="role_assigned", texts=TEXTS, by=coordinator)
    broken = {
        "de": ("Betreff {{ round", "Hallo {{ name }}"),
        "en": ("Subject", "Hi {% if %}{% endif %}"),
    }
    with pytest.raises(ValidationError) as caught:
        services.save_round_texts(round=round, key="role_assigned", texts=broken, by=coordinator)
    assert set(caught.value.message_dict) == {"subject_de", "body_en"}
    assert services.template_for("role_assigned", "de", round)[0] == "Neu im Durchlauf {{ round }}"
    assert AuditEntry.objects.filter(action="mail_text.saved").count() == 2


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        ("Zwei\nZeilen", "single line"),
        ("x" * 201, "at most 200"),
        ("   ", "Please write a subject"),
    ],
)
def test_bad_subjects_are_refused(round, coordinator, subject, message):
    texts = {**TEXTS, "de": (subject, "Hallo")}
    with pytest.raises(ValidationError) as caught:
        services.save_round_texts(round=round, key="role_assigned", texts=texts, by=coordinator)
    assert message in caught.value.message_dict["subject_de"][0]
    assert not MailTemplate.objects.exists()


def test_unknown_purpose_or_language_is_refused(round, coordinator):
    with pytest.raises(ValidationError):
        services.save_round_texts(round=round, key="no_such_purpose", texts=TEXTS, by=coordinator)
    with pytest.raises(ValidationError):
        services.save_round_texts(
            round=round, key="role_assigned", texts={"fr": ("Bonjour", "Salut")}, by=coordinator
        )
    assert not MailTemplate.objects.exists()


def test_a_text_equal_to_the_default_is_not_kept_as_the_rounds_own(round, coordinator):
    services.save_round_texts(round=round, key="role_assigned", texts=TEXTS, by=coordinator)
    subject, body = services.template_for("role_assigned", "en")
    texts = {**TEXTS, "en": (subject, body.replace("\n", "\r\n"))}
    services.save_round_texts(round=round, key="role_assigned", texts=texts, by=coordinator)
    assert list(MailTemplate.objects.values_list("language", flat=True)) == ["de"]
    assert AuditEntry.objects.filter(action="mail_text.reset").count() == 1


def test_reset_drops_only_this_rounds_texts_of_that_purpose(round, coordinator):
    other = RoundFactory()
    for target in (round, other):
        services.save_round_texts(round=target, key="role_assigned", texts=TEXTS, by=coordinator)
    assert services.reset_round_texts(round=round, key="role_assigned", by=coordinator) == 2
    assert not MailTemplate.objects.filter(round=round).exists()
    assert MailTemplate.objects.filter(round=other).count() == 2
    entry = AuditEntry.objects.get(action="mail_text.reset")
    assert entry.data == {"key": "role_assigned", "languages": ["de", "en"]}
    assert services.reset_round_texts(round=round, key="role_assigned", by=coordinator) == 0


def test_preview_fills_in_sample_values(round, coordinator):
    subject, body = services.preview_text(
        round=round,
        key="role_assigned",
        language="de",
        subject=TEXTS["de"][0],
        body=TEXTS["de"][1],
        by=coordinator,
    )
    assert subject == f"Neu im Durchlauf {round.name}"
    assert body.startswith("Liebe*r Eva Beispiel,")
    with pytest.raises(ValidationError):
        services.preview_text(
            round=round, key="role_assigned", language="de", subject="{% url 'x' %}", body="y"
        )


# --- outbox -------------------------------------------------------------------------------


def test_release_selected_or_all_drafts_of_the_round(
    round, coordinator, django_capture_on_commit_callbacks
):
    first, second, third = (QueuedMailFactory(round=round) for _ in range(3))
    foreign = QueuedMailFactory()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.release_round_mails(round=round, by=coordinator, mails=[first, foreign])
    assert count == 1
    assert [m.to[0] for m in mail.outbox] == [first.to]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.release_round_mails(round=round, by=coordinator) == 2
    assert sorted(m.to[0] for m in mail.outbox[1:]) == sorted([second.to, third.to])
    foreign.refresh_from_db()
    assert foreign.status == MailStatus.DRAFT
    entries = AuditEntry.objects.filter(action="mail.released", round_id=round.pk)
    assert sorted(entry.data["count"] for entry in entries) == [1, 2]


def test_discarded_drafts_stay_and_are_never_sent(
    round, coordinator, django_capture_on_commit_callbacks
):
    draft, sent = (
        QueuedMailFactory(round=round),
        QueuedMailFactory(round=round, status=MailStatus.SENT),
    )
    assert services.discard_mails(round=round, by=coordinator, mails=[draft, sent]) == 1
    draft.refresh_from_db()
    sent.refresh_from_db()
    assert draft.status == MailStatus.DISCARDED and sent.status == MailStatus.SENT
    with django_capture_on_commit_callbacks(execute=True):
        assert services.release_round_mails(round=round, by=coordinator) == 0
    services.send_now(draft.pk)
    assert mail.outbox == []
    assert AuditEntry.objects.get(action="mail.discarded").data == {"count": 1, "mails": [draft.pk]}


def test_retry_sends_failed_mails_again(round, coordinator, django_capture_on_commit_callbacks):
    failed = QueuedMailFactory(round=round, status=MailStatus.FAILED, error="Connection refused")
    QueuedMailFactory(round=round, status=MailStatus.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_mails(round=round, by=coordinator) == 1
    failed.refresh_from_db()
    assert failed.status == MailStatus.SENT and failed.error == ""
    assert [m.to[0] for m in mail.outbox] == [failed.to]
    assert AuditEntry.objects.filter(action="mail.retried").count() == 1


def test_actions_that_change_nothing_are_not_logged(round, coordinator):
    QueuedMailFactory(round=round, status=MailStatus.SENT)
    assert services.release_round_mails(round=round, by=coordinator) == 0
    assert services.retry_mails(round=round, by=coordinator) == 0
    assert not AuditEntry.objects.filter(action__startswith="mail.").exists()
