"""Every e-mail of the platform goes through here: render, queue, send in the background."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, Template
from django.utils import timezone, translation

from .defaults import DEFAULT_TEMPLATES
from .enums import MailStatus
from .models import MailTemplate, QueuedMail


def template_for(key: str, language: str, round=None) -> tuple[str, str]:
    """Subject and body: the round's own template, else the stored default, else built-in."""
    for scope in ([round] if round else []) + [None]:
        stored = MailTemplate.objects.filter(key=key, language=language, round=scope).first()
        if stored:
            return stored.subject, stored.body
    texts = DEFAULT_TEMPLATES[key]
    return texts.get(language) or texts["de"]


def render_mail(key: str, language: str, context: dict, round=None) -> tuple[str, str]:
    subject, body = template_for(key, language, round)
    with translation.override(language):
        ctx = Context({"site_url": settings.SITE_URL, **context}, autoescape=False)
        return Template(subject).render(ctx).strip(), Template(body).render(ctx)


@transaction.atomic
def queue_mail(
    *, key: str, to: str, context: dict, recipient=None, language: str | None = None,
    round=None, review: bool = False,
) -> QueuedMail:
    """Render a template into the outbox in the recipient's language.

    With ``review=True`` the mail waits as a draft until a coordinator releases it
    (bulk sends); otherwise it is handed to the background worker after commit.
    """
    language = language or getattr(recipient, "language", None) or settings.LANGUAGE_CODE
    subject, body = render_mail(key, language, context, round)
    mail = QueuedMail.objects.create(
        round=round, template_key=key, to=to, recipient=recipient, language=language,
        subject=subject, body=body,
        status=MailStatus.DRAFT if review else MailStatus.QUEUED,
    )
    if not review:
        schedule_sending(mail)
    return mail


def schedule_sending(mail: QueuedMail) -> None:
    from .tasks import send_queued_mail

    transaction.on_commit(lambda: send_queued_mail.enqueue(mail.pk))


@transaction.atomic
def release_mails(mails) -> int:
    """A coordinator approves reviewed drafts: they are queued and sent."""
    count = 0
    for mail in mails.filter(status=MailStatus.DRAFT):
        mail.status = MailStatus.QUEUED
        mail.save(update_fields=["status"])
        schedule_sending(mail)
        count += 1
    return count


def send_now(mail_id: int) -> None:
    mail = QueuedMail.objects.filter(pk=mail_id, status=MailStatus.QUEUED).first()
    if mail is None:
        return
    try:
        EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to]).send()
    except Exception as error:  # noqa: BLE001 — any transport error is recorded, not raised
        mail.status = MailStatus.FAILED
        mail.error = str(error)[:2000]
        mail.save(update_fields=["status", "error"])
        return
    mail.status = MailStatus.SENT
    mail.sent_at = timezone.now()
    mail.save(update_fields=["status", "sent_at"])
