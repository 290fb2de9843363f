"""Demo data of mentor recruitment: five mentor profiles, three candidates, the info event.

Idempotent: natural keys (round + person, round + e-mail) are looked up first.
"""

import datetime as dt
import zoneinfo

from django.utils import timezone

from tandem.programmes.enums import PhaseKind, RoleKind
from tandem.programmes.models import RoundRole
from tandem.programmes.services import assign_role
from tandem.recruitment import services
from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.models import Candidate, InfoEvent, MentorProfile

from . import people
from .accounts import demo_person_at

# e-mail → (topics with level, presentation, experience, capacity, languages, weekdays, times)
PROFILES = {
    "mentor.petersen@example.org": (
        {
            "open_access_strategy": 3,
            "publication_funds": 3,
            "oa_agreements": 2,
            "strategy_communication": 3,
            "leadership": 2,
        },
        "Ich leite die Publikationsdienste einer großen Universitätsbibliothek und habe die "
        "Open-Access-Strategie unseres Hauses mitentwickelt. Gern begleite ich Sie dabei, "
        "eine OA-Strategie für Ihre Einrichtung zu entwerfen, einen Publikationsfonds aufzubauen "
        "und gute Argumente für die Kommunikation mit Hochschulleitung und Fachbereichen zu "
        "sammeln.",
        "Aufbau des Publikationsfonds (DFG-Förderung), Umsetzung von DEAL- und "
        "Transformationsverträgen, OA-Policy der Universität, Leitung eines Teams von acht "
        "Personen.",
        1,
        ["de", "en"],
        ["tue", "thu"],
        "vormittags",
    ),
    "mentor.yilmaz@example.org": (
        {
            "bibliometric_analysis": 3,
            "data_sources": 3,
            "tools_programming": 3,
            "responsible_metrics": 2,
            "research_reporting": 2,
        },
        "Im Bibliometrie-Team einer Technischen Universität erstelle ich Analysen für "
        "Berufungsverfahren, Forschungsberichte und die Hochschulleitung. Ich zeige Ihnen, wie "
        "sich bibliometrische Dienstleistungen aufbauen lassen, welche Unterschiede je nach "
        "Datengrundlage (Web of Science, Scopus, OpenAlex) auftauchen und wie man Auswertungen "
        "mit R oder Python reproduzierbar macht.",
        "Bibliometrische Dienstleistungen seit 2016, Workflows mit der OpenAlex-API, Schulungen "
        "zu verantwortungsvollem Umgang mit Kennzahlen.",
        2,
        ["de", "en"],
        ["mon", "wed"],
        "nachmittags",
    ),
    "mentor.hoffmann@example.org": (
        {
            "publication_monitoring": 3,
            "oa_agreements": 3,
            "publication_funds": 2,
            "data_sources": 2,
        },
        "Als Open-Access-Beauftragter verantworte ich das Publikationsmonitoring unserer "
        "Universität. Gemeinsam können wir ein Monitoring konzipieren: Welche Daten brauchen "
        "Sie, wie gleichen Sie Quellen ab, wie berichten Sie Kosten und OA-Anteile an "
        "Hochschulleitung und OA-Portale?",
        "Publikationsmonitoring mit Datenabgleich aus mehreren Quellen, Kostenmonitoring für "
        "Transformationsverträge, Mitarbeit in landesweiten Arbeitsgruppen.",
        1,
        ["de"],
        ["wed", "fri"],
        "flexibel, gern frühmorgens",
    ),
    "mentor.krause@example.org": (
        {
            "bibliometrics_consulting": 3,
            "author_identity": 3,
            "responsible_metrics": 3,
            "service_design": 2,
        },
        "In der Publikationsberatung einer Hochschule berate ich Forschende zu Kennzahlen, "
        "Publikationsstrategien und ORCID. Ich unterstütze Sie dabei, ein Beratungsangebot zu "
        "Bibliometrie zu konzipieren, das sich an DORA und dem Leiden Manifesto orientiert, und "
        "die Erwartungen der Autor*innen realistisch einzuordnen.",
        "Beratungsformate zu Publikationskarriere und Identitätsmanagement, Workshops zu "
        "DORA, Aufbau eines ORCID-Dienstes.",
        1,
        ["de", "en"],
        ["tue"],
        "ganztags möglich",
    ),
    "mentor.schulte@example.org": (
        {
            "small_library_allround": 3,
            "leadership": 3,
            "repository_publishing": 2,
            "open_science_services": 2,
            "open_access_strategy": 2,
        },
        "Ich leite eine kleine Bibliothek an einem außeruniversitären Forschungsinstitut und "
        "bin für fast alles zuständig: Erwerbung, Repositorium, Open Access und Beratung. "
        "Wenn auch Sie an einer kleinen Einrichtung viele Aufgaben gleichzeitig stemmen, "
        "überlegen wir gemeinsam, wie Sie Prioritäten setzen und Open-Science-Angebote "
        "Schritt für Schritt aufbauen (z. B. anhand des Open Library Badge).",
        "Allrounder an einer kleinen Bibliothek seit zwölf Jahren; Aufbau des institutionellen "
        "Repositoriums und der Zweitveröffentlichung.",
        1,
        ["de"],
        ["mon", "thu"],
        "vormittags",
    ),
}

