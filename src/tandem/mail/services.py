"""Every e-mail of the platform goes through here: render, queue, send in the background."""

import logging
import re
from collections.abc import Callable
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.audit.services import log_action

from .defaults import DEFAULT_TEMPLATES, DOCUMENT_PURPOSES, PLATFORM_PURPOSES
from .enums import MailStatus
from .models import MailTemplate, QueuedMail
from .previews import sample_context
from .texts import BODY_MAX_LENGTH, MailTextError, fill_in, placeholders_for, template_errors

logger = logging.getLogger(__name__)

SUBJECT_MAX_LENGTH = MailTemplate._meta.get_field("subject").max_length
SENT_SUBJECT_MAX_LENGTH = QueuedMail._meta.get_field("subject").max_length
# Line breaks and other control characters (C0, DEL, C1, Unicode line separators).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# In a body, tabs and line breaks are text; the rest (NUL above all) is not.
BODY_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# The attachment's name: calendar programs open .ics files (RFC 5545) as events.
CALENDAR_FILE_NAME = "invite.ics"


def header_safe(subject: str) -> str:
    """A subject that is one header line: control characters become spaces.

    Names and round titles flow into subjects; one with a line break would make every
    mail that names it fail (a header cannot hold one) — or add headers of its own.
    """
    line = " ".join(CONTROL_CHARACTERS.sub(" ", subject).split())
    if len(line) > SENT_SUBJECT_MAX_LENGTH:
        line = line[: SENT_SUBJECT_MAX_LENGTH - 1].rstrip() + "…"
    return line


def plain_body(body: str) -> str:
    return BODY_CONTROL_CHARACTERS.sub("", body.replace("\r\n", "\n").replace("\r", "\n"))


def template_for(key: str, language: str, round=None, programme=None) -> tuple[str, str]:
    """Subject and body: the round's own text, else its programme's, else the stored
    default, else the built-in one."""
    programme = programme or (round.programme if round is not None else None)
    scopes = [{"round": round}] if round is not None else []
    if programme is not None:
        scopes.append({"round": None, "programme": programme})
    scopes.append({"round": None, "programme": None})
    for scope in scopes:
        stored = MailTemplate.objects.filter(key=key, language=language, **scope).first()
        if stored:
            return stored.subject, stored.body
    texts = DEFAULT_TEMPLATES[key]
    return texts.get(language) or texts["de"]


def render_mail(key: str, language: str, context: dict, programme_round=None) -> tuple[str, str]:
    subject, body = template_for(key, language, programme_round)
    return render_text(subject, body, language, context)


def render_text(subject: str, body: str, language: str, context: dict) -> tuple[str, str]:
    """Fill in a subject and body as a sent mail would be (also used for previews).

    Both come back as plain text, never marked safe: a page showing them escapes them.
    Raises MailTextError (or whatever a filter raised) when the text cannot be filled in.
    """
    with translation.override(language):
        values = {"site_url": settings.SITE_URL, **context}
        return header_safe(fill_in(subject, values)), plain_body(fill_in(body, values))


@transaction.atomic
def queue_mail(
    *,
    key: str,
    to: str,
    context: dict,
    recipient=None,
    language: str | None = None,
    round=None,
    review: bool = False,
    texts_of_round=None,
    texts: dict[str, tuple[str, str]] | None = None,
    calendar: Callable[[], bytes] | None = None,
) -> QueuedMail:
    """Render a template into the outbox in the recipient's language.

    With ``review=True`` the mail waits as a draft until a coordinator releases it
    (bulk sends); otherwise it is handed to the background worker after commit.
    ``texts_of_round`` uses a round's own texts for a mail that must not appear in that
    round's outbox (``round=None``; e.g. who booked a consultation is confidential).
    ``texts`` (language -> subject, body) replaces the purpose's text for this one mail,
    e.g. a coordinator's message to a group.
    ``calendar`` builds the iCalendar file sent with the mail; it is called in the
    recipient's language, so the event's title reads as the mail does.
    """
    if key in DOCUMENT_PURPOSES:
        raise ValueError(f"{key} is printed, not mailed")
    language = language or getattr(recipient, "language", None) or settings.LANGUAGE_CODE
    if texts is not None:
        texts = texts.get(language) or texts[settings.LANGUAGE_CODE]
    else:
        texts = template_for(key, language, round or texts_of_round)
    try:
        subject, body = render_text(*texts, language, context)
    except Exception as error:  # noqa: BLE001 — a text that fails must not undo the action
        return _queue_unfilled(
            key=key,
            to=to,
            recipient=recipient,
            language=language,
            programme_round=round,
            error=error,
        )
    mail = QueuedMail.objects.create(
        round=round,
        template_key=key,
        to=to,
        recipient=recipient,
        language=language,
        subject=subject,
        body=body,
        status=MailStatus.DRAFT if review else MailStatus.QUEUED,
        calendar=_calendar_text(calendar, language, key),
    )
    if not review:
        schedule_sending(mail)
    return mail


