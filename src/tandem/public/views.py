from django.shortcuts import redirect, render

from tandem.applications.calls import open_calls


def home(request):
    """The front door: what Tandem is and which calls are open; logged-in people go to
    their dashboard (which lists the open calls too)."""
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    return render(request, "public/home.html", {"calls": open_calls()})
