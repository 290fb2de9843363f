"""Built-in e-mail texts, per purpose and language, as Django template strings.

A coordinator can override each of them (MailTemplate); these are the fall-back.
Other apps register their purposes by adding keys here.
"""

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
