"""The length and notice limits of the training and evaluation forms: said once (in
training/limits.py) and told in the reader's language, whichever language the form was
defined in."""

import pytest
from django.utils import translation

from tandem.manage.evaluation.forms import InterviewSlotForm
from tandem.manage.training.forms import SessionForm, SlotForm
from tandem.training import limits

pytestmark = pytest.mark.django_db


def errors(form_class, data, **kwargs):
    form = form_class(data=data, **kwargs)
    assert not form.is_valid()
    return form.errors


@pytest.mark.parametrize(
    ("language", "length", "notice"),
    [
        ("en", "between 15 and 240 minutes", "between 0 and 336 hours"),
        ("de", "zwischen 15 und 240 Minuten", "0 bis 336 Stunden"),
    ],
)
def test_slot_forms_name_the_limits_in_the_readers_language(round, language, length, notice):
    too_long = {"duration_minutes": limits.SLOT_MINUTES_MAX + 1}
    too_far = {"cancel_notice_hours": limits.CANCEL_NOTICE_HOURS_MAX + 1}
    with translation.override(language):
        for form_class, extra in ((SlotForm, {}), (InterviewSlotForm, {"round": round})):
            found = errors(form_class, too_long | too_far, **extra)
            assert length in found["duration_minutes"][0]
            assert notice in found["cancel_notice_hours"][0]


def test_the_session_form_takes_its_longest_length_from_the_limits(round):
    with translation.override("de"):
        found = errors(SessionForm, {"duration_minutes": limits.SESSION_MINUTES_MAX + 1})
        assert "zwischen 15 und 600 Minuten" in found["duration_minutes"][0]
    ok = SessionForm(data={"duration_minutes": limits.SESSION_MINUTES_MAX})
    ok.is_valid()
    assert "duration_minutes" not in ok.errors
