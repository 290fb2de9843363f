"""The round report as PDF (fpdf2, the embedded Unicode font, charts drawn natively) and
its data as XLSX (openpyxl). Both are made from ``tandem.evaluation.report.round_report``
through ``report_tables``, so they hold the same figures as the page.
"""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from openpyxl import Workbook

from tandem.applications.exports import safe_cell
from tandem.core.charts import draw_chart_pdf
from tandem.documents.fonts import add_fonts
from tandem.surveys.results import rows as survey_rows

from .report_charts import report_charts


def _number(value):
    return "–" if value is None else value


def _percent(value):
    return "–" if value is None else f"{value} %"


def report_tables(report) -> list[tuple[str, list[str], list[list]]]:
    """The report's figures as (title, headers, rows), in the page's order."""
    a, m, e, c = report.applications, report.meetings, report.evaluation, report.consultations
    tables = [
        (
            _("Applications and places"),
            [_("Figure"), _("Number")],
            [
                [_("Applications submitted"), a.submitted],
                [_("Applications active"), a.active],
                [_("Admitted"), a.admitted],
                [_("Declined"), a.declined],
                [_("Withdrawn"), a.withdrawn],
                [_("Mentors"), a.mentors],
                [_("Places offered by the mentors"), a.places],
                [_("Tandems"), a.tandems],
            ],
        ),
        (
            _("Topics demanded and offered"),
            [_("Topic"), _("Mentees"), _("Mentors")],
            [[row.label, row.mentees, _number(row.mentors)] for row in report.topics],
        ),
        (
            _("Institution types"),
            [_("Type"), _("Mentees"), _("Mentors")],
            [[row.label, row.mentees, row.mentors] for row in report.institution_types],
        ),
        (
            _("Institution sizes"),
            [_("Size"), _("Mentees"), _("Mentors")],
            [[row.label, row.mentees, row.mentors] for row in report.institution_sizes],
        ),
    ]
    if report.matching is not None:
        r = report.matching
        tables.append(
            (
                _("Matching"),
                [_("Figure"), _("Value")],
                [
                    [_("Matching runs"), r.runs],
                    [_("Run shown"), r.run_number],
                    [_("Mode"), r.mode],
                    [_("Applicants considered"), r.applicants],
                    [_("Places"), r.places],
                    [_("Pairs"), r.pairs],
                    [_("Mean fit"), _percent(r.mean_fit)],
                    [_("Lowest fit"), _percent(r.lowest_fit)],
                ],
            )
        )
        tables.append(
            (
                _("How the modes differed"),
                [
                    _("Mode"),
                    _("Tandems"),
                    _("Mean fit"),
                    _("Lowest fit"),
                    _("Compared with the best total"),
                ],
                [
                    [
                        row.label + (f" ({_('chosen')})" if row.chosen else ""),
                        row.admitted,
                        _percent(row.mean_fit),
                        _percent(row.lowest_fit),
                        row.differences or "–",
                    ]
                    for row in r.modes
                ],
            )
        )
    if report.early_end is not None:
        tables.append(
            (
                _("Tandems ended early, by reason"),
                [_("Reason"), _("Tandems")],
                [[label, n] for label, n in report.early_end.by_reason],
            )
        )
    for survey in report.survey_results or ():
        tables.append(
            (
                survey.title,
                [_("Question"), _("Group"), _("Answered"), _("Answer"), _("Count"), _("Share")],
                [
                    [
                        question,
                        group,
                        n,
                        answer,
                        _number(count),
                        _percent(None if share is None else round(share * 100)),
                    ]
                    for question, group, n, answer, count, share in survey_rows(
                        survey, with_texts=False
                    )
                ],
            )
        )
    tables += [
        (
            _("Meetings"),
            [_("Figure"), _("Number")],
            [
                [_("Tandems"), m.tandems],
                [_("Meetings held"), m.held],
                [_("Meetings planned"), m.planned],
                [_("Meetings cancelled"), m.cancelled],
                [_("Meetings held per tandem (mean)"), _number(m.mean_per_tandem)],
            ],
        ),
        (
            _("Meetings held per month"),
            [_("Month"), _("Meetings held")],
            [[month, n] for month, n in m.per_month],
        ),
        (
            _("Tandems by number of meetings held"),
            [_("Meetings held"), _("Tandems")],
            [[k, n] for k, n in m.per_tandem],
        ),
        (
            _("Time spent"),
            [
                _("Group"),
                _("People who recorded time"),
                _("Meeting hours (total)"),
                _("Preparation hours (total)"),
                _("Meeting hours per person"),
                _("Preparation hours per person"),
            ],
            [
                [
                    group.role,
                    group.people,
                    round(group.meeting_minutes / 60, 1),
                    round(group.preparation_minutes / 60, 1),
                    _number(group.meeting_hours_per_person),
                    _number(group.preparation_hours_per_person),
                ]
                for group in report.time_spent
            ],
        ),
        (
            _("Consultations with the trainer"),
            [_("Figure"), _("Number")],
            [
                [_("Slots offered"), c.offered],
                [_("Booked"), c.booked],
                [_("Held"), c.held],
            ],
        ),
        (
            _("Interviews and feedback session"),
            [_("Figure"), _("Value")],
            [
                [_("Interviews planned"), e.interviews_planned],
                [_("Interviews held"), e.interviews_held],
                [
                    _("Feedback session"),
                    formats.date_format(timezone.localtime(e.feedback_date), "DATETIME_FORMAT")
                    if e.feedback_date
                    else "–",
                ],
                [_("Invited to the feedback session"), e.feedback_invited],
                [_("Attended the feedback session"), e.feedback_attended],
            ],
        ),
    ]
    if len(report.comparison) > 1:
        tables.append(
            (
                _("Comparison across the rounds of the programme"),
                [
                    _("Round"),
                    _("Applications"),
                    _("Places"),
                    _("Tandems"),
                    _("Meetings held"),
                    _("Meetings per tandem"),
                    _("Interviews held"),
                    _("Attended the feedback session"),
                ],
                [
                    [
                        row.round_name,
                        row.applications,
                        row.places,
                        row.tandems,
                        row.meetings_held,
                        _number(row.mean_meetings),
                        row.interviews_held,
                        row.feedback_attended,
                    ]
                    for row in report.comparison
                ],
            )
        )
    return tables