CANDIDATES = [
    # (name, e-mail, institution, topics, notes, status)
    (
        "Dr. Eva Brandt",
        "eva.brandt@example.org",
        "Universitätsbibliothek Seestadt",
        ["publication_monitoring", "research_reporting"],
        "Auf der BiblioCon angesprochen; hat Interesse signalisiert.",
        CandidateStatus.INVITED,
    ),
    (
        "Markus Vogel",
        "markus.vogel@example.org",
        "Landesbibliothek Kornfeld",
        ["open_access_strategy"],
        "Absage: Vorgesetzte hatten Bedenken wegen Geheimhaltung und Zeitaufwand.",
        CandidateStatus.DECLINED,
    ),
    (
        "Julia Neumann",
        "julia.neumann@example.org",
        "Hochschulbibliothek Rheinau",
        ["small_library_allround", "repository_publishing"],
        "Allrounderin an kleiner Bibliothek – genau das fehlte im Pilot.",
        CandidateStatus.IDEA,
    ),
]


def build(programme_round, coordinator) -> None:
    _profiles(programme_round, coordinator)
    _candidates(programme_round, coordinator)
    _info_event(programme_round, coordinator)


def _profiles(programme_round, coordinator) -> None:
    topics = {topic.key: topic for topic in programme_round.programme.topics.all()}
    by_email = {row[0]: row for row in people.MENTORS}
    for email, (levels, text, experience, capacity, languages, weekdays, times) in PROFILES.items():
        person = demo_person_at(*by_email[email])
        if not RoundRole.objects.filter(
            round=programme_round, person=person, role=RoleKind.MENTOR
        ).exists():
            assign_role(
                round=programme_round,
                person=person,
                role=RoleKind.MENTOR,
                by=coordinator,
                notify=False,
            )
        if MentorProfile.objects.filter(round=programme_round, person=person).exists():
            continue
        services.save_mentor_profile(
            round=programme_round,
            person=person,
            levels={topics[key]: level for key, level in levels.items() if key in topics},
            data=services.MentorProfileData(
                presentation=text,
                experience=experience,
                capacity=capacity,
                languages=languages,
                weekdays=weekdays,
                availability=times,
                publish_in_gallery=True,
            ),
        )


def _candidates(programme_round, coordinator) -> None:
    topics = {topic.key: topic for topic in programme_round.programme.topics.all()}
    now = timezone.now()
    for name, email, institution, keys, notes, status in CANDIDATES:
        if Candidate.objects.filter(round=programme_round, email=email).exists():
            continue
        candidate = services.add_candidate(
            round=programme_round,
            name=name,
            email=email,
            institution=institution,
            notes=notes,
            topics=[topics[key] for key in keys if key in topics],
            by=coordinator,
        )
        if status == CandidateStatus.INVITED:
            # The invitation waits in the outbox, so the demo shows the review step.
            services.invite_candidates(
                round=programme_round, candidates=[candidate], by=coordinator
            )
        elif status == CandidateStatus.DECLINED:
            Candidate.objects.filter(pk=candidate.pk).update(
                status=status,
                invited_at=now - dt.timedelta(days=20),
                answered_at=now - dt.timedelta(days=15),
            )


def _info_event(programme_round, coordinator) -> None:
    if InfoEvent.objects.filter(round=programme_round).exists():
        return
    phase = programme_round.phases.filter(kind=PhaseKind.INFO_EVENT).first()
    day = (
        phase.starts_on + dt.timedelta(days=2)
        if phase
        else (timezone.localdate() + dt.timedelta(days=14))
    )
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    starts_at = dt.datetime.combine(day, dt.time(14, 0), tzinfo=berlin)
    services.schedule_info_event(
        round=programme_round,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=90),
        video_url="https://meet.example.org/tandem-infoveranstaltung",
        agenda=(
            "14:00 Begrüßung und Ziele des Peer-Mentorings\n"
            "14:15 Ablauf: Bewerbung, Matching, Schulung, Tandemphase (ca. 6 Monate, einmal im "
            "Monat bis zu 2 Stunden)\n"
            "14:30 Die Mentor*innen stellen sich und ihre Schwerpunkte vor\n"
            "15:10 Fragen und Antworten\n"
            "15:30 Ende"
        ),
        by=coordinator,
    )
