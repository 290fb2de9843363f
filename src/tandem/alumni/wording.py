"""The wording of certificates of participation, in one place.

``certificate_wording(round, language, is_mentor=..., values=...)`` is the one function
that gives a certificate its texts. The title and the sentence on what the holder did are
the programme text ``certificate`` (certificate_texts.py; the round's own text, else the
programme's, else the built-in one), filled in by the mail engine. The frame around them
is the same for every programme and not editable: the intro before the name, the
meetings and trainings lines, that the tandem's content is confidential (a promise of the
platform, DESIGN.md §2), the issuer and the verification link. Placeholders are filled
from the certificate's own data only (names, dates, counts), never from a tandem's content.
"""

from dataclasses import dataclass

from tandem.mail.services import render_text, template_for

from .certificate_texts import CERTIFICATE

FRAME = {
    "de": {
        "intro": "Hiermit wird bestätigt, dass",
        "meetings": "Treffen im Tandem: {meetings}",
        "trainings": "Besuchte Schulungen:",
        "confidential": (
            "Die Inhalte der Tandemgespräche sind vertraulich und nicht Gegenstand dieser "
            "Bescheinigung."
        ),
        "issued": "Ausgestellt von {organisation} am {date}",
        "verify": "Echtheit prüfen: {url}",
        "date_format": "%d.%m.%Y",
    },
    "en": {
        "intro": "This is to certify that",
        "meetings": "Tandem meetings held: {meetings}",
        "trainings": "Training attended:",
        "confidential": (
            "What was discussed in the tandem is confidential and not part of this certificate."
        ),
        "issued": "Issued by {organisation} on {date}",
        "verify": "Verify: {url}",
        "date_format": "%d %B %Y",
    },
}


@dataclass(frozen=True)
class Wording:
    title: str
    intro: str
    achievement: str  # what the holder did: the programme's text, filled in
    meetings: str
    trainings: str
    confidential: str
    issued: str
    verify: str
    date_format: str


def date_format(language: str) -> str:
    return FRAME.get(language, FRAME["de"])["date_format"]


def certificate_wording(round, language: str, *, is_mentor: bool, values: dict) -> Wording:
    """The texts of one certificate in ``language`` ("de" or "en"); ``values`` holds the
    certificate's round, programme, start and end as printed."""
    language = language if language in FRAME else "de"
    subject, body = template_for(CERTIFICATE, language, round)
    title, achievement = render_text(subject, body, language, {**values, "is_mentor": is_mentor})
    return Wording(title=title, achievement=achievement.strip(), **FRAME[language])
