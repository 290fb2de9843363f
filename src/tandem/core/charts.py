"""Charts as data: one description drawn as accessible SVG on the pages and natively in PDFs.

A chart is computed once here (bars with their share of the longest bar), then
``templates/includes/chart.html`` draws it as SVG with role="img", a title and a
description, and the same numbers in a table beside it; a PDF draws the same bars with
its own primitives (``draw_chart_pdf``). No JavaScript, no external assets.

Two kinds: ``bars`` (horizontal, one per category: topics, institution types, answers)
and ``columns`` (vertical, one per period: meetings per month). Labels are whatever the
caller passes — names of topics, never people — and are escaped by the template.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import count

from django.utils.formats import number_format

_ids = count(1)

# Geometry of the SVG drawing (user units; the viewBox scales it to the page's width).
WIDTH = 640
BAR_HEIGHT = 22
LABEL_HEIGHT = 20
ROW_GAP = 10
COLUMN_AREA = 200
COLUMN_LABEL = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as printed ("3", "42 %")
    share: float  # 0…1 of the largest value (0 when all are 0)


@dataclass(frozen=True)
class Chart:
    kind: str  # "bars" or "columns"
    title: str
    description: str
    bars: tuple[Bar, ...]
    value_label: str
    element_id: str

    @property
    def height(self) -> int:
        if self.kind == "columns":
            return COLUMN_AREA + COLUMN_LABEL + 24
        return max(1, len(self.bars)) * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP)

    @property
    def width(self) -> int:
        return WIDTH

    def rows(self):
        """Positions of each horizontal bar (for the SVG template)."""
        for index, bar in enumerate(self.bars):
            top = index * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP)
            yield {
                "bar": bar,
                "label_y": top + LABEL_HEIGHT - 5,
                "bar_y": top + LABEL_HEIGHT,
                "bar_width": round(bar.share * (WIDTH - 80), 1),
                "value_x": round(bar.share * (WIDTH - 80), 1) + 6,
                "value_y": top + LABEL_HEIGHT + BAR_HEIGHT - 6,
            }

    def columns(self):
        """Positions of each vertical column (for the SVG template)."""
        n = max(1, len(self.bars))
        slot = WIDTH / n
        width = max(4.0, slot * 0.6)
        for index, bar in enumerate(self.bars):
            height = round(bar.share * COLUMN_AREA, 1)
            x = round(index * slot + (slot - width) / 2, 1)
            yield {
                "bar": bar,
                "x": x,
                "y": round(24 + COLUMN_AREA - height, 1),
                "width": round(width, 1),
                "height": height,
                "centre": round(x + width / 2, 1),
                "value_y": round(24 + COLUMN_AREA - height - 6, 1),
                "label_y": 24 + COLUMN_AREA + 18,
            }


def _shown(value: float, unit: str) -> str:
    decimals = 0 if float(value).is_integer() else 1
    text = number_format(value, decimal_pos=decimals)
    return f"{text} {unit}".strip()


def _chart(kind, title, description, data, value_label, unit) -> Chart:
    data = [(str(label), float(value)) for label, value in data]
    top = max((value for _, value in data), default=0.0)
    bars = tuple(
        Bar(label=label, value=value, shown=_shown(value, unit), share=value / top if top else 0)
        for label, value in data
    )
    return Chart(
        kind=kind,
        title=str(title),
        description=str(description),
        bars=bars,
        value_label=str(value_label),
        element_id=f"chart-{next(_ids)}",
    )


def bars(
    title, description, data: Iterable[tuple[str, float]], *, value_label, unit: str = ""
) -> Chart:
    """A horizontal bar per category; ``data`` is (label, value) in the order shown."""
    return _chart("bars", title, description, data, value_label, unit)


def columns(
    title, description, data: Iterable[tuple[str, float]], *, value_label, unit: str = ""
) -> Chart:
    """A vertical column per period (months, rounds); ``data`` in time order."""
    return _chart("columns", title, description, data, value_label, unit)


def draw_chart_pdf(pdf, chart: Chart, *, x: float, y: float, width: float) -> float:
    """Draw ``chart`` on an fpdf2 page at (x, y), ``width`` mm wide, with the PDF's current
    font; returns the y below it. Bars are filled rectangles, labels text — the same
    shares as the SVG, so page and PDF show one picture."""
    pdf.set_draw_color(13, 110, 253)
    pdf.set_fill_color(13, 110, 253)
    pdf.set_text_color(33, 37, 41)
    size = pdf.font_size_pt
    if chart.kind == "columns":
        area, slot = 40.0, width / max(1, len(chart.bars))
        for index, bar in enumerate(chart.bars):
            height = bar.share * area
            left = x + index * slot + slot * 0.2
            if height:
                pdf.rect(left, y + area - height, slot * 0.6, height, style="F")
            pdf.set_font_size(7)
            pdf.set_xy(x + index * slot, y + area + 1)
            pdf.cell(slot, 4, bar.label, align="C")
            pdf.set_xy(x + index * slot, y + area - height - 4)
            pdf.cell(slot, 4, bar.shown, align="C")
        pdf.set_font_size(size)
        return y + area + 8
    for bar in chart.bars:
        pdf.set_xy(x, y)
        pdf.cell(width, 5, bar.label)
        y += 5
        bar_width = bar.share * (width - 25)
        if bar_width:
            pdf.rect(x, y, bar_width, 4, style="F")
        pdf.set_xy(x + bar_width + 2, y - 0.5)
        pdf.cell(23, 5, bar.shown)
        y += 7
    return y
