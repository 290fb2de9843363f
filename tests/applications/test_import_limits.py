"""Import files beyond the documented limits are turned away quickly, with a clear message.

The review: a 394 KB XLSX took 17 s and +744 MB, a 2.5 MB one with 300,000 rows 45 s of
CPU before being rejected, and a NUL byte after the first 8 KB of a CSV answered 500 on
PostgreSQL.
"""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from tandem.applications import imports
from tandem.applications.models import Application, ImportedApplication

from .test_import_export import (
    HEADERS,
    ROWS,
    confirm_all,
    csv_bytes,
    run_import,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def refused(client, programme_round, content, name, message):
    response = upload(client, programme_round, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_a_nul_byte_late_in_a_csv_is_refused_with_its_row(client, round, coordinator):
    rows = [list(ROWS[0]) for _ in range(120)]
    for number, row in enumerate(rows):
        row[1] = f"person{number}@example.org"
    rows[-1][6] = "Erwartung mit \x00 darin"
    content = csv_bytes(rows)
    assert content.index(b"\x00") > 8192
    client.force_login(coordinator)
    refused(client, round, content, "export.csv", "Row 121, column 7 holds a NUL character")


def test_a_nul_character_in_an_xlsx_is_refused(client, round, coordinator):
    """XML cannot hold a NUL; a file with ``&#0;`` made the XML parser fail with a 500."""
    content = _replace_part(
        xlsx_bytes(),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"Jana M", b"Jana&#0;M", 1),
    )
    client.force_login(coordinator)
    refused(client, round, content, "export.xlsx", "could not be read")


def test_the_same_file_without_the_nul_imports(
    client, round, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        run_import(client, round, csv_bytes())
    # Imported rows wait for their persons' confirmation before they become applications.
    assert ImportedApplication.objects.filter(round=round).count() == 2
    confirm_all(round)
    assert Application.objects.count() == 2


def _replace_part(content: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part.filename)
            target.writestr(part, change(data) if part.filename == name else data)
    return buffer.getvalue()


def _with_extra_part(content: bytes, name: str, data: bytes) -> bytes:
    buffer = io.BytesIO(content)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def test_an_xlsx_that_unpacks_to_too_much_is_refused_before_parsing(client, round, coordinator):
    # A huge shared string: 25 MB of one letter packs to a few KB.
    big = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><si><t>' + b"a" * (25 * 1024 * 1024) + b"</t></si></sst>"
    )
    content = _with_extra_part(xlsx_bytes(), "xl/sharedStrings.xml", big)
    assert len(content) < 200_000
    client.force_login(coordinator)
    refused(client, round, content, "export.xlsx", "unpacks to more than 20 MB")


def test_a_part_packed_like_a_bomb_is_refused(client, round, coordinator):
    content = _with_extra_part(xlsx_bytes(), "xl/media/pad.bin", b"\x00" * (4 * 1024 * 1024))
    client.force_login(coordinator)
    refused(client, round, content, "export.xlsx", "packed unusually tightly")


def _sheet(rows: int, columns: int = len(HEADERS), far_cell: str = "") -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([f"Spalte {n}" for n in range(columns)])
    for number in range(rows):
        sheet.append([f"p{number}@example.org"] + ["x"] * (columns - 1))
    buffer = io.BytesIO()
    book.save(buffer)
    content = buffer.getvalue()
    if far_cell:
        content = _replace_part(
            content,
            "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace(
                b"</row>",
                f'<c r="{far_cell}1" t="inlineStr"><is><t>weit</t></is></c></row>'.encode(),
                1,
            ),
        )
    return content


def test_reading_stops_at_the_row_limit(client, round, coordinator, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 50)
    content = _sheet(rows=400)
    with pytest.raises(ValidationError) as raised:
        imports._read_xlsx(content)  # stopped while reading, not after
    assert "more than 50 rows" in raised.value.messages[0]
    client.force_login(coordinator)
    refused(client, round, content, "export.xlsx", "more than 50 rows")


def test_reading_a_csv_stops_at_the_row_limit(monkeypatch):
    monkeypatch.setattr(imports, "MAX_SHEET_ROWS", 100)
    content = b"E-Mail,Name\n" + b"\n" * 500 + b"a@example.org,A\n"
    with pytest.raises(ValidationError) as raised:
        imports._read_csv(content)
    assert "rows" in raised.value.messages[0]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_more_than_sixty_columns_are_refused(client, round, coordinator, kind):
    if kind == "xlsx":
        content = _sheet(rows=3, columns=70)
    else:
        content = ("\n".join(",".join(f"c{n}" for n in range(70)) for _ in range(3))).encode()
    client.force_login(coordinator)
    refused(client, round, content, f"export.{kind}", "more than 60 columns")


def test_one_cell_far_to_the_right_is_refused_without_padding_every_row(client, round, coordinator):
    content = _sheet(rows=300, far_cell="XFD")
    client.force_login(coordinator)
    refused(client, round, content, "export.xlsx", "more than 60 columns")


def test_the_upload_page_states_the_limits(client, round, coordinator):
    from django.urls import reverse

    client.force_login(coordinator)
    page = client.get(reverse("manage:application_import", kwargs=round.url_kwargs))
    text = page.content.decode()
    assert "2,000 rows" in text and "60 columns" in text and "20 MB" in text
