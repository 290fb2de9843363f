"""Built-in e-mail texts, per purpose and language, as Django template strings.

A coordinator can override each of them (MailTemplate); these are the fall-back.
Other apps register their purposes by adding keys here, and a title with a one-line
description to MAIL_PURPOSES so coordinators know what each text is for.
"""

from django.utils.translation import gettext_lazy as _

DEFAULT_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "role_assigned": {
        "de": (
            "Sie sind {{ role }} in „{{ round }}“",
            "Guten Tag {{ name }},\n\nSie wurden im Durchlauf „{{ round }}“ als {{ role }} "
            "eingetragen. Ihre Übersicht finden Sie unter {{ site_url }}{{ url }}\n\n"
            "Viele Grüße\nIhr Tandem-Team\n",
        ),
        "en": (
            "You are {{ role }} in “{{ round }}”",
            "Hello {{ name }},\n\nYou have been added to the round “{{ round }}” as {{ role }}. "
            "Your overview is at {{ site_url }}{{ url }}\n\nBest regards\nThe Tandem team\n",
        ),
    },
}

# Purpose key -> (title, one-line description), shown on the coordinators' text pages.
MAIL_PURPOSES: dict[str, tuple[str, str]] = {
    "role_assigned": (
        _("Role in a round"),
        _("Tells a person that they now have a role (mentor, mentee, trainer …) in the round."),
    ),
}

# Purposes whose text coordinators must not read in the outbox (e.g. a booked
# consultation, DESIGN.md §2): the outbox shows only recipient, status and times.
CONFIDENTIAL_PURPOSES: set[str] = set()

# Purposes that are printed, not mailed (the supervisor letter, later certificates): kept
# and edited like mail texts, never queued, not offered as an outbox filter.
DOCUMENT_PURPOSES: set[str] = set()

# Purposes always sent in the platform's own words, never a programme's or round's text:
# they go to addresses nobody has confirmed yet (role and import invitations, the info
# event's double opt-in), so a coordinator must not be able to put words of their own
# into them. The text pages list them without an edit link.
PLATFORM_PURPOSES: set[str] = set()


def register_mail_texts(module) -> None:
    """Add an app's built-in texts and their titles (``MAIL_TEMPLATES``, ``PURPOSES``) and
    which of them only the platform words (``PLATFORM_PURPOSES``, optional)."""
    DEFAULT_TEMPLATES.update(module.MAIL_TEMPLATES)
    MAIL_PURPOSES.update(module.PURPOSES)
    PLATFORM_PURPOSES.update(getattr(module, "PLATFORM_PURPOSES", ()))


def register_document_texts(module) -> None:
    """Add an app's printed texts: like mail texts, but marked as printed."""
    register_mail_texts(module)
    DOCUMENT_PURPOSES.update(module.MAIL_TEMPLATES)
