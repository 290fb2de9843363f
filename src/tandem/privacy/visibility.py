"""What each role sees of another person, declared once.

The pages that show one person to another (the proposal page, the tandem, the mentor
gallery) show only the fields named here — their templates ask ``shown`` for each
field — and the privacy notice on the application form and the gallery opt-in say the
same, because they are written from this declaration (``labels``).
tests/privacy/test_visibility.py writes a marker into every text field of an
application and a mentor profile and fails if a page shows one that is not declared.

Field keys name what a person wrote or is: for applications and mentor profiles they
are the model field's name where there is one.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# Every field of a mentee's application that could be shown to someone else.
MENTEE_FIELDS = {
    "name": _("name"),
    "institution": _("institution"),
    "position": _("position"),
    "topics": _("focus topics"),
    "expectations": _("expectations"),
    "upcoming_projects": _("upcoming projects"),
    "languages": _("languages"),
    "availability": _("availability"),
    "how_heard": _("how you heard of the programme"),
    "supervisor_informed": _("whether your supervisor knows"),
}

# Every field of a mentor's profile that could be shown to someone else.
MENTOR_FIELDS = {
    "name": _("name"),
    "position": _("position"),
    "institution": _("institution"),
    "topics": _("topics with your level"),
    "presentation": _("self-presentation"),
    "experience": _("experience"),
    "languages": _("languages"),
    "availability": _("preferred weekdays and times"),
    "capacity": _("how many mentees you take"),
    "photo": _("photo"),
    "slides": _("slides"),
    "video_url": _("video link"),
}

# Who sees what. The key says who looks at whom.
SHOWN = {
    # A mentor, when a tandem with the mentee is proposed (and in the tandem).
    "mentor_sees_mentee": (
        "name",
        "institution",
        "position",
        "topics",
        "expectations",
        "upcoming_projects",
        "languages",
        "availability",
    ),
    # A mentee, when a tandem with the mentor is proposed.
    "mentee_sees_mentor": (
        "name",
        "position",
        "institution",
        "topics",
        "presentation",
        "experience",
        "languages",
        "availability",
        "video_url",
    ),
    # Everyone the round's gallery is open to, for mentors who opted in.
    "gallery": (
        "name",
        "position",
        "institution",
        "topics",
        "presentation",
        "experience",
        "languages",
        "photo",
        "slides",
        "video_url",
    ),
}

_FIELDS_OF = {
    "mentor_sees_mentee": MENTEE_FIELDS,
    "mentee_sees_mentor": MENTOR_FIELDS,
    "gallery": MENTOR_FIELDS,
}


def shown(view: str) -> frozenset[str]:
    """The field keys a page of this view may show."""
    return frozenset(SHOWN[view])


def labels(view: str):
    """The shown fields in words, for notices: "name, institution, … and availability"."""
    names = [_FIELDS_OF[view][key] for key in SHOWN[view]]
    if len(names) == 1:
        return names[0]
    return format_lazy(
        "{} {} {}",
        format_lazy(", ".join(["{}"] * (len(names) - 1)), *names[:-1]),
        _("and"),
        names[-1],
    )
