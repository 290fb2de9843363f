"""State changes of surveys: create from a template, edit, open, remind, close, answer.

Each function checks, saves, writes the audit log and queues its e-mails in one
transaction. How answers are kept apart from the people who gave them: answers.py.
What happens by itself (closing on the date, reminders before it): schedule.py.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail
from tandem.programmes.enums import RoleKind

from . import answers as answer_store
from . import catalogue
from .enums import ItemKind, RespondentGroup, SurveyState
from .limits import K_MIN, TEXT_MAX_LENGTH
from .models import Survey, SurveyInvitation, SurveyItem, SurveyResponse

TITLE_MAX_LENGTH = 200
INTRO_MAX_LENGTH = 2000
QUESTION_MAX_LENGTH = 500
K_MAX = 50
#: reminders: at most this many dates, each at most this many days before closing
REMINDERS_MAX = 5
REMINDER_DAYS_MAX = 60


def require_survey_staff(programme_round, person) -> None:
    if not person.has_perm("surveys.manage_surveys", programme_round):
        raise PermissionDenied


def _raise_if(errors: dict) -> None:
    errors = {field: message for field, message in errors.items() if message}
    if errors:
        raise ValidationError(errors)


def _locked(survey) -> Survey:
    return Survey.objects.select_for_update().select_related("round").get(pk=survey.pk)


def _require_draft(survey) -> None:
    if survey.state != SurveyState.DRAFT:
        raise ValidationError(
            _("The survey is open or closed: its questions can no longer change.")
        )


@transaction.atomic
def create_survey(*, round, template_key: str, by) -> Survey:
    """A draft survey with the template's title, introduction and items (in both languages)."""
    require_survey_staff(round, by)
    template = catalogue.template(template_key)
    if template is None:
        raise ValidationError({"template": _("Please choose a template.")})
    survey = Survey.objects.create(
        round=round,
        kind=template["key"],
        title_de=template["title"]["de"],
        title_en=template["title"]["en"],
        intro_de=template["intro"]["de"],
        intro_en=template["intro"]["en"],
        created_by=by,
    )
    SurveyItem.objects.bulk_create(
        SurveyItem(
            survey=survey,
            position=position,
            key=item["key"],
            kind=item["kind"],
            text_de=item["de"],
            text_en=item["en"],
            source=item.get("source", ""),
            choices=item.get("choices", []),
        )
        for position, item in enumerate(template["items"], start=1)
    )
    log_action(
        by, "surveys.created", survey, programme_round=round, data={"template": template_key}
    )
    return survey


def _length_error(value: str, limit: int, empty_message: str = "") -> str:
    if not value and empty_message:
        return empty_message
    if len(value) > limit:
        return _("Please keep this under %(n)s characters.") % {"n": limit}
    return ""


def closing_date_error(closes_on: dt.date | None, *, today: dt.date | None = None) -> str:
    """A closing date must be today or later (answers are taken until the end of it)."""
    today = today or timezone.localdate()
    if closes_on is not None and closes_on < today:
        return _("The closing date lies in the past. Please choose today or a later day.")
    return ""


def parse_reminder_days(text: str) -> list[int]:
    """ "7, 2" into [7, 2] (largest first); raises ValidationError keyed reminder_days."""
    parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if not all(part.isdigit() for part in parts):
        raise ValidationError(
            {
                "reminder_days": _(
                    "Please give whole numbers of days, separated by commas, e.g. 7, 2."
                )
            }
        )
    days = sorted({int(part) for part in parts}, reverse=True)
    _raise_if({"reminder_days": _reminder_days_error(days)})
    return days


