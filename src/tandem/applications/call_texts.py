"""The call page's own words: a programme text like the e-mail texts, shown on the page.

Subject: the heading of the section that says what the programme is; body: its text
(paragraphs separated by empty lines). Coordinators edit it per programme or round; the
placeholders are those the built-in text uses (programme) and site_url.
"""

from django.utils.translation import gettext_lazy as _

CALL_TEXT = "call_page"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    CALL_TEXT: {
        "de": (
            "Was das Programm ist",
            "In „{{ programme }}“ arbeiten im Tandem eine "
            "erfahrene Praktikerin oder ein erfahrener Praktiker (Mentor*in) und eine "
            "Kollegin oder ein Kollege vor neuen Aufgaben (Mentee) eins zu eins an einem "
            "gemeinsamen Arbeitsthema. Mentor*innen haben mehr Erfahrung mit dem Thema, "
            "nicht unbedingt eine höhere Position.\n",
        ),
        "en": (
            "What the programme is",
            "In “{{ programme }}”, an experienced "
            "practitioner (mentor) and a colleague facing new tasks (mentee) work together "
            "one to one on a shared working topic. Mentors have more experience with the "
            "topic, not necessarily a higher position.\n",
        ),
    }
}

PURPOSES = {
    CALL_TEXT: (
        _("Call page: what the programme is"),
        _(
            "Shown on the round's public call page above the effort and the dates. The "
            "subject is the section's heading."
        ),
    )
}
