import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tandem.applications.enums import ApplicationSource, ApplicationState
from tandem.applications.exports import safe_cell
from tandem.applications.imported import confirm_imported_application
from tandem.applications.imports import guess_mapping
from tandem.applications.models import Application, ImportedApplication
from tandem.mail.models import QueuedMail
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import RoundRole
from tests.conftest import verified
from tests.factories import UserFactory

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db
S = ApplicationState

HEADERS = [
    "Zeitstempel",
    "E-Mail-Adresse",
    "Vor- und Nachname",
    "Name der Einrichtung",
    "Art der Einrichtung",
    "Funktion",
    "Ihre Erwartungen an das Mentoring",
    "Thema 1. Wahl",
    "Thema 2. Wahl",
    "Anstehende Projekte",
    "Sprachen",
    "Zeitliche Verfügbarkeit",
    "Wie haben Sie vom Programm erfahren?",
    "Ist Ihre Vorgesetzte / Ihr Vorgesetzter informiert?",
]
ROWS = [
    [
        "2026-10-01",
        "jana.mueller@example.org",
        "Jana Müller",
        "Hochschulbibliothek Süd",
        "Hochschule für angewandte Wissenschaften",
        "OA-Beauftragte",
        "Strategie für den Publikationsfonds entwickeln",
        "publication_funds",
        "Publikationsmonitoring",
        "Fondsbericht 2027",
        "Deutsch, Englisch",
        "mittwochs",
        "Mailingliste",
        "ja",
    ],
    [
        "2026-10-02",
        "Oskar.Weiss@example.org",
        "Oskar Weiß",
        "Universitätsbibliothek Nordheim",
        "",
        "Fachreferent",
        "Personenbezogene Auswertungen",
        "Bibliometric analysis",
        "",
        "",
        "de",
        "",
        "Kollegin",
        "nein",
    ],
]


def url(round, name, **extra):
    return reverse(f"manage:{name}", kwargs={**round.url_kwargs, **extra})


def csv_bytes(rows=ROWS, delimiter=",", encoding="utf-8", bom=False):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows=ROWS, formula_cell=None):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    if formula_cell:
        sheet[formula_cell] = '=CONCAT("a","b")'
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, round, content, name="export.csv", source="LimeSurvey 2026"):
    return client.post(
        url(round, "application_import"),
        {"file": SimpleUploadedFile(name, content), "source": source},
    )


def guessed_mapping_post(client, round):
    response = client.get(url(round, "application_import_map"))
    assert response.status_code == 200
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def run_import(client, programme_round, content, name="export.csv"):
    response = upload(client, programme_round, content, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        url(programme_round, "application_import_map"),
        guessed_mapping_post(client, programme_round),
    )
    assert response.status_code == 302, [str(e) for e in response.context["errors"]]
    response = client.get(url(programme_round, "application_import_preview"))
    assert response.status_code == 200
    response = client.post(url(programme_round, "application_import_preview"))
    assert response.status_code == 302
    return response


def confirm_all(programme_round):
    """Every imported person confirms: with their account, or one they create for it."""
    for pending in ImportedApplication.objects.filter(round=programme_round, confirmed_at=None):
        person = get_user_model().objects.filter(email__iexact=pending.email).first()
        person = verified(person or UserFactory(email=pending.email, name=""))
        confirm_imported_application(pending=pending, person=person)


def test_header_guesses_german():
    mapping = guess_mapping(HEADERS)
    assert mapping["email"] == 1
    assert mapping["name"] == 2
    assert mapping["institution"] == 3
    assert mapping["institution_type"] == 4
    assert mapping["position"] == 5
    assert mapping["expectations"] == 6
    assert mapping["topic_1"] == 7 and mapping["topic_2"] == 8
    assert mapping["upcoming_projects"] == 9
    assert mapping["languages"] == 10
    assert mapping["availability"] == 11
    assert mapping["how_heard"] == 12
    assert mapping["supervisor_informed"] == 13


