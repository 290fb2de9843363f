"""Topic taxonomy as plain data: keys, labels (de/en) and descriptive phrases.

The phrases are what lets the text fit recognise a need written in other words than the
topic's name ("count how much our researchers publish open access" is publication
monitoring). The web app passes its own taxonomy (from the database) as a `Taxonomy`;
`DEFAULT_TAXONOMY` is the Open Access & bibliometrics taxonomy of DESIGN.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .needs import OutsideNeed


@dataclass(frozen=True)
class Topic:
    key: str
    label_de: str
    label_en: str
    phrases_de: tuple[str, ...] = ()
    phrases_en: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        return self.label_de if lang == "de" else self.label_en

    @property
    def phrases(self) -> tuple[str, ...]:
        """Labels and phrases in both languages, the topic's vocabulary."""
        return (self.label_de, self.label_en, *self.phrases_de, *self.phrases_en)


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    #: topic that marks an allrounder mentor (serves small libraries with broad tasks)
    allrounder_topic: str | None = "small_library_allround"
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {t.key: i for i, t in enumerate(self.topics)}
        if len(index) != len(self.topics):
            raise ValueError("duplicate topic keys in taxonomy")
        object.__setattr__(self, "_index", index)

    @property
    def keys(self) -> list[str]:
        return [t.key for t in self.topics]

    def index(self, key: str) -> int:
        return self._index[key]

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __len__(self) -> int:
        return len(self.topics)

    def topic(self, key: str) -> Topic:
        return self.topics[self._index[key]]

    def resolve(self, name: str) -> str | None:
        """Key for a key or a label (case-insensitive), else None."""
        name = name.strip()
        if name in self._index:
            return name
        low = name.casefold()
        for t in self.topics:
            if low in (t.key.casefold(), t.label_de.casefold(), t.label_en.casefold()):
                return t.key
        return None

    @classmethod
    def from_records(cls, records: Iterable[dict], allrounder_topic: str | None = None) -> Taxonomy:
        """Build from dicts with key, label_de, label_en, phrases_de, phrases_en."""
        topics = tuple(
            Topic(
                key=r["key"],
                label_de=r.get("label_de") or r["key"],
                label_en=r.get("label_en") or r["key"],
                phrases_de=tuple(r.get("phrases_de", ())),
                phrases_en=tuple(r.get("phrases_en", ())),
            )
            for r in records
        )
        return cls(topics=topics, allrounder_topic=allrounder_topic)


INSTITUTION_TYPES: tuple[str, ...] = (
    "university",
    "university_of_applied_sciences",
    "research_institute",
    "state_library",
    "other",
)
INSTITUTION_TYPE_LABELS: dict[str, tuple[str, str]] = {
    "university": ("Universität", "University"),
    "university_of_applied_sciences": (
        "Hochschule / Fachhochschule",
        "University of applied sciences",
    ),
    "research_institute": ("Außeruniversitäre Forschungseinrichtung", "Research institute"),
    "state_library": ("Landesbibliothek", "State library"),
    "other": ("Sonstige", "Other"),
}
SIZE_CLASSES: tuple[str, ...] = ("small", "medium", "large")

#: How similar two institution types are as a working context (symmetric, in [0, 1]).
TYPE_SIMILARITY: dict[frozenset[str], float] = {
    frozenset({"university", "university_of_applied_sciences"}): 0.6,
    frozenset({"university", "research_institute"}): 0.5,
    frozenset({"university", "state_library"}): 0.4,
    frozenset({"university_of_applied_sciences", "research_institute"}): 0.4,
    frozenset({"university_of_applied_sciences", "state_library"}): 0.4,
    frozenset({"research_institute", "state_library"}): 0.3,
}
TYPE_SIMILARITY_DEFAULT = 0.3


def type_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return TYPE_SIMILARITY.get(frozenset({a, b}), TYPE_SIMILARITY_DEFAULT)


def _t(key: str, de: str, en: str, pde: tuple[str, ...], pen: tuple[str, ...]) -> Topic:
    return Topic(key, de, en, pde, pen)


