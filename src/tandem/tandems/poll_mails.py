"""E-mail texts of date polls and reminders to quiet tandems (registered in apps.py).

No text the tandem wrote goes into these mails, not even a poll's note: mails pass
through the outbox, which the round's coordinators can read. Dates are metadata.
"""

from django.utils.translation import gettext_lazy as _

_SIGNATURE_DE = "\nViele Grüße\n{{ organisation }}\n"
_SIGNATURE_EN = "\nBest regards\n{{ organisation }}\n"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "date_poll_opened": {
        "de": (
            "Terminumfrage von {{ partner }}",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} schlägt Ihnen {{ count }} Termine für Ihr nächstes Tandem-Treffen "
            "vor. Bitte sagen Sie, welche Ihnen passen:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Date poll from {{ partner }}",
            "Hello {{ name }},\n\n"
            "{{ partner }} suggests {{ count }} dates for your next tandem meeting. Please "
            "say which of them suit you:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "date_poll_chosen": {
        "de": (
            "Ihr nächstes Tandem-Treffen: {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} hat aus der Terminumfrage einen Termin gewählt: {{ when }} "
            "({{ time_zone }}).\n\nIhr Tandem: {{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Your next tandem meeting: {{ when }}",
            "Hello {{ name }},\n\n"
            "{{ partner }} has chosen a date from your date poll: {{ when }} "
            "({{ time_zone }}).\n\nYour tandem: {{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "tandem_nudge": {
        "de": (
            "Zeit für Ihr nächstes Tandem-Treffen",
            "Guten Tag {{ name }},\n\n"
            "Sie und {{ partner }} wollten sich {% if weeks == 1 %}jede Woche{% else %}etwa "
            "alle {{ weeks }} Wochen{% endif %} treffen. Seit einer Weile ist kein Treffen "
            "eingetragen. Vielleicht finden Sie mit einer Terminumfrage schnell einen "
            "Termin:\n{{ site_url }}{{ url }}\n\n"
            "Wenn etwas Sie am Treffen hindert, sprechen Sie uns gern an.\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Time for your next tandem meeting",
            "Hello {{ name }},\n\n"
            "you and {{ partner }} planned to meet {% if weeks == 1 %}every week{% else %}"
            "about every {{ weeks }} weeks{% endif %}. No meeting has been entered for a "
            "while. A date poll may help you find a date quickly:\n{{ site_url }}{{ url }}\n\n"
            "If something keeps you from meeting, feel free to talk to us.\n" + _SIGNATURE_EN,
        ),
    },
}

# Title and one-line description per purpose, for the coordinators' mail text pages.
PURPOSES: dict[str, tuple[str, str]] = {
    "date_poll_opened": (
        _("Date poll opened"),
        _("Tells the partner that dates for the next meeting are suggested."),
    ),
    "date_poll_chosen": (
        _("Date chosen from a poll"),
        _("Tells the partner which date was chosen; the meeting is planned."),
    ),
    "tandem_nudge": (
        _("Reminder to a quiet tandem"),
        _("Reminds both persons of a tandem without recent meetings to plan the next one."),
    ),
}
