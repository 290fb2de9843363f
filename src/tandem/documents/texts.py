"""Built-in texts of the printed documents, kept and edited like the e-mail texts.

Each document is one purpose of the mail engine's allow-list (``mail.defaults``): its
subject is the document's subject line, its body the text. In the body a line starting
with "## " is a heading; everything else is paragraphs. Coordinators edit the texts per
programme (or per round) on the same pages as the e-mail texts; the purposes are marked
as printed (``DOCUMENT_PURPOSES``), so they never appear in an outbox.

A later document (e.g. the certificate wording) adds one entry to MAIL_TEMPLATES and
PURPOSES here (or in its own app's module, registered the same way), uses placeholders
that previews.py has samples for, and fills it in with ``fill_document``.
"""

from django.utils.translation import gettext_lazy as _

SUPERVISOR_LETTER = "supervisor_letter"

MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    SUPERVISOR_LETTER: {
        "de": (
            "Teilnahme von {{ name }} am Mentoring-Programm „{{ programme }}“ ({{ round }})",
            "Sehr geehrte Damen und Herren,\n\n"
            "{% if is_mentor %}{{ name }}{% if position %} ({{ position }}){% endif %} wurde "
            "eingeladen, im Durchlauf „{{ round }}“ des Programms „{{ programme }}“ als "
            "Mentor*in mitzuwirken.{% else %}{{ name }}{% if position %} ({{ position }})"
            "{% endif %} nimmt am Durchlauf „{{ round }}“ des Programms „{{ programme }}“ als "
            "Mentee teil bzw. bewirbt sich darum.{% endif %} Dieses Schreiben erläutert Ziele, "
            "Aufwand und Vertraulichkeit des Programms.\n\n"
            "## Ziele\n"
            "Im themenzentrierten Peer-to-Peer-Mentoring begleiten erfahrene Kolleg*innen "
            "Beschäftigte anderer wissenschaftlicher Bibliotheken, die vor neuen Aufgaben im "
            "Schnittfeld von Open Access und Bibliometrie stehen. Ausgangspunkt ist ein "
            "gemeinsames Arbeitsthema, nicht die Laufbahn. Ziel ist es, Praktiken vor Ort zu "
            "reflektieren, bewährte Workflows und Strukturen weiterzugeben und das berufliche "
            "Netzwerk über Standorte hinweg zu stärken.\n\n"
            "## Aufwand\n"
            "Die Tandems treffen sich über etwa {{ months }} Monate ungefähr alle {{ weeks }} "
            "Wochen virtuell, jeweils bis zu {{ meeting_hours }} Stunden. Mentees planen etwa "
            "ebenso viel Zeit für Vor- und Nachbereitung ein. Mentor*innen nehmen vorab an "
            "einer Schulung teil.\n\n"
            "## Termine\n"
            "{{ dates }}\n\n"
            "## Vertraulichkeit\n"
            "Das Tandem ist ein geschützter Raum: Inhalte der Gespräche, Notizen und Ziele "
            "bleiben zwischen Mentor*in und Mentee. Die Koordination sieht nur Metadaten, etwa "
            "ob und wann Treffen stattfinden. Interne Informationen der Einrichtung müssen "
            "nicht offengelegt werden; was geteilt wird, entscheiden die Teilnehmenden selbst."
            "\n\n"
            "## Nutzen für Ihre Einrichtung\n"
            "Ihre Einrichtung gewinnt eine Außensicht auf eigene Dienstleistungen, Zugang zu "
            "Erfahrungen anderer Standorte und eine Maßnahme der Personalentwicklung: "
            "Mentor*innen erwerben Beratungs- und Führungskompetenzen, Mentees erschließen sich "
            "neue Aufgabenfelder. Die Teilnahme lässt sich gut mit Entwicklungs- und "
            "Karriereplänen in Ihrer Einrichtung verbinden.\n\n"
            "Für Rückfragen stehen wir Ihnen gerne zur Verfügung.\n\n"
            "Mit freundlichen Grüßen\n"
            "{{ contact }}\n",
        ),
        "en": (
            "Participation of {{ name }} in the mentoring programme “{{ programme }}” "
            "({{ round }})",
            "Dear Sir or Madam,\n\n"
            "{% if is_mentor %}{{ name }}{% if position %} ({{ position }}){% endif %} has been "
            "invited to take part as a mentor in the round “{{ round }}” of the programme "
            "“{{ programme }}”.{% else %}{{ name }}{% if position %} ({{ position }}){% endif %} "
            "takes part in (or applies for) the round “{{ round }}” of the programme "
            "“{{ programme }}” as a mentee.{% endif %} This letter explains the goals, the "
            "effort and the confidentiality of the programme.\n\n"
            "## Goals\n"
            "In this topic-centred peer-to-peer mentoring, experienced colleagues accompany "
            "staff of other academic libraries who face new tasks where Open Access meets "
            "bibliometrics. The starting point is a shared working topic, not a career path. "
            "The aim is to reflect on local practice, pass on proven workflows and structures, "
            "and strengthen professional networks across institutions.\n\n"
            "## Effort\n"
            "For about {{ months }} months the tandems meet virtually about every {{ weeks }} "
            "weeks, for up to {{ meeting_hours }} hours each. Mentees plan about the same time "
            "again for preparation. Mentors attend a training beforehand.\n\n"
            "## Dates\n"
            "{{ dates }}\n\n"
            "## Confidentiality\n"
            "A tandem is a protected space: the contents of conversations, notes and goals stay "
            "between mentor and mentee. The coordinators only see metadata, such as whether and "
            "when meetings take place. Internal information of your institution need not be "
            "disclosed; participants decide themselves what they share.\n\n"
            "## Benefit for your institution\n"
            "Your institution gains an outside view of its services, access to the experience "
            "of other institutions and a staff development measure: mentors build consulting "
            "and leadership skills, mentees open up new fields of work. Participation fits well "
            "with development and career plans in your institution.\n\n"
            "Please do not hesitate to contact us with any questions.\n\n"
            "Kind regards\n"
            "{{ contact }}\n",
        ),
    },
}

PURPOSES = {
    SUPERVISOR_LETTER: (
        _("Letter for supervisors (PDF)"),
        _(
            "Printed: explains goals, effort, dates and confidentiality to a mentor's or "
            "mentee's employer. The subject is the letter's subject line; lines starting "
            "with “## ” are headings."
        ),
    ),
}
