from django.shortcuts import redirect, render


def home(request):
    """The front door: what Tandem is; logged-in people go to their dashboard."""
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    return render(request, "public/home.html")
