import datetime as dt
import io

from pypdf import PdfReader

from tandem.documents.supervisor_letter import SupervisorLetterData, build_supervisor_letter


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


def text_of(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())  # lines break anywhere


def fonts_of(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].get_object().values()
    }


def test_every_name_prints_as_written_in_an_embedded_unicode_font():
    pdf = build_supervisor_letter(
        letter(
            person_name="Ольга Петрова",
            contact="Νίκος Παπαδόπουλος",
            institution_name="Biblioteka Uniwersytecka we Wrocławiu, Łukasz Wójcik",
        )
    )
    text = text_of(pdf)
    for name in ("Ольга Петрова", "Νίκος Παπαδόπουλος", "Wrocławiu, Łukasz Wójcik"):
        assert name in text
    assert "„Open Access & Bibliometrie“ – Pilot…" in text
    assert fonts_of(pdf) and all("DejaVuSans" in font for font in fonts_of(pdf))


def test_letter_is_a_pdf_with_the_persons_name_in_german_and_english():
    for language, heading in (("de", b"Vertraulichkeit"), ("en", b"Confidentiality")):
        pdf = build_supervisor_letter(letter(language=language), compress=False)
        assert pdf.startswith(b"%PDF-")
        assert pdf.rstrip().endswith(b"%%EOF")
        text = text_of(pdf)
        assert "Deniz Yılmaz" in text
        assert heading.decode() in text
        assert "Mentor*innen-Schulung" in text
        assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 1


def test_compressed_letter_is_a_pdf_and_mentee_text_differs():
    mentee = build_supervisor_letter(letter(role="mentee"), compress=False)
    assert "als Mentee teil" in text_of(mentee)
    compressed = build_supervisor_letter(letter())
    assert compressed.startswith(b"%PDF-")
    assert len(compressed) < len(build_supervisor_letter(letter(), compress=False))
