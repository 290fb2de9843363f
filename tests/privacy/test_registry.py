"""Every model holding personal data is declared by its app (privacy/registry.py)."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from tandem.privacy import registry

# Words in a field's name that say it holds something about a person.
PERSONAL_WORDS = ("name", "email", "address")


def personal_fields(model) -> list[str]:
    """Fields that point to a person, name or reach one, or hold free text."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # reverse relations belong to the other model
        to_person = field.is_relation and field.related_model is user_model
        free_text = isinstance(field, models.TextField)
        named = isinstance(field, models.CharField) and any(
            word in field.name for word in PERSONAL_WORDS
        )
        if to_person or free_text or named:
            found.append(field.name)
    return found


def our_models():
    return [model for model in apps.get_models() if model.__module__.startswith("tandem.")]


def test_every_model_with_personal_data_is_declared_by_its_own_app():
    declared = registry.declared_models()
    exempt = registry.exempt_models()
    missing = [
        f"{model._meta.label} ({', '.join(fields)})"
        for model in our_models()
        if (fields := personal_fields(model)) and model._meta.label_lower not in declared | exempt
    ]
    assert not missing, "declare in <app>/personal_data.py: " + "; ".join(missing)
    by_app = {h.model.lower(): d.app_label for d in registry.declarations() for h in d.holdings}
    for model in our_models():
        owner = by_app.get(model._meta.label_lower)
        assert owner in (None, model._meta.app_label), f"{model._meta.label} declared by {owner}"


def test_declared_models_and_fields_exist():
    for declaration in registry.declarations():
        for holding in declaration.holdings:
            model = apps.get_model(holding.model)
            names = {field.name for field in model._meta.get_fields()}
            assert set(holding.fields) <= names, (holding.model, set(holding.fields) - names)
            assert holding.whose and holding.purpose and holding.seen_by and holding.retention


def test_the_check_notices_an_undeclared_model(monkeypatch):
    # The check above must be able to fail: drop one declaration and it names the model.
    holdings = {d.app_label: d for d in registry.declarations()}
    monkeypatch.setattr(
        registry, "_declarations", {k: v for k, v in holdings.items() if k != "tandems"}
    )
    with pytest.raises(AssertionError, match="tandems.Note"):
        test_every_model_with_personal_data_is_declared_by_its_own_app()


def test_every_domain_app_declares_something():
    labels = {d.app_label for d in registry.declarations()}
    assert {
        "people",
        "programmes",
        "recruitment",
        "applications",
        "matching",
        "tandems",
        "tandem_mail",
        "audit",
    } <= labels