def _reminder_days_error(days) -> str:
    if not isinstance(days, list) or not all(isinstance(day, int) for day in days):
        return _("Please give whole numbers of days, separated by commas, e.g. 7, 2.")
    if len(days) > REMINDERS_MAX:
        return _("Please give at most %(n)s reminder dates.") % {"n": REMINDERS_MAX}
    if any(not 1 <= day <= REMINDER_DAYS_MAX for day in days):
        return _("Each reminder must lie between 1 and %(n)s days before the closing date.") % {
            "n": REMINDER_DAYS_MAX
        }
    return ""


@transaction.atomic
def update_survey(
    *,
    survey: Survey,
    by,
    title_de: str,
    title_en: str,
    intro_de: str,
    intro_en: str,
    k: int,
    closes_on: dt.date | None = None,
    reminder_days: list[int] | None = None,
) -> Survey:
    """Title and introduction change while a draft; k until the first answer (then
    frozen); the closing date and the reminders until the survey is closed."""
    survey = _locked(survey)
    require_survey_staff(survey.round, by)
    title_de, title_en = title_de.strip(), title_en.strip()
    intro_de, intro_en = intro_de.strip(), intro_en.strip()
    reminder_days = survey.reminder_days if reminder_days is None else reminder_days
    no_title = _("Please give the survey a title, in German or English or both.")
    errors = {
        "title_de": _length_error(title_de, TITLE_MAX_LENGTH),
        "title_en": _length_error(title_en, TITLE_MAX_LENGTH),
        "intro_de": _length_error(intro_de, INTRO_MAX_LENGTH),
        "intro_en": _length_error(intro_en, INTRO_MAX_LENGTH),
        "k": (
            _("k must be between %(low)s and %(high)s.") % {"low": K_MIN, "high": K_MAX}
            if not isinstance(k, int) or not K_MIN <= k <= K_MAX
            else ""
        ),
        # an unchanged date stays valid: the daily run closes it, not this form
        "closes_on": closing_date_error(closes_on) if closes_on != survey.closes_on else "",
        "reminder_days": _reminder_days_error(reminder_days),
    }
    if not title_de and not title_en:
        errors["title_de"] = errors["title_de"] or no_title
    if survey.state == SurveyState.CLOSED:
        raise ValidationError(_("The survey is closed and can no longer change."))
    wording = (title_de, title_en, intro_de, intro_en)
    if survey.state != SurveyState.DRAFT and wording != (
        survey.title_de,
        survey.title_en,
        survey.intro_de,
        survey.intro_en,
    ):
        errors["title_de"] = errors["title_de"] or _(
            "The survey is open: title and introduction can no longer change."
        )
    if k != survey.k and survey.responses.exists():
        errors["k"] = _("k is fixed since the first answer came in.")
    _raise_if(errors)
    survey.title_de, survey.title_en = title_de, title_en
    survey.intro_de, survey.intro_en = intro_de, intro_en
    survey.k, survey.closes_on = k, closes_on
    survey.reminder_days = sorted(set(reminder_days), reverse=True)
    survey.save(
        update_fields=[
            "title_de",
            "title_en",
            "intro_de",
            "intro_en",
            "k",
            "closes_on",
            "reminder_days",
        ]
    )
    log_action(
        by,
        "surveys.changed",
        survey,
        programme_round=survey.round,
        data={
            "k": k,
            "closes_on": closes_on.isoformat() if closes_on else None,
            "reminder_days": survey.reminder_days,
        },
    )
    return survey


def parse_choice_lines(text: str) -> list[dict]:
    """Lines "German | English" into choices with keys c1, c2, …"""
    choices = []
    for number, line in enumerate((line for line in text.splitlines() if line.strip()), 1):
        german, _bar, english = line.partition("|")
        german, english = german.strip(), english.strip() or german.strip()
        choices.append({"key": f"c{number}", "de": german[:200], "en": english[:200]})
    return choices


