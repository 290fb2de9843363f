"""The results of a survey as XLSX and PDF — both written from ``results.rows`` alone.

Neither export reads a response: they get the SurveyResults that the results page shows,
so the k-rule holds for them by construction (tests/surveys/test_k_rule.py reads both
files back and checks it anyway).
"""

import io

from django.utils.translation import gettext as _
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Font

from tandem.documents.fonts import FAMILY, add_fonts

from .results import SurveyResults, rows

# A cell starting like a formula is shown as text, never computed (people typed it).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _headers() -> list[str]:
    return [_("Question"), _("Group"), _("Answers (n)"), _("Answer"), _("Count"), _("Share")]


def results_xlsx(results: SurveyResults) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Results")[:31]
    sheet.append([results.title])
    sheet.append([_("k (smallest group shown)"), results.k])
    sheet.append([_("Answered"), results.respondents, _("invited"), results.invited])
    sheet.append([])
    sheet.append(_headers())
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    for row in rows(results):
        sheet.append([_cell(value) for value in row])
        if row[5] is not None:
            sheet.cell(row=sheet.max_row, column=6).number_format = "0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def results_pdf(results: SurveyResults, *, language: str = "de", compress: bool = True) -> bytes:
    pdf = FPDF(format="A4")
    add_fonts(pdf)
    pdf.set_compression(compress)
    pdf.set_title(results.title)
    pdf.set_creator("Tandem")
    pdf.set_lang(language)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()

    def write(text: str, *, size: float = 10, style: str = "", gap: float = 1) -> None:
        pdf.set_font(FAMILY, style=style, size=size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    write(results.title, size=16, style="B", gap=2)
    write(
        _("%(answered)s of %(invited)s answered. Shown only where at least %(k)s answered.")
        % {"answered": results.respondents, "invited": results.invited, "k": results.k},
        gap=4,
    )
    current = None
    for question, group, n, answer, count, share in rows(results):
        if question != current:
            current = question
            write(question, size=11, style="B", gap=1)
        if count is None and share is None:
            write(f"• {answer}" if group else answer, size=9)
            continue
        percent = f"{share:.0%}" if share is not None else ""
        shown_count = f"{count}" if count is not None else ""
        write(f"{group} (n = {n}): {answer} — {shown_count} {percent}".strip(), size=9, gap=0.5)
    return bytes(pdf.output())
