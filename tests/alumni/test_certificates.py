import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tandem.alumni.certificate_texts import CERTIFICATE, MAIL_TEMPLATES
from tandem.alumni.certificates import build_certificate_pdf, revoke_certificate
from tandem.alumni.models import Certificate
from tandem.audit.models import AuditEntry
from tandem.mail.services import save_programme_texts
from tests.conftest import manage_url

pytestmark = pytest.mark.django_db


def verify_url(certificate):
    return reverse("verify_certificate", kwargs={"public_id": certificate.public_id})


def test_ids_are_random_and_long(closed):
    ids = list(Certificate.objects.values_list("public_id", flat=True))
    assert len(set(ids)) == 2 and all(len(value) >= 24 for value in ids)


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    ("language", "words"), [("de", "als Mentee teilgenommen"), ("en", "took part as a mentee")]
)
def test_the_pdf_is_built_in_both_languages(closed, language, words):
    certificate = Certificate.objects.get(role="mentee")
    pdf = build_certificate_pdf(certificate, language)
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
    text = " ".join(text_of(pdf).split())
    assert MAIL_TEMPLATES[CERTIFICATE][language][0] in text
    assert words in text and certificate.holder_name in text


def test_the_certificate_prints_the_programmes_own_words(closed, round, coordinator):
    texts = {
        "de": ("Bescheinigung Datenkompetenz", "{% if is_mentor %}hat begleitet.{% else %}"
               "hat im Programm {{ programme }} Datenkompetenz erworben.{% endif %}"),
        "en": ("Data skills certificate", "{% if is_mentor %}accompanied.{% else %}"
               "gained data skills in {{ programme }}.{% endif %}"),
    }  # fmt: skip
    save_programme_texts(programme=round.programme, key=CERTIFICATE, texts=texts, by=coordinator)
    mentee = Certificate.objects.get(role="mentee")
    text = " ".join(text_of(build_certificate_pdf(mentee, "de")).split())
    assert "Bescheinigung Datenkompetenz" in text
    assert f"hat im Programm {mentee.programme_name} Datenkompetenz erworben." in text
    assert "Teilnahmebescheinigung" not in text
    # The frame stays: the confidentiality note and the verification link.
    assert "vertraulich" in text and mentee.public_id in text.replace(" ", "")
    mentor = Certificate.objects.get(role="mentor")
    assert "accompanied." in " ".join(text_of(build_certificate_pdf(mentor, "en")).split())


