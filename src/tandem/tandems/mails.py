"""Built-in e-mail texts of the tandem phase (coordinators may override per round).

None of them carries an agenda, a goal or a note, not even a video link: mails pass
through the outbox, which the round's coordinators can read. Dates are metadata
(coordinators see them anyway); everything else stays behind the link, in the workspace.
"""

from django.utils.translation import gettext_lazy as _

_SIGNATURE_DE = "\nViele Grüße\n{{ organisation }}\n"
_SIGNATURE_EN = "\nBest regards\n{{ organisation }}\n"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "tandem_meeting_planned": {
        "de": (
            "Tandem-Treffen am {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} hat ein Tandem-Treffen eingetragen: {{ when }} ({{ time_zone }}), "
            "{{ minutes }} Minuten.\n\n"
            "Agenda, Video-Link und Kalenderdatei finden Sie hier:\n{{ site_url }}{{ url }}\n"
            + _SIGNATURE_DE,
        ),
        "en": (
            "Tandem meeting on {{ when }}",
            "Hello {{ name }},\n\n"
            "{{ partner }} has planned a tandem meeting: {{ when }} ({{ time_zone }}), "
            "{{ minutes }} minutes.\n\n"
            "The agenda, video link and calendar file are here:\n{{ site_url }}{{ url }}\n"
            + _SIGNATURE_EN,
        ),
    },
    "tandem_meeting_changed": {
        "de": (
            "Tandem-Treffen geändert: {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} hat Ihr Tandem-Treffen geändert. Es findet jetzt statt: {{ when }} "
            "({{ time_zone }}), {{ minutes }} Minuten.\n\n"
            "Was sich geändert hat, sehen Sie hier:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Tandem meeting changed: {{ when }}",
            "Hello {{ name }},\n\n"
            "{{ partner }} has changed your tandem meeting. It now takes place on {{ when }} "
            "({{ time_zone }}), {{ minutes }} minutes.\n\n"
            "See what has changed here:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "tandem_meeting_cancelled": {
        "de": (
            "Tandem-Treffen abgesagt: {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} hat das Tandem-Treffen am {{ when }} ({{ time_zone }}) abgesagt.\n\n"
            "Einen neuen Termin können Sie hier planen:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Tandem meeting cancelled: {{ when }}",
            "Hello {{ name }},\n\n"
            "{{ partner }} has cancelled the tandem meeting on {{ when }} ({{ time_zone }}).\n\n"
            "You can plan a new date here:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "tandem_meeting_reminder": {
        "de": (
            "Erinnerung: Tandem-Treffen am {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "zur Erinnerung: Ihr Tandem-Treffen mit {{ partner }} beginnt am {{ when }} "
            "({{ time_zone }}) und dauert {{ minutes }} Minuten.\n\n"
            "Agenda und Video-Link:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Reminder: tandem meeting on {{ when }}",
            "Hello {{ name }},\n\n"
            "a reminder: your tandem meeting with {{ partner }} starts on {{ when }} "
            "({{ time_zone }}) and lasts {{ minutes }} minutes.\n\n"
            "Agenda and video link:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "tandem_agreement_changed": {
        "de": (
            "Ihre Mentoring-Vereinbarung wurde geändert",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} hat Ihre Mentoring-Vereinbarung geschrieben oder geändert. Bitte "
            "lesen Sie sie und bestätigen Sie sie, wenn Sie einverstanden sind:\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Your mentoring agreement has changed",
            "Hello {{ name }},\n\n"
            "{{ partner }} has written or changed your mentoring agreement. Please read it "
            "and confirm it if you agree:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
}

# Title and one-line description per purpose, for the coordinators' mail text pages.
PURPOSES: dict[str, tuple[str, str]] = {
    "tandem_meeting_planned": (
        _("Meeting planned"),
        _("Tells the partner that a tandem meeting was planned (date and length only)."),
    ),
    "tandem_meeting_changed": (
        _("Meeting changed"),
        _("Tells the partner that a tandem meeting was changed (new date and length only)."),
    ),
    "tandem_meeting_cancelled": (
        _("Meeting cancelled"),
        _("Tells the partner that a tandem meeting was cancelled."),
    ),
    "tandem_meeting_reminder": (
        _("Meeting reminder"),
        _("Reminds both persons of a tandem meeting the day before."),
    ),
    "tandem_agreement_changed": (
        _("Agreement changed"),
        _("Asks the partner to read and confirm the changed mentoring agreement."),
    ),
}
