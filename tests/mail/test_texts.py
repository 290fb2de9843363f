"""Placeholders are read from the built-in texts; broken texts are named before saving."""

import pytest

from tandem.mail.defaults import DEFAULT_TEMPLATES, MAIL_PURPOSES
from tandem.mail.previews import sample_context
from tandem.mail.selectors import mail_purposes, purpose_of
from tandem.mail.texts import placeholders_for, placeholders_in, template_errors


def test_placeholders_in_reads_variables_filters_and_conditions():
    text = ("Hallo {{ name|default:'du' }}, {{ round.name }} {{ 'literal' }} {{ 5 }}\n"
            "{% if video_url and not deadline %}{{ video_url }}{% elif x == 'y' %}{% endif %}")
    assert placeholders_in(text) == ["name", "round", "video_url", "deadline", "x"]


def test_placeholders_come_from_the_built_in_texts_of_both_languages(monkeypatch):
    monkeypatch.setitem(DEFAULT_TEMPLATES, "test_purpose", {
        "de": ("{{ betreff }}", "Hallo {{ name }}"),
        "en": ("Subject", "Hello {{ name }} {% if extra %}!{% endif %}"),
    })
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


@pytest.mark.parametrize(("text", "expected"), [
    ("Hallo {% if %}x{% endif %}", "Django cannot read this text"),
    ("Hallo {{ name", "not part of a complete placeholder"),
    ("Hallo {{ name }", "not part of a complete placeholder"),
    ("Hallo {{ }}", "Django cannot read this text"),
    ("Hallo {{ nmae }}", "Unknown placeholder: nmae"),
    ("{% include 'base.html' %}", "cannot be used in e-mail texts"),
    ("{% load static %}", "cannot be used in e-mail texts"),
    ("{% url 'no-such-page' %}", "fails when it is filled in"),
    ("{{ name|no_such_filter }}", "Django cannot read this text"),
])
def test_broken_texts_are_explained(text, expected):
    placeholders = placeholders_for("role_assigned")
    errors = template_errors(text, placeholders, sample_context(placeholders, "de"))
    assert len(errors) == 1 and expected in errors[0]


@pytest.mark.django_db
def test_sample_values_cover_unknown_placeholders(round):
    sample = sample_context(["round", "name", "ics_url", "mystery"], "en", round)
    assert sample == {"round": round.name, "name": "Eva Beispiel", "ics_url": "/example/",
                      "mystery": "[mystery]"}
