"""A person's certificates (PDF and Open Badges credential) and the alumni directory."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tandem.alumni import directory as directory_services
from tandem.alumni.badges import sign_badge
from tandem.alumni.certificates import build_certificate_pdf, verification_url
from tandem.alumni.models import Certificate
from tandem.core.forms import add_service_errors
from tandem.programmes.models import Programme
from tandem.programmes.selectors import programme_in_scope

from .forms import CertificateLanguageForm, DirectoryEntryForm, DirectorySearchForm


def _own_certificate(request, pk) -> Certificate:
    found = Certificate.objects.filter(pk=pk).select_related("round__programme").first()
    if found is None or not request.user.has_perm("alumni.download_certificate", found):
        raise Http404
    return found


@login_required
@require_GET
def certificates(request):
    rows = [
        (certificate, verification_url(certificate))
        for certificate in Certificate.objects.filter(person=request.user).order_by(
            "-issued_on", "pk"
        )
    ]
    programmes = Programme.objects.filter(alumni__person=request.user).select_related(
        "organisation"
    )
    return render(
        request,
        "portal/alumni/certificates.html",
        {"certificates": rows, "programmes": programmes},
    )


@login_required
def certificate_pdf(request, certificate):
    found = _own_certificate(request, certificate)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    form = CertificateLanguageForm(request.GET)
    # An unknown language falls back to the person's own: the link is ours, not typed.
    language = form.cleaned_data["language"] if form.is_valid() else request.user.language
    if found.revoked:
        messages.error(request, _("This certificate has been revoked."))
        return redirect("portal:certificates")
    response = HttpResponse(build_certificate_pdf(found, language), content_type="application/pdf")
    name = "Teilnahmebescheinigung" if language == "de" else "certificate"
    response["Content-Disposition"] = f'attachment; filename="{name}-{found.round.slug}.pdf"'
    return response


@login_required
def certificate_badge(request, certificate):
    found = _own_certificate(request, certificate)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if found.revoked:
        messages.error(request, _("This certificate has been revoked."))
        return redirect("portal:certificates")
    response = HttpResponse(sign_badge(found), content_type="application/jwt")
    response["Content-Disposition"] = f'attachment; filename="badge-{found.round.slug}.jwt"'
    return response


def _programme_or_404(request, org, programme) -> Programme:
    try:
        found = programme_in_scope(org, programme)
    except Programme.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("alumni.view_directory", found):
        raise Http404
    return found


@login_required
def directory(request, org, programme):
    found = _programme_or_404(request, org, programme)
    topics = found.topics.all()
    search = DirectorySearchForm(request.GET or None, topics=topics)
    topic = search.cleaned_data["topic"] if search.is_valid() else None
    may_join = request.user.has_perm("alumni.join_directory", found)
    entry = directory_services.own_entry(found, request.user)
    status = 200
    if request.method == "POST":
        if not may_join:
            raise Http404
        form = DirectoryEntryForm(request.POST, topics=topics)
        if form.is_valid():
            try:
                directory_services.save_directory_entry(
                    programme=found, person=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your entry in the alumni directory was saved."))
                return redirect("portal:alumni_directory", org=org, programme=programme)
        status = 400
    else:
        initial = {"contact": request.user.email}
        if entry is not None:
            initial = {
                "topics": list(entry.topics.all()),
                "share_contact": entry.share_contact,
                "contact": entry.contact or request.user.email,
            }
        form = DirectoryEntryForm(initial=initial, topics=topics)
    context = {
        "programme": found,
        "listings": directory_services.directory_for_user(found, request.user, topic),
        "search": search,
        "topic": topic,
        "entry": entry,
        "form": form if may_join else None,
    }
    return render(request, "portal/alumni/directory.html", context, status=status)


@login_required
def directory_leave(request, org, programme):
    found = _programme_or_404(request, org, programme)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if directory_services.leave_directory(programme=found, person=request.user):
        messages.success(request, _("You have left the alumni directory."))
    return redirect("portal:alumni_directory", org=org, programme=programme)