def _calendar_text(calendar: Callable[[], bytes] | None, language: str, key: str) -> str:
    """The attachment's text; a file that cannot be built leaves the mail without one
    (its text links the page with the calendar file), never undoing the action."""
    if calendar is None:
        return ""
    try:
        with translation.override(language):
            return calendar().decode("utf-8")
    except Exception as error:  # noqa: BLE001 — the mail goes out without the attachment
        logger.warning("Calendar file for mail %r could not be built: %r", key, error)
        return ""


def _queue_unfilled(*, key, to, recipient, language, programme_round, error) -> QueuedMail:
    """Keep a mail whose text could not be filled in as failed, with the reason.

    The person's action (planning a meeting, answering a proposal …) stands; the
    coordinators find the mail in the outbox and correct the round's text. The mail has
    no subject or text, so it cannot be retried; the next mail of the purpose uses the
    corrected text.
    """
    logger.warning(
        "Mail %r for round %s could not be filled in: %r",
        key,
        getattr(programme_round, "pk", None),
        error,
    )
    with translation.override(language):
        reason = (
            str(error) if isinstance(error, MailTextError) else f"{type(error).__name__}: {error}"
        )
        note = _(
            "This e-mail was not sent: its text could not be filled in (%(reason)s). "
            "Please correct the mail text of this purpose."
        ) % {"reason": reason}
    return QueuedMail.objects.create(
        round=programme_round,
        template_key=key,
        to=to,
        recipient=recipient,
        language=language,
        subject="",
        body="",
        status=MailStatus.FAILED,
        error=note[:2000],
    )


def schedule_sending(mail: QueuedMail) -> None:
    transaction.on_commit(lambda: _hand_to_worker(mail.pk))


def _hand_to_worker(mail_id: int) -> None:
    """Give a saved mail to the task queue. If the queue does not answer (Redis down), the
    person's action stands — it is committed — and the mail is kept as failed with the
    reason, so coordinators can send it again from the outbox; no error page."""
    from .tasks import send_queued_mail

    try:
        send_queued_mail.enqueue(mail_id)
    except Exception as error:  # noqa: BLE001 — any queue failure must not become a 500
        logger.warning("Mail %s could not be handed to the task queue: %r", mail_id, error)
        QueuedMail.objects.filter(pk=mail_id, status=MailStatus.QUEUED).update(
            status=MailStatus.FAILED,
            error=_("The task queue did not answer; please send the mail again."),
        )


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
        # Mails queued before subjects were made header-safe may still hold a line break.
        message = EmailMessage(
            header_safe(mail.subject), mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to]
        )
        if mail.calendar:
            message.attach(CALENDAR_FILE_NAME, mail.calendar, "text/calendar")
        message.send()
    except Exception as error:  # noqa: BLE001 — any transport error is recorded, not raised
        mail.status = MailStatus.FAILED
        mail.error = str(error)[:2000]
        mail.save(update_fields=["status", "error"])
        return
    mail.status = MailStatus.SENT
    mail.sent_at = timezone.now()
    mail.save(update_fields=["status", "sent_at"])


# --- a round's own texts ---------------------------------------------------------------


def _normalised(subject: str, body: str) -> tuple[str, str]:
    # Browsers send CRLF from text areas; the built-in texts and sent mails use LF.
    return subject.strip(), body.replace("\r\n", "\n").strip() + "\n"


def _text_errors(round, key: str, language: str, subject: str, body: str, programme=None) -> dict:
    placeholders = placeholders_for(key)
    sample = sample_context(placeholders, language, round, programme=programme)
    errors = {}
    if CONTROL_CHARACTERS.search(subject):
        errors[f"subject_{language}"] = [_("The subject must be a single line.")]
    elif len(subject) > SUBJECT_MAX_LENGTH:
        errors[f"subject_{language}"] = [
            _("The subject can have at most %(n)s characters.") % {"n": SUBJECT_MAX_LENGTH}
        ]
    elif not subject.strip():
        errors[f"subject_{language}"] = [_("Please write a subject.")]
    elif problems := template_errors(subject, placeholders, sample):
        errors[f"subject_{language}"] = problems
    if not body.strip():
        errors[f"body_{language}"] = [_("Please write a text.")]
    elif len(body) > BODY_MAX_LENGTH:
        errors[f"body_{language}"] = [
            _("The text can have at most %(n)s characters.") % {"n": BODY_MAX_LENGTH}
        ]
    elif problems := template_errors(body, placeholders, sample):
        errors[f"body_{language}"] = problems
    return errors


