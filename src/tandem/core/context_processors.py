from django.conf import settings


def site(request):
    return {
        "PRODUCTION": settings.PRODUCTION,
        "ACCESSIBILITY_CONTACT": settings.TANDEM_ACCESSIBILITY_CONTACT,
    }