def test_the_holder_downloads_the_pdf_others_get_404(closed, client):
    certificate = Certificate.objects.get(role="mentor")
    url = reverse("portal:certificate_pdf", kwargs={"certificate": certificate.pk})
    client.force_login(closed["mentor"])
    response = client.get(url + "?language=en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    for other in ("mentee", "coordinator", "trainer", "outsider"):
        client.force_login(closed[other])
        assert client.get(url).status_code == 404


def test_verification_page_confirms_and_shows_no_more(closed, client):
    certificate = Certificate.objects.get(role="mentee")
    response = client.get(verify_url(certificate))
    text = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is genuine." in text
    assert certificate.holder_name in text and certificate.programme_name in text
    # Nothing the certificate does not say: no e-mail, no tandem content, no partner.
    assert closed["mentee"].email not in text
    assert "Geheim" not in text and closed["mentor"].get_full_name() not in text


def test_unknown_address_is_404(closed, client):
    assert (
        client.get(reverse("verify_certificate", kwargs={"public_id": "x" * 24})).status_code == 404
    )


def test_a_coordinator_revokes_and_the_address_says_so(closed, client, round, coordinator):
    certificate = Certificate.objects.get(role="mentee")
    client.force_login(coordinator)
    url = manage_url("certificate_revoke", round, certificate=certificate.pk)
    field = f"c{certificate.pk}-reason"
    assert client.post(url, {field: ""}).status_code == 400
    certificate.refresh_from_db()
    assert not certificate.revoked
    response = client.post(url, {field: "Teilnahme nicht erfolgt"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked and certificate.revoked_reason == "Teilnahme nicht erfolgt"
    text = client.get(verify_url(certificate)).content.decode()
    assert "This certificate has been revoked." in text and "genuine" not in text
    revoked = client.get(reverse("badge_revocations")).json()["revokedCredentials"]
    assert [entry["id"].endswith(certificate.public_id + "/") for entry in revoked] == [True]
    # A revoked certificate is no longer handed out.
    client.force_login(closed["mentee"])
    pdf = reverse("portal:certificate_pdf", kwargs={"certificate": certificate.pk})
    assert client.get(pdf).status_code == 302


@pytest.mark.parametrize("role", ["mentor", "mentee", "trainer", "outsider", "foreign_coordinator"])
def test_others_cannot_revoke(closed, client, round, role):
    certificate = Certificate.objects.get(role="mentee")
    client.force_login(closed[role])
    url = manage_url("certificate_revoke", round, certificate=certificate.pk)
    assert client.post(url, {f"c{certificate.pk}-reason": "x"}).status_code in (404, 302)
    certificate.refresh_from_db()
    assert not certificate.revoked


def test_revoking_twice_is_refused(closed, coordinator):
    from django.core.exceptions import ValidationError

    certificate = Certificate.objects.get(role="mentee")
    revoke_certificate(certificate=certificate, reason="Fehler", by=coordinator)
    with pytest.raises(ValidationError):
        revoke_certificate(certificate=certificate, reason="Fehler", by=coordinator)


def test_the_coordinator_page_lists_certificates_without_content(
    closed, client, round, coordinator
):
    client.force_login(coordinator)
    response = client.get(manage_url("round_alumni", round))
    text = response.content.decode()
    assert response.status_code == 200
    assert closed["mentee"].get_full_name() in text and "Geheim" not in text


def test_a_revocation_made_by_mistake_is_taken_back(closed, client, round, coordinator):
    certificate = Certificate.objects.get(role="mentee")
    revoke_certificate(certificate=certificate, reason="Verwechselt", by=coordinator)
    client.force_login(coordinator)
    url = manage_url("certificate_reinstate", round, certificate=certificate.pk)
    field = f"c{certificate.pk}-reason"
    page = client.get(manage_url("round_alumni", round)).content.decode()
    assert url in page and "Reinstate" in page
    # a reason is needed, next to the field
    response = client.post(url, {field: " "})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked
    response = client.post(url, {field: "Die Teilnahme ist belegt"}, follow=True)
    assert "The certificate is valid again." in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.revoked and certificate.revoked_reason == ""
    assert "genuine" in client.get(verify_url(certificate)).content.decode()
    assert client.get(reverse("badge_revocations")).json()["revokedCredentials"] == []
    entry = AuditEntry.objects.get(action="certificate.reinstated")
    assert entry.actor == coordinator and entry.data == {"reason": "Die Teilnahme ist belegt"}
    # a valid certificate has nothing to reinstate: said on the page, nothing changes
    response = client.post(url, {field: "noch einmal"})
    assert response.status_code == 400
    assert "nothing to reinstate" in response.content.decode()
    # the holder gets the PDF again
    client.force_login(closed["mentee"])
    pdf = reverse("portal:certificate_pdf", kwargs={"certificate": certificate.pk})
    assert client.get(pdf).status_code == 200


@pytest.mark.parametrize("role", ["mentor", "mentee", "trainer", "outsider", "foreign_coordinator"])
def test_others_cannot_reinstate(closed, client, round, coordinator, role):
    certificate = Certificate.objects.get(role="mentee")
    revoke_certificate(certificate=certificate, reason="Fehler", by=coordinator)
    client.force_login(closed[role])
    url = manage_url("certificate_reinstate", round, certificate=certificate.pk)
    assert client.post(url, {f"c{certificate.pk}-reason": "x"}).status_code in (404, 302)
    certificate.refresh_from_db()
    assert certificate.revoked