def test_header_guesses_english():
    mapping = guess_mapping(
        [
            "Email",
            "First name",
            "Last name",
            "Institution",
            "Expectations",
            "Topics",
            "Languages",
            "Availability",
        ]
    )
    assert mapping["email"] == 0 and mapping["first_name"] == 1 and mapping["last_name"] == 2
    assert mapping["institution"] == 3 and mapping["expectations"] == 4
    assert mapping["topics"] == 5 and mapping["languages"] == 6 and mapping["availability"] == 7


@pytest.mark.parametrize(
    "delimiter,encoding,bom",
    [
        (",", "utf-8", False),
        (";", "utf-8", True),
        (";", "cp1252", False),
        (",", "cp1252", False),
    ],
)
def test_csv_import_happy_path(client, round, coordinator, delimiter, encoding, bom):
    client.force_login(coordinator)
    run_import(client, round, csv_bytes(delimiter=delimiter, encoding=encoding, bom=bom))
    assert not Application.objects.exists()  # until the persons confirm
    confirm_all(round)
    applications = Application.objects.order_by("person__email")
    assert applications.count() == 2
    jana = applications.get(person__email="jana.mueller@example.org")
    assert jana.person.name == "Jana Müller"
    assert jana.state == S.SUBMITTED and jana.source == ApplicationSource.IMPORT
    assert jana.privacy_notice_version == "imported: consent collected by LimeSurvey 2026"
    assert [t.key for t in jana.ranked_topics] == ["publication_funds", "publication_monitoring"]
    assert jana.languages == ["de", "en"]
    assert jana.supervisor_informed is True
    assert jana.institution.name == "Hochschulbibliothek Süd"
    assert jana.institution.type == "university_of_applied_sciences"
    oskar = applications.get(person__email="oskar.weiss@example.org")
    assert oskar.person.name == "Oskar Weiß"
    assert oskar.supervisor_informed is False
    assert [t.key for t in oskar.ranked_topics] == ["bibliometric_analysis"]
    assert RoundRole.objects.filter(round=round, role=RoleKind.MENTEE).count() == 2


def test_xlsx_import_happy_path(client, round, coordinator, django_capture_on_commit_callbacks):
    from django.core import mail

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        run_import(client, round, xlsx_bytes(), "export.xlsx")
    assert ImportedApplication.objects.count() == 2
    # The confirmation mails wait in the outbox for review; nothing is sent on import.
    assert mail.outbox == []
    assert QueuedMail.objects.filter(round=round, status="draft").count() == 2
    confirm_all(round)
    assert Application.objects.count() == 2


def test_reimport_updates_and_creates_no_duplicates(client, round, coordinator):
    client.force_login(coordinator)
    run_import(client, round, csv_bytes())
    confirm_all(round)
    # a person who applied on the platform is skipped, not overwritten
    own = ApplicationFactory(
        round=round,
        person=UserFactory(email="eigen@example.org"),
        expectations="Eigene Worte",
        source=ApplicationSource.PORTAL,
    )
    rows = [r[:] for r in ROWS] + [
        ["", "eigen@example.org", "Eigen", "", "", "", "Import", "", "", "", "", "", "", ""]
    ]
    rows[0][6] = "Geänderte Erwartungen"
    run_import(client, round, csv_bytes(rows))
    assert Application.objects.count() == 3
    assert get_user_model().objects.filter(email="jana.mueller@example.org").count() == 1
    jana = Application.objects.get(person__email="jana.mueller@example.org")
    assert jana.expectations == "Geänderte Erwartungen"
    own.refresh_from_db()
    assert own.expectations == "Eigene Worte"


