"""The supervisor letter (PDF): explains the programme to a participant's employer.

A plain function on plain data, so that it is testable without the database. The
letter's words are a programme text (documents/texts.py, German and English), edited by
coordinators per programme or round like the e-mail texts and filled in by the mail
engine; the PDF adds only the frame (sender, date, title).
"""

import datetime as dt
from dataclasses import dataclass, field

from fpdf import FPDF

from tandem.mail.services import render_text

from .fonts import FAMILY, add_fonts
from .texts import MAIL_TEMPLATES, SUPERVISOR_LETTER


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
    # The programme's (or round's) text as written, not yet filled in: (subject, body).
    # None: the built-in text of the language.
    text: tuple[str, str] | None = None


def letter_context(data: SupervisorLetterData) -> dict:
    """The placeholders of the letter's text (their samples are in mail/previews.py)."""
    frame = FRAME.get(data.language, FRAME["de"])
    dates = "\n".join(
        f"{label}: "
        + frame["range"].format(start=start.strftime("%d.%m.%Y"), end=end.strftime("%d.%m.%Y"))
        for label, start, end in data.phases
    )
    return {
        "name": data.person_name,
        "is_mentor": data.role == "mentor",
        "position": ", ".join(p for p in (data.person_position, data.institution_name) if p),
        "programme": data.programme_name,
        "round": data.round_name,
        "organisation": data.organisation_name,
        "months": data.tandem_months,
        "weeks": data.meeting_rhythm_weeks,
        "meeting_hours": f"{data.meeting_max_minutes / 60:g}",
        "dates": dates,
        "contact": data.contact or data.organisation_name,
    }


# What the PDF prints around the text; the letter's own words are a programme text
# (texts.py: subject and body, editable per programme and round).
FRAME = {
    "de": {
        "title": "Erläuterung für Vorgesetzte",
        "date": "Datum: {date}",
        "range": "{start} bis {end}",
    },
    "en": {"title": "Letter for supervisors", "date": "Date: {date}", "range": "{start} to {end}"},
}
DATE_FORMAT = {"de": "%d.%m.%Y", "en": "%d %B %Y"}


class _LetterPDF(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font(FAMILY, size=8)
        self.cell(0, 10, f"{self.page_no()}/{{nb}}", align="C")


def build_supervisor_letter(data: SupervisorLetterData, *, compress: bool = True) -> bytes:
    """Return the letter as PDF bytes; every name prints as written (Unicode font).

    Raises MailTextError when the programme's text cannot be filled in (the text pages
    refuse such texts, so only a text saved before a check existed can do that).
    """
    language = data.language if data.language in FRAME else "de"
    frame = FRAME[language]
    if data.text is None:
        subject, body = MAIL_TEMPLATES[SUPERVISOR_LETTER][language]
    else:
        subject, body = data.text
    subject, body = render_text(subject, body, language, letter_context(data))

    pdf = _LetterPDF(format="A4")
    add_fonts(pdf)
    pdf.set_compression(compress)
    pdf.set_title(f"{frame['title']} - {data.person_name}")
    pdf.set_author(data.organisation_name)
    pdf.set_subject(data.programme_name)
    pdf.set_creator("Tandem")
    pdf.set_lang(language)
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()

    def write(text: str, *, size: float = 10.5, style: str = "", gap: float = 2) -> None:
        pdf.set_font(FAMILY, style=style, size=size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    write(data.organisation_name, size=9, style="B", gap=0)
    write(data.programme_name, size=9, gap=6)
    issued = data.issued_on.strftime(DATE_FORMAT[language])
    pdf.set_font(FAMILY, size=10)
    pdf.cell(0, 5, frame["date"].format(date=issued), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    write(frame["title"], size=16, style="B", gap=2)
    write(subject, size=11, style="B", gap=4)
    for kind, text in blocks(body):
        if kind == "heading":
            write(text, size=12, style="B", gap=1)
        else:
            write(text, gap=4)
    return bytes(pdf.output())


def blocks(body: str) -> list[tuple[str, str]]:
    """The body as headings ("## " lines) and paragraphs (separated by empty lines)."""
    found: list[tuple[str, str]] = []
    lines: list[str] = []

    def paragraph():
        text = "\n".join(lines).strip()
        if text:
            found.append(("paragraph", text))
        lines.clear()

    for line in body.splitlines():
        if line.startswith("## "):
            paragraph()
            found.append(("heading", line[3:].strip()))
        elif not line.strip():
            paragraph()
        else:
            lines.append(line.rstrip())
    paragraph()
    return found
