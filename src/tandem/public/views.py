import datetime as dt

from django.conf import settings
from django.shortcuts import redirect, render

from tandem.applications.calls import open_calls


def home(request):
    """The front door: what Tandem is and which calls are open; logged-in people go to
    their dashboard (which lists the open calls too)."""
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    return render(request, "public/home.html", {"calls": open_calls()})


# The day this installation's accessibility statement was last reviewed against the code.
ACCESSIBILITY_REVIEWED = dt.date(2026, 12, 2)


def accessibility(request):
    """The accessibility statement (BITV 2.0 § 7): compliance, gaps, feedback, enforcement."""
    return render(
        request,
        "public/accessibility.html",
        {"reviewed": ACCESSIBILITY_REVIEWED, "site_url": settings.SITE_URL},
    )