def test_broken_rows_list_every_error_and_write_nothing(client, round, coordinator):
    client.force_login(coordinator)
    rows = [
        ["", "keine-adresse", "Ada", "", "", "", "", "", "", "", "", "", "", ""],
        [
            "",
            "ok@example.org",
            "Ok",
            "",
            "Raumstation",
            "",
            "",
            "kein_thema",
            "",
            "",
            "Klingonisch",
            "",
            "",
            "vielleicht",
        ],
        ["", "ok@example.org", "Doppelt", "", "", "", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "zu viel"],
    ]
    response = upload(client, round, csv_bytes(rows))
    assert response.status_code == 302
    response = client.post(
        url(round, "application_import_map"), guessed_mapping_post(client, round)
    )
    assert response.status_code == 400
    errors = {(e.row, e.column) for e in response.context["errors"]}
    assert (2, "E-Mail-Adresse") in errors
    assert (3, "Art der Einrichtung") in errors
    assert (3, "Thema 1. Wahl") in errors
    assert (3, "Sprachen") in errors
    assert (3, "Ist Ihre Vorgesetzte / Ihr Vorgesetzter informiert?") in errors
    assert (4, "E-Mail-Adresse") in errors  # duplicate within the file
    assert any(row == 5 for row, _column in errors)  # broken row: too many cells
    assert "kein_thema" in response.content.decode()
    # the preview refuses too; nothing was written
    assert client.post(url(round, "application_import_preview")).status_code == 302
    assert not Application.objects.exists()
    assert not get_user_model().objects.filter(email="ok@example.org").exists()


