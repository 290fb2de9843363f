"""Sample values for the preview and the check of a mail text, taken from the round where
possible.

Each sample has the type the sending code puts into the context (numbers are ints, dates
and links are strings), so a text that only works on strings — ``{{ minutes|first }}`` —
is refused when it is saved, not when a participant plans a meeting. A test compares
these types with the contexts the real senders build (tests/mail/test_samples.py).
"""

import datetime as dt

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _


def sample_values(language: str) -> dict:
    """A value of the real type for every placeholder of the built-in texts."""
    now = timezone.localtime()
    with translation.override(language):
        when = now + dt.timedelta(days=21)
        return {
            "name": "Eva Beispiel",
            "partner": "Max Muster",
            "partner_email": "max.muster@example.org",
            "partner_institution": "Universitätsbibliothek Beispielstadt",
            "coordinator": "Cora Koordination",
            "inviter": "Cora Koordination",
            "source": "LimeSurvey",
            "title": "Gesprächsführung im Mentoring",
            "role": _("Mentor"),
            "side": _("by the mentee"),
            "round": "Durchlauf 2027",
            "programme": "Peer-Mentoring Open Access & Bibliometrie",
            "organisation": "Netzwerk Bibliometrie & Open Access",
            "topics": "Publikationsfonds, Bibliometrische Analysen",
            "months": 6,
            "minutes": 90,
            "weeks": 4,
            "count": 3,
            "k": 5,
            "meeting_hours": "2",
            "expires": formats.date_format(now + dt.timedelta(days=30), "DATE_FORMAT"),
            "deadline": formats.date_format(now + dt.timedelta(days=14), "SHORT_DATE_FORMAT"),
            "answer_by": formats.date_format(now + dt.timedelta(days=14), "DATE_FORMAT"),
            "when": (
                f"{formats.date_format(when, 'l')}, {formats.date_format(when, 'DATETIME_FORMAT')}"
            ),
            "time_zone": "Europe/Berlin",
            "pattern": _("%(ordinal)s %(weekday)s of each month, %(times)s")
            % {
                "ordinal": _("first"),
                "weekday": formats.date_format(dt.date(2024, 1, 2), "l"),
                "times": "10:00–12:00",
            },
            "category": _("Not enough time (workload, other duties)"),
            "video_url": "https://meet.example.org/tandem",
            # the supervisor letter (documents/texts.py)
            "is_mentor": True,
            "position": "Fachreferentin, Universitätsbibliothek Beispielstadt",
            "dates": _("Applications") + ": 01.02.2027 – 28.02.2027",
            "contact": "Cora Koordination, Netzwerk Bibliometrie & Open Access",
            # the certificate (alumni/certificate_texts.py): dates as printed
            "start": "01.04.2027",
            "end": "30.09.2027",
            "site_url": settings.SITE_URL,
        }


def sample_context(
    placeholders: list[str], language: str, round=None, by=None, programme=None
) -> dict:
    """A value for every placeholder; one without a known sample shows as [name]."""
    samples = sample_values(language)
    if round is None and programme is not None:
        samples["programme"] = programme.name
        samples["organisation"] = programme.organisation.name
        samples["coordinator"] = (
            by.get_full_name() if by is not None else ""
        ) or programme.organisation.name
    if round is not None:
        samples.update(
            {
                "round": round.name,
                "programme": round.programme.name,
                "organisation": round.programme.organisation.name,
                "months": round.tandem_months,
                "meeting_hours": f"{round.meeting_max_minutes / 60:g}",
            }
        )
        coordinator = by.get_full_name() if by is not None else ""
        samples["coordinator"] = coordinator or round.programme.organisation.name
    context = {}
    for name in placeholders:
        if name in samples:
            context[name] = samples[name]
        elif name.endswith("url"):
            context[name] = "/example/"
        else:
            context[name] = f"[{name}]"
    return context
