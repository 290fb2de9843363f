"""Date fields for dates people type, safe to read back whatever the database holds.

Forms keep new dates near their round (``tandem.core.forms.bound_dates``). Rows written
before that rule may hold a date at the edge of the calendar, such as 9999-12-31 23:30:
shown in Berlin time, or with a meeting's length or a rhythm added, it lies past year
9999 and Python raises OverflowError, so every page showing it answered 500. Reading
such a value moves it a year inside the calendar, which leaves room for any time zone and
for the few months the platform ever adds. Nothing in the database changes by reading.
"""

import datetime as dt

from django.db import models

FIRST_DAY = dt.date(dt.MINYEAR + 1, 1, 1)
LAST_DAY = dt.date(dt.MAXYEAR - 1, 12, 31)
FIRST_MOMENT = dt.datetime(dt.MINYEAR + 1, 1, 1, tzinfo=dt.UTC)
LAST_MOMENT = dt.datetime(dt.MAXYEAR - 1, 12, 31, tzinfo=dt.UTC)


def readable_date(value):
    return value if value is None else min(max(value, FIRST_DAY), LAST_DAY)


def readable_moment(value):
    if value is None or value.tzinfo is None:
        return value
    return min(max(value, FIRST_MOMENT), LAST_MOMENT)


class TypedDateField(models.DateField):
    """A ``DateField`` (same column, same migrations) that reads back safely."""

    def from_db_value(self, value, expression, connection):
        return readable_date(value)

    def deconstruct(self):
        # The column is a plain date column: migrations need not know this class.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateField", args, kwargs


class TypedDateTimeField(models.DateTimeField):
    """A ``DateTimeField`` (same column, same migrations) that reads back safely."""

    def from_db_value(self, value, expression, connection):
        return readable_moment(value)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs
