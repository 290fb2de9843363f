"""Pages for mentors and mentees (and everyone's own dashboard and profile)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tandem.core.forms import add_service_errors
from tandem.core.next_step import safe_next
from tandem.evaluation import selectors as evaluation_selectors
from tandem.matching import portal as matching_portal
from tandem.programmes import selectors, services
from tandem.programmes.invitations import open_invitations_for_person
from tandem.programmes.models import Round
from tandem.recruitment import selectors as recruitment_selectors
from tandem.tandems import selectors as tandem_selectors
from tandem.training import selectors as training_selectors

from . import dashboard as participant_dashboard
from .forms import ProfileForm


@login_required
def dashboard(request):
    entries = selectors.dashboard_for_user(request.user)
    views = participant_dashboard.participant_views([e.round for e in entries], request.user)
    for entry in entries:
        entry.participant = views[entry.round.pk]
    context = {
        "entries": entries,
        "invitations": recruitment_selectors.open_invitations_for_user(request.user),
        "role_invitations": open_invitations_for_person(request.user),
        "training_invitations": training_selectors.open_invitations_for_user(request.user),
        "consultation_rounds": training_selectors.rounds_to_consult_for_user(request.user),
        "evaluation": evaluation_selectors.open_evaluation_for_user(request.user),
        "calls": participant_dashboard.calls_for(request.user),
    }
    return render(request, "portal/dashboard.html", context)


@login_required
def profile(request):
    person = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                institution = services.find_or_create_institution(
                    name=data["institution_name"],
                    type=data["institution_type"],
                    size_class=data["institution_size"],
                )
                services.update_profile(
                    person=person,
                    name=data["name"],
                    position=data["position"],
                    institution=institution,
                    language=data["language"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your profile was saved."))
                # Back to where the person was going (the application form after sign-up).
                return redirect(safe_next(request) or "portal:profile")
        status = 400
    else:
        form = ProfileForm(
            initial={
                "name": person.name,
                "position": person.position,
                "institution_name": person.institution.name if person.institution else "",
                "language": person.language,
            }
        )
        status = 200
    return render(
        request, "portal/profile.html", {"form": form, "next": safe_next(request)}, status=status
    )


@login_required
def institution_search(request):
    """Search-as-you-type suggestions (an htmx partial; also a plain page without JS)."""
    query = request.GET.get("institution_name", request.GET.get("q", ""))
    institutions = selectors.search_institutions(query)
    template = "portal/profile.html#suggestions" if request.htmx else "portal/institutions.html"
    return render(request, template, {"institutions": institutions, "query": query})


@login_required
def round_detail(request, org, programme, round):
    try:
        found = selectors.round_in_scope(org, programme, round)
    except Round.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("programmes.view_round", found):
        raise Http404
    my_roles = found.roles.filter(person=request.user)
    return render(
        request,
        "portal/round.html",
        {
            "round": found,
            "timeline": selectors.round_timeline(found),
            "my_roles": my_roles,
            "has_proposal": matching_portal.proposals_for_person(found, request.user).exists(),
            "has_tandem": tandem_selectors.tandems_for_user(found, request.user).exists(),
            "may_consult": request.user.has_perm("training.book_consultation", found),
            "may_see_directory": request.user.has_perm("alumni.view_directory", found.programme),
            "may_evaluate": request.user.has_perm("evaluation.take_part", found),
            "runs_evaluation": request.user.has_perm("evaluation.run_evaluation", found),
        },
    )
