"""The wording of certificates of participation: a default text per language, in one place.

``certificate_wording(programme, language)`` is the one function that gives a
certificate its texts. Today it returns the default below; when programmes have their
own editable texts, it looks up the programme's text for the key ``certificate`` and
falls back to this default — no caller changes. Placeholders in braces are filled from
the certificate's own data only (names, dates, counts), never from a tandem's content.
"""

from dataclasses import dataclass

DEFAULT_WORDING = {
    "de": {
        "title": "Teilnahmebescheinigung",
        "intro": "Hiermit wird bestätigt, dass",
        "mentor": (
            "im Durchlauf „{round}“ des Mentoring-Programms „{programme}“ vom {start} bis "
            "{end} als Mentor*in mitgewirkt und eine*n Mentee aus einer anderen Einrichtung "
            "im Peer-to-Peer-Mentoring zu einem gemeinsamen Arbeitsthema begleitet hat."
        ),
        "mentee": (
            "im Durchlauf „{round}“ des Mentoring-Programms „{programme}“ vom {start} bis "
            "{end} als Mentee teilgenommen und im Tandem mit einer*einem erfahrenen "
            "Mentor*in aus einer anderen Einrichtung an einem gemeinsamen Arbeitsthema "
            "gearbeitet hat."
        ),
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
        "title": "Certificate of participation",
        "intro": "This is to certify that",
        "mentor": (
            "took part as a mentor in the round “{round}” of the mentoring programme "
            "“{programme}” from {start} to {end}, accompanying a mentee from another "
            "institution in peer-to-peer mentoring on a shared working topic."
        ),
        "mentee": (
            "took part as a mentee in the round “{round}” of the mentoring programme "
            "“{programme}” from {start} to {end}, working in a tandem with an experienced "
            "mentor from another institution on a shared working topic."
        ),
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
    mentor: str
    mentee: str
    meetings: str
    trainings: str
    confidential: str
    issued: str
    verify: str
    date_format: str


def certificate_wording(programme, language: str) -> Wording:
    """The texts of the programme's certificates in ``language`` ("de" or "en")."""
    texts = DEFAULT_WORDING.get(language, DEFAULT_WORDING["de"])
    return Wording(**texts)
