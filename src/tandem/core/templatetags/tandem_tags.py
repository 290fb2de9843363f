from django import template

register = template.Library()


@register.filter
def applications_open(round) -> bool:
    """True while today lies in the round's application window (end date inclusive)."""
    from tandem.applications.services import application_window

    return application_window(round).status == "open"
