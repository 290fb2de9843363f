"""What a mail text may contain: its placeholders, and the checks before a text is saved.

The placeholders of a purpose are read from its built-in texts, so they have one source:
whatever the default texts use is what the sending code puts into the context.
"""

import re

from django.template import Context, Template, TemplateSyntaxError
from django.template.base import Lexer, TokenType
from django.utils.text import smart_split
from django.utils.translation import gettext as _

from .defaults import DEFAULT_TEMPLATES

# Always in the context (render_mail adds it), whether a default text uses it or not.
SITE_URL = "site_url"
# Tags that would pull server files or internals into an e-mail; texts need none of them.
FORBIDDEN_TAGS = {"include", "extends", "load", "debug", "block", "ssi"}
IF_WORDS = {"if", "elif", "and", "or", "not", "in", "is"}
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
STRAY_MARKERS = ("{{", "}}", "{%", "%}")


def _names_in_expression(expression: str) -> list[str]:
    """The variable names an expression reads, e.g. ``round.name|upper`` -> ["round"]."""
    head = re.split(r"[.|:]", expression.strip(), maxsplit=1)[0]
    if IDENTIFIER.fullmatch(head) and head not in {"True", "False", "None"}:
        return [head]
    return []


def placeholders_in(text: str) -> list[str]:
    """Variable names a template string reads, in order of first use."""
    names: list[str] = []
    for token in Lexer(text).tokenize():
        if token.token_type == TokenType.VAR:
            found = _names_in_expression(token.contents)
        elif token.token_type == TokenType.BLOCK and token.contents.split()[:1] in (
            ["if"], ["elif"]
        ):
            found = [name for part in smart_split(token.contents)
                     if part not in IF_WORDS for name in _names_in_expression(part)]
        else:
            continue
        names.extend(name for name in found if name not in names)
    return names


def placeholders_for(key: str) -> list[str]:
    """The placeholders a coordinator may use in the texts of one purpose."""
    names: list[str] = []
    for subject, body in DEFAULT_TEMPLATES[key].values():
        for name in placeholders_in(subject) + placeholders_in(body):
            if name not in names:
                names.append(name)
    if SITE_URL not in names:
        names.append(SITE_URL)
    return names


def template_errors(text: str, placeholders: list[str], sample: dict) -> list[str]:
    """Why a text cannot be sent, in words for coordinators; empty when it is fine.

    Besides Django's own parse errors this catches what Django would silently send:
    a "{{" that is never closed (Django keeps it as plain text) and misspelt
    placeholders (Django renders them as nothing). A trial rendering with sample values
    catches tags that only fail when rendered, so queue_mail never fails later.
    """
    try:
        tokens = Lexer(text).tokenize()
        template = Template(text)
    except TemplateSyntaxError as error:
        return [_("Django cannot read this text: %(error)s") % {"error": error}]
    errors = []
    for token in tokens:
        if token.token_type == TokenType.TEXT:
            stray = next((marker for marker in STRAY_MARKERS if marker in token.contents), None)
            if stray:
                errors.append(_("“%(marker)s” is not part of a complete placeholder. Write "
                                "placeholders like {{ name }}.") % {"marker": stray})
        elif token.token_type == TokenType.BLOCK:
            tag = token.contents.split()[0]
            if tag in FORBIDDEN_TAGS:
                errors.append(_("The tag “%(tag)s” cannot be used in e-mail texts.")
                              % {"tag": tag})
    unknown = [name for name in placeholders_in(text) if name not in placeholders]
    if unknown:
        errors.append(_("Unknown placeholder: %(names)s. Available: %(available)s.") % {
            "names": ", ".join(unknown), "available": ", ".join(placeholders)})
    if not errors:
        try:
            template.render(Context(sample, autoescape=False))
        except Exception as error:  # noqa: BLE001 — any failure means: do not save this text
            errors.append(_("This text fails when it is filled in: %(error)s")
                          % {"error": error})
    return errors
