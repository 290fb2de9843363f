"""Placeholders are read from the built-in texts; broken texts are named before saving."""

import time

import pytest
from django.utils.safestring import SafeData

from tandem.mail.defaults import DEFAULT_TEMPLATES, MAIL_PURPOSES
from tandem.mail.previews import sample_context
from tandem.mail.selectors import mail_purposes, purpose_of
from tandem.mail.texts import (
    BODY_MAX_LENGTH,
    MAX_NESTING,
    RENDERED_MAX_LENGTH,
    MailTextError,
    fill_in,
    placeholders_for,
    placeholders_in,
    template_errors,
)


def test_placeholders_in_reads_variables_filters_and_conditions():
    text = (
        "Hallo {{ name|default:'du' }}, {{ round.name }} {{ 'literal' }} {{ 5 }}\n"
        "{% if video_url and not deadline %}{{ video_url }}{% elif x == 'y' %}{% endif %}"
    )
    assert placeholders_in(text) == ["name", "round", "video_url", "deadline", "x"]


def test_placeholders_come_from_the_built_in_texts_of_both_languages(monkeypatch):
    monkeypatch.setitem(
        DEFAULT_TEMPLATES,
        "test_purpose",
        {
            "de": ("{{ betreff }}", "Hallo {{ name }}"),
            "en": ("Subject", "Hello {{ name }} {% if extra %}!{% endif %}"),
        },
    )
    assert placeholders_for("test_purpose") == ["betreff", "name", "extra", "site_url"]


def test_every_registered_purpose_has_a_title_and_its_defaults_pass_the_checks():
    # Apps fill MAIL_PURPOSES next to their texts; a missing title is a forgotten line.
    assert set(DEFAULT_TEMPLATES) <= set(MAIL_PURPOSES)
    for key, languages in DEFAULT_TEMPLATES.items():
        placeholders = placeholders_for(key)
        for language, (subject, body) in languages.items():
            sample = sample_context(placeholders, language)
            assert template_errors(subject, placeholders, sample) == [], (key, language)
            assert template_errors(body, placeholders, sample) == [], (key, language)
    assert "expires" in placeholders_for("mentor_invitation")
    assert "deadline" in placeholders_for("application_submitted")


def test_a_purpose_without_a_title_shows_its_key(monkeypatch):
    monkeypatch.setitem(DEFAULT_TEMPLATES, "untitled_purpose", {"de": ("x", "y")})
    assert purpose_of("untitled_purpose").title == "untitled_purpose"
    assert purpose_of("untitled_purpose").description == ""
    assert "untitled_purpose" in [purpose.key for purpose in mail_purposes()]
    assert purpose_of("mentor_invitation").title == "Invitation to mentor"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hallo {% if %}x{% endif %}", "Django cannot read this text"),
        ("Hallo {{ name", "not part of a complete placeholder"),
        ("Hallo {{ name }", "not part of a complete placeholder"),
        ("Hallo {{ }}", "Django cannot read this text"),
        ("Hallo {{ nmae }}", "Unknown placeholder: nmae"),
        ("{% include 'base.html' %}", "cannot be used in e-mail texts"),
        ("{% load static %}", "cannot be used in e-mail texts"),
        ("{% url 'no-such-page' %}", "The tag “url” cannot be used"),
        ("{{ name|no_such_filter }}", "The filter “no_such_filter” cannot be used"),
        ("{% if name %}{% endif", "Django cannot read this text"),
    ],
)
def test_broken_texts_are_explained(text, expected):
    placeholders = placeholders_for("role_assigned")
    errors = template_errors(text, placeholders, sample_context(placeholders, "de"))
    assert len(errors) == 1 and expected in errors[0]


@pytest.mark.django_db
def test_sample_values_cover_unknown_placeholders(round):
    sample = sample_context(["round", "name", "ics_url", "mystery"], "en", round)
    assert sample == {
        "round": round.name,
        "name": "Eva Beispiel",
        "ics_url": "/example/",
        "mystery": "[mystery]",
    }


def errors_of(text, key="tandem_meeting_planned"):
    placeholders = placeholders_for(key)
    return template_errors(text, placeholders, sample_context(placeholders, "en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Loops: no placeholder is a list, and a loop over a range or a string costs time.
        (
            "{% for x in name %}{% for y in name %}{{ x }}{% endfor %}{% endfor %}",
            "The tag “for” cannot be used",
        ),
        # Padding to a chosen width built 200 MB in 8.8 s.
        ("{{ name|ljust:'200000000' }}", "The filter “ljust” cannot be used"),
        ("{{ name|center:'9999999' }}", "The filter “center” cannot be used"),
        ("{% if name|rjust:'99999999' %}x{% endif %}", "The filter “rjust” cannot be used"),
        ("{{ minutes|stringformat:'09999999d' }}", "The filter “stringformat” cannot be used"),
        ("{% with a=name %}{{ a }}{% endwith %}", "The tag “with” cannot be used"),
        ("{% include 'base.html' %}", "The tag “include” cannot be used"),
    ],
)
def test_costly_tags_and_filters_are_refused_with_a_message(text, expected):
    errors = errors_of(text)
    assert len(errors) == 1 and expected in errors[0]
    assert "Available:" in errors[0]


def test_deep_nesting_is_a_field_error_not_a_recursion_error():
    # 3,000 nested tags used to raise RecursionError (a 500) when the text was checked.
    text = "{% if name %}" * 3000 + "x" + "{% endif %}" * 3000
    started = time.monotonic()
    errors = errors_of(text[:BODY_MAX_LENGTH])
    assert errors and "nested too deeply" in errors[0]
    assert time.monotonic() - started < 1
    assert errors_of("{% if name %}" * MAX_NESTING + "x" + "{% endif %}" * MAX_NESTING) == []
    deep = "{% if name %}" * (MAX_NESTING + 1) + "x" + "{% endif %}" * (MAX_NESTING + 1)
    assert "nested too deeply" in errors_of(deep)[0]


def test_a_long_chain_of_nots_is_refused_not_a_crash():
    errors = errors_of("{% if " + "not " * 2000 + "name %}x{% endif %}")
    assert len(errors) == 1 and "Django cannot read this text" in errors[0]


def test_text_and_filled_in_text_are_bounded_in_size():
    assert "at most" in errors_of("x" * (BODY_MAX_LENGTH + 1))[0]
    # Within the limit, but a long name in every placeholder would exceed what is sent.
    many = "{{ name }}" * (BODY_MAX_LENGTH // 10)
    with pytest.raises(MailTextError, match="more than"):
        fill_in(many, {"name": "x" * (RENDERED_MAX_LENGTH // 1000)})


def test_texts_are_checked_against_the_real_types_of_the_context():
    # "minutes" is a number when a meeting is planned: |first works on a sample
    # string but not on an int, so the text must be refused before it is saved.
    errors = errors_of("Treffen {{ minutes|first }}")
    assert len(errors) == 1 and "fails when it is filled in" in errors[0]
    assert errors_of("{{ minutes }} Minute{{ minutes|pluralize }}") == []
    assert errors_of("{% if weeks == 1 %}x{% endif %}", key="tandem_nudge") == []


def test_filled_in_text_is_plain_text_never_marked_safe():
    text = fill_in("Hallo {{ name }}", {"name": "<b hx-post='/x'>Eva</b>"})
    assert text == "Hallo <b hx-post='/x'>Eva</b>"
    assert not isinstance(text, SafeData)
