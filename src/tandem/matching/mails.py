"""Built-in e-mail texts of selection and matching (coordinators may override per round)."""

from django.utils.translation import gettext_lazy as _

_SIGNATURE_DE = "\nViele Grüße\n{{ organisation }}\n"
_SIGNATURE_EN = "\nBest regards\n{{ organisation }}\n"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "proposal_to_mentee": {
        "de": (
            "Ihr Tandem-Vorschlag im „{{ programme }}“",
            "Guten Tag {{ name }},\n\n"
            "für den Durchlauf „{{ round }}“ schlagen wir Ihnen {{ partner }} "
            "({{ partner_institution }}) als Mentor*in vor. Gemeinsame Themen: {{ topics }}.\n\n"
            "Bitte sagen Sie uns bis {{ answer_by }}, ob das für Sie passt:\n"
            "{{ site_url }}{{ url }}\n\n"
            "Ein Tandem entsteht erst, wenn Sie beide zustimmen. Wenn es nicht passt, "
            "suchen wir einen neuen Vorschlag.\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Your tandem proposal in “{{ programme }}”",
            "Hello {{ name }},\n\n"
            "for the round “{{ round }}” we propose {{ partner }} ({{ partner_institution }}) "
            "as your mentor. Shared topics: {{ topics }}.\n\n"
            "Please tell us by {{ answer_by }} whether this fits you:\n"
            "{{ site_url }}{{ url }}\n\n"
            "A tandem only comes about when both of you agree. If it does not fit, we look "
            "for a new proposal.\n" + _SIGNATURE_EN,
        ),
    },
    "proposal_to_mentor": {
        "de": (
            "Tandem-Vorschlag: {{ partner }} im „{{ programme }}“",
            "Guten Tag {{ name }},\n\n"
            "für den Durchlauf „{{ round }}“ schlagen wir Ihnen {{ partner }} "
            "({{ partner_institution }}) als Mentee vor. Gemeinsame Themen: {{ topics }}.\n\n"
            "Die Erwartungen und Vorhaben von {{ partner }} finden Sie hier; bitte sagen Sie "
            "uns bis {{ answer_by }}, ob das für Sie passt:\n{{ site_url }}{{ url }}\n\n"
            "Ein Tandem entsteht erst, wenn Sie beide zustimmen.\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Tandem proposal: {{ partner }} in “{{ programme }}”",
            "Hello {{ name }},\n\n"
            "for the round “{{ round }}” we propose {{ partner }} ({{ partner_institution }}) "
            "as your mentee. Shared topics: {{ topics }}.\n\n"
            "You find the expectations and projects of {{ partner }} here; please tell us by "
            "{{ answer_by }} whether this fits you:\n{{ site_url }}{{ url }}\n\n"
            "A tandem only comes about when both of you agree.\n" + _SIGNATURE_EN,
        ),
    },
    "tandem_formed": {
        "de": (
            "Ihr Tandem steht: {{ partner }}",
            "Guten Tag {{ name }},\n\n"
            "Sie und {{ partner }} haben beide zugestimmt: Ihr Tandem im Durchlauf "
            "„{{ round }}“ steht. Sie erreichen {{ partner }} unter {{ partner_email }}.\n\n"
            "Als Nächstes vereinbaren Sie ein erstes Treffen. Was Sie im Tandem besprechen, "
            "bleibt im Tandem.\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Your tandem is set: {{ partner }}",
            "Hello {{ name }},\n\n"
            "you and {{ partner }} have both agreed: your tandem in the round “{{ round }}” "
            "is set. You can reach {{ partner }} at {{ partner_email }}.\n\n"
            "Next, please arrange a first meeting. What you discuss in the tandem stays in "
            "the tandem.\n" + _SIGNATURE_EN,
        ),
    },
    "proposal_declined": {
        "de": (
            "Vorschlag abgelehnt im Durchlauf „{{ round }}“",
            "Guten Tag,\n\n"
            "ein Tandem-Vorschlag im Durchlauf „{{ round }}“ wurde abgelehnt "
            "({{ side }}). Das Paar ist für weitere Läufe ausgeschlossen; ein neuer "
            "Matching-Lauf sucht einen anderen Vorschlag, die zugesagten Paare bleiben.\n"
            "{{ site_url }}{{ url }}\n",
        ),
        "en": (
            "Proposal declined in the round “{{ round }}”",
            "Hello,\n\n"
            "a tandem proposal in the round “{{ round }}” was declined ({{ side }}). The pair "
            "is excluded from further runs; a new matching run looks for another proposal and "
            "keeps the agreed pairs.\n{{ site_url }}{{ url }}\n",
        ),
    },
    "proposal_withdrawn": {
        "de": (
            "Tandem-Vorschlag zurückgezogen ({{ round }})",
            "Guten Tag {{ name }},\n\n"
            "die Koordination hat den Tandem-Vorschlag mit {{ partner }} im Durchlauf "
            "„{{ round }}“ zurückgezogen. Sie brauchen darauf nicht mehr zu antworten; wenn "
            "es einen neuen Vorschlag für Sie gibt, schreiben wir Ihnen.\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Tandem proposal taken back ({{ round }})",
            "Hello {{ name }},\n\n"
            "the coordinators have taken back the tandem proposal with {{ partner }} in the "
            "round “{{ round }}”. You need not answer it any more; if there is a new proposal "
            "for you, we will write to you.\n" + _SIGNATURE_EN,
        ),
    },
    "proposal_reminder": {
        "de": (
            "Erinnerung: Ihre Antwort zum Tandem-Vorschlag bis {{ answer_by }}",
            "Guten Tag {{ name }},\n\n"
            "zum Tandem-Vorschlag mit {{ partner }} im Durchlauf „{{ round }}“ fehlt noch "
            "Ihre Antwort. Bitte sagen Sie uns bis {{ answer_by }}, ob er für Sie passt:\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Reminder: your answer to the tandem proposal by {{ answer_by }}",
            "Hello {{ name }},\n\n"
            "we have not yet had your answer to the tandem proposal with {{ partner }} in the "
            "round “{{ round }}”. Please tell us by {{ answer_by }} whether it fits you:\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "proposal_extended": {
        "de": (
            "Mehr Zeit für Ihre Antwort: bis {{ answer_by }}",
            "Guten Tag {{ name }},\n\n"
            "die Frist für Ihre Antwort zum Tandem-Vorschlag mit {{ partner }} im Durchlauf "
            "„{{ round }}“ ist verlängert. Bitte antworten Sie bis {{ answer_by }}:\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "More time for your answer: until {{ answer_by }}",
            "Hello {{ name }},\n\n"
            "the date for your answer to the tandem proposal with {{ partner }} in the round "
            "“{{ round }}” has been extended. Please answer by {{ answer_by }}:\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "proposal_lapsed": {
        "de": (
            "Tandem-Vorschlag ohne Antwort beendet ({{ round }})",
            "Guten Tag {{ name }},\n\n"
            "zum Tandem-Vorschlag mit {{ partner }} im Durchlauf „{{ round }}“ kamen bis "
            "{{ answer_by }} nicht beide Antworten. Der Vorschlag gilt daher als abgelehnt; "
            "Sie brauchen nicht mehr zu antworten. Wenn es einen neuen Vorschlag für Sie "
            "gibt, schreiben wir Ihnen.\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Tandem proposal closed without an answer ({{ round }})",
            "Hello {{ name }},\n\n"
            "for the tandem proposal with {{ partner }} in the round “{{ round }}” we did not "
            "have both answers by {{ answer_by }}. The proposal therefore counts as declined; "
            "you need not answer it any more. If there is a new proposal for you, we will "
            "write to you.\n" + _SIGNATURE_EN,
        ),
    },
}

PURPOSES: dict[str, tuple[str, str]] = {
    "proposal_to_mentee": (
        _("Tandem proposal to the mentee"),
        _("Proposes a mentor and asks the mentee to accept or decline by a date."),
    ),
    "proposal_to_mentor": (
        _("Tandem proposal to the mentor"),
        _("Proposes a mentee and asks the mentor to accept or decline by a date."),
    ),
    "tandem_formed": (
        _("Tandem formed"),
        _("Tells both persons that they agreed and how to reach each other."),
    ),
    "proposal_withdrawn": (
        _("Proposal taken back"),
        _("Tells both persons that the coordinators took a sent proposal back."),
    ),
    "proposal_declined": (
        _("Proposal declined (to coordinators)"),
        _("Tells the coordinators that a proposal was declined, without the comment."),
    ),
    "proposal_reminder": (
        _("Reminder to answer a proposal"),
        _("Reminds whoever has not answered, a few days before the date and on the day."),
    ),
    "proposal_extended": (
        _("Date for answers extended"),
        _("Tells whoever has not answered the new date for answers."),
    ),
    "proposal_lapsed": (
        _("Proposal closed without an answer"),
        _("Tells both persons that silence counted as a decline."),
    ),
}
