"""Built-in e-mail texts of the evaluation (coordinators may override them per round).

Interview mails carry date, length and the interviewer's name, never notes; feedback
session mails carry date, length and the link to the participant's evaluation page.
"""

from django.utils.translation import gettext_lazy as _

_SIGNATURE_DE = "\nViele Grüße\n{{ organisation }}\n"
_SIGNATURE_EN = "\nBest regards\n{{ organisation }}\n"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "evaluation_interview_planned": {
        "de": (
            "Auswertungsgespräch am {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "zum Abschluss des Durchlaufs „{{ round }}“ möchten wir mit Ihnen in einem "
            "Einzelgespräch auf das Programm zurückblicken. {{ partner }} führt das Gespräch: "
            "{{ when }} ({{ time_zone }}), {{ minutes }} Minuten.\n\n"
            "Ort oder Link und die Kalenderdatei:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Evaluation interview on {{ when }}",
            "Hello {{ name }},\n\n"
            "at the end of the round “{{ round }}” we would like to look back on the "
            "programme with you in an individual interview. {{ partner }} leads it: "
            "{{ when }} ({{ time_zone }}), {{ minutes }} minutes.\n\n"
            "Place or link and the calendar file:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "evaluation_interview_changed": {
        "de": (
            "Auswertungsgespräch verschoben: {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "Ihr Auswertungsgespräch mit {{ partner }} findet jetzt statt: {{ when }} "
            "({{ time_zone }}), {{ minutes }} Minuten.\n\n"
            "Einzelheiten und die neue Kalenderdatei:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Evaluation interview moved: {{ when }}",
            "Hello {{ name }},\n\n"
            "your evaluation interview with {{ partner }} now takes place on {{ when }} "
            "({{ time_zone }}), {{ minutes }} minutes.\n\n"
            "Details and the new calendar file:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "evaluation_interview_booked": {
        "de": (
            "Auswertungsgespräch gebucht: {{ partner }} am {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} hat einen Ihrer Termine für ein Auswertungsgespräch im Durchlauf "
            "„{{ round }}“ gebucht: {{ when }} ({{ time_zone }}), {{ minutes }} Minuten.\n\n"
            "Das Gespräch, der Leitfaden für Ihre Notizen und die Kalenderdatei:\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Evaluation interview booked: {{ partner }} on {{ when }}",
            "Hello {{ name }},\n\n"
            "{{ partner }} has booked one of your evaluation interview slots in the round "
            "“{{ round }}”: {{ when }} ({{ time_zone }}), {{ minutes }} minutes.\n\n"
            "The interview, the guide for your notes and the calendar file:\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "evaluation_interview_booking_cancelled": {
        "de": (
            "Gebuchtes Auswertungsgespräch abgesagt: {{ partner }} am {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "{{ partner }} hat das gebuchte Auswertungsgespräch am {{ when }} ({{ time_zone }}) "
            "abgesagt. Der Termin ist wieder frei und kann neu gebucht werden.\n\n"
            "Das Gespräch:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Booked evaluation interview cancelled: {{ partner }} on {{ when }}",
            "Hello {{ name }},\n\n"
            "{{ partner }} has cancelled the booked evaluation interview on {{ when }} "
            "({{ time_zone }}). The slot is free again and can be booked anew.\n\n"
            "The interview:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "evaluation_interview_cancelled": {
        "de": (
            "Auswertungsgespräch am {{ when }} abgesagt",
            "Guten Tag {{ name }},\n\n"
            "das Auswertungsgespräch am {{ when }} ({{ time_zone }}) ist abgesagt. "
            "Wir melden uns mit einem neuen Termin.\n\n"
            "Ihre Übersicht:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Evaluation interview on {{ when }} cancelled",
            "Hello {{ name }},\n\n"
            "the evaluation interview on {{ when }} ({{ time_zone }}) is cancelled. "
            "We will get in touch with a new date.\n\n"
            "Your overview:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "feedback_session_invitation": {
        "de": (
            "Einladung zur Abschluss-Feedbackrunde am {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "zum Abschluss des Durchlaufs „{{ round }}“ laden wir Sie zur gemeinsamen "
            "Feedbackrunde ein: {{ when }} ({{ time_zone }}), {{ minutes }} Minuten.\n\n"
            "Ort oder Link und die Kalenderdatei:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Invitation to the closing feedback session on {{ when }}",
            "Hello {{ name }},\n\n"
            "to close the round “{{ round }}” we invite you to the joint feedback session: "
            "{{ when }} ({{ time_zone }}), {{ minutes }} minutes.\n\n"
            "Place or link and the calendar file:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "feedback_session_changed": {
        "de": (
            "Feedbackrunde geändert: {{ when }}",
            "Guten Tag {{ name }},\n\n"
            "die Abschluss-Feedbackrunde des Durchlaufs „{{ round }}“ wurde geändert. Sie "
            "findet jetzt statt: {{ when }} ({{ time_zone }}), {{ minutes }} Minuten.\n\n"
            "Einzelheiten und die neue Kalenderdatei:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Feedback session changed: {{ when }}",
            "Hello {{ name }},\n\n"
            "the closing feedback session of the round “{{ round }}” has changed. It now "
            "takes place on {{ when }} ({{ time_zone }}), {{ minutes }} minutes.\n\n"
            "Details and the new calendar file:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "feedback_session_cancelled": {
        "de": (
            "Feedbackrunde am {{ when }} abgesagt",
            "Guten Tag {{ name }},\n\n"
            "die Abschluss-Feedbackrunde des Durchlaufs „{{ round }}“ am {{ when }} "
            "({{ time_zone }}) ist abgesagt.\n\n"
            "Ihre Übersicht:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Feedback session on {{ when }} cancelled",
            "Hello {{ name }},\n\n"
            "the closing feedback session of the round “{{ round }}” on {{ when }} "
            "({{ time_zone }}) is cancelled.\n\n"
            "Your overview:\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
}

# Title and one-line description per purpose, for the coordinators' mail text pages.
PURPOSES: dict[str, tuple[str, str]] = {
    "evaluation_interview_planned": (
        _("Evaluation interview planned"),
        _("Tells a participant the date of their evaluation interview (never any notes)."),
    ),
    "evaluation_interview_changed": (
        _("Evaluation interview moved"),
        _("Tells a participant the new date or length of their evaluation interview."),
    ),
    "evaluation_interview_booked": (
        _("Evaluation interview booked"),
        _("Tells the interviewer that a participant booked one of their slots (never notes)."),
    ),
    "evaluation_interview_booking_cancelled": (
        _("Booked evaluation interview cancelled"),
        _("Tells the interviewer that a participant cancelled a booked interview."),
    ),
    "evaluation_interview_cancelled": (
        _("Evaluation interview cancelled"),
        _("Tells a participant that their evaluation interview is cancelled."),
    ),
    "feedback_session_invitation": (
        _("Feedback session invitation"),
        _("Invites the round's mentors and mentees to the closing feedback session."),
    ),
    "feedback_session_changed": (
        _("Feedback session changed"),
        _("Tells those invited that the date or length of the feedback session changed."),
    ),
    "feedback_session_cancelled": (
        _("Feedback session cancelled"),
        _("Tells those invited that the feedback session is cancelled."),
    ),
}
