"""Public pages of a round: the mentor gallery, the info event and the invitation link.

Readable without an account when the round is public; otherwise only by people with a
role in the round and its coordinators; otherwise 404.
"""

import mimetypes
import zoneinfo

import icalendar
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tandem.core import ratelimit
from tandem.core.forms import add_service_errors
from tandem.core.ratelimit import client_ip
from tandem.privacy import visibility
from tandem.programmes.models import Round
from tandem.programmes.selectors import round_in_scope
from tandem.recruitment import selectors, services

from .forms import CONSENT_TEXT, GalleryFilterForm, InfoEventRegistrationForm

EVENT_TIME_ZONE = "Europe/Berlin"
# Per address and per IP address: enough for a typo and a retry, too few to mail-bomb.
REGISTRATIONS_PER_HOUR = 5


def _visible_round(request, org, programme, round) -> Round:
    try:
        found = round_in_scope(org, programme, round)
    except Round.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("recruitment.view_gallery", found):
        raise Http404
    return found


def gallery(request, org, programme, round):
    found = _visible_round(request, org, programme, round)
    form = GalleryFilterForm(request.GET or None, round=found)
    status = 200
    topic, institution_type = None, ""
    if form.is_bound:
        if form.is_valid():
            topic = form.cleaned_data["topic"]
            institution_type = form.cleaned_data["institution_type"]
        else:
            status = 400
    profiles = selectors.gallery_profiles(found, topic=topic, institution_type=institution_type)
    context = {
        "round": found,
        "form": form,
        "profiles": profiles,
        "filtered": bool(topic or institution_type),
        "event": selectors.info_event_of(found),
        # What the gallery shows of a mentor is declared once (privacy/visibility.py).
        "shown": visibility.shown("gallery"),
    }
    return render(request, "public/recruitment/gallery.html", context, status=status)


def gallery_file(request, org, programme, round, profile, kind):
    """Photo or slides of a published profile, under the gallery's access rule."""
    found = _visible_round(request, org, programme, round)
    published = selectors.published_profiles(found).filter(pk=profile).first()
    if published is None or kind not in {"photo", "slides"} & visibility.shown("gallery"):
        raise Http404
    file = getattr(published, kind)
    if not file:
        raise Http404
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if kind == "slides":
        response["Content-Disposition"] = f'inline; filename="slides-{published.pk}.pdf"'
    return response


def info_event(request, org, programme, round):
    found = _visible_round(request, org, programme, round)
    event = selectors.info_event_of(found)
    if event is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = InfoEventRegistrationForm(request.POST)
        if form.is_valid() and not ratelimit.hit(
            "info-event-registration",
            [client_ip(request), form.cleaned_data["email"]],
            limit=REGISTRATIONS_PER_HOUR,
            period=3600,
        ):
            form.add_error(
                None, _("Too many registrations in a short time. Please try again in an hour.")
            )
            status = 429
        elif form.is_valid():
            try:
                services.register_for_info_event(
                    event=event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    consent_text=str(CONSENT_TEXT),
                    language=translation.get_language() or settings.LANGUAGE_CODE,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                # The same answer whether or not the address was registered before.
                messages.success(
                    request,
                    _(
                        "Thank you. Please confirm your address: we have sent you an e-mail "
                        "with a link. Date and dial-in details follow once you have confirmed."
                    ),
                )
                return redirect("public:info_event", **found.url_kwargs)
        status = status if status != 200 else 400
    else:
        form = InfoEventRegistrationForm()
    context = {
        "round": found,
        "event": event,
        "form": form,
        "is_over": event.ends_at <= timezone.now(),
    }
    return render(request, "public/recruitment/info_event.html", context, status=status)


@never_cache
def info_event_confirm(request, org, programme, round, token):
    """The link of the double opt-in: the registration counts, the details are mailed.

    Opening the link shows a button; only pressing it confirms. Mail scanners that open
    every link in a message must not register someone who never asked to take part."""
    found = _visible_round(request, org, programme, round)
    pending = selectors.pending_registration_for_token(token)
    if pending is None or pending.event.round_id != found.pk:
        return render(request, "public/recruitment/invitation_invalid.html", status=404)
    if request.method != "POST":
        context = {"round": found, "event": pending.event}
        return render(request, "public/recruitment/info_event_confirm.html", context)
    registration = services.confirm_info_event_registration(token=token)
    if registration is None:  # confirmed a moment ago in another tab
        return render(request, "public/recruitment/invitation_invalid.html", status=404)
    messages.success(
        request,
        _(
            "Thank you, your address is confirmed and you are registered. "
            "We have sent you an e-mail with the calendar entry."
        ),
    )
    return redirect("public:info_event", **found.url_kwargs)


def info_event_ics(request, org, programme, round):
    found = _visible_round(request, org, programme, round)
    event = selectors.info_event_of(found)
    if event is None:
        raise Http404
    url = settings.SITE_URL + reverse("public:info_event", kwargs=found.url_kwargs)
    body = build_info_event_ics(event, url=url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="info-event-{found.slug}.ics"'
    return response


def build_info_event_ics(event, *, url: str) -> bytes:
    """A calendar with one VEVENT in Europe/Berlin (TZID and VTIMEZONE included)."""
    tz = zoneinfo.ZoneInfo(EVENT_TIME_ZONE)
    round = event.round
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Tandem//Info event//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    vevent = icalendar.Event()
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "tandem"
    vevent.add("uid", f"info-event-{event.pk}-round-{round.pk}@{host}")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", event.starts_at.astimezone(tz))
    vevent.add("dtend", event.ends_at.astimezone(tz))
    with translation.override(settings.LANGUAGE_CODE):
        vevent.add(
            "summary",
            _("Info event: %(programme)s (%(round)s)")
            % {"programme": round.programme.name, "round": round.name},
        )
    description = event.agenda
    if event.video_url:
        description = f"{event.video_url}\n\n{description}".strip()
    vevent.add("description", description)
    vevent.add("url", event.video_url or url)
    if event.video_url:
        vevent.add("location", event.video_url)
    calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()
