"""E-mail texts of the applications area (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "application_submitted": {
        "de": (
            "Ihre Bewerbung für „{{ round }}“ ist eingegangen",
            "Guten Tag {{ name }},\n\nvielen Dank für Ihre Bewerbung als Mentee im Durchlauf "
            "„{{ round }}“. Sie ist bei uns eingegangen.\n\n"
            "{% if deadline %}Bis zum {{ deadline }} können Sie Ihre Angaben noch ändern oder "
            "die Bewerbung zurückziehen: {% else %}Ihre Bewerbung finden Sie hier: {% endif %}"
            "{{ site_url }}{{ url }}\n\n"
            "Nach dem Ende der Bewerbungsphase melden wir uns mit einem Vorschlag für ein "
            "Tandem oder mit einer Nachricht zur Auswahl.\n\nViele Grüße\nIhr Tandem-Team\n",
        ),
        "en": (
            "We have received your application for “{{ round }}”",
            "Hello {{ name }},\n\nthank you for applying as a mentee in the round "
            "“{{ round }}”. We have received your application.\n\n"
            "{% if deadline %}Until {{ deadline }} you can still change it or withdraw: "
            "{% else %}Your application: {% endif %}{{ site_url }}{{ url }}\n\n"
            "After the application phase we will get back to you with a tandem proposal or "
            "news about the selection.\n\nBest regards\nThe Tandem team\n",
        ),
    },
    "application_import_confirmation": {
        "de": (
            "Bitte bestätigen Sie Ihre Bewerbung für „{{ round }}“",
            "Guten Tag {{ name }},\n\n"
            "die Koordination von „{{ programme }}“ ({{ organisation }}) hat Ihre Bewerbung "
            "als Mentee im Durchlauf „{{ round }}“ aus „{{ source }}“ übernommen.\n\n"
            "Bitte bestätigen Sie sie über diesen Link (gültig bis {{ expires }}); erst dann "
            "zählt sie:\n{{ site_url }}{{ url }}\n\n"
            "Zum Bestätigen melden Sie sich mit dieser E-Mail-Adresse an oder legen mit ihr "
            "ein Konto an. Wenn Sie sich nicht beworben haben, lehnen Sie über den Link ab "
            "oder ignorieren diese E-Mail; ohne Ihre Bestätigung geschieht nichts.\n\n"
            "Viele Grüße\nIhr Tandem-Team\n",
        ),
        "en": (
            "Please confirm your application for “{{ round }}”",
            "Hello {{ name }},\n\n"
            "the coordinators of “{{ programme }}” ({{ organisation }}) have taken over your "
            "application as a mentee in the round “{{ round }}” from “{{ source }}”.\n\n"
            "Please confirm it through this link (valid until {{ expires }}); only then does "
            "it count:\n{{ site_url }}{{ url }}\n\n"
            "To confirm, log in with this e-mail address or create an account with it. If you "
            "did not apply, decline through the link or ignore this e-mail; nothing happens "
            "without your confirmation.\n\n"
            "Best regards\nThe Tandem team\n",
        ),
    },
}

# Title and one-line description per purpose, for the coordinators' mail text pages.
PURPOSES: dict[str, tuple[str, str]] = {
    "application_submitted": (
        _("Application received"),
        _("Confirms a mentee's application and says until when it can still be changed."),
    ),
    "application_import_confirmation": (
        _("Confirming an imported application"),
        _("Asks a person whose application was imported to confirm it."),
    ),
}

# Sent to addresses nobody has confirmed yet: always in the platform's own words.
PLATFORM_PURPOSES = {"application_import_confirmation"}
