"""Public addresses of certificates: the verification page and the Open Badges files.

The verification page confirms a certificate is genuine and shows no more than the
certificate itself says; an unknown address answers 404, a revoked one says so. The
key set, the revocation list and the issuer profiles are public by design.
"""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.alumni.badges import issuer_profile, public_key_set, revocation_list
from tandem.alumni.models import Certificate
from tandem.programmes.models import Organisation


@require_GET
def verify_certificate(request, public_id):
    found = Certificate.objects.filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return render(request, "public/verify_certificate.html", {"certificate": found})


@require_GET
def badge_keys(request):
    response = JsonResponse(public_key_set())
    response["Content-Type"] = "application/jwk-set+json"
    return response


@require_GET
def badge_revocations(request):
    return JsonResponse(revocation_list())


@require_GET
def badge_issuer(request, org):
    # Only organisations that issued certificates have an issuer profile.
    organisation = Organisation.objects.filter(
        slug=org, programmes__rounds__certificates__isnull=False
    ).first()
    if organisation is None:
        raise Http404
    return JsonResponse(issuer_profile(organisation))
