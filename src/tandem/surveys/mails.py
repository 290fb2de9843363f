"""Built-in e-mail texts of surveys (coordinators may override them per round).

The mails name the survey, its link, k and the closing date; they never say who answered.
A coordinator's reminder goes to everyone asked, answered or not: sent only to those who
have not answered, the round's outbox would tell the coordinators who has. The automatic
reminders before the closing date go to those who have not answered only, and are kept
out of the round's outbox for that reason (tandem.surveys.schedule).
"""

from django.utils.translation import gettext_lazy as _

_SIGNATURE_DE = "\nViele Grüße\n{{ organisation }}\n"
_SIGNATURE_EN = "\nBest regards\n{{ organisation }}\n"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "survey_invitation": {
        "de": (
            "Ihre Meinung ist gefragt: {{ title }}",
            "Guten Tag {{ name }},\n\n"
            "im Durchlauf „{{ round }}“ ist die Befragung „{{ title }}“ geöffnet. "
            "Sie dauert wenige Minuten. Ihre Antworten werden getrennt von Ihrem Namen "
            "gespeichert und nur zusammengefasst gezeigt, und nur dort, wo mindestens "
            "{{ k }} Personen geantwortet haben. Bis zum Ende der Befragung können Sie "
            "Ihre Antworten ändern.{% if answer_by %} Antworten sind bis einschließlich "
            "{{ answer_by }} möglich.{% endif %}\n\n{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Your opinion counts: {{ title }}",
            "Hello {{ name }},\n\n"
            "the survey “{{ title }}” of the round “{{ round }}” is open. It takes a few "
            "minutes. Your answers are stored apart from your name and only shown in "
            "summary, and only where at least {{ k }} people answered. You can change your "
            "answers until the survey closes.{% if answer_by %} Answers are taken until "
            "{{ answer_by }} (inclusive).{% endif %}\n\n{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "survey_reminder": {
        "de": (
            "Erinnerung: {{ title }}",
            "Guten Tag {{ name }},\n\n"
            "die Befragung „{{ title }}“ im Durchlauf „{{ round }}“ ist noch geöffnet. "
            "Falls Sie noch nicht geantwortet haben, freuen wir uns über Ihre Antworten; "
            "gezeigt werden sie nur zusammengefasst (ab {{ k }} Antworten). Falls Sie schon "
            "geantwortet haben: vielen Dank! Bis zum Ende der Befragung können Sie Ihre "
            "Antworten noch ändern.\n\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Reminder: {{ title }}",
            "Hello {{ name }},\n\n"
            "the survey “{{ title }}” of the round “{{ round }}” is still open. If you have "
            "not answered yet, we would be glad to hear from you; answers are only shown in "
            "summary (from {{ k }} answers). If you have answered already: thank you! You can "
            "still change your answers until the survey closes.\n\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
    "survey_reminder_unanswered": {
        "de": (
            "Noch bis {{ answer_by }}: {{ title }}",
            "Guten Tag {{ name }},\n\n"
            "die Befragung „{{ title }}“ im Durchlauf „{{ round }}“ läuft noch bis "
            "einschließlich {{ answer_by }}. Wir freuen uns über Ihre Antworten; sie werden "
            "getrennt von Ihrem Namen gespeichert und nur zusammengefasst gezeigt (ab {{ k }} "
            "Antworten). Diese Erinnerung geht automatisch an alle, die noch nicht geantwortet "
            "haben; wer sie bekommt, sieht niemand im Programm.\n\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_DE,
        ),
        "en": (
            "Until {{ answer_by }}: {{ title }}",
            "Hello {{ name }},\n\n"
            "the survey “{{ title }}” of the round “{{ round }}” is open until {{ answer_by }} "
            "(inclusive). We would be glad to hear from you; answers are stored apart from "
            "your name and only shown in summary (from {{ k }} answers). This reminder goes "
            "automatically to everyone who has not answered yet; nobody in the programme "
            "sees who gets it.\n\n"
            "{{ site_url }}{{ url }}\n" + _SIGNATURE_EN,
        ),
    },
}

PURPOSES: dict[str, tuple[str, str]] = {
    "survey_invitation": (
        _("Survey invitation"),
        _("Invites the round's mentors and mentees to answer a survey when it opens."),
    ),
    "survey_reminder": (
        _("Survey reminder"),
        _(
            "Reminds everyone asked of an open survey (sent by a coordinator); it goes to all, "
            "so that the outbox does not show who has answered."
        ),
    ),
    "survey_reminder_unanswered": (
        _("Automatic survey reminder"),
        _(
            "Reminds those who have not answered an open survey, on the reminder dates before "
            "its closing date; kept out of the outbox, so that nobody sees who has answered."
        ),
    ),
}