def _item_errors(kind, text_de, text_en, source, choices) -> dict:
    errors = {
        "kind": "" if kind in ItemKind.values else _("Please choose the kind of question."),
        "text_de": _length_error(
            text_de, QUESTION_MAX_LENGTH, _("Please word the question in German.")
        ),
        "text_en": _length_error(
            text_en, QUESTION_MAX_LENGTH, _("Please word the question in English.")
        ),
        "source": _length_error(source, QUESTION_MAX_LENGTH),
        "choices": "",
    }
    if kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        if len(choices) < 2:
            errors["choices"] = _("Please give at least two answers to choose from, one a line.")
        elif any(not choice["de"] for choice in choices):
            errors["choices"] = _("Every answer needs a German wording before the bar.")
    return errors


@transaction.atomic
def update_item(
    *, item: SurveyItem, by, text_de: str, text_en: str, source: str, choices_text: str = ""
) -> SurveyItem:
    survey = _locked(item.survey)
    require_survey_staff(survey.round, by)
    _require_draft(survey)
    text_de, text_en, source = text_de.strip(), text_en.strip(), source.strip()
    choices = (
        parse_choice_lines(choices_text)
        if item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE)
        else []
    )
    _raise_if(_item_errors(item.kind, text_de, text_en, source, choices))
    item.text_de, item.text_en, item.source, item.choices = text_de, text_en, source, choices
    item.save(update_fields=["text_de", "text_en", "source", "choices"])
    log_action(by, "surveys.item_changed", item, programme_round=survey.round)
    return item


@transaction.atomic
def add_item(
    *,
    survey: Survey,
    by,
    kind: str,
    text_de: str,
    text_en: str,
    source: str = "",
    choices_text: str = "",
) -> SurveyItem:
    survey = _locked(survey)
    require_survey_staff(survey.round, by)
    _require_draft(survey)
    text_de, text_en, source = text_de.strip(), text_en.strip(), source.strip()
    choices = (
        parse_choice_lines(choices_text) if kind in (ItemKind.SINGLE, ItemKind.MULTIPLE) else []
    )
    _raise_if(_item_errors(kind, text_de, text_en, source, choices))
    last = survey.items.order_by("-position").first()
    number = survey.items.count() + 1
    key = f"own-{number}"
    while survey.items.filter(key=key).exists():
        number += 1
        key = f"own-{number}"
    item = SurveyItem.objects.create(
        survey=survey,
        position=(last.position + 1) if last else 1,
        key=key,
        kind=kind,
        text_de=text_de,
        text_en=text_en,
        source=source,
        choices=choices,
    )
    log_action(by, "surveys.item_added", item, programme_round=survey.round)
    return item


@transaction.atomic
def remove_item(*, item: SurveyItem, by) -> None:
    survey = _locked(item.survey)
    require_survey_staff(survey.round, by)
    _require_draft(survey)
    log_action(by, "surveys.item_removed", item, programme_round=survey.round)
    item.delete()


def _group_of(round, person) -> str:
    roles = set(round.roles.filter(person=person).values_list("role", flat=True))
    return RespondentGroup.MENTOR if RoleKind.MENTOR in roles else RespondentGroup.MENTEE


def _askable(survey):
    from tandem.people.models import User

    return (
        User.objects.filter(
            round_roles__round=survey.round,
            round_roles__role__in=[RoleKind.MENTOR, RoleKind.MENTEE],
            is_active=True,
        )
        .exclude(survey_invitations__survey=survey)
        .distinct()
        .order_by("pk")
    )


def _invite_new(survey) -> int:
    people = list(_askable(survey))
    for person in people:
        SurveyInvitation.objects.create(
            survey=survey, person=person, group=_group_of(survey.round, person)
        )
        _mail("survey_invitation", survey, person)
    return len(people)


