"""Demo applications: fifteen German applicants for five to seven places.

Written from the applicants' point of view, after the seed article: publication
monitoring concepts, service design for bibliometrics, person-level analyses with
different data sources, the Open Library Badge, strategy and communication at home,
a small library with broad tasks that no mentor fits, and one applicant at the same
institution as a mentor (Universitätsbibliothek Lindenau). Most are submitted, one is a
draft, one withdrawn. Idempotent: an existing application of a person is left alone.
"""

import datetime as dt

from django.utils import timezone

from tandem.applications.enums import ApplicationState
from tandem.applications.models import PRIVACY_NOTICE_VERSION, Application, TopicChoice
from tandem.applications.services import sync_mentee_role
from tandem.audit.services import log_action
from tandem.programmes.enums import InstitutionType as T
from tandem.programmes.enums import SizeClass as S
from tandem.programmes.services import find_or_create_institution

from . import people
from .accounts import demo_person, demo_person_at

S_ = ApplicationState

# Further applicants beyond people.APPLICANTS, at fictional institutions.
EXTRA_APPLICANTS = [
    (
        "mentee.vogel@example.org",
        "Dr. Katharina Vogel",
        "Referentin Forschungsinformation",
        ("Universitätsbibliothek Am Hellweg", T.UNIVERSITY, S.LARGE),
    ),
    (
        "mentee.brandt@example.org",
        "Marco Brandt",
        "Fachreferent Wirtschaftswissenschaften",
        ("Bibliothek der Hochschule Elbmarsch", T.UNIVERSITY_OF_APPLIED_SCIENCES, S.MEDIUM),
    ),
    (
        "mentee.demir@example.org",
        "Ayşe Demir",
        "Open-Science-Koordinatorin",
        ("Bibliothek des Max-Eyth-Instituts für Materialforschung", T.RESEARCH_INSTITUTE, S.SMALL),
    ),
    (
        "mentee.hartmann@example.org",
        "Julia Hartmann",
        "Leitung Publikationsdienste",
        ("Universitätsbibliothek Auenstadt", T.UNIVERSITY, S.MEDIUM),
    ),
    (
        "mentee.roth@example.org",
        "Christian Roth",
        "Bibliothekar Digitale Dienste",
        ("Landesbibliothek Hohenwald", T.STATE_LIBRARY, S.MEDIUM),
    ),
    (
        "mentee.schubert@example.org",
        "Lena Schubert",
        "Teamleitung Erwerbung",
        ("Hochschulbibliothek Tannberg", T.UNIVERSITY_OF_APPLIED_SCIENCES, S.SMALL),
    ),
    (
        "mentee.ehlers@example.org",
        "Nils Ehlers",
        "Data Librarian",
        ("Universitätsbibliothek Kaltenbrunn", T.UNIVERSITY, S.LARGE),
    ),
]

