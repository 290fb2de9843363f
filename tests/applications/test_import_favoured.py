"""The import's favoured column: the flag of the matching spreadsheets (1, yes, x).

Setting it is a coordinator's decision, so it goes through the same service as the
application page's checkbox and is logged with the coordinator who imported the file.
"""

import csv
import io

import pytest

from tandem.applications.imports import guess_mapping
from tandem.applications.models import Application
from tandem.audit.models import AuditEntry

from .test_import_export import HEADERS, ROWS, confirm_all, guessed_mapping_post, upload, url

pytestmark = pytest.mark.django_db


def csv_with_flags(*flags, header="Bevorzugt (Koordination)"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*HEADERS, header])
    for row, flag in zip(ROWS, flags, strict=True):
        writer.writerow([*row, flag])
    return buffer.getvalue().encode()


def favoured_emails() -> set[str]:
    return set(Application.objects.filter(favoured=True).values_list("person__email", flat=True))


def import_file(client, programme_round, content):
    assert upload(client, programme_round, content).status_code == 302
    response = client.post(
        url(programme_round, "application_import_map"),
        guessed_mapping_post(client, programme_round),
    )
    if response.status_code != 302:
        return response
    preview = client.get(url(programme_round, "application_import_preview"))
    assert client.post(url(programme_round, "application_import_preview")).status_code == 302
    return preview


def test_the_column_is_guessed_in_german_and_english():
    assert guess_mapping(["E-Mail", "Bevorzugt"])["favoured"] == 1
    assert guess_mapping(["Favoured", "E-mail"])["favoured"] == 0
    assert guess_mapping(["E-Mail", "Thema 1. Wahl"])["favoured"] is None


def test_a_flagged_row_is_favoured_once_confirmed_logged_as_the_importer(
    client, round, coordinator
):
    client.force_login(coordinator)
    preview = import_file(client, round, csv_with_flags("x", ""))
    assert "favoured by the coordination" in preview.content.decode()
    confirm_all(round)
    jana = Application.objects.get(person__email="jana.mueller@example.org")
    oskar = Application.objects.get(person__email="oskar.weiss@example.org")
    assert jana.favoured and not oskar.favoured
    entry = AuditEntry.objects.get(action="application.favoured")
    assert entry.actor == coordinator and entry.object_id == str(jana.pk)


def test_a_reimport_sets_and_clears_the_flag_and_a_file_without_it_keeps_it(
    client, round, coordinator
):
    client.force_login(coordinator)
    import_file(client, round, csv_with_flags("", "ja"))
    confirm_all(round)
    assert Application.objects.get(person__email="oskar.weiss@example.org").favoured
    import_file(client, round, csv_with_flags("1", "nein"))
    assert favoured_emails() == {"jana.mueller@example.org"}
    assert AuditEntry.objects.filter(action="application.unfavoured").count() == 1
    # a file without the column changes nothing
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(ROWS)
    import_file(client, round, buffer.getvalue().encode())
    assert favoured_emails() == {"jana.mueller@example.org"}


def test_a_value_that_is_not_yes_or_no_is_an_error_on_its_row(client, round, coordinator):
    client.force_login(coordinator)
    response = import_file(client, round, csv_with_flags("vielleicht", "x"))
    assert response.status_code == 400
    errors = [(e.row, e.column, e.message) for e in response.context["errors"]]
    assert errors == [(2, "Bevorzugt (Koordination)", "Please answer yes or no, not “vielleicht”.")]
    assert not Application.objects.exists()
