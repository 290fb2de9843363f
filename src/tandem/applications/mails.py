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
}

# Title and one-line description per purpose, for the coordinators' mail text pages.
PURPOSES: dict[str, tuple[str, str]] = {
    "application_submitted": (
        _("Application received"),
        _("Confirms a mentee's application and says until when it can still be changed."),
    ),
}
