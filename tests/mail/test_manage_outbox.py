"""The round's outbox: coordinators see, filter and act on its e-mails; nobody else."""

import pytest
from django.core import mail

from tandem.audit.models import AuditEntry
from tandem.mail.defaults import CONFIDENTIAL_PURPOSES
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tests.conftest import DENIED_ROLES, manage_url
from tests.factories import RoundFactory

from .factories import QueuedMailFactory

pytestmark = pytest.mark.django_db

SECRET = "Frau Geheimnisvoll"


def statuses():
    return dict(QueuedMail.objects.values_list("pk", "status"))


def test_outbox_lists_the_rounds_mails_with_counts(login, round, coordinator):
    draft = QueuedMailFactory(round=round, subject="Einladung an Eva")
    QueuedMailFactory(round=round, status=MailStatus.FAILED, template_key="role_assigned")
    QueuedMailFactory(round=round, status=MailStatus.SENT, template_key="")
    foreign = QueuedMailFactory(subject="Fremde Einladung")
    page = login(coordinator).get(manage_url("mail_outbox", round)).content.decode()
    assert draft.to in page and "Einladung an Eva" in page
    assert "Invitation to mentor" in page and "Role in a round" in page
    assert foreign.to not in page and "Fremde Einladung" not in page
    assert 'Waiting for review</a>: <span class="badge text-bg-secondary">1<' in page
    assert 'Discarded</a>: <span class="badge text-bg-secondary">0<' in page
    assert manage_url("mail_outbox_mail", round, mail=draft.pk) in page


def test_outbox_filters_by_status_and_purpose(login, round, coordinator):
    draft = QueuedMailFactory(round=round)
    failed = QueuedMailFactory(round=round, status=MailStatus.FAILED)
    other_purpose = QueuedMailFactory(round=round, template_key="role_assigned")
    client = login(coordinator)
    page = client.get(manage_url("mail_outbox", round), {"status": "failed"}).content.decode()
    assert failed.to in page and draft.to not in page and other_purpose.to not in page
    page = client.get(
        manage_url("mail_outbox", round), {"status": "draft", "purpose": "role_assigned"}
    ).content.decode()
    assert other_purpose.to in page and draft.to not in page and failed.to not in page


def test_bad_filter_values_get_a_message_and_no_error_page(login, round, coordinator):
    draft = QueuedMailFactory(round=round)
    response = login(coordinator).get(
        manage_url("mail_outbox", round), {"status": "nonsense", "purpose": "x", "page": "abc"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_status_error"' in html and "Select a valid choice" in html
    assert draft.to in html


def test_outbox_shows_50_mails_a_page(login, round, coordinator):
    QueuedMail.objects.bulk_create(
        QueuedMail(
            round=round,
            template_key="mentor_invitation",
            to=f"p{n}@example.org",
            subject=f"Mail {n}",
            body="x",
            status=MailStatus.DRAFT,
        )
        for n in range(51)
    )
    client = login(coordinator)
    first = client.get(manage_url("mail_outbox", round)).content.decode()
    assert first.count('name="mails"') == 50 and "Showing 1–50 of" in first
    assert "status=draft&amp;page=2" not in first and "page=2" in first
    second = client.get(manage_url("mail_outbox", round), {"status": "draft", "page": 2})
    html = second.content.decode()
    assert html.count('name="mails"') == 1 and "status=draft&amp;page=1" in html


def test_outbox_query_count_does_not_grow_with_the_mails(
    login, round, coordinator, django_assert_max_num_queries
):
    client = login(coordinator)
    QueuedMailFactory(round=round)
    with django_assert_max_num_queries(20) as one:
        client.get(manage_url("mail_outbox", round))
    for status in (MailStatus.DRAFT, MailStatus.SENT, MailStatus.FAILED) * 10:
        QueuedMailFactory(round=round, status=status, template_key="role_assigned")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(manage_url("mail_outbox", round))
    assert response.content.decode().count('name="mails"') == 21


def test_send_selected_and_all_drafts(
    login, round, coordinator, django_capture_on_commit_callbacks
):
    first, second = QueuedMailFactory(round=round), QueuedMailFactory(round=round)
    client = login(coordinator)
    url = manage_url("mail_outbox", round) + "?status=draft"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "release", "mails": [first.pk]})
    assert response.status_code == 302 and response["Location"] == url
    assert [m.to for m in mail.outbox] == [[first.to]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "release_all"}, follow=True)
    assert "1 e-mail is being sent." in response.content.decode()
    assert statuses() == {first.pk: MailStatus.SENT, second.pk: MailStatus.SENT}
    assert AuditEntry.objects.filter(action="mail.released", actor=coordinator).count() == 2


def test_discard_selected_drafts(login, round, coordinator):
    draft, sent = (
        QueuedMailFactory(round=round),
        QueuedMailFactory(round=round, status=MailStatus.SENT),
    )
    response = login(coordinator).post(
        manage_url("mail_outbox", round),
        {"action": "discard", "mails": [draft.pk, sent.pk]},
        follow=True,
    )
    assert "1 draft was discarded." in response.content.decode()
    assert statuses() == {draft.pk: MailStatus.DISCARDED, sent.pk: MailStatus.SENT}
    assert mail.outbox == []
    # Discarded mails stay visible, so coordinators see what was not sent.
    page = login(coordinator).get(manage_url("mail_outbox", round), {"status": "discarded"})
    assert draft.to in page.content.decode()


