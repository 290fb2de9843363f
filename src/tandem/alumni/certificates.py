"""Certificates: their verification address, revoking them, and the PDF.

The PDF says what the certificate row says — programme, period, role, the number of
meetings held (never what was discussed), training attended, the issuing organisation —
and carries the verification address as text and as QR code.
"""

import io

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from tandem.audit.services import log_action
from tandem.documents.fonts import FAMILY, add_fonts

from .models import Certificate
from .wording import certificate_wording, date_format


def verification_url(certificate: Certificate) -> str:
    path = reverse("verify_certificate", kwargs={"public_id": certificate.public_id})
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, reason: str, by) -> Certificate:
    """A coordinator withdraws a certificate; its address then says it was revoked."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked:
        raise ValidationError(_("This certificate has already been revoked."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please say why the certificate is revoked.")})
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason[:300]
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    log_action(by, "certificate.revoked", certificate, programme_round=certificate.round)
    return certificate


@transaction.atomic
def reinstate_certificate(*, certificate: Certificate, reason: str, by) -> Certificate:
    """A coordinator takes a revocation back (it was a mistake): the certificate is valid
    again, at its address, as a download and as a badge. The log keeps both steps."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not certificate.revoked:
        raise ValidationError(_("This certificate is valid; there is nothing to reinstate."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please say why the certificate is valid again.")})
    certificate.revoked_at = None
    certificate.revoked_reason = ""
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    log_action(
        by,
        "certificate.reinstated",
        certificate,
        programme_round=certificate.round,
        data={"reason": reason[:300]},
    )
    return certificate


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def build_certificate_pdf(certificate: Certificate, language: str) -> bytes:
    """The certificate as PDF in ``language``; names print as written (Unicode font)."""
    url = verification_url(certificate)
    day_format = date_format(language)

    def day(value) -> str:
        return value.strftime(day_format)

    values = {
        "round": certificate.round_name,
        "programme": certificate.programme_name,
        "start": day(certificate.period_start),
        "end": day(certificate.period_end),
        "meetings": certificate.meetings_held,
        "organisation": certificate.organisation_name,
        "date": day(certificate.issued_on),
        "url": url,
    }
    wording = certificate_wording(
        certificate.round, language, is_mentor=certificate.role == "mentor", values=values
    )
    pdf = FPDF(format="A4")
    add_fonts(pdf)
    pdf.set_title(f"{wording.title} - {certificate.holder_name}")
    pdf.set_author(certificate.organisation_name)
    pdf.set_subject(certificate.programme_name)
    pdf.set_creator("Tandem")
    pdf.set_lang(language)
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()

    def write(text: str, *, size: float = 11, style: str = "", gap: float = 3, align="L"):
        pdf.set_font(FAMILY, style=style, size=size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align=align)
        pdf.ln(gap)

    write(certificate.organisation_name, size=10, style="B", gap=0)
    write(certificate.programme_name, size=10, gap=18)
    write(wording.title, size=22, style="B", gap=10, align="C")
    write(wording.intro, gap=4, align="C")
    write(certificate.holder_name, size=18, style="B", gap=6, align="C")
    write(wording.achievement, gap=6)
    write(wording.meetings.format(**values), style="B", gap=4)
    if certificate.trainings:
        write(wording.trainings, style="B", gap=1)
        for title in certificate.trainings:
            write(f"– {title}", gap=1)
        pdf.ln(3)
    write(wording.confidential, size=9, gap=10)
    write(wording.issued.format(**values), gap=8)
    top = pdf.get_y()
    pdf.image(io.BytesIO(qr_png(url)), x=pdf.l_margin, y=top, w=32, h=32)
    pdf.set_xy(pdf.l_margin + 36, top + 10)
    pdf.set_font(FAMILY, size=8)
    pdf.multi_cell(0, 4, wording.verify.format(**values), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
