"""The chart component: one description, drawn as accessible SVG and in a PDF."""

import re

from django.template.loader import render_to_string
from django.utils import translation
from fpdf import FPDF

from tandem.core import charts


def test_bars_are_scaled_to_the_largest_value():
    chart = charts.bars(
        "Topics", "Demand per topic", [("A", 4), ("B", 2), ("C", 0)], value_label="n"
    )
    assert [bar.share for bar in chart.bars] == [1.0, 0.5, 0.0]
    assert [bar.shown for bar in chart.bars] == ["4", "2", "0"]


def test_all_zero_draws_no_bar_and_no_division_by_zero():
    chart = charts.columns("Meetings", "Per month", [("Jan", 0), ("Feb", 0)], value_label="n")
    assert all(bar.share == 0 for bar in chart.bars)


def test_svg_has_role_title_description_and_the_same_numbers_in_a_table():
    # Values are formatted when the chart is made, in the reader's language.
    with translation.override("de"):
        chart = charts.bars(
            "Topics",
            "Demand per topic",
            [("<b>Diamond OA</b>", 3), ("Metrics", 1.5)],
            value_label="Applications",
        )
        html = render_to_string("includes/chart.html", {"chart": chart})
    assert 'role="img"' in html
    assert f'aria-labelledby="{chart.element_id}-title {chart.element_id}-desc"' in html
    assert "<title" in html and "Demand per topic</desc>" in html
    assert "<b>" not in html and "&lt;b&gt;Diamond OA&lt;/b&gt;" in html
    # German numbers in the table, but SVG coordinates stay numbers with a dot.
    assert '<td class="text-end">1,5</td>' in html
    for value in re.findall(r'\s(?:x|y|x1|y1|x2|y2|width|height)="([^"]*)"', html):
        float(value)
    assert html.count("<rect") == 2


def test_columns_draw_one_column_per_period():
    chart = charts.columns("Meetings", "Per month", [("Jan", 2), ("Feb", 5)], value_label="n")
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert html.count("<rect") == 2 and "Feb" in html


def test_empty_chart_says_so():
    chart = charts.bars("Topics", "None", [], value_label="n")
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert "<svg" not in html and "No figures yet." in html


def test_the_pdf_draws_the_same_bars():
    chart = charts.bars("Topics", "Demand", [("A", 4), ("B", 2)], value_label="n")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    below = charts.draw_chart_pdf(pdf, chart, x=10, y=20, width=150)
    assert below > 20
    columns = charts.columns("M", "Per month", [("Jan", 1)], value_label="n")
    assert charts.draw_chart_pdf(pdf, columns, x=10, y=below, width=150) > below
    assert bytes(pdf.output())[:4] == b"%PDF"