@transaction.atomic
def open_survey(*, survey: Survey, by, closes_on: dt.date | None = None) -> int:
    """Open the survey and invite the round's mentors and mentees; returns how many.

    ``closes_on`` (answers until the end of that day) may be given here or later on the
    survey's form; without one the survey stays open until a coordinator closes it.
    """
    survey = _locked(survey)
    require_survey_staff(survey.round, by)
    if survey.state != SurveyState.DRAFT:
        raise ValidationError(_("Only a draft survey can be opened."))
    if not survey.items.exists():
        raise ValidationError(_("The survey has no questions yet."))
    closes_on = closes_on or survey.closes_on
    _raise_if({"closes_on": closing_date_error(closes_on)})
    survey.state = SurveyState.OPEN
    survey.opened_at = timezone.now()
    survey.closes_on = closes_on
    survey.save(update_fields=["state", "opened_at", "closes_on"])
    count = _invite_new(survey)
    log_action(by, "surveys.opened", survey, programme_round=survey.round, data={"invited": count})
    return count


@transaction.atomic
def send_reminders(*, survey: Survey, by) -> int:
    """Invite anyone new to the round and remind everyone asked; returns how many reminded.

    Everyone asked gets the reminder, answered or not: a reminder only to those who have
    not answered would show in the round's outbox, to the coordinators, who has answered
    (the complement). The text thanks those who did and says they may still change it.
    """
    survey = _locked(survey)
    require_survey_staff(survey.round, by)
    if survey.state != SurveyState.OPEN:
        raise ValidationError(_("Reminders go out only while the survey is open."))
    invited = _invite_new(survey)
    asked = list(survey.invitations.filter(person__is_active=True).select_related("person"))
    now = timezone.now()
    for invitation in asked:
        _mail("survey_reminder", survey, invitation.person)
        invitation.reminded_at = now
    SurveyInvitation.objects.bulk_update(asked, ["reminded_at"])
    log_action(
        by,
        "surveys.reminded",
        survey,
        programme_round=survey.round,
        data={"reminded": len(asked), "invited": invited},
    )
    return len(asked)


@transaction.atomic
def close_survey(*, survey: Survey, by) -> Survey:
    """A coordinator closes the survey now (see publish_at_close for what that means)."""
    survey = _locked(survey)
    require_survey_staff(survey.round, by)
    if survey.state != SurveyState.OPEN:
        raise ValidationError(_("Only an open survey can be closed."))
    return publish_at_close(survey=survey, by=by)


def publish_at_close(*, survey: Survey, by=None) -> Survey:
    """The one place of what closing means, by hand or on the closing date (``by=None``):
    answers are final, results are published, edit keys are erased. Call it with the
    survey locked and open (close_survey, schedule.close_due)."""
    survey.state = SurveyState.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["state", "closed_at"])
    SurveyResponse.objects.filter(survey=survey).update(edit_key=None)
    answer_store.reshuffle(survey)
    log_action(
        by,
        "surveys.closed",
        survey,
        programme_round=survey.round,
        data={} if by is not None else {"on_closing_date": survey.closes_on.isoformat()},
    )
    return survey


def past_closing_date(survey: Survey, today: dt.date | None = None) -> bool:
    """Whether the day of the last answers has passed (the daily run may not have closed
    the survey yet: answers are refused all the same)."""
    return survey.closes_on is not None and survey.closes_on < (today or timezone.localdate())


def clean_answers(survey: Survey, raw) -> dict:
    """The answers of a posted form (a QueryDict or dict of lists) as stored values.

    Every question may be left out; a value that is not one of the question's choices is
    refused with a message on that question. Raises ValidationError keyed by item pk.
    """
    cleaned, errors = {}, {}
    for item in survey.items.all():
        name = f"item-{item.pk}"
        values = [value for value in _values(raw, name) if value != ""]
        keys = {choice["key"] for choice in item.choices}
        if item.kind == ItemKind.LIKERT:
            if values:
                if values[0] in {"1", "2", "3", "4", "5"} and len(values) == 1:
                    cleaned[str(item.pk)] = int(values[0])
                else:
                    errors[name] = _("Please choose one value from 1 to 5.")
        elif item.kind == ItemKind.SINGLE:
            if values:
                if len(values) == 1 and values[0] in keys:
                    cleaned[str(item.pk)] = values[0]
                else:
                    errors[name] = _("Please choose one of the answers.")
        elif item.kind == ItemKind.MULTIPLE:
            if values:
                if set(values) <= keys:
                    cleaned[str(item.pk)] = sorted(set(values))
                else:
                    errors[name] = _("Please choose among the answers given.")
        else:
            text = (values[0] if values else "").strip()
            if len(text) > TEXT_MAX_LENGTH:
                errors[name] = _("Please keep your answer under %(n)s characters.") % {
                    "n": TEXT_MAX_LENGTH
                }
            elif text:
                cleaned[str(item.pk)] = text
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(_("Please answer at least one question."))
    return cleaned


