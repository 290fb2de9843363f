"""“My data”: what the platform stores about the person, its download, account deletion.

Only ever the logged-in person's own data: no URL carries an id.
"""

import json

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from tandem.core.forms import add_service_errors
from tandem.privacy.erasure import erase_person
from tandem.privacy.personal_data import export_personal_data, personal_data_summary
from tandem.programmes.personal_data import sole_coordinated_organisations

from .forms import DeleteAccountForm

ERASED_FLAG = "tandem_account_erased"

# Summary key -> (what is stored, who sees it), in the order of the page.
KINDS = {
    "account": (
        gettext_lazy("Your profile: name, e-mail address, position, institution, language"),
        gettext_lazy("You; the coordinators and trainers of your rounds"),
    ),
    "email_addresses": (gettext_lazy("E-mail addresses for logging in"), gettext_lazy("You")),
    "second_factors": (
        gettext_lazy("Second factor (authenticator app, recovery codes)"),
        gettext_lazy("Nobody; it only protects your login"),
    ),
    "organisations": (
        gettext_lazy("Organisations you coordinate"),
        gettext_lazy("Their coordinators"),
    ),
    "round_roles": (
        gettext_lazy("Your roles in rounds"),
        gettext_lazy("The round's coordinators and trainers"),
    ),
    "applications": (
        gettext_lazy("Applications: expectations, topics, projects, consent"),
        gettext_lazy("You, the round's coordinators and trainers"),
    ),
    "mentor_profiles": (
        gettext_lazy("Mentor profiles with photo and slides"),
        gettext_lazy(
            "You, the round's coordinators and trainers; once "
            "published, everyone who opens the mentor gallery"
        ),
    ),
    "mentor_candidacies": (
        gettext_lazy("Entries on a round's list of possible mentors, with the coordinators' notes"),
        gettext_lazy("The round's coordinators"),
    ),
    "info_event_registrations": (
        gettext_lazy("Registrations for info events"),
        gettext_lazy("The round's coordinators"),
    ),
    "proposals": (
        gettext_lazy("Tandem proposals concerning you, with your answers"),
        gettext_lazy("You and the proposed partner; the round's coordinators"),
    ),
    "tandems": (
        gettext_lazy("Your tandems with agreement, goals and meetings"),
        gettext_lazy("You and your tandem partner; coordinators see only that and when you meet"),
    ),
    "notes": (
        gettext_lazy("Your meeting notes"),
        gettext_lazy("You; shared notes also your tandem partner"),
    ),
    "time_spent": (
        gettext_lazy("Time you recorded for meetings"),
        gettext_lazy("You and your tandem partner"),
    ),
    "date_votes": (
        gettext_lazy("Your answers in date polls"),
        gettext_lazy("You and your tandem partner"),
    ),
    "date_polls": (
        gettext_lazy("Date polls you started, with your note for your partner"),
        gettext_lazy("You and your tandem partner"),
    ),
    "mails": (gettext_lazy("E-mails sent to you"), gettext_lazy("The round's coordinators")),
    "api_tokens": (
        gettext_lazy("Your API tokens (name, scope, when used; never the key)"),
        gettext_lazy("You"),
    ),
    "activity": (
        gettext_lazy("What you did on the platform (activity log)"),
        gettext_lazy("The platform's administrators, to trace changes"),
    ),
    "opened_by_staff": (
        gettext_lazy(
            "When coordinators or trainers opened your application, your page, an e-mail to "
            "you or the notes of your evaluation interview (what and when, in the download)"
        ),
        gettext_lazy("You; the platform's administrators"),
    ),
}


def _page(request, form, status=200):
    person = request.user
    counts = personal_data_summary(person)
    rows = [
        {"label": label, "audience": audience, "count": counts[key]}
        for key, (label, audience) in KINDS.items()
    ]
    context = {
        "rows": rows,
        "blocking": list(sole_coordinated_organisations(person)),
        "form": form,
        "retention_months": settings.TANDEM_RETENTION_MONTHS,
    }
    return render(request, "portal/privacy/my_data.html", context, status=status)


@login_required
def my_data(request):
    return _page(request, DeleteAccountForm(person=request.user))


@login_required
@require_POST
def download(request):
    person = request.user
    data = export_personal_data(person, by=person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"tandem-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters("password")
@login_required
@require_POST
def delete_account(request):
    person = request.user
    form = DeleteAccountForm(request.POST, person=person, request=request)
    if form.is_valid():
        try:
            erase_person(person, by=person)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            logout(request)
            # Set after logout, which starts a fresh session.
            request.session[ERASED_FLAG] = True
            return redirect("portal:account_deleted")
    return _page(request, form, status=400)


def account_deleted(request):
    """The confirmation, shown once right after the deletion (the person is logged out)."""
    if not request.session.pop(ERASED_FLAG, False):
        return redirect("home")
    return render(request, "portal/privacy/deleted.html")
