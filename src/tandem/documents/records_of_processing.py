"""Records of processing activities (GDPR Art. 30) as a PDF, made from the registry.

Each kind of personal data the apps declare (tandem.privacy.registry), with its purpose,
who sees it and how long it is kept, for the organisation's data-protection officer.
"""

import datetime as dt
from dataclasses import dataclass

from fpdf import FPDF

from .fonts import FAMILY, add_fonts


@dataclass(frozen=True)
class Row:
    area: str
    model: str
    fields: str
    whose: str
    purpose: str
    seen_by: str
    retention: str


@dataclass(frozen=True)
class Labels:
    title: str
    intro: str
    area: str
    model: str
    fields: str
    whose: str
    purpose: str
    seen_by: str
    retention: str
    made: str


def build_records_pdf(rows: list[Row], labels: Labels, *, made_on: dt.date) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    add_fonts(pdf)
    pdf.add_page()
    pdf.set_font(FAMILY, style="B", size=15)
    pdf.multi_cell(0, 8, labels.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=9.5)
    pdf.multi_cell(0, 5, f"{labels.intro}\n{labels.made}", new_x="LMARGIN", new_y="NEXT")
    area = None
    for row in rows:
        if row.area != area:
            area = row.area
            pdf.ln(3)
            pdf.set_font(FAMILY, style="B", size=12)
            pdf.multi_cell(0, 7, f"{labels.area}: {area}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, style="B", size=10)
        pdf.multi_cell(0, 6, row.model, new_x="LMARGIN", new_y="NEXT")
        for label, value in (
            (labels.fields, row.fields),
            (labels.whose, row.whose),
            (labels.purpose, row.purpose),
            (labels.seen_by, row.seen_by),
            (labels.retention, row.retention),
        ):
            pdf.set_font(FAMILY, size=9)
            pdf.multi_cell(0, 4.6, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    return bytes(pdf.output())
