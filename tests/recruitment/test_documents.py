import datetime as dt

from tandem.documents.supervisor_letter import SupervisorLetterData, build_supervisor_letter
from tandem.documents.text import to_latin1


def letter(**overrides):
    data = {
        "language": "de",
        "person_name": "Deniz Yılmaz",
        "role": "mentor",
        "programme_name": "Peer-Mentoring „Open Access & Bibliometrie“ – Pilot…",
        "round_name": "Durchlauf 2027",
        "organisation_name": "Netzwerk Bibliometrie & Open Access e. V.",
        "person_position": "Bibliometrie-Team",
        "institution_name": "Universitätsbibliothek Ostfeld",
        "phases": [("Mentor*innen-Schulung", dt.date(2027, 1, 4), dt.date(2027, 1, 29))],
        "contact": "Dr. Katrin Albers",
        "issued_on": dt.date(2026, 9, 1),
    }
    data.update(overrides)
    return SupervisorLetterData(**data)


def test_to_latin1_maps_typography_and_foreign_letters():
    text = to_latin1("„Zitat“ – Gedanke — Ende… Yılmaz Łódź ş € → Mentor*innen")
    assert text == '"Zitat" - Gedanke - Ende... Yilmaz Lódz s EUR -> Mentor*innen'
    text.encode("latin-1")
    assert to_latin1("中") == "?"
    assert to_latin1("Grüße") == "Grüße"


def test_letter_is_a_pdf_with_the_persons_name_in_german_and_english():
    for language, heading in (("de", b"Vertraulichkeit"), ("en", b"Confidentiality")):
        pdf = build_supervisor_letter(letter(language=language), compress=False)
        assert pdf.startswith(b"%PDF-")
        assert pdf.rstrip().endswith(b"%%EOF")
        assert b"Deniz Yilmaz" in pdf
        assert heading in pdf
        assert b"Mentor*innen-Schulung" in pdf
        assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 1


def test_compressed_letter_is_a_pdf_and_mentee_text_differs():
    mentee = build_supervisor_letter(letter(role="mentee"), compress=False)
    assert b"als Mentee teil" in mentee
    compressed = build_supervisor_letter(letter())
    assert compressed.startswith(b"%PDF-")
    assert len(compressed) < len(build_supervisor_letter(letter(), compress=False))
