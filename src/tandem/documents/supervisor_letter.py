"""The supervisor letter (PDF): explains the programme to a participant's employer.

A plain function on plain data, so that it is testable without the database. The
texts are data in both languages (German and English).
"""

import datetime as dt
from dataclasses import dataclass, field

from fpdf import FPDF

from .fonts import FAMILY, add_fonts


@dataclass
class SupervisorLetterData:
    language: str  # "de" or "en"
    person_name: str
    role: str  # "mentor" or "mentee"
    programme_name: str
    round_name: str
    organisation_name: str
    person_position: str = ""
    institution_name: str = ""
    meeting_rhythm_weeks: int = 4
    meeting_max_minutes: int = 120
    tandem_months: int = 6
    # (label, starts_on, ends_on) in lifecycle order
    phases: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    contact: str = ""
    issued_on: dt.date = field(default_factory=dt.date.today)


TEXTS = {
    "de": {
        "title": "Erläuterung für Vorgesetzte",
        "subject": "Teilnahme von {name} am Mentoring-Programm „{programme}“ ({round})",
        "greeting": "Sehr geehrte Damen und Herren,",
        "intro_mentor": (
            "{name}{position_part} wurde eingeladen, im Durchlauf „{round}“ des Programms "
            "„{programme}“ als Mentor*in mitzuwirken. Dieses Schreiben erläutert Ziele, Aufwand "
            "und Vertraulichkeit des Programms."
        ),
        "intro_mentee": (
            "{name}{position_part} nimmt am Durchlauf „{round}“ des Programms „{programme}“ als "
            "Mentee teil bzw. bewirbt sich darum. Dieses Schreiben erläutert Ziele, Aufwand und "
            "Vertraulichkeit des Programms."
        ),
        "goals_h": "Ziele",
        "goals": (
            "Im themenzentrierten Peer-to-Peer-Mentoring begleiten erfahrene Kolleg*innen "
            "Beschäftigte anderer wissenschaftlicher Bibliotheken, die vor neuen Aufgaben im "
            "Schnittfeld von Open Access und Bibliometrie stehen. Ausgangspunkt ist ein "
            "gemeinsames Arbeitsthema, nicht die Laufbahn. Ziel ist es, Praktiken vor Ort zu "
            "reflektieren, bewährte Workflows und Strukturen weiterzugeben und das berufliche "
            "Netzwerk über Standorte hinweg zu stärken."
        ),
        "effort_h": "Aufwand",
        "effort": (
            "Die Tandems treffen sich über etwa {months} Monate ungefähr alle {weeks} Wochen "
            "virtuell, jeweils bis zu {hours} Stunden. Mentees planen etwa ebenso viel Zeit für "
            "Vor- und Nachbereitung ein. Mentor*innen nehmen vorab an einer Schulung teil."
        ),
        "dates_h": "Termine",
        "confidentiality_h": "Vertraulichkeit",
        "confidentiality": (
            "Das Tandem ist ein geschützter Raum: Inhalte der Gespräche, Notizen und Ziele "
            "bleiben zwischen Mentor*in und Mentee. Die Koordination sieht nur Metadaten, etwa "
            "ob und wann Treffen stattfinden. Interne Informationen der Einrichtung müssen "
            "nicht offengelegt werden; was geteilt wird, entscheiden die Teilnehmenden selbst."
        ),
        "benefit_h": "Nutzen für Ihre Einrichtung",
        "benefit": (
            "Ihre Einrichtung gewinnt eine Außensicht auf eigene Dienstleistungen, Zugang zu "
            "Erfahrungen anderer Standorte und eine Maßnahme der Personalentwicklung: "
            "Mentor*innen erwerben Beratungs- und Führungskompetenzen, Mentees erschließen sich "
            "neue Aufgabenfelder. Die Teilnahme lässt sich gut mit Entwicklungs- und "
            "Karriereplänen in Ihrer Einrichtung verbinden."
        ),
        "closing": "Für Rückfragen stehen wir Ihnen gerne zur Verfügung.",
        "regards": "Mit freundlichen Grüßen",
        "date": "Datum: {date}",
        "date_format": "%d.%m.%Y",
        "range": "{start} bis {end}",
    },
    "en": {
        "title": "Letter for supervisors",
        "subject": "Participation of {name} in the mentoring programme “{programme}” ({round})",
        "greeting": "Dear Sir or Madam,",
        "intro_mentor": (
            "{name}{position_part} has been invited to take part as a mentor in the round "
            "“{round}” of the programme “{programme}”. This letter explains the goals, the "
            "effort and the confidentiality of the programme."
        ),
        "intro_mentee": (
            "{name}{position_part} takes part in (or applies for) the round “{round}” of the "
            "programme “{programme}” as a mentee. This letter explains the goals, the effort and "
            "the confidentiality of the programme."
        ),
        "goals_h": "Goals",
        "goals": (
            "In this topic-centred peer-to-peer mentoring, experienced colleagues accompany staff "
            "of other academic libraries who face new tasks where Open Access meets "
            "bibliometrics. The starting point is a shared working topic, not a career path. The "
            "aim is to reflect on local practice, pass on proven workflows and structures, and "
            "strengthen professional networks across institutions."
        ),
        "effort_h": "Effort",
        "effort": (
            "For about {months} months the tandems meet virtually about every {weeks} weeks, for "
            "up to {hours} hours each. Mentees plan about the same time again for preparation. "
            "Mentors attend a training beforehand."
        ),
        "dates_h": "Dates",
        "confidentiality_h": "Confidentiality",
        "confidentiality": (
            "A tandem is a protected space: the contents of conversations, notes and goals stay "
            "between mentor and mentee. The coordinators only see metadata, such as whether and "
            "when meetings take place. Internal information of your institution need not be "
            "disclosed; participants decide themselves what they share."
        ),
        "benefit_h": "Benefit for your institution",
        "benefit": (
            "Your institution gains an outside view of its services, access to the experience "
            "of other institutions and a staff development measure: mentors build consulting and "
            "leadership skills, mentees open up new fields of work. Participation fits well with "
            "development and career plans in your institution."
        ),
        "closing": "Please do not hesitate to contact us with any questions.",
        "regards": "Kind regards",
        "date": "Date: {date}",
        "date_format": "%d %B %Y",
        "range": "{start} to {end}",
    },
}


