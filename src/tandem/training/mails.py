"""Built-in e-mail texts of training and consultations (coordinators may override per round).

Consultation mails carry date, length and the other person's name, never the note for the
trainer nor the trainer's notes; they are queued without a round, so they never appear in
the round's outbox (who booked is confidential, DESIGN.md §2).
"""

from django.utils.translation import gettext_lazy as _

_SIGNATURE_DE = "\nViele Grüße\n{{ organisation }}\n"
_SIGNATURE_EN = "\nBest regards\n{{ organisation }}\n"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "training_invitation": {
        "de": (
            "Einladung zur Schulung „{{ title }}“ am {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "Sie sind zur Schulung „{{ title }}“ im Durchlauf „{{ round }}“ eingeladen: "
            "{{ when }} ({{ time_zone }}), {{ minutes }} Minuten.\n\n"
            "Bitte sagen Sie zu oder ab. Programm, Ort oder Link, Materialien und die "
            "Kalenderdatei finden Sie hier:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Invitation to the training “{{ title }}” on {{ when }}",
            "Hello {{ name }},\n\n"
            "You are invited to the training “{{ title }}” of the round “{{ round }}”: "
            "{{ when }} ({{ time_zone }}), {{ minutes }} minutes.\n\n"
            "Please accept or decline. The agenda, place or link, materials and the calendar "
            "file are here:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "training_changed": {
        "de": (
            "Schulung geändert: „{{ title }}“ am {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "die Schulung „{{ title }}“ wurde geändert. Sie findet jetzt statt: {{ when }} "
            "({{ time_zone }}), {{ minutes }} Minuten.\n\n"
            "Einzelheiten und die neue Kalenderdatei:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Training changed: “{{ title }}” on {{ when }}",
            "Hello {{ name }},\n\n"
            "the training “{{ title }}” has changed. It now takes place on {{ when }} "
            "({{ time_zone }}), {{ minutes }} minutes.\n\n"
            "Details and the new calendar file:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "training_reminder": {
        "de": (
            "Erinnerung: Schulung „{{ title }}“ am {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "zur Erinnerung: Die Schulung „{{ title }}“ beginnt am {{ when }} "
            "({{ time_zone }}) und dauert {{ minutes }} Minuten.\n\n"
            "Ort oder Link und Materialien:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Reminder: training “{{ title }}” on {{ when }}",
            "Hello {{ name }},\n\n"
            "a reminder: the training “{{ title }}” starts on {{ when }} ({{ time_zone }}) "
            "and lasts {{ minutes }} minutes.\n\n"
            "Place or link and materials:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "consultation_booked": {
        "de": (
            "Beratung am {{ when }} gebucht",
            "Guten Tag {{ name }},\n\n"
            "eine vertrauliche Beratung mit {{ partner }} ist gebucht: {{ when }} "
            "({{ time_zone }}), {{ minutes }} Minuten.\n\n"
            "Link und Kalenderdatei:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Consultation on {{ when }} booked",
            "Hello {{ name }},\n\n"
            "a confidential consultation with {{ partner }} is booked: {{ when }} "
            "({{ time_zone }}), {{ minutes }} minutes.\n\n"
            "Link and calendar file:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "consultation_cancelled": {
        "de": (
            "Beratung am {{ when }} abgesagt",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} hat die Beratung am {{ when }} ({{ time_zone }}) abgesagt.\n\n"
            "Freie Termine finden Sie hier:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Consultation on {{ when }} cancelled",
            "Hello {{ name }},\n\n"
            "{{ partner }} has cancelled the consultation on {{ when }} ({{ time_zone }}).\n\n"
            "Free times are here:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "consultation_reminder": {
        "de": (
            "Erinnerung: Beratung am {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "zur Erinnerung: Ihre Beratung mit {{ partner }} beginnt am {{ when }} "
            "({{ time_zone }}) und dauert {{ minutes }} Minuten.\n\n"
            "Link und Kalenderdatei:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Reminder: consultation on {{ when }}",
            "Hello {{ name }},\n\n"
            "a reminder: your consultation with {{ partner }} starts on {{ when }} "
            "({{ time_zone }}) and lasts {{ minutes }} minutes.\n\n"
            "Link and calendar file:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
}

CONSULTATION_PURPOSES = {"consultation_booked", "consultation_cancelled", "consultation_reminder"}

# Title and one-line description per purpose, for the coordinators' mail text pages.
PURPOSES: dict[str, tuple[str, str]] = {
    "training_invitation": (
        _("Training invitation"),
        _("Invites mentors (or mentees) to a training session, with a link to answer."),
    ),
    "training_changed": (
        _("Training changed"),
        _("Tells those invited that the date or length of a training session changed."),
    ),
    "training_reminder": (
        _("Training reminder"),
        _("Reminds those invited who did not decline of a training session the day before."),
    ),
    "consultation_booked": (
        _("Consultation booked"),
        _(
            "Confirms a booked consultation to the person and the trainer (date only, no "
            "note; never shown in the outbox)."
        ),
    ),
    "consultation_cancelled": (
        _("Consultation cancelled"),
        _("Tells the other side that a consultation was cancelled (never shown in the outbox)."),
    ),
    "consultation_reminder": (
        _("Consultation reminder"),
        _(
            "Reminds the person and the trainer of a consultation the day before (never "
            "shown in the outbox)."
        ),
    ),
}
