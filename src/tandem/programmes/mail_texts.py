"""Built-in e-mail texts of the programmes domain (both languages).

The role invitation is always sent with the platform's own text (the invitation services
render it without the round's overrides), so nobody can send their own words to an
address through it.
"""

from django.utils.translation import gettext_lazy as _

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "role_invitation": {
        "de": (
            "Einladung: {{ role }} im Durchlauf „{{ round }}“",
            "Guten Tag {{ name }},\n\n"
            "{{ inviter }} lädt Sie ein, im Durchlauf „{{ round }}“ des Programms "
            "„{{ programme }}“ ({{ organisation }}) die Rolle „{{ role }}“ zu übernehmen.\n\n"
            "Über diesen Link nehmen Sie die Einladung an oder lehnen sie ab (gültig bis "
            "{{ expires }}):\n{{ site_url }}{{ url }}\n\n"
            "Zum Annehmen melden Sie sich mit dieser E-Mail-Adresse an oder legen mit ihr "
            "ein Konto an. Wenn Sie mit dieser Einladung nichts anfangen können, ignorieren "
            "Sie diese E-Mail einfach; ohne Ihre Zusage geschieht nichts.\n\n"
            "Viele Grüße\nIhr Tandem-Team\n",
        ),
        "en": (
            "Invitation: {{ role }} in the round “{{ round }}”",
            "Hello {{ name }},\n\n"
            "{{ inviter }} invites you to take the role “{{ role }}” in the round "
            "“{{ round }}” of the programme “{{ programme }}” ({{ organisation }}).\n\n"
            "Accept or decline the invitation through this link (valid until {{ expires }}):\n"
            "{{ site_url }}{{ url }}\n\n"
            "To accept, log in with this e-mail address or create an account with it. If this "
            "invitation means nothing to you, simply ignore this e-mail; nothing happens "
            "without your yes.\n\n"
            "Best regards\nThe Tandem team\n",
        ),
    },
}

PURPOSES: dict[str, tuple[str, str]] = {
    "role_invitation": (
        _("Invitation to a role"),
        _("Invites a person by e-mail to a role in the round."),
    ),
}

# Sent to addresses nobody has confirmed yet: always in the platform's own words.
PLATFORM_PURPOSES = {"role_invitation"}