def test_xlsx_formula_without_stored_value_is_an_error(client, round, coordinator):
    client.force_login(coordinator)
    upload(client, round, xlsx_bytes(formula_cell="G2"), "export.xlsx")
    response = client.post(
        url(round, "application_import_map"), guessed_mapping_post(client, round)
    )
    assert response.status_code == 400
    assert any("formula" in e.message for e in response.context["errors"])
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "content,name,message",
    [
        (b"", "a.csv", "empty"),
        (b"%PDF-1.4 hello", "a.pdf", "CSV or an Excel"),
        (b"PK\x03\x04 not really a zip", "a.xlsx", "could not be read"),
        (b"Name;E-Mail\n", "a.csv", "no applications"),
        (b"\x81\x8d\x8f\x90\x9d" * 3 + b"\n\x81\x8d,x\n", "a.csv", "characters"),
        (b"a,b\n" + b"x" * (5 * 1024 * 1024), "a.csv", "5 MB"),
    ],
)
def test_bad_files_get_a_clear_message(client, round, coordinator, content, name, message):
    client.force_login(coordinator)
    response = upload(client, round, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_mapping_needs_email_and_name(client, round, coordinator):
    client.force_login(coordinator)
    upload(client, round, csv_bytes())
    response = client.post(url(round, "application_import_map"), {})
    assert response.status_code == 400
    assert b"Please choose the column with the e-mail addresses" in response.content


def test_steps_without_upload_send_back(client, round, coordinator):
    client.force_login(coordinator)
    assert client.get(url(round, "application_import_map")).status_code == 302
    assert client.post(url(round, "application_import_preview")).status_code == 302


# --- export -------------------------------------------------------------------------

DANGEROUS = ['=HYPERLINK("http://evil")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"]


def test_safe_cell():
    for value in DANGEROUS:
        assert safe_cell(value) == "'" + value
    assert safe_cell("Müller") == "Müller"


def test_export_csv_is_safe_and_has_bom(client, round, coordinator):
    ApplicationFactory(
        round=round,
        expectations=DANGEROUS[0],
        person=UserFactory(name="=cmd|' /C calc'!A0"),
        upcoming_projects="Über",
    )
    client.force_login(coordinator)
    response = client.get(url(round, "application_export") + "?format=csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'=cmd|' /C calc'!A0" in cells
    assert "Über" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_export_names_languages_in_words(client, round, coordinator, people):
    from tests.recruitment.factories import MentorProfileFactory

    ApplicationFactory(round=round, languages=["de", "en"])
    MentorProfileFactory(round=round, languages=["en"])
    client.force_login(coordinator)
    for what, expected in (("applications", "German, English"), ("mentors", "English")):
        response = client.get(url(round, "application_export") + f"?format=csv&what={what}")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        column = rows[0].index("Languages")
        assert rows[1][column] == expected


def test_export_xlsx_is_safe(client, round, coordinator):
    ApplicationFactory(round=round, expectations="=1+1", availability="@x")
    client.force_login(coordinator)
    response = client.get(url(round, "application_export") + "?format=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    values = [cell.value for row in book.active.iter_rows(min_row=2) for cell in row]
    assert "'=1+1" in values and "'@x" in values
    assert all(cell.data_type != "f" for row in book.active.iter_rows() for cell in row)


def test_export_of_mentor_profiles_is_safe_and_lists_topics_with_levels(
    client, round, coordinator, people
):
    from tests.recruitment.factories import MentorProfileFactory

    MentorProfileFactory(
        round=round,
        presentation="=SUM(A1)",
        publish_in_gallery=False,
        levels={"publication_monitoring": 3, "data_sources": 1},
    )
    client.force_login(coordinator)
    response = client.get(url(round, "application_export") + "?format=xlsx&what=mentors")
    assert response.status_code == 200
    assert "mentor-profiles-" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][4] == "Topics (level 1–3)"
    assert len(rows) == 2
    assert rows[1][4] == ("Publication monitoring (3); Data sources (1)")
    assert "'=SUM(A1)" in rows[1]
    client.force_login(people["mentor"])
    assert client.get(url(round, "application_export") + "?what=mentors").status_code == 404


def test_import_files_are_removed_after_import_and_when_abandoned(
    client, round, coordinator, settings
):
    import os
    import time
    from pathlib import Path

    from tandem.applications import import_files

    folder = Path(settings.MEDIA_ROOT) / "imports"
    client.force_login(coordinator)
    run_import(client, round, csv_bytes())
    assert list(folder.iterdir()) == []  # a finished import leaves nothing behind

    # An abandoned import: the coordinator uploaded and walked away a day ago.
    assert upload(client, round, csv_bytes()).status_code == 302
    [abandoned] = folder.iterdir()
    day_ago = time.time() - import_files.KEEP_FOR.total_seconds() - 60
    os.utime(abandoned, (day_ago, day_ago))
    unrelated = folder / "README"  # only the import's own files are touched
    unrelated.write_text("kept")
    # Another coordinator's fresh upload sweeps the stale file away, not the fresh one.
    other = client_for_new_coordinator(round)
    assert upload(other, round, csv_bytes()).status_code == 302
    remaining = sorted(path.name for path in folder.iterdir())
    assert abandoned.name not in remaining and len(remaining) == 2 and "README" in remaining
    assert import_files.remove_stale() == 0  # the fresh one is kept


def client_for_new_coordinator(round):
    from django.test import Client

    from tests.conftest import verified, with_totp

    person = with_totp(verified(UserFactory()))
    round.programme.organisation.coordinators.add(person)
    other = Client()
    other.force_login(person)
    return other


def test_several_topics_in_one_cell_split_on_commas_only_when_unambiguous(round):
    from tandem.applications.imports import _topic_lookup, split_topics

    topics = _topic_lookup(round)
    assert split_topics("publication_funds, bibliometric_analysis", topics) == [
        "publication_funds",
        "bibliometric_analysis",
    ]
    assert split_topics("publication_funds; diamond_oa", topics) == [
        "publication_funds",
        " diamond_oa",
    ]
    # A comma inside a text that is not a list of known topics stays as it is (and is then
    # reported as an unknown topic, with the cell's own words).
    assert split_topics("publication_funds, something else", topics) == [
        "publication_funds, something else"
    ]


def test_import_help_says_how_to_separate_topics(client, round, coordinator):
    client.force_login(coordinator)
    page = client.get(url(round, "application_import")).content.decode()
    assert "separated by semicolons" in page
