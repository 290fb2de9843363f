"""Built-in e-mail texts of mentor recruitment (both languages; coordinators may override)."""

from django.utils.translation import gettext_lazy as _

_SIGNATURE_DE = "\nViele Grüße\n{{ coordinator }}\n{{ organisation }}\n"
_SIGNATURE_EN = "\nBest regards\n{{ coordinator }}\n{{ organisation }}\n"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "mentor_invitation": {
        "de": (
            "Einladung: Mentor*in im „{{ programme }}“ ({{ round }})",
            "Guten Tag {{ name }},\n\n"
            "wir möchten Sie herzlich einladen, im Durchlauf „{{ round }}“ des Programms "
            "„{{ programme }}“ als Mentor*in mitzuwirken.\n\n"
            "Ziele: Kolleg*innen aus anderen Einrichtungen, die vor neuen Aufgaben im Schnittfeld "
            "von Open Access und Bibliometrie stehen, begleiten Sie ein halbes Jahr lang 1:1 zu "
            "einem gemeinsamen Arbeitsthema. Sie geben Erfahrungen und Workflows weiter, die "
            "andernorts noch fehlen.\n\n"
            "Aufwand: etwa ein virtuelles Treffen im Monat von bis zu {{ meeting_hours }} Stunden "
            "über rund {{ months }} Monate, dazu eine Mentor*innen-Schulung vorab. Sie können in "
            "der Regel spontan aus Ihrem Erfahrungsschatz berichten; die Vorbereitung liegt vor "
            "allem bei den Mentees.\n\n"
            "Ertrag: eine Außensicht auf Ihr eigenes Tagesgeschäft, Beratungskompetenz (auch für "
            "Führungsaufgaben), ein größeres Netzwerk über Standorte hinweg.\n\n"
            "Mögliche Probleme: Vorgesetzte fragen nach Zeitaufwand und Vertraulichkeit. Was im "
            "Tandem besprochen wird, bleibt im Tandem; die Koordination sieht nur, ob und wann "
            "Treffen stattfinden. Für Ihre Vorgesetzten erhalten Sie ein Erläuterungsschreiben "
            "(PDF).\n\n"
            "Über Ihren persönlichen Link können Sie zusagen oder absagen (gültig bis "
            "{{ expires }}):\n{{ site_url }}{{ url }}\n\n"
            "Nach einer Zusage legen Sie ein Konto an (oder melden sich an) und füllen Ihr "
            "Mentor*innen-Profil aus.\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Invitation: mentor in “{{ programme }}” ({{ round }})",
            "Hello {{ name }},\n\n"
            "we would like to invite you to take part as a mentor in the round “{{ round }}” of "
            "the programme “{{ programme }}”.\n\n"
            "Goals: for about half a year you accompany a colleague from another institution who "
            "faces new tasks where Open Access meets bibliometrics, 1:1 and on a shared working "
            "topic. You pass on experience and workflows that are still missing elsewhere.\n\n"
            "Effort: about one virtual meeting a month of up to {{ meeting_hours }} hours for "
            "about {{ months }} months, plus a mentor training beforehand. Mentors can usually "
            "draw on their experience spontaneously; the preparation lies mostly with the "
            "mentees.\n\n"
            "What you gain: an outside view of your own daily work, consulting skills (useful for "
            "leadership tasks too), a wider network across institutions.\n\n"
            "Possible problems: supervisors ask about the time needed and about confidentiality. "
            "What a tandem discusses stays in the tandem; the coordinators only see whether and "
            "when meetings take place. You get a letter for your supervisor (PDF).\n\n"
            "Please accept or decline through your personal link (valid until {{ expires }}):\n"
            "{{ site_url }}{{ url }}\n\n"
            "After accepting you create an account (or log in) and fill in your mentor "
            "profile.\n" + _SIGNATURE_EN,
        ),
    },
    "mentor_reminder": {
        "de": (
            "Erinnerung: Einladung als Mentor*in ({{ round }})",
            "Guten Tag {{ name }},\n\n"
            "vor einiger Zeit haben wir Sie eingeladen, im Durchlauf „{{ round }}“ des Programms "
            "„{{ programme }}“ als Mentor*in mitzuwirken. Wir freuen uns über eine kurze Antwort "
            "– auch eine Absage hilft uns bei der Planung.\n\n"
            "Ihr persönlicher Link (gültig bis {{ expires }}; er ersetzt den Link aus unserer "
            "ersten E-Mail):\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Reminder: invitation to mentor ({{ round }})",
            "Hello {{ name }},\n\n"
            "some time ago we invited you to take part as a mentor in the round “{{ round }}” of "
            "the programme “{{ programme }}”. We would be glad of a short answer – a no helps "
            "our planning too.\n\n"
            "Your personal link (valid until {{ expires }}; it replaces the link in our first "
            "e-mail):\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "info_event_registration": {
        "de": (
            "Anmeldung zur Infoveranstaltung „{{ programme }}“",
            "Guten Tag {{ name }},\n\n"
            "vielen Dank für Ihre Anmeldung zur virtuellen Informationsveranstaltung des "
            "Durchlaufs „{{ round }}“.\n\n"
            "Termin: {{ when }}\n"
            "{% if video_url %}Video-Link: {{ video_url }}\n{% endif %}"
            "Kalendereintrag (.ics): {{ site_url }}{{ ics_url }}\n"
            "Alle Informationen: {{ site_url }}{{ event_url }}\n\n"
            "Dort stellen sich die Mentor*innen mit ihren fachlichen Schwerpunkten vor.\n\n"
            "Viele Grüße\n{{ organisation }}\n",
        ),
        "en": (
            "Registration for the info event “{{ programme }}”",
            "Hello {{ name }},\n\n"
            "thank you for registering for the virtual info event of the round “{{ round }}”.\n\n"
            "Date: {{ when }}\n"
            "{% if video_url %}Video link: {{ video_url }}\n{% endif %}"
            "Calendar file (.ics): {{ site_url }}{{ ics_url }}\n"
            "All information: {{ site_url }}{{ event_url }}\n\n"
            "The mentors present themselves and their topics there.\n\n"
            "Best regards\n{{ organisation }}\n",
        ),
    },
    # No name here: whoever filled in the form typed it, and the address is not confirmed.
    "info_event_confirm_address": {
        "de": (
            "Bitte bestätigen Sie Ihre Anmeldung zur Infoveranstaltung",
            "Guten Tag,\n\n"
            "über unsere Website wurde diese E-Mail-Adresse für die Informationsveranstaltung "
            "des Programms „{{ programme }}“ ({{ organisation }}) angemeldet.\n\n"
            "Bitte bestätigen Sie die Anmeldung über diesen Link; erst dann erhalten Sie "
            "Termin und Zugangsdaten:\n{{ site_url }}{{ url }}\n\n"
            "Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail einfach; Sie "
            "erhalten dann keine weiteren Nachrichten.\n\n"
            "Viele Grüße\nIhr Tandem-Team\n",
        ),
        "en": (
            "Please confirm your registration for the info event",
            "Hello,\n\n"
            "this e-mail address was registered on our website for the info event of the "
            "programme “{{ programme }}” ({{ organisation }}).\n\n"
            "Please confirm the registration through this link; only then will you receive "
            "the date and dial-in details:\n{{ site_url }}{{ url }}\n\n"
            "If you did not register, simply ignore this e-mail; you will get no further "
            "messages.\n\n"
            "Best regards\nThe Tandem team\n",
        ),
    },
}

# Title and one-line description per purpose, for the coordinators' mail text pages.
PURPOSES: dict[str, tuple[str, str]] = {
    "mentor_invitation": (
        _("Invitation to mentor"),
        _("Invites a candidate to mentor: goals, effort, yield, possible problems, personal link."),
    ),
    "mentor_reminder": (
        _("Reminder to mentor candidates"),
        _("Sent once to candidates who have not answered their invitation after some days."),
    ),
    "info_event_registration": (
        _("Registration for the info event"),
        _("Confirms a registration for the info event, with date, video link and calendar file."),
    ),
    "info_event_confirm_address": (
        _("Confirming an address for the info event"),
        _("Asks whoever registered for the info event to confirm the address (double opt-in)."),
    ),
}

# Sent to addresses nobody has confirmed yet: always in the platform's own words.
PLATFORM_PURPOSES = {"info_event_confirm_address"}
