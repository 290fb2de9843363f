"""Pages for mentors (their profile) and participants (the supervisor letter)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tandem.alumni.next_round import mentor_profile_suggestion
from tandem.core.forms import add_service_errors
from tandem.documents.supervisor_letter import build_supervisor_letter
from tandem.programmes.models import Round
from tandem.programmes.selectors import round_in_scope
from tandem.public.invitation import answer_page
from tandem.recruitment import selectors, services

from .forms import LetterLanguageForm, MentorProfileForm


def _round_or_404(request, org, programme, round, permission) -> Round:
    try:
        found = round_in_scope(org, programme, round)
    except Round.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm(permission, found):
        raise Http404
    return found


@login_required
@never_cache
def mentor_invitation(request, org, programme, round):
    """An open invitation sent to one of the person's verified addresses, without the link.

    Only the hash of the link's token is stored, so the dashboard links here instead.
    """
    candidate = next(
        (
            candidate
            for candidate in selectors.open_invitations_for_user(request.user)
            if candidate.round.url_kwargs == {"org": org, "programme": programme, "round": round}
        ),
        None,
    )
    if candidate is None:
        raise Http404
    return answer_page(request, candidate)


@login_required
def mentor_profile(request, org, programme, round):
    """The mentor's own profile for the round; nobody else edits it."""
    found = _round_or_404(request, org, programme, round, "recruitment.edit_own_mentor_profile")
    profile = selectors.profile_of(found, request.user)
    topics = found.programme.topics.all()
    suggestion = None
    if request.method == "POST":
        form = MentorProfileForm(request.POST, request.FILES, topics=topics)
        if form.is_valid():
            data = form.cleaned_data
            photo = False if data["remove_photo"] else data["photo"]
            slides = False if data["remove_slides"] else data["slides"]
            try:
                services.save_mentor_profile(
                    round=found,
                    person=request.user,
                    levels=form.levels(),
                    data=services.MentorProfileData(
                        presentation=data["presentation"],
                        experience=data["experience"],
                        capacity=data["capacity"],
                        languages=data["languages"],
                        weekdays=data["weekdays"],
                        availability=data["availability"],
                        video_url=data["video_url"],
                        publish_in_gallery=data["publish_in_gallery"],
                        photo=photo,
                        slides=slides,
                    ),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your mentor profile was saved."))
                return redirect("portal:recruitment_profile", **found.url_kwargs)
        status = 400
    else:
        suggestion = None if profile else mentor_profile_suggestion(found, request.user)
        form = MentorProfileForm(initial=_initial(found, profile, suggestion), topics=topics)
        status = 200
    context = {
        "round": found,
        "profile": profile,
        "suggestion": suggestion,
        "form": form,
        "letter_form": LetterLanguageForm(initial={"language": request.user.language}),
    }
    return render(request, "portal/recruitment/profile.html", context, status=status)


def _initial(round, profile, suggestion=None) -> dict:
    if profile is None:
        initial = {"capacity": round.mentor_capacity, "languages": ["de"]}
        if suggestion is not None:
            # Pre-filled from the round this one follows; the person confirms and edits.
            initial["presentation"] = suggestion.presentation
            initial["experience"] = suggestion.experience
            for topic_id, level in suggestion.levels.items():
                initial[f"topic_{topic_id}"] = str(level)
        return initial
    initial = {
        name: getattr(profile, name)
        for name in (
            "presentation",
            "experience",
            "capacity",
            "languages",
            "weekdays",
            "availability",
            "video_url",
            "publish_in_gallery",
        )
    }
    for level in profile.levels.all():
        initial[f"topic_{level.topic_id}"] = str(level.level)
    return initial


@login_required
def supervisor_letter(request, org, programme, round):
    """The letter for a participant's employer as PDF, in German or English."""
    found = _round_or_404(request, org, programme, round, "recruitment.download_supervisor_letter")
    if "language" not in request.GET:
        form = LetterLanguageForm(initial={"language": request.user.language})
        return render(
            request,
            "portal/recruitment/supervisor_letter.html",
            {"round": found, "letter_form": form},
        )
    form = LetterLanguageForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "portal/recruitment/supervisor_letter.html",
            {"round": found, "letter_form": form},
            status=400,
        )
    language = form.cleaned_data["language"]
    data = selectors.supervisor_letter_data(found, request.user, language)
    pdf = build_supervisor_letter(data)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = "Vorgesetztenschreiben" if language == "de" else "supervisor-letter"
    response["Content-Disposition"] = f'attachment; filename="{name}-{found.slug}.pdf"'
    return response