def round_text_errors(round, key: str, texts: dict[str, tuple[str, str]], programme=None) -> dict:
    """Field name (``subject_<language>``, ``body_<language>``) -> what is wrong there.

    For a programme's own texts ``round`` is None and ``programme`` is given."""
    errors = {}
    for language, (subject, body) in texts.items():
        errors.update(_text_errors(round, key, language, subject, body, programme))
    return errors


def preview_text(
    *, round, key: str, language: str, subject: str, body: str, by=None, programme=None
):
    """Subject and body filled in with sample values, as the recipient would read them.

    Raises ValidationError when the text could not be sent (e.g. an older text saved
    before a check existed), so a preview never fails with an error page.
    """
    errors = _text_errors(round, key, language, subject, body, programme)
    if errors:
        raise ValidationError(errors)
    sample = sample_context(placeholders_for(key), language, round, by, programme=programme)
    return render_text(subject, body, language, sample)


def _owner(round, programme) -> tuple[dict, object]:
    """The rows of one owner (a round, or a programme for all its rounds) and what the
    audit entry is about."""
    if round is not None:
        return {"round": round}, round
    return {"round": None, "programme": programme}, programme


@transaction.atomic
def save_round_texts(
    *, round, key: str, texts: dict[str, tuple[str, str]], by, programme=None
) -> None:
    """The round's own texts of one purpose (MailTemplate overrides), per language —
    or, with ``round=None`` and ``programme``, the programme's own for all its rounds.

    ``texts`` maps a language code to (subject, body). All are checked before any is
    saved; errors name the fields ``subject_<language>`` and ``body_<language>``. A text
    equal to what applies without it (the programme's for a round, the default for a
    programme) is not kept, so the owner goes on following that (the pages say so).
    """
    if key not in DEFAULT_TEMPLATES:
        raise ValidationError(_("There is no e-mail text for this purpose."))
    if key in PLATFORM_PURPOSES:
        raise ValidationError(_("This e-mail is always sent in the platform's own words."))
    if not set(texts) <= {code for code, _name in settings.LANGUAGES}:
        raise ValidationError(_("E-mail texts can only be written in the platform's languages."))
    errors = round_text_errors(round, key, texts, programme)
    if errors:
        raise ValidationError(errors)
    scope, about = _owner(round, programme)
    fallback = round.programme if round is not None else None
    for language, (subject, body) in texts.items():
        subject, body = _normalised(subject, body)
        own = MailTemplate.objects.filter(key=key, language=language, **scope)
        if (subject, body) == _normalised(*template_for(key, language, programme=fallback)):
            if own.delete()[0]:
                log_action(
                    by,
                    "mail_text.reset",
                    about,
                    programme_round=round,
                    data={"key": key, "languages": [language]},
                )
            continue
        template, _created = MailTemplate.objects.update_or_create(
            key=key,
            language=language,
            **scope,
            defaults={"subject": subject, "body": body},
        )
        log_action(
            by,
            "mail_text.saved",
            template,
            programme_round=round,
            data={"key": key, "language": language},
        )


def save_programme_texts(*, programme, key: str, texts: dict[str, tuple[str, str]], by) -> None:
    """The programme's own texts of one purpose: every round of it uses them unless the
    round has its own."""
    save_round_texts(round=None, programme=programme, key=key, texts=texts, by=by)


@transaction.atomic
def reset_round_texts(*, round, key: str, by, programme=None) -> int:
    """Drop the round's (or, with ``round=None``, the programme's) own texts of one
    purpose; what applies without them applies again."""
    scope, about = _owner(round, programme)
    own = MailTemplate.objects.filter(key=key, **scope)
    languages = sorted(own.values_list("language", flat=True))
    count = own.delete()[0]
    if count:
        log_action(
            by,
            "mail_text.reset",
            about,
            programme_round=round,
            data={"key": key, "languages": languages},
        )
    return count


# --- the round's outbox ------------------------------------------------------------------


