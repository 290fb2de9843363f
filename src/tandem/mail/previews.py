"""Sample values for the preview of a mail text, taken from the round where possible."""

import datetime as dt

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _


def sample_context(placeholders: list[str], language: str, round=None, by=None) -> dict:
    """A value for every placeholder; one without a known sample shows as [name]."""
    now = timezone.localtime()
    with translation.override(language):
        samples = {
            "name": "Eva Beispiel",
            "role": _("Mentor"),
            "months": 6,
            "meeting_hours": "2",
            "expires": formats.date_format(now + dt.timedelta(days=30), "DATE_FORMAT"),
            "deadline": formats.date_format(now + dt.timedelta(days=14), "SHORT_DATE_FORMAT"),
            "when": formats.date_format(now + dt.timedelta(days=21), "DATETIME_FORMAT"),
            "video_url": "https://meet.example.org/tandem",
            "site_url": settings.SITE_URL,
        }
        if round is not None:
            samples.update({
                "round": round.name,
                "programme": round.programme.name,
                "organisation": round.programme.organisation.name,
                "months": round.tandem_months,
                "meeting_hours": f"{round.meeting_max_minutes / 60:g}",
            })
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
