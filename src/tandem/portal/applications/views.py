"""The mentee's application form in the portal: draft, submit, edit, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.applications import selectors, services
from tandem.applications.enums import ApplicationState
from tandem.applications.models import PRIVACY_NOTICE_VERSION
from tandem.core.forms import add_service_errors
from tandem.privacy import visibility
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import Round
from tandem.programmes.selectors import round_in_scope

from .forms import ApplicationForm, initial_from


def _round(request, org, programme, round) -> Round:
    """A public round takes applications from anyone logged in; see applications.rules."""
    try:
        found = round_in_scope(org, programme, round)
    except Round.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("applications.apply", found):
        raise Http404
    return found


def _closed_message(window) -> str:
    if window.status == "before":
        return _("Applications open on %(date)s.") % {
            "date": date_format(window.starts_on, "SHORT_DATE_FORMAT")
        }
    if window.status == "after":
        return _("The application window closed on %(date)s.") % {
            "date": date_format(window.ends_on, "SHORT_DATE_FORMAT")
        }
    return _("This round does not take applications at the moment.")


@login_required
def apply(request, org, programme, round):
    round = _round(request, org, programme, round)
    person = request.user
    if person.institution_id is None:
        messages.info(
            request,
            _(
                "Please add your institution to your profile first; then "
                "you come back to the application form of “%(round)s”."
            )
            % {"round": round},
        )
        # The profile sends the person back here when it is saved.
        return redirect(f"{reverse('portal:profile')}?{urlencode({'next': request.path})}")
    is_mentor = round.roles.filter(person=person, role=RoleKind.MENTOR).exists()
    application = selectors.application_for_user(round, person)
    window = services.application_window(round)
    editable = services.may_edit_application(round=round, person=person, application=application)
    mentors = selectors.preferred_mentor_choices(round) if editable else []
    status = 200
    form = None
    if request.method == "POST":
        if not editable:
            messages.error(
                request,
                _closed_message(window)
                if not window.is_open
                else _("This application can no longer be changed."),
            )
            status = 400
        else:
            submit = request.POST.get("action", "save") == "submit"
            was_draft = application is None or application.state == ApplicationState.DRAFT
            form = ApplicationForm(
                request.POST,
                round=round,
                mentors=mentors,
                consent_given=bool(application and application.consent_at),
            )
            if form.is_valid():
                try:
                    services.save_application(
                        round=round, person=person, data=form.application_data(), submit=submit
                    )
                except ValidationError as error:
                    # The service's own messages, on the fields they concern.
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        _(
                            "Your application was submitted. We have sent you a confirmation by "
                            "e-mail."
                        )
                        if submit and was_draft
                        else _("Your application was saved."),
                    )
                    return redirect("portal:application_apply", **round.url_kwargs)
            status = 400
    if editable and form is None:
        form = ApplicationForm(
            initial=initial_from(application, person),
            round=round,
            mentors=mentors,
            consent_given=bool(application and application.consent_at),
        )
    context = {
        "round": round,
        "application": application,
        "window": window,
        "editable": editable,
        "is_mentor": is_mentor,
        "closed_message": "" if window.is_open else _closed_message(window),
        "form": form,
        "notice_version": PRIVACY_NOTICE_VERSION,
        # The notice names what mentors see, from the one declaration the pages follow.
        "mentor_sees": visibility.labels("mentor_sees_mentee"),
        "mentors_from_profiles": selectors.recruitment_profiles(round) is not None,
    }
    return render(request, "portal/applications/apply.html", context, status=status)


def _own_application(request, org, programme, round):
    round = _round(request, org, programme, round)
    application = selectors.application_for_user(round, request.user)
    if application is None:
        raise Http404
    return round, application


@login_required
def withdraw(request, org, programme, round):
    round, application = _own_application(request, org, programme, round)
    if request.method == "POST":
        if request.POST.get("confirm") == "yes":
            try:
                services.withdraw_application(application=application, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Your application was withdrawn."))
            return redirect("portal:application_apply", **round.url_kwargs)
        error = _("Please confirm that you want to withdraw your application.")
        return render(
            request,
            "portal/applications/withdraw.html",
            {"round": round, "application": application, "error": error},
            status=400,
        )
    return render(
        request, "portal/applications/withdraw.html", {"round": round, "application": application}
    )


@login_required
@require_POST
def reopen(request, org, programme, round):
    round, application = _own_application(request, org, programme, round)
    try:
        services.reopen_application(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Your application is a draft again. Please submit it before the deadline.")
        )
    return redirect("portal:application_apply", **round.url_kwargs)
