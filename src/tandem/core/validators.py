"""Validators shared by the forms of several apps."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Line breaks, tabs and other control characters (C0, DEL, C1, Unicode line separators).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def single_line(value: str) -> None:
    """Names and titles are one line of text.

    They go into e-mail subjects, calendar entries and spreadsheet cells, where a line
    break splits or breaks what is sent (the mail service also makes subjects safe).
    """
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _(
                "Please write this on one line, without line breaks, tabs or other control "
                "characters."
            ),
            code="control_characters",
        )
