"""The survey templates, stored as data (data/*.json), and their validation.

Each template has a key, a title and an introduction in German and English, and items:
``key``, ``kind`` (likert, single, multiple, text), the question ``de`` and ``en``, a
``source`` note, and for choice items their ``choices`` (key, de, en). Likert items share
the scale below. Another programme adds a template by adding a file.
"""

import functools
import json
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .enums import ItemKind

DATA = Path(__file__).parent / "data"

#: the 1–5 scale of every Likert item: (value, German, English)
LIKERT_SCALE = (
    (1, "trifft gar nicht zu", "does not apply at all"),
    (2, "trifft eher nicht zu", "rather does not apply"),
    (3, "teils, teils", "partly"),
    (4, "trifft eher zu", "rather applies"),
    (5, "trifft voll zu", "fully applies"),
)
#: the "top two" of a Likert item: the share answering 4 or 5
TOP_TWO = (4, 5)

TEMPLATE_LABELS = {"midterm": _("Mid-term survey"), "final": _("Final survey")}


class TemplateError(ValueError):
    pass


def _check(template: dict, name: str) -> dict:
    for field in ("key", "title", "intro", "items"):
        if field not in template:
            raise TemplateError(f"{name}: missing {field!r}")
    keys = set()
    for item in template["items"]:
        if item.get("kind") not in ItemKind.values:
            raise TemplateError(f"{name}: item {item.get('key')!r} has no known kind")
        if not item.get("de") or not item.get("en") or not item.get("key"):
            raise TemplateError(f"{name}: every item needs key, de and en")
        if item["key"] in keys:
            raise TemplateError(f"{name}: item key {item['key']!r} twice")
        keys.add(item["key"])
        choices = item.get("choices", [])
        if item["kind"] in (ItemKind.SINGLE, ItemKind.MULTIPLE):
            if len(choices) < 2 or len({c["key"] for c in choices}) != len(choices):
                raise TemplateError(f"{name}: {item['key']!r} needs two or more distinct choices")
        elif choices:
            raise TemplateError(f"{name}: {item['key']!r} takes no choices")
    return template


@functools.cache
def templates() -> dict[str, dict]:
    """Template key -> template, read from the data folder."""
    found = {}
    for path in sorted(DATA.glob("*.json")):
        template = _check(json.loads(path.read_text(encoding="utf-8")), path.name)
        found[template["key"]] = template
    return found


def template(key: str) -> dict | None:
    return templates().get(key)


def likert_choices(language: str) -> list[tuple[str, str]]:
    german = (language or "").startswith("de")
    return [(str(value), f"{value} – {de if german else en}") for value, de, en in LIKERT_SCALE]
