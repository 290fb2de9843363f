import datetime as dt
import zoneinfo

import pytest
import time_machine

from tandem.programmes.enums import PhaseKind

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def travel_to(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(12), tzinfo=BERLIN), tick=False)


@pytest.fixture
def window(round):
    return round.phases.get(kind=PhaseKind.APPLICATIONS)


@pytest.fixture
def in_window(window):
    """Today is a day inside the round's application window."""
    with travel_to(window.starts_on + dt.timedelta(days=1)):
        yield window