def _values(raw, name) -> list[str]:
    if hasattr(raw, "getlist"):
        return raw.getlist(name)
    value = raw.get(name, [])
    return list(value) if isinstance(value, list | tuple) else [value]


@transaction.atomic
def submit_answers(*, survey: Survey, person, raw) -> bool:
    """Store (or replace) the person's answer; True when it replaced an earlier one.

    See answers.py: the response carries no trace of the person; the invitation only
    says that they answered; all responses of the survey are rewritten in random order.
    """
    survey = _locked(survey)
    if survey.state != SurveyState.OPEN or past_closing_date(survey):
        raise ValidationError(_("This survey is not open, so answers can no longer change."))
    invitation = (
        SurveyInvitation.objects.select_for_update().filter(survey=survey, person=person).first()
    )
    if invitation is None:
        raise PermissionDenied
    cleaned = clean_answers(survey, raw)
    key = answer_store.edit_key(survey, person)
    response = SurveyResponse.objects.filter(survey=survey, edit_key=key).first()
    replaced = response is not None
    if response is None:
        SurveyResponse.objects.create(
            survey=survey, group=invitation.group, answers=cleaned, edit_key=key
        )
    else:
        response.answers = cleaned
        response.save(update_fields=["answers"])
    if not invitation.answered:
        invitation.answered = True
        invitation.save(update_fields=["answered"])
    answer_store.reshuffle(survey)
    log_action(person, "surveys.answered", survey, programme_round=survey.round)
    return replaced


def survey_url(survey) -> str:
    return reverse("portal:survey", kwargs={**survey.round.url_kwargs, "survey": survey.pk})


def mail_context(survey: Survey, person) -> dict:
    """What the survey's mails fill in, in the person's language."""
    programme_round = survey.round
    with translation.override(person.language or "de"):
        answer_by = formats.date_format(survey.closes_on, "DATE_FORMAT") if survey.closes_on else ""
    return {
        "name": person.get_full_name(),
        "title": survey.title_in(person.language),
        "round": programme_round.name,
        "k": survey.k,
        "answer_by": answer_by,
        "url": survey_url(survey),
        "organisation": programme_round.programme.organisation.name,
    }


def _mail(key: str, survey: Survey, person) -> None:
    queue_mail(
        key=key,
        to=person.email,
        recipient=person,
        round=survey.round,
        context=mail_context(survey, person),
    )


# --- erasure and retention (called from personal_data.py) -----------------------------


@transaction.atomic
def erase_respondent(*, person) -> None:
    """The person's invitations go, and their own answers to surveys still open."""
    for invitation in SurveyInvitation.objects.filter(person=person).select_related("survey"):
        response = answer_store.own_response(invitation.survey, person)
        if response is not None:
            response.delete()
    SurveyInvitation.objects.filter(person=person).delete()


@transaction.atomic
def delete_invitations(*, rounds) -> int:
    """Who was asked in ``rounds`` (past retention) goes; returns how many invitations."""
    invitations = SurveyInvitation.objects.filter(survey__round__in=rounds)
    count = invitations.count()
    invitations.delete()
    return count