def _chosen(round, status: MailStatus, mails=None) -> list[int]:
    """Ids of the round's mails in ``status`` (of ``mails``, if given), locked for the change.

    The lock makes a second coordinator's click wait and then find nothing left to do,
    so no mail is released or retried twice.
    """
    found = QueuedMail.objects.filter(round=round, status=status)
    if status == MailStatus.FAILED:
        # A mail whose text could not be filled in has nothing to send (_queue_unfilled).
        found = found.exclude(body="")
    if mails is not None:
        found = found.filter(pk__in=[mail.pk for mail in mails])
    return list(found.select_for_update().values_list("pk", flat=True))


@transaction.atomic
def release_round_mails(*, round, by, mails=None) -> int:
    """Send the round's drafts: those in ``mails``, or all of them."""
    ids = _chosen(round, MailStatus.DRAFT, mails)
    count = release_mails(QueuedMail.objects.filter(pk__in=ids))
    if count:
        log_action(
            by, "mail.released", round, programme_round=round, data={"count": count, "mails": ids}
        )
    return count


@transaction.atomic
def discard_mails(*, round, by, mails) -> int:
    """Drafts that will never be sent; they stay in the outbox, marked as discarded."""
    ids = _chosen(round, MailStatus.DRAFT, mails)
    count = QueuedMail.objects.filter(pk__in=ids).update(status=MailStatus.DISCARDED)
    if count:
        log_action(
            by, "mail.discarded", round, programme_round=round, data={"count": count, "mails": ids}
        )
    return count


@transaction.atomic
def retry_mails(*, round, by, mails=None) -> int:
    """Queue failed mails again (those in ``mails``, or all of the round's)."""
    ids = _chosen(round, MailStatus.FAILED, mails)
    for mail in QueuedMail.objects.filter(pk__in=ids):
        mail.status, mail.error = MailStatus.QUEUED, ""
        mail.save(update_fields=["status", "error"])
        schedule_sending(mail)
    if ids:
        log_action(
            by, "mail.retried", round, programme_round=round, data={"count": len(ids), "mails": ids}
        )
    return len(ids)


# --- erasure (called from personal_data.py) --------------------------------------------


@transaction.atomic
def erase_recipient(
    *, person, addresses, name: str, erased_name: str, erased_address: str
) -> dict[str, int]:
    """A person's account is erased: their mails and their name in everyone else's.

    Unsent mails to the person never go out; sent ones keep only purpose, round, status
    and date. In mails to other people (a partner told of the tandem, a coordinator of an
    answer) the person's name and addresses are replaced, wherever they stand.
    """
    own = QueuedMail.objects.filter(
        Q(recipient=person) | reduce(or_, (Q(to__iexact=a) for a in addresses), Q(pk__in=[]))
    )
    discarded = own.exclude(status=MailStatus.SENT).delete()[1].get(QueuedMail._meta.label, 0)
    blanked = own.filter(status=MailStatus.SENT).update(
        to=erased_address, subject="", body="", error="", calendar=""
    )
    replacements = [(value, erased_address) for value in sorted(addresses, key=len, reverse=True)]
    if name.strip():
        replacements.insert(0, (name.strip(), erased_name))
    mentioning = reduce(
        or_,
        (Q(subject__icontains=v) | Q(body__icontains=v) for v, _r in replacements),
        Q(pk__in=_calendars_naming([v for v, _r in replacements])),
    )
    renamed = 0
    for mail in QueuedMail.objects.select_for_update().filter(mentioning):
        for field in ("subject", "body"):
            text = getattr(mail, field)
            for value, replacement in replacements:
                text = re.sub(re.escape(value), replacement, text, flags=re.IGNORECASE)
            setattr(mail, field, text)
        # A calendar file folds long lines and escapes commas, so a name in it cannot be
        # replaced reliably: the file goes; the mail's text links the page that has it.
        mail.calendar = ""
        mail.save(update_fields=["subject", "body", "calendar"])
        renamed += 1
    return {"mails_discarded": discarded, "mails_anonymised": blanked, "mails_renamed": renamed}


def _calendars_naming(values: list[str]) -> list[int]:
    """Mails whose calendar file names one of ``values`` (case-insensitive), read as
    unfolded, unescaped text (RFC 5545 §3.1, §3.3.11)."""
    wanted = [value.lower() for value in values if value]
    found = []
    with_files = QueuedMail.objects.exclude(calendar="").values_list("pk", "calendar")
    for pk, text in with_files.iterator():
        plain = re.sub(r"\r?\n[ \t]", "", text).replace("\\,", ",").replace("\\;", ";").lower()
        if any(value in plain for value in wanted):
            found.append(pk)
    return found
