"""Surveys for mentors and mentees: answer, change one's answer while open, see results.

A survey is reached only through one's own invitation; anyone else gets 404. The page
says k before anything is answered. One's earlier answer is found through the answer key
(tandem.surveys.answers), never through a stored link to the person.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.core.forms import parse_id
from tandem.portal.tandems.access import round_or_404
from tandem.surveys import catalogue, selectors, services
from tandem.surveys.answers import own_response
from tandem.surveys.enums import ItemKind
from tandem.surveys.results import survey_results


def _round_of(request, org, programme, round):
    found = round_or_404(org, programme, round)
    if not request.user.has_perm("surveys.answer_surveys", found):
        raise Http404
    return found


@login_required
def overview(request, org, programme, round):
    round = _round_of(request, org, programme, round)
    return render(
        request,
        "portal/surveys/overview.html",
        {"round": round, "invitations": selectors.invitations_for_user(round, request.user)},
    )


def _questions(survey, language, values: dict, errors: dict) -> list[dict]:
    questions = []
    for item in survey.items.all():
        name = f"item-{item.pk}"
        value = values.get(str(item.pk))
        if item.kind == ItemKind.LIKERT:
            options = catalogue.likert_choices(language)
        else:
            german = language.startswith("de")
            options = [(c["key"], c["de"] if german else c["en"]) for c in item.choices]
        chosen = (
            {str(v) for v in value} if isinstance(value, list) else {str(value)} if value else set()
        )
        questions.append(
            {
                "name": name,
                "kind": item.kind,
                "text": item.text(language),
                "options": [(key, label, key in chosen) for key, label in options],
                "value": value if item.kind == ItemKind.TEXT else "",
                "error": errors.get(name, ""),
            }
        )
    return questions


def _posted_values(survey, post) -> dict:
    values = {}
    for item in survey.items.all():
        got = [v for v in post.getlist(f"item-{item.pk}") if v != ""]
        if got:
            values[str(item.pk)] = got if item.kind == ItemKind.MULTIPLE else got[0]
    return values


@login_required
def survey(request, org, programme, round, survey):
    round = _round_of(request, org, programme, round)
    invitation = (
        selectors.invitation_for_user(round, request.user, survey) if parse_id(survey) else None
    )
    if invitation is None:
        raise Http404
    found = invitation.survey
    language = get_language() or "de"
    # After the closing date answers are refused even before the daily run closes it.
    accepting = found.is_open and not services.past_closing_date(found)
    errors, status, values = {}, 200, {}
    if request.method == "POST":
        try:
            replaced = services.submit_answers(survey=found, person=request.user, raw=request.POST)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            values, status = _posted_values(found, request.POST), 400
        else:
            messages.success(
                request,
                _("Your changed answers are saved.")
                if replaced
                else _("Thank you, your answers are saved."),
            )
            return redirect("portal:survey", survey=found.pk, **round.url_kwargs)
    elif accepting:
        response = own_response(found, request.user)
        values = response.answers if response is not None else {}
    return render(
        request,
        "portal/surveys/survey.html",
        {
            "round": round,
            "survey": found,
            "invitation": invitation,
            "accepting": accepting,
            "questions": _questions(found, language, values, errors) if accepting else [],
            "general_errors": errors.get("", []) or errors.get("__all__", []),
            "results": survey_results(found) if found.is_closed else None,
            "TEXT": ItemKind.TEXT,
            "MULTIPLE": ItemKind.MULTIPLE,
        },
        status=status,
    )