def _texts(report) -> list[tuple[str, str]]:
    found = []
    if report.evaluation.feedback_summary:
        found.append((_("Summary of the feedback session"), report.evaluation.feedback_summary))
    if report.lessons_learned:
        found.append((_("Lessons learned"), report.lessons_learned))
    return found


def report_xlsx(report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Report")[:31]
    sheet.append([safe_cell(report.programme_name), safe_cell(report.round_name)])
    sheet.append([_("Made at"), timezone.localtime(report.made_at).strftime("%Y-%m-%d %H:%M")])
    for title, headers, rows in report_tables(report):
        sheet.append([])
        sheet.append([safe_cell(title)])
        sheet.append([safe_cell(h) for h in headers])
        for row in rows:
            sheet.append([v if isinstance(v, int | float) else safe_cell(v) for v in row])
    for title, text in _texts(report):
        sheet.append([])
        sheet.append([safe_cell(title)])
        sheet.append([safe_cell(text)])
    sheet.column_dimensions["A"].width = 45
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class _ReportPDF(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-12)
        self.set_font_size(8)
        self.cell(0, 6, f"{self.footer_text} · {self.page_no()}", align="C")


def _room(pdf, height: float) -> None:
    if pdf.get_y() + height > pdf.h - pdf.b_margin:
        pdf.add_page()


def _chart_height(chart) -> float:
    return 52.0 if chart.kind == "columns" else 12.0 * len(chart.bars) + 4


def report_pdf(report) -> bytes:
    pdf = _ReportPDF(format="A4")
    pdf.footer_text = f"{report.programme_name} – {report.round_name}"
    family = add_fonts(pdf)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(width, 8, _("Round report: %(round)s") % {"round": report.round_name})
    pdf.set_font(family, "", 10)
    pdf.multi_cell(width, 5, f"{report.organisation_name} · {report.programme_name}")
    made = formats.date_format(timezone.localtime(report.made_at), "DATETIME_FORMAT")
    pdf.multi_cell(width, 5, _("Made at %(when)s") % {"when": made})
    pdf.ln(3)
    for title, headers, rows in report_tables(report):
        _room(pdf, 16)
        pdf.set_font(family, "B", 12)
        pdf.multi_cell(width, 7, title)
        pdf.set_font(family, "", 9)
        if not rows:
            pdf.multi_cell(width, 5, _("No figures yet."))
            pdf.ln(2)
            continue
        with pdf.table(
            col_widths=[3] + [1] * (len(headers) - 1) if len(headers) > 2 else (3, 1),
            text_align="LEFT",
            line_height=5,
            first_row_as_headings=True,
        ) as table:
            table.row([str(h) for h in headers])
            for row in rows:
                table.row([str(v) for v in row])
        pdf.ln(3)
    charts = report_charts(report)
    if charts:
        pdf.add_page()
        pdf.set_font(family, "B", 14)
        pdf.multi_cell(width, 8, _("Charts"))
        for chart in charts.values():
            _room(pdf, _chart_height(chart) + 10)
            pdf.set_font(family, "B", 11)
            pdf.multi_cell(width, 6, chart.title)
            pdf.set_font(family, "", 9)
            y = draw_chart_pdf(pdf, chart, x=pdf.l_margin, y=pdf.get_y() + 1, width=width)
            pdf.set_xy(pdf.l_margin, y + 4)
    for title, text in _texts(report):
        _room(pdf, 20)
        pdf.set_font(family, "B", 12)
        pdf.multi_cell(width, 7, title)
        pdf.set_font(family, "", 10)
        pdf.multi_cell(width, 5, text)
        pdf.ln(3)
    return bytes(pdf.output())
