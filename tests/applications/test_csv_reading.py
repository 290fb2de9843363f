"""The application import and the command line read CSV files alike (one reader)."""

import pytest

from tandem.applications import imports
from tandem.matching.engine import csvio


@pytest.mark.parametrize(
    ("header", "delimiter", "columns"),
    [
        ("name;email;topics", ";", ["name", "email", "topics"]),
        ("name,email,topics", ",", ["name", "email", "topics"]),
        ("name\temail\ttopics", "\t", ["name", "email", "topics"]),
        # A comma inside a quoted header does not outvote the real separator.
        ('"Name, Vorname, Titel";E-Mail', ";", ["Name, Vorname, Titel", "E-Mail"]),
        ('"Erwartungen; Projekte; Ziele",E-Mail', ",", ["Erwartungen; Projekte; Ziele", "E-Mail"]),
        # A tie: German Excel writes ";".
        ("Name, Vorname;E-Mail", ";", ["Name, Vorname", "E-Mail"]),
        ("name", ",", ["name"]),
    ],
)
def test_one_delimiter_guess_for_both_readers(header, delimiter, columns):
    assert csvio.sniff_delimiter(header + "\nx") == delimiter
    table = imports.read_table(f"{header}\nx\n".encode(), "applications.csv")
    assert table.headers == columns


def test_one_decoding_for_both_readers():
    text = "Name;Erwartungen\nJürgen;Grüße\n"
    for data in (
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("cp1252"),
    ):
        assert imports.decode_text(data) == csvio.decode(data)[0] == text
