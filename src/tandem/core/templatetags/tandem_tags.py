from django import template

register = template.Library()


@register.filter
def applications_open(round) -> bool:
    """True while today lies in the round's application window (end date inclusive)."""
    from tandem.applications.services import application_window

    return application_window(round).status == "open"


@register.filter
def elided_pages(page):
    """Page numbers around the current page, with "…" for the gaps (long lists)."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@register.filter
def coordinates(user) -> bool:
    """Whether the menu shows "Coordination" (staff and people with a coordinating role)."""
    from tandem.programmes.selectors import has_coordinating_role

    return has_coordinating_role(user)


@register.filter
def has_role(round_roles, role: str) -> bool:
    return any(round_role.role == role for round_role in round_roles)


@register.simple_tag(takes_context=True)
def after_second_factor(context) -> str:
    """The coordinator page a person was on their way to before setting up the second
    factor (only an address on this site), or ""."""
    from tandem.core.access import AFTER_SECOND_FACTOR, has_second_factor
    from tandem.core.next_step import safe_next

    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    if not has_second_factor(request.user):
        return ""  # not set up yet: the way on comes after the set-up
    return safe_next(request, request.session.get(AFTER_SECOND_FACTOR, ""))


@register.simple_tag
def online_room(url_name: str, round, **kwargs) -> str:
    """The platform's join page of a BigBlueButton room ("" when none is configured): the
    page lets in only the people the room is for."""
    from django.urls import reverse

    from tandem.core.meeting_links import bbb_configured

    if not bbb_configured():
        return ""
    return reverse(url_name, kwargs={**round.url_kwargs, **kwargs})