# e-mail -> (state, topics best first, languages, supervisor informed, expectations,
#            upcoming projects, availability, how heard)
APPLICATIONS = {
    "mentee.becker@example.org": (
        S_.SUBMITTED,
        ["publication_monitoring", "data_sources", "strategy_communication"],
        ["de", "en"],
        True,
        "Ich soll an unserer Universität ein Publikationsmonitoring aufbauen und suche "
        "jemanden, der ein solches Konzept schon einmal entwickelt hat: Welche Kennzahlen "
        "sind sinnvoll, welche Datenquellen tragen, wie erkläre ich die Grenzen der Zahlen?",
        "Erster OA-Monitoring-Bericht für das Präsidium im Herbst 2027.",
        "dienstags und donnerstags vormittags",
        "Informationsveranstaltung",
    ),
    "mentee.wagner@example.org": (
        S_.SUBMITTED,
        ["bibliometric_analysis", "data_sources", "responsible_metrics"],
        ["de"],
        True,
        "Wissenschaftler*innen fragen bei uns zunehmend nach personenbezogenen Auswertungen. "
        "Ich möchte verstehen, welche Unterschiede je nach Datengrundlage (Web of Science, "
        "Scopus, OpenAlex) auftauchen und wie ein verantwortungsvolles Angebot aussehen kann.",
        "Pilot eines Beratungsangebots zu Profilen und Kennzahlen für die Chemie.",
        "flexibel, am liebsten mittwochs",
        "Newsletter des Verbands",
    ),
    "mentee.fischer@example.org": (
        S_.SUBMITTED,
        ["small_library_allround", "open_access_strategy", "publication_funds"],
        ["de"],
        True,
        "Ich leite eine kleine Bibliothek und bin für alles zuständig – von der Erwerbung bis "
        "zur Open-Access-Beratung. Ich suche Austausch mit jemandem, der die breiten Aufgaben "
        "einer kleinen Einrichtung kennt und mir hilft, Prioritäten zu setzen.",
        "Einstieg in einen Publikationsfonds mit sehr wenig Personal.",
        "montags nachmittags",
        "Kollegin aus dem regionalen Arbeitskreis",
    ),
    "mentee.nowak@example.org": (
        S_.SUBMITTED,
        ["publication_monitoring", "research_reporting", "tools_programming"],
        ["de", "en"],
        False,
        "Ich übernehme das Publikationsmonitoring unserer Landesbibliothek und möchte die "
        "Abläufe so gestalten, dass sie auch für die Forschungsberichterstattung taugen.",
        "Automatisierte Datenabzüge aus OpenAlex mit R.",
        "nach Absprache, nicht im August",
        "Mailingliste",
    ),
    "mentee.richter@example.org": (
        S_.SUBMITTED,
        ["research_reporting", "author_identity", "bibliometric_analysis"],
        ["de"],
        True,
        "Für das Forschungsinformationssystem unserer Universität brauche ich einen Blick "
        "von außen: Wie binden andere ORCID und Kennzahlen ein, ohne falsche Anreize zu "
        "setzen? (Ich arbeite an derselben Einrichtung wie eine der Mentor*innen.)",
        "ORCID-Kampagne für Promovierende.",
        "vormittags",
        "Vorgesetzte",
    ),
    "mentee.klein@example.org": (
        S_.SUBMITTED,
        ["small_library_allround", "repository_publishing", "leadership"],
        ["de"],
        True,
        "Ich bin an unserer Hochschulbibliothek allein zuständig für Open Access, "
        "Repositorium und Schulungen. Mir fehlen Kolleg*innen vor Ort, mit denen ich Ideen "
        "durchsprechen kann.",
        "Relaunch des Hochschulschriftenservers.",
        "freitags",
        "Informationsveranstaltung",
    ),
    "mentee.lange@example.org": (
        S_.SUBMITTED,
        ["repository_publishing", "diamond_oa", "open_science_services"],
        ["de", "en"],
        True,
        "Ich betreue das Repositorium und die Zweitveröffentlichung an einem kleinen "
        "Forschungsinstitut und möchte lernen, wie man ein Diamond-OA-Angebot aufbaut.",
        "Hauseigene Schriftenreihe als Diamond-OA-Zeitschrift.",
        "dienstags",
        "Website des Programms",
    ),
    "mentee.schmitt@example.org": (
        S_.SUBMITTED,
        ["strategy_communication", "oa_agreements", "leadership"],
        ["de"],
        True,
        "Nach der Umstrukturierung liegen Transformationsverträge bei meinem Team. Ich "
        "möchte Strategien entwickeln, wie wir das Thema in der Bibliothek und gegenüber der "
        "Hochschulleitung kommunizieren.",
        "Kommunikationskonzept zu DEAL-Verträgen.",
        "donnerstags",
        "Mailingliste",
    ),
    "mentee.vogel@example.org": (
        S_.SUBMITTED,
        ["bibliometric_analysis", "bibliometrics_consulting", "data_sources"],
        ["de", "en"],
        True,
        "Wir möchten am Beispiel konkreter Wissenschaftler*innen durchspielen, welche "
        "Möglichkeiten es für personenbezogene Auswertungen gibt und wie ein "
        "Dienstleistungsprogramm dazu aussehen könnte.",
        "Beratungsangebot für Berufungsverfahren.",
        "mittwochs und freitags",
        "Informationsveranstaltung",
    ),
    "mentee.brandt@example.org": (
        S_.SUBMITTED,
        ["open_access_strategy", "strategy_communication", "publication_funds"],
        ["de"],
        True,
        "Unsere Hochschule soll eine Open-Access-Policy bekommen, und ich soll sie "
        "vorbereiten. Ich suche Argumente und Erfahrungen, wie man Gremien überzeugt.",
        "Entwurf der OA-Policy für den Senat.",
        "nachmittags",
        "Kollege",
    ),
    "mentee.demir@example.org": (
        S_.SUBMITTED,
        ["open_science_services", "service_design", "strategy_communication"],
        ["de", "en"],
        True,
        "Ich möchte das Open-Science-Angebot an unserem Institut anhand der Kriterien des "
        "Open Library Badge weiterentwickeln und brauche jemanden, der das schon gemacht hat.",
        "Bewerbung um das Open Library Badge 2027.",
        "dienstags",
        "Informationsveranstaltung",
    ),
    "mentee.hartmann@example.org": (
        S_.SUBMITTED,
        ["service_design", "bibliometrics_consulting", "leadership"],
        ["de"],
        True,
        "Wir konzipieren gerade neue Dienstleistungen im Bereich Bibliometrie und Open "
        "Access. Ich möchte Service-Konzepte mit jemandem diskutieren, der weiß, was "
        "Autor*innen wirklich brauchen.",
        "Servicekatalog Publikationsdienste.",
        "donnerstags vormittags",
        "Newsletter des Verbands",
    ),
    "mentee.roth@example.org": (
        S_.DRAFT,
        ["repository_publishing"],
        ["de"],
        None,
        "Noch in Arbeit: Zweitveröffentlichungsservice für die Landesbibliothek …",
        "",
        "",
        "",
    ),
    "mentee.schubert@example.org": (
        S_.WITHDRAWN,
        ["publication_funds", "oa_agreements"],
        ["de"],
        True,
        "Publikationsfonds und Verträge an einer kleinen Hochschule.",
        "Publikationsfonds 2027",
        "montags",
        "Mailingliste",
    ),
    "mentee.ehlers@example.org": (
        S_.SUBMITTED,
        ["tools_programming", "data_sources", "publication_monitoring"],
        ["de", "en"],
        True,
        "Ich programmiere Auswertungen mit Python und APIs und möchte lernen, wie man daraus "
        "ein belastbares Publikationsmonitoring macht, das auch die Bibliotheksleitung "
        "versteht.",
        "Dashboard zum OA-Anteil der Universität.",
        "flexibel",
        "Informationsveranstaltung",
    ),
}


