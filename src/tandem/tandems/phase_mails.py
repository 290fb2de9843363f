"""Built-in e-mail texts of early ends and recurring dates (coordinators may override).

The partner of a tandem that ended early is told neutrally: who ended it and that the
coordinators are there, never why. The coordinators' mail names the category only; the
reason itself is on their tandems page.
"""

from django.utils.translation import gettext_lazy as _

_SIGNATURE_DE = "\nViele Grüße\n{{ organisation }}\n"
_SIGNATURE_EN = "\nBest regards\n{{ organisation }}\n"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "tandem_ended_partner": {
        "de": (
            "Ihr Tandem im Durchlauf „{{ round }}“ ist beendet",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} hat das Tandem im Durchlauf „{{ round }}“ vorzeitig beendet. "
            "Das kommt vor und sagt nichts über Sie aus. Ihre Notizen bleiben für Sie "
            "lesbar. Die Koordination meldet sich bei Ihnen, wenn ein neues Tandem möglich "
            "ist; Sie können ihr auch selbst schreiben.\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Your tandem in the round “{{ round }}” has ended",
            "Hello {{ name }},\n\n"
            "{{ partner }} has ended the tandem in the round “{{ round }}” early. This "
            "happens and says nothing about you. Your notes stay readable for you. The "
            "coordinators will get in touch if a new tandem is possible; you can also write "
            "to them yourself.\n" + _SIGNATURE_EN,
        ),
    },
    "tandem_ended_coordinators": {
        "de": (
            "Ein Tandem im Durchlauf „{{ round }}“ wurde vorzeitig beendet",
            "Guten Tag,\n\n"
            "ein Tandem im Durchlauf „{{ round }}“ wurde vorzeitig beendet "
            "(Grund: {{ category }}). Ob die verbleibende Person neu vermittelt werden kann, "
            "sehen Sie hier:\n{{ site_url }}{{ url }}\n",
        ),
        "en": (
            "A tandem in the round “{{ round }}” ended early",
            "Hello,\n\n"
            "a tandem in the round “{{ round }}” ended early (reason: {{ category }}). "
            "Whether the remaining person can be offered a new match, you see here:\n"
            "{{ site_url }}{{ url }}\n",
        ),
    },
    "tandem_new_match": {
        "de": (
            "Ein neues Tandem für Sie im Durchlauf „{{ round }}“",
            "Guten Tag {{ name }},\n\n"
            "die Koordination sucht für Sie ein neues Tandem im Durchlauf „{{ round }}“. "
            "Sobald es einen Vorschlag gibt, schreiben wir Ihnen; Sie entscheiden dann, ob "
            "er passt.\n" + _SIGNATURE_DE,
        ),
        "en": (
            "A new tandem for you in the round “{{ round }}”",
            "Hello {{ name }},\n\n"
            "the coordinators are looking for a new tandem for you in the round "
            "“{{ round }}”. As soon as there is a proposal we will write to you; you then "
            "decide whether it fits.\n" + _SIGNATURE_EN,
        ),
    },
    "meeting_series_proposed": {
        "de": (
            "Vorschlag für regelmäßige Treffen: {{ pattern }}",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} schlägt regelmäßige Tandem-Treffen vor: {{ pattern }} "
            "({{ time_zone }}), {{ count }} Treffen zu je {{ minutes }} Minuten, das erste "
            "am {{ when }}.\n\n"
            "Bitte nehmen Sie den Vorschlag an oder schlagen Sie eine andere Zeit vor:\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Proposal for regular meetings: {{ pattern }}",
            "Hello {{ name }},\n\n"
            "{{ partner }} proposes regular tandem meetings: {{ pattern }} ({{ time_zone }}), "
            "{{ count }} meetings of {{ minutes }} minutes each, the first on {{ when }}.\n\n"
            "Please accept the proposal or suggest another time:\n{{ site_url }}{{ url }}\n"
            + _SIGNATURE_EN,
        ),
    },
    "meeting_series_accepted": {
        "de": (
            "Regelmäßige Treffen vereinbart: {{ pattern }}",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} hat Ihren Vorschlag angenommen: {{ pattern }} ({{ time_zone }}). "
            "{{ count }} Treffen stehen jetzt im Tandem, das erste am {{ when }}. Jedes "
            "Treffen hat seine eigene Agenda und lässt sich einzeln verschieben:\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Regular meetings agreed: {{ pattern }}",
            "Hello {{ name }},\n\n"
            "{{ partner }} has accepted your proposal: {{ pattern }} ({{ time_zone }}). "
            "{{ count }} meetings are now in the tandem, the first on {{ when }}. Each meeting "
            "has its own agenda and can be moved on its own:\n{{ site_url }}{{ url }}\n"
            + _SIGNATURE_EN,
        ),
    },
}

PURPOSES: dict[str, tuple[str, str]] = {
    "tandem_ended_partner": (
        _("Tandem ended early (to the partner)"),
        _("Tells the partner neutrally that the tandem has ended, without the reason."),
    ),
    "tandem_ended_coordinators": (
        _("Tandem ended early (to coordinators)"),
        _("Tells the coordinators that a tandem ended early, with the category only."),
    ),
    "tandem_new_match": (
        _("New match offered"),
        _("Tells the remaining person that the coordinators look for a new tandem."),
    ),
    "meeting_series_proposed": (
        _("Recurring meetings proposed"),
        _("Asks the partner to accept the recurring date or to suggest another time."),
    ),
    "meeting_series_accepted": (
        _("Recurring meetings agreed"),
        _("Tells the proposer that the partner accepted and the meetings are planned."),
    ),
}
