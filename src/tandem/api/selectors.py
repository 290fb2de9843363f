"""Reads of the API's own data and of what a token reaches."""

from tandem.programmes.models import Round
from tandem.programmes.selectors import organisations_for_user, rounds_for_user

from .models import ApiToken


def tokens_for_user(person):
    return ApiToken.objects.filter(person=person).select_related(
        "organisation", "round__programme__organisation"
    )


def token_of_user(person, pk) -> ApiToken | None:
    return tokens_for_user(person).filter(pk=pk).first()


def scopable_organisations(person):
    """Organisations a person may scope a token to: those they coordinate."""
    return organisations_for_user(person).order_by("name")


def scopable_rounds(person):
    """Rounds a person may scope a token to: those they take part in or coordinate."""
    return rounds_for_user(person).order_by("programme__organisation__name", "-created_at")


def rounds_in_scope(token: ApiToken):
    """The rounds the token reaches and its person may open (programmes.view_round)."""
    rounds = rounds_for_user(token.person)
    if token.round_id:
        rounds = rounds.filter(pk=token.round_id)
    else:
        rounds = rounds.filter(programme__organisation_id=token.organisation_id)
    return Round.objects.filter(pk__in=rounds.values("pk")).select_related(
        "programme__organisation"
    )
