"""Storing answers so that nobody can tie them to a person through the database.

The design, and why each part is there:

* **Two tables, no link.** ``SurveyInvitation`` records who was asked and *whether* they
  answered (a boolean). ``SurveyResponse`` records *what* was answered and the group it
  counts in (mentor or mentee), under a random UUID — no person, no foreign key to the
  invitation, no timestamp at all (a creation time could be joined with the audit log or
  the invitation's row).

* **Editing one's own answer** needs to find the response again without storing who gave
  it. The response keeps ``edit_key = HMAC(SECRET_KEY, "surveys.answer" | survey.uid |
  person.pk)`` (Django's ``salted_hmac``, SHA-256). Anyone holding the database alone
  cannot compute it for a person, because the secret is not in the database; the server
  recomputes it from the signed-in person to load and replace their answer. One answer
  per person follows: the key is unique, and the invitation's ``answered`` flag is set in
  the same transaction.

* **When the survey closes the edit keys are erased.** Editing ends then anyway; from
  then on not even someone holding both the database and the secret can link an answer
  to a person.

* **Row order and transaction ids.** Rows sit in the order they were written, and
  PostgreSQL stamps each row with its transaction; both would pair the n-th answer with
  the n-th "answered" flag. So every write of an answer rewrites *all* responses of the
  survey in a random order, in the same transaction: afterwards every response carries
  the same transaction and a shuffled position.

* **Elsewhere**: the audit log records that a person answered (the survey, never the
  response); no mail is sent on answering; the results show aggregates only
  (tandem.surveys.results).

Limits, stated honestly: the response's group is stored (split results need it), so in a
group where a single person answered, the database tells that group's answer from the
others'. The results never show such a group (the k-rule), and the test of this design
(tests/surveys/test_unlinkable.py) swaps two answers within one group and finds the
database the same. A changed ``SECRET_KEY`` makes open answers uneditable (they count
still); rotate it between surveys.
"""

import random

from django.utils.crypto import salted_hmac

from .enums import ItemKind
from .models import SurveyResponse

KEY_SALT = "tandem.surveys.answer"


def edit_key(survey, person) -> str:
    return salted_hmac(KEY_SALT, f"{survey.uid}:{person.pk}", algorithm="sha256").hexdigest()


def own_response(survey, person) -> SurveyResponse | None:
    if not survey.is_open:
        return None
    return SurveyResponse.objects.filter(survey=survey, edit_key=edit_key(survey, person)).first()


def reshuffle(survey) -> None:
    """Rewrite every response of the survey in a random order (call inside the lock)."""
    rows = list(SurveyResponse.objects.filter(survey=survey))
    SurveyResponse.objects.filter(survey=survey).delete()
    random.SystemRandom().shuffle(rows)
    SurveyResponse.objects.bulk_create(rows)


def expire_free_texts(*, programme_round, dry_run: bool = False) -> dict[str, int]:
    """The free-text answers of the round's surveys go once their retention runs out; the
    other answers (scales and choices, anonymous) stay for the round's figures.

    Rows are changed in place: no row is added or moved, so nothing about the order of
    the responses changes (see "Row order" above).
    """
    count = 0
    responses = SurveyResponse.objects.filter(survey__round=programme_round).prefetch_related(
        "survey__items"
    )
    for response in responses:
        texts = {str(item.pk) for item in response.survey.items.all() if item.kind == ItemKind.TEXT}
        kept = {key: answer for key, answer in response.answers.items() if key not in texts}
        removed = [key for key in response.answers if key in texts and response.answers[key]]
        if not removed:
            continue
        count += len(removed)
        if not dry_run:
            response.answers = kept
            response.save(update_fields=["answers"])
    return {"survey_free_texts_removed": count}
