"""English dates read the same on both sides of the Atlantic; German ones stay German."""

import datetime as dt

from django.utils import formats, translation


def test_english_dates_are_unambiguous_and_german_unchanged():
    day = dt.date(2026, 12, 1)
    moment = dt.datetime(2026, 12, 1, 14, 30)
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "1 Dec 2026"
        assert formats.date_format(day, "DATE_FORMAT") == "1 Dec 2026"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "1 Dec 2026, 14:30"
    with translation.override("de"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "01.12.2026"
        assert formats.date_format(day, "DATE_FORMAT") == "1. Dezember 2026"