def test_retry_failed_mails(login, round, coordinator, django_capture_on_commit_callbacks):
    failed = QueuedMailFactory(round=round, status=MailStatus.FAILED, error="timeout")
    with django_capture_on_commit_callbacks(execute=True):
        response = login(coordinator).post(
            manage_url("mail_outbox", round), {"action": "retry_all"}, follow=True
        )
    assert "1 e-mail is being sent again." in response.content.decode()
    assert statuses() == {failed.pk: MailStatus.SENT}
    assert [m.to for m in mail.outbox] == [[failed.to]]


def test_an_action_that_fits_no_selected_mail_says_so(login, round, coordinator):
    sent = QueuedMailFactory(round=round, status=MailStatus.SENT)
    response = login(coordinator).post(
        manage_url("mail_outbox", round), {"action": "retry", "mails": [sent.pk]}, follow=True
    )
    assert "No e-mail was changed" in response.content.decode()
    assert not AuditEntry.objects.filter(action__startswith="mail.").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "release"},
        {"action": "discard", "mails": []},
        {"action": "explode", "mails": ["1"]},
        {"action": "release", "mails": ["abc"]},
    ],
)
def test_bad_actions_are_400_with_a_message(login, round, coordinator, data):
    draft = QueuedMailFactory(round=round)
    response = login(coordinator).post(manage_url("mail_outbox", round), data)
    assert response.status_code == 400
    assert 'class="alert alert-danger"' in response.content.decode()
    assert statuses() == {draft.pk: MailStatus.DRAFT}


def test_mails_of_another_round_cannot_be_chosen(login, round, coordinator):
    foreign = QueuedMailFactory(round=RoundFactory(programme=round.programme))
    client = login(coordinator)
    for action in ("release", "discard"):
        response = client.post(
            manage_url("mail_outbox", round), {"action": action, "mails": [foreign.pk]}
        )
        assert response.status_code == 400
    assert statuses() == {foreign.pk: MailStatus.DRAFT}
    assert client.get(manage_url("mail_outbox_mail", round, mail=foreign.pk)).status_code == 404
    assert (
        client.post(
            manage_url("mail_outbox_mail", round, mail=foreign.pk), {"action": "discard"}
        ).status_code
        == 404
    )
    assert statuses() == {foreign.pk: MailStatus.DRAFT}


def test_detail_shows_the_full_text_and_the_error(login, round, coordinator):
    failed = QueuedMailFactory(
        round=round, status=MailStatus.FAILED, error="SMTP 550: mailbox unavailable"
    )
    response = login(coordinator).get(manage_url("mail_outbox_mail", round, mail=failed.pk))
    html = response.content.decode()
    assert SECRET in html and failed.subject in html
    assert "SMTP 550: mailbox unavailable" in html and "Try sending again" in html
    assert AuditEntry.objects.filter(
        action="mail.viewed", actor=coordinator, object_id=str(failed.pk)
    ).exists()


def test_detail_actions(login, round, coordinator, django_capture_on_commit_callbacks):
    first, second = QueuedMailFactory(round=round), QueuedMailFactory(round=round)
    client = login(coordinator)
    url = manage_url("mail_outbox_mail", round, mail=first.pk)
    assert "Discard this draft" in client.get(url).content.decode()
    response = client.post(url, {"action": "discard"}, follow=True)
    assert "1 draft was discarded." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url("mail_outbox_mail", round, mail=second.pk), {"action": "release"})
    assert statuses() == {first.pk: MailStatus.DISCARDED, second.pk: MailStatus.SENT}
    response = client.post(url, {"action": "explode"}, follow=True)
    assert "Please choose one of the buttons." in response.content.decode()


@pytest.fixture
def consultation_is_confidential():
    # As a later app would register it in its AppConfig.ready.
    CONFIDENTIAL_PURPOSES.add("consultation_booked")
    yield
    CONFIDENTIAL_PURPOSES.discard("consultation_booked")


@pytest.mark.usefixtures("consultation_is_confidential")
def test_confidential_purposes_show_only_metadata(login, round, coordinator):
    booked = QueuedMailFactory(
        round=round, template_key="consultation_booked", subject="Ihre Beratung am Montag"
    )
    client = login(coordinator)
    for url in (
        manage_url("mail_outbox", round),
        manage_url("mail_outbox_mail", round, mail=booked.pk),
    ):
        html = client.get(url).content.decode()
        assert booked.to in html
        assert "Ihre Beratung" not in html and SECRET not in html


def outbox_requests(programme_round, mail):
    detail = manage_url("mail_outbox_mail", programme_round, mail=mail.pk)
    outbox = manage_url("mail_outbox", programme_round)
    return [
        ("get", outbox, {}),
        ("get", detail, {}),
        ("post", outbox, {"action": "release_all"}),
        ("post", outbox, {"action": "discard", "mails": [mail.pk]}),
        ("post", outbox, {"action": "retry_all"}),
        ("post", detail, {"action": "release"}),
    ]


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_others_get_404_see_nothing_and_change_nothing(login, round, people, role):
    draft = QueuedMailFactory(round=round)
    failed = QueuedMailFactory(round=round, status=MailStatus.FAILED)
    client = login(people[role])
    for method, url, data in outbox_requests(round, draft):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)
        html = response.content.decode()
        assert draft.to not in html and SECRET not in html
    assert statuses() == {draft.pk: MailStatus.DRAFT, failed.pk: MailStatus.FAILED}
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action__startswith="mail.").exists()


def test_anonymous_is_sent_to_login(client, round):
    draft = QueuedMailFactory(round=round)
    for method, url, data in outbox_requests(round, draft):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert statuses() == {draft.pk: MailStatus.DRAFT}