def _applicants():
    for row in people.APPLICANTS:
        yield demo_person_at(*row)
    for email, name, position, (inst_name, type, size) in EXTRA_APPLICANTS:
        institution = find_or_create_institution(name=inst_name, type=type, size_class=size)
        yield demo_person(email, name, position, institution)


def build(programme_round, coordinator) -> None:
    topics = {topic.key: topic for topic in programme_round.programme.topics.all()}
    now = timezone.now()
    for index, person in enumerate(_applicants()):
        if Application.objects.filter(round=programme_round, person=person).exists():
            continue
        (state, keys, languages, informed, expectations, projects, availability, how_heard) = (
            APPLICATIONS[person.email]
        )
        when = now - dt.timedelta(days=10 - index % 10, hours=index)
        application = Application.objects.create(
            round=programme_round,
            person=person,
            state=state,
            institution=person.institution,
            position=person.position,
            expectations=expectations,
            upcoming_projects=projects,
            languages=languages,
            availability=availability,
            how_heard=how_heard,
            supervisor_informed=informed,
            consent_at=None if state == S_.DRAFT else when,
            privacy_notice_version="" if state == S_.DRAFT else PRIVACY_NOTICE_VERSION,
            submitted_at=None if state == S_.DRAFT else when,
        )
        TopicChoice.objects.bulk_create(
            TopicChoice(application=application, topic=topics[key], rank=rank)
            for rank, key in enumerate(keys, start=1)
            if key in topics
        )
        log_action(
            person,
            "application.created",
            application,
            programme_round=programme_round,
            data={"demo": True, "state": state},
        )
        sync_mentee_role(application, coordinator)
