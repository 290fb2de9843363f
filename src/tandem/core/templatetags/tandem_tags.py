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