DEFAULT_TAXONOMY = Taxonomy(
    topics=(
        _t(
            "open_access_strategy",
            "Open-Access-Strategie",
            "Open access strategy",
            (
                "Open-Access-Policy der Hochschule entwickeln",
                "Open-Access-Transformation an der Einrichtung gestalten",
                "Strategie für Open Access erarbeiten",
                "Open-Access-Beauftragte",
            ),
            (
                "institutional open access policy",
                "open access transformation strategy",
                "develop a strategy for open access",
                "open access officer",
            ),
        ),
        _t(
            "publication_funds",
            "Publikationsfonds",
            "Publication funds",
            (
                "Publikationskosten finanzieren",
                "APC-Kosten übernehmen",
                "Publikationsgebühren verwalten",
                "Fonds für Open-Access-Publikationen",
                "Kostenübernahme für Artikel",
            ),
            (
                "article processing charges",
                "pay APCs for authors",
                "manage publication costs",
                "funding open access articles",
                "apc budget",
            ),
        ),
        _t(
            "oa_agreements",
            "Open-Access-Verträge und Transformationsverträge",
            "Open access and transformative agreements",
            (
                "DEAL-Verträge",
                "Transformationsverträge mit Verlagen verhandeln",
                "Publish-and-Read-Verträge",
                "Verlagsverhandlungen",
                "Konsortialverträge",
            ),
            (
                "transformative agreements",
                "negotiations with publishers",
                "read and publish deals",
                "consortial agreements",
                "DEAL contracts",
            ),
        ),
        _t(
            "publication_monitoring",
            "Publikationsmonitoring",
            "Publication monitoring",
            (
                "Open-Access-Anteil ermitteln",
                "wie viel Open Access publiziert wird zählen",
                "Publikationen der Forschenden zählen",
                "Publikationsaufkommen erfassen",
                "Monitoring der Publikationskosten",
                "Publikationsdaten der Einrichtung auswerten",
                "Open-Access-Monitoring",
                "OA-Anteil berichten",
                "OA-Quote",
            ),
            (
                "open access share",
                "count how much is published open access",
                "count publications of our researchers",
                "track publication output",
                "monitor publication costs",
                "analyse the institution's publication data",
                "open access monitoring",
                "OA share of publications",
            ),
        ),
        _t(
            "bibliometric_analysis",
            "Bibliometrische Analysen",
            "Bibliometric analysis",
            (
                "Zitationsanalysen erstellen",
                "bibliometrische Kennzahlen berechnen",
                "Analysen auf Personenebene mit verschiedenen Datenquellen",
                "Zitationsdaten auswerten",
                "Indikatoren für Fakultäten",
            ),
            (
                "citation analysis",
                "calculate bibliometric indicators",
                "person-level analyses with different data sources",
                "analyse citation data",
                "field-normalised indicators",
            ),
        ),
        _t(
            "bibliometrics_consulting",
            "Bibliometrie- und Publikationsberatung",
            "Bibliometrics and publication consulting",
            (
                "Forschende zu Kennzahlen beraten",
                "Publikationsberatung anbieten",
                "Beratung zur Publikationsstrategie",
                "Sprechstunde zum Publizieren",
                "h-Index erklären",
                "Autorinnen und Autoren zu Zitationszahlen beraten",
            ),
            (
                "advise researchers on metrics",
                "publication advice service",
                "consult authors on their publication strategy",
                "explain the h-index to researchers",
                "where to publish consultation",
            ),
        ),
        _t(
            "responsible_metrics",
            "Verantwortungsvolle Bibliometrie",
            "Responsible metrics",
            (
                "verantwortungsvoller Umgang mit Kennzahlen",
                "DORA unterzeichnen",
                "Leiden Manifest umsetzen",
                "Forschungsbewertung ohne Impact Factor",
                "CoARA Reform der Forschungsbewertung",
            ),
            (
                "responsible use of metrics",
                "sign DORA",
                "implement the Leiden Manifesto",
                "research assessment without the impact factor",
                "CoARA research assessment reform",
            ),
        ),
        _t(
            "research_reporting",
            "Forschungsberichterstattung",
            "Research reporting",
            (
                "Forschungsbericht erstellen",
                "Forschungsinformationssystem",
                "Berichte für die Hochschulleitung",
                "Kennzahlen für Zielvereinbarungen",
                "Kerndatensatz Forschung",
            ),
            (
                "research report",
                "current research information system",
                "reports for university management",
                "key figures for performance agreements",
                "research information reporting",
            ),
        ),
        _t(
            "author_identity",
            "Autorenidentifikation und ORCID",
            "Author identity and ORCID",
            (
                "ORCID an der Einrichtung einführen",
                "Autorennamen eindeutig zuordnen",
                "Affiliationen vereinheitlichen",
                "akademisches Identitätsmanagement",
                "Personenidentifikatoren",
            ),
            (
                "ORCID integration",
                "author name disambiguation",
                "affiliation normalisation",
                "researcher identifiers",
                "academic identity management",
            ),
        ),
        _t(
            "data_sources",
            "Datenquellen",
            "Data sources",
            (
                "Web of Science und Scopus vergleichen",
                "OpenAlex nutzen",
                "Datenquellen für Publikationen",
                "Dimensions und Crossref",
                "Datenqualität der Publikationsdaten",
            ),
            (
                "compare Web of Science and Scopus",
                "use OpenAlex",
                "bibliographic data sources",
                "Dimensions and Crossref data",
                "data quality of publication records",
            ),
        ),
        _t(
            "repository_publishing",
            "Repositorien und Zweitveröffentlichung",
            "Repositories and green open access",
            (
                "Repositorium betreiben",
                "Zweitveröffentlichungsrecht nutzen",
                "grüner Weg",
                "Hochschulschriften online stellen",
                "DSpace Repositorium",
            ),
            (
                "run an institutional repository",
                "secondary publication rights",
                "green open access self-archiving",
                "deposit theses online",
                "DSpace repository",
            ),
        ),
        _t(
            "diamond_oa",
            "Diamond Open Access und Hochschulverlag",
            "Diamond open access and university press",
            (
                "Open-Access-Zeitschriften herausgeben",
                "Hochschulverlag aufbauen",
                "Zeitschriften mit Open Journal Systems",
                "scholar-led publizieren",
            ),
            (
                "publish open access journals",
                "set up a university press",
                "journal hosting with Open Journal Systems",
                "scholar-led publishing",
            ),
        ),
        _t(
            "open_science_services",
            "Open-Science-Dienste",
            "Open science services",
            (
                "Forschungsdatenmanagement",
                "Open-Science-Angebote der Bibliothek",
                "offene Forschungsdaten",
                "Open Library Badge Kriterien",
            ),
            (
                "research data management",
                "open science services of the library",
                "open research data",
                "Open Library Badge criteria",
            ),
        ),
        _t(
            "service_design",
            "Dienstleistungskonzepte",
            "Service design",
            (
                "neuen Service aufbauen",
                "Dienstleistungskonzept entwickeln",
                "Beratungsangebot konzipieren",
                "Workflows einführen",
                "Serviceportfolio der Bibliothek",
            ),
            (
                "build a new service",
                "develop a service concept",
                "design a consulting offer",
                "set up workflows",
                "library service portfolio",
            ),
        ),
        _t(
            "strategy_communication",
            "Strategie und Kommunikation in der eigenen Einrichtung",
            "Strategy and communication in one's institution",
            (
                "Leitung überzeugen",
                "Kommunikation mit Fakultäten",
                "Themen in der eigenen Einrichtung platzieren",
                "Öffentlichkeitsarbeit für Open Access",
                "Stakeholder gewinnen",
            ),
            (
                "convince management",
                "communicate with faculties",
                "get buy-in within my institution",
                "outreach and advocacy for open access",
                "win stakeholders",
            ),
        ),
        _t(
            "tools_programming",
            "Werkzeuge und Programmierung",
            "Tools and programming",
            (
                "Auswertungen mit R oder Python",
                "Skripte für Datenabfragen",
                "Dashboards bauen",
                "Programmierung von Schnittstellen",
                "Daten automatisiert abrufen",
            ),
            (
                "analysis with R or Python",
                "scripts for API queries",
                "build dashboards",
                "programming interfaces",
                "automate data retrieval",
            ),
        ),
        _t(
            "small_library_allround",
            "Allround-Arbeit in kleinen Bibliotheken",
            "Allround work in small libraries",
            (
                "kleine Bibliothek mit vielen Aufgaben",
                "alles allein machen",
                "Einzelkämpferin",
                "One-Person-Library",
                "breites Aufgabenprofil",
            ),
            (
                "small library with many tasks",
                "doing everything alone",
                "one person library",
                "broad task profile",
                "wearing many hats",
            ),
        ),
        _t(
            "leadership",
            "Führung und Teamleitung",
            "Leadership",
            (
                "Team leiten",
                "Führungsaufgabe übernehmen",
                "Mitarbeitende führen",
                "Abteilung aufbauen",
            ),
            (
                "lead a team",
                "take on a leadership role",
                "manage staff",
                "build up a department",
            ),
        ),
    ),
    allrounder_topic="small_library_allround",
)


