"""The demo cast: German library staff at fictional institutions."""

from tandem.programmes.enums import InstitutionType as T
from tandem.programmes.enums import SizeClass as S

PASSWORD = "tandem-demo-2026"  # noqa: S105 — printed on purpose for the demo logins

INSTITUTIONS = {
    "lindenau": ("Universitätsbibliothek Lindenau", T.UNIVERSITY, S.LARGE),
    "bergheim": ("Universitäts- und Landesbibliothek Bergheim", T.UNIVERSITY, S.LARGE),
    "ostfeld": (
        "Universitätsbibliothek der Technischen Universität Ostfeld",
        T.UNIVERSITY,
        S.LARGE,
    ),
    "weserland": (
        "Hochschulbibliothek der Hochschule Weserland",
        T.UNIVERSITY_OF_APPLIED_SCIENCES,
        S.MEDIUM,
    ),
    "kuestenforschung": (
        "Bibliothek des Leibniz-Instituts für Küstenforschung",
        T.RESEARCH_INSTITUTE,
        S.SMALL,
    ),
    "talbach": (
        "Bibliothek der Hochschule für Musik Talbach",
        T.UNIVERSITY_OF_APPLIED_SCIENCES,
        S.SMALL,
    ),
    "rheinau": ("Hochschulbibliothek Rheinau", T.UNIVERSITY_OF_APPLIED_SCIENCES, S.SMALL),
    "mittelgebirge": (
        "Zentralbibliothek des Forschungszentrums Mittelgebirge",
        T.RESEARCH_INSTITUTE,
        S.MEDIUM,
    ),
    "kornfeld": ("Landesbibliothek Kornfeld", T.STATE_LIBRARY, S.MEDIUM),
    "seestadt": ("Universitätsbibliothek Seestadt", T.UNIVERSITY, S.MEDIUM),
    "agraroekologie": ("Bibliothek des Instituts für Agrarökologie", T.RESEARCH_INSTITUTE, S.SMALL),
    "verband": ("Netzwerk Bibliometrie & Open Access e. V.", T.OTHER, S.SMALL),
}

COORDINATOR = ("koordination@example.org", "Dr. Katrin Albers", "Koordinatorin", "verband")
TRAINER = ("trainerin@example.org", "Sabine Wolter", "Trainerin und Coach", "verband")

MENTORS = [
    ("mentor.petersen@example.org", "Dr. Jana Petersen", "Leitung Publikationsdienste", "lindenau"),
    ("mentor.yilmaz@example.org", "Deniz Yılmaz", "Bibliometrie-Team", "ostfeld"),
    ("mentor.hoffmann@example.org", "Thomas Hoffmann", "Open-Access-Beauftragter", "bergheim"),
    ("mentor.krause@example.org", "Anna Krause", "Publikationsberatung", "weserland"),
    ("mentor.schulte@example.org", "Dr. Michael Schulte", "Leitung Bibliothek", "kuestenforschung"),
]

APPLICANTS = [
    ("mentee.becker@example.org", "Laura Becker", "Open-Access-Referentin", "seestadt"),
    ("mentee.wagner@example.org", "Jonas Wagner", "Fachreferent Chemie", "mittelgebirge"),
    ("mentee.fischer@example.org", "Miriam Fischer", "Bibliotheksleitung", "talbach"),
    ("mentee.nowak@example.org", "Piotr Nowak", "Publikationsmonitoring", "kornfeld"),
    ("mentee.richter@example.org", "Sophie Richter", "Forschungsinformation", "lindenau"),
    ("mentee.klein@example.org", "Felix Klein", "Bibliothekar (allein zuständig)", "rheinau"),
    (
        "mentee.lange@example.org",
        "Hannah Lange",
        "Repositorium und Zweitveröffentlichung",
        "agraroekologie",
    ),
    ("mentee.schmitt@example.org", "Tobias Schmitt", "Teamleitung Medienbearbeitung", "seestadt"),
]