class _LetterPDF(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font(FAMILY, size=8)
        self.cell(0, 10, f"{self.page_no()}/{{nb}}", align="C")


def build_supervisor_letter(data: SupervisorLetterData, *, compress: bool = True) -> bytes:
    """Return the letter as PDF bytes; every name prints as written (Unicode font)."""
    texts = TEXTS.get(data.language, TEXTS["de"])
    values = {
        "name": data.person_name,
        "programme": data.programme_name,
        "round": data.round_name,
        "months": data.tandem_months,
        "weeks": data.meeting_rhythm_weeks,
        "hours": f"{data.meeting_max_minutes / 60:g}",
        "position_part": _position_part(data),
    }

    pdf = _LetterPDF(format="A4")
    add_fonts(pdf)
    pdf.set_compression(compress)
    pdf.set_title(f"{texts['title']} - {data.person_name}")
    pdf.set_author(data.organisation_name)
    pdf.set_subject(data.programme_name)
    pdf.set_creator("Tandem")
    pdf.set_lang(data.language)
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()

    def write(text: str, *, size: float = 10.5, style: str = "", gap: float = 2) -> None:
        pdf.set_font(FAMILY, style=style, size=size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    write(data.organisation_name, size=9, style="B", gap=0)
    write(data.programme_name, size=9, gap=6)
    issued = data.issued_on.strftime(texts["date_format"])
    pdf.set_font(FAMILY, size=10)
    pdf.cell(0, 5, texts["date"].format(date=issued), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    write(texts["title"], size=16, style="B", gap=2)
    write(texts["subject"].format(**values), size=11, style="B", gap=4)
    write(texts["greeting"])
    intro = texts["intro_mentor"] if data.role == "mentor" else texts["intro_mentee"]
    write(intro.format(**values), gap=4)
    for key in ("goals", "effort"):
        write(texts[f"{key}_h"], size=12, style="B", gap=1)
        write(texts[key].format(**values), gap=4)
    if data.phases:
        write(texts["dates_h"], size=12, style="B", gap=1)
        pdf.set_font(FAMILY, size=10)
        for label, start, end in data.phases:
            span = texts["range"].format(
                start=start.strftime("%d.%m.%Y"), end=end.strftime("%d.%m.%Y")
            )
            pdf.cell(70, 5.5, label)
            pdf.cell(0, 5.5, span, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    for key in ("confidentiality", "benefit"):
        write(texts[f"{key}_h"], size=12, style="B", gap=1)
        write(texts[key].format(**values), gap=4)
    write(texts["closing"], gap=4)
    write(texts["regards"], gap=1)
    write(data.contact or data.organisation_name, style="B")
    return bytes(pdf.output())


def _position_part(data: SupervisorLetterData) -> str:
    parts = [part for part in (data.person_position, data.institution_name) if part]
    return f" ({', '.join(parts)})" if parts else ""