def _o(key: str, de: str, en: str, stems: str) -> OutsideNeed:
    return OutsideNeed(key, de, en, tuple(s.replace("_", " ") for s in stems.split()))


#: Needs that applicants of an OA & bibliometrics programme bring but that lie outside its
#: topics. Word beginnings, normalised (ä -> ae); "_" joins words of a multi-word cue. A
#: mentor offers one only if their profile names it outside a stated limit.
OUTSIDE_NEEDS: tuple[OutsideNeed, ...] = (
    _o(
        "legal",
        "Rechtsfragen und Vertragsgestaltung",
        "Legal questions and contract drafting",
        "vergaberecht vergabeverfahren vergabefrage ausschreib rechtsfrage juristisch haftung "
        "gerichtsstand klausel vertragsgestaltung vertragsrecht rechtsberatung "
        "leistungsbeschreibung schwellenwert procurement legal_advice lawyer liability tender "
        "clauses",
    ),
    _o(
        "software_development",
        "Softwareentwicklung und Systemintegration",
        "Software development and system integration",
        "middleware softwareentwickl implementier java erp sap authentifizier webanwendung "
        "programmiersprach backend frontend deployment testumgebung rest_schnittstelle "
        "software_development system_integration",
    ),
    _o(
        "records_management",
        "Schriftgutverwaltung und E-Akte",
        "Records management and e-files",
        "schriftgut aktenplan altakte e_akte elektronische_akte aufbewahrungsfrist aussonderung "
        "staatsarchiv registratur dokumentenmanagement records_management retention_schedule",
    ),
    _o(
        "building",
        "Bibliotheksbau und Raumplanung",
        "Library building and space planning",
        "bibliotheksbau neubau raumplanung raumkonzept moeblierung bauplanung lernraum "
        "building_project floor_plan",
    ),
    _o(
        "cataloguing",
        "Katalogisierung und Erschließung",
        "Cataloguing",
        "katalogisier formalerschliess sacherschliess rda_regel normdatenpflege cataloguing "
        "cataloging marc21",
    ),
    _o(
        "labour_law",
        "Personal- und Tarifrecht",
        "Staff and labour law",
        "arbeitsrecht tarifrecht eingruppierung stellenbewertung personalrat befristungsrecht "
        "labour_law employment_law",
    ),
    _o(
        "preservation",
        "Bestandserhaltung und Restaurierung",
        "Preservation and conservation",
        "bestandserhaltung restaurier konservier schimmel entsaeuer preservation conservation",
    ),
    _o(
        "it_operations",
        "IT-Betrieb und Systemadministration",
        "IT operations",
        "serverbetrieb systemadministr netzwerkadministr virtualisier firewall "
        "system_administration",
    ),
)
