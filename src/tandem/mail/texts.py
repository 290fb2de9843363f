"""What a mail text may contain: its placeholders, and the checks before a text is saved.

The placeholders of a purpose are read from its built-in texts, so they have one source:
whatever the default texts use is what the sending code puts into the context.

Texts are Django template strings, compiled by a mail engine of their own that knows only
the tags and filters in ``template_library``. Size, nesting and vocabulary are bounded
(``text_problems``), so filling in a text costs time proportional to its length: a text
cannot loop, pad to a chosen width or recurse until Python gives up.
"""

import re

from django.template import Context, TemplateSyntaxError
from django.template.base import Lexer, TokenType, filter_re
from django.template.engine import Engine
from django.utils.text import smart_split
from django.utils.translation import gettext as _

from . import template_library
from .defaults import DEFAULT_TEMPLATES

# Always in the context (render_mail adds it), whether a default text uses it or not.
SITE_URL = "site_url"
IF_WORDS = {"if", "elif", "and", "or", "not", "in", "is"}
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
STRAY_MARKERS = ("{{", "}}", "{%", "%}")

# A mail text is a letter, not a book: the built-in texts have about 1,000 characters.
BODY_MAX_LENGTH = 20_000
# What a filled-in text may grow to (long names in many placeholders); beyond it the
# mail is not sent but kept as failed in the outbox.
RENDERED_MAX_LENGTH = 100_000
# Deeper nesting of {% if %} than this is a mistake, not a letter (and thousands of
# levels would exhaust Python's stack).
MAX_NESTING = 8


class MailEngine(Engine):
    # Django's own built-ins (every tag and filter, {% include %} and friends) are left out.
    default_builtins: list[str] = []


MAIL_ENGINE = MailEngine(
    builtins=["tandem.mail.template_library"], libraries={}, autoescape=False, debug=False
)


class MailTextError(ValueError):
    """A text that cannot be filled in; the message is written for coordinators."""


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
            ["if"],
            ["elif"],
        ):
            found = [
                name
                for part in smart_split(token.contents)
                if part not in IF_WORDS
                for name in _names_in_expression(part)
            ]
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


def _filters_in(contents: str) -> list[str]:
    return [match["filter_name"] for match in filter_re.finditer(contents) if match["filter_name"]]


def text_problems(text: str) -> list[str]:
    """What the mail engine refuses before compiling: size, nesting, tags and filters."""
    if len(text) > BODY_MAX_LENGTH:
        return [_("The text can have at most %(n)s characters.") % {"n": BODY_MAX_LENGTH}]
    problems: list[str] = []
    open_blocks: list[str] = []
    refused: set[str] = set()
    for token in Lexer(text).tokenize():
        if token.token_type == TokenType.BLOCK:
            tag = (token.contents.split() or [""])[0]
            if tag in template_library.BLOCK_TAGS:
                open_blocks.append(tag)
                if len(open_blocks) > MAX_NESTING:
                    return [
                        _("Tags are nested too deeply: at most %(n)s levels.") % {"n": MAX_NESTING}
                    ]
            elif tag in template_library.BLOCK_TAGS.values() and open_blocks:
                open_blocks.pop()
            elif tag not in template_library.TAGS + template_library.INNER_WORDS:
                refused.add(tag)
                if tag.startswith("end") and tag[3:] in refused or tag == "empty":
                    continue  # the end of a refused tag: one message is enough
                problems.append(
                    _("The tag “%(tag)s” cannot be used in e-mail texts. Available: %(available)s.")
                    % {"tag": tag, "available": ", ".join(template_library.TAGS)}
                )
        if token.token_type in (TokenType.VAR, TokenType.BLOCK):
            for name in _filters_in(token.contents):
                if name not in template_library.FILTERS:
                    problems.append(
                        _(
                            "The filter “%(filter)s” cannot be used in e-mail "
                            "texts. Available: %(available)s."
                        )
                        % {"filter": name, "available": ", ".join(template_library.FILTERS)}
                    )
    return list(dict.fromkeys(problems))


def compile_text(text: str):
    """The text as a template of the mail engine; MailTextError when it is refused."""
    problems = text_problems(text)
    if problems:
        raise MailTextError(" ".join(problems))
    try:
        return MAIL_ENGINE.from_string(text)
    except (TemplateSyntaxError, RecursionError) as error:
        raise MailTextError(
            _("Django cannot read this text: %(error)s") % {"error": error}
        ) from error


def fill_in(text: str, context: dict) -> str:
    """The text filled in as plain text (never marked safe: it is not HTML)."""
    rendered = compile_text(text).render(Context(context, autoescape=False))
    if len(rendered) > RENDERED_MAX_LENGTH:
        raise MailTextError(
            _("The filled-in text would have more than %(n)s characters.")
            % {"n": RENDERED_MAX_LENGTH}
        )
    # Template.render returns a SafeString; joining gives a plain str, so a page that
    # shows the text (the preview) escapes it like anything else a person wrote.
    return "".join([rendered])


def template_errors(text: str, placeholders: list[str], sample: dict) -> list[str]:
    """Why a text cannot be sent, in words for coordinators; empty when it is fine.

    Besides what the mail engine refuses this catches what Django would silently send:
    a "{{" that is never closed (Django keeps it as plain text) and misspelt
    placeholders (Django renders them as nothing). A trial rendering with sample values
    of the real types (numbers as numbers, see previews.py) catches filters that only
    fail when filled in, such as ``{{ minutes|first }}``.
    """
    problems = text_problems(text)
    if problems:
        return problems
    try:
        compile_text(text)
    except MailTextError as error:
        return [str(error)]
    errors = []
    for token in Lexer(text).tokenize():
        if token.token_type == TokenType.TEXT:
            stray = next((marker for marker in STRAY_MARKERS if marker in token.contents), None)
            if stray:
                errors.append(
                    _(
                        "“%(marker)s” is not part of a complete placeholder. Write "
                        "placeholders like {{ name }}."
                    )
                    % {"marker": stray}
                )
    unknown = [name for name in placeholders_in(text) if name not in placeholders]
    if unknown:
        errors.append(
            _("Unknown placeholder: %(names)s. Available: %(available)s.")
            % {"names": ", ".join(unknown), "available": ", ".join(placeholders)}
        )
    if not errors:
        try:
            fill_in(text, sample)
        except Exception as error:  # noqa: BLE001 — any failure means: do not save this text
            errors.append(_("This text fails when it is filled in: %(error)s") % {"error": error})
    return errors
