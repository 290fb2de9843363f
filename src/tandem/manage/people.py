"""One person as their organisation's coordinators see them.

The page says who the person is (name, e-mail, institution, position — what the round's
people list already shows) and where they take part in the organisation's rounds: roles,
applications, mentor profiles and tandems, each linked to the page that holds its details.
It shows no answers of an application (those are on the application's own page, which
logs its opening) and nothing of what happens in a tandem (DESIGN.md §7: staff see that a
tandem exists, never its content). Opening it is logged: staff looking at a person is part
of the audit trail.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.views import View

from tandem.applications.models import Application
from tandem.audit.services import log_action
from tandem.core.access import OrganisationScopeMixin
from tandem.people.models import User
from tandem.programmes.models import RoundRole
from tandem.recruitment.models import MentorProfile
from tandem.tandems.models import Tandem

ROUND_PATH = "round__programme__organisation"


def person_in_organisation(organisation, person_id: int) -> User:
    """The person, if they have a role, an application or a mentor profile in one of the
    organisation's rounds; otherwise the page does not exist for them (404)."""
    in_rounds = {"round__programme__organisation": organisation}
    person = (
        User.objects.select_related("institution")
        .filter(pk=person_id)
        .filter(
            Q(pk__in=RoundRole.objects.filter(**in_rounds).values("person"))
            | Q(pk__in=Application.objects.filter(**in_rounds).values("person"))
            | Q(pk__in=MentorProfile.objects.filter(**in_rounds).values("person"))
        )
        .first()
    )
    if person is None:
        raise Http404
    return person


def participation(organisation, person) -> dict:
    """Where the person takes part in the organisation's rounds, newest round first."""
    in_rounds = {"round__programme__organisation": organisation}
    newest = ("-round__pk",)
    return {
        "roles": RoundRole.objects.filter(person=person, **in_rounds)
        .select_related(ROUND_PATH)
        .order_by(*newest, "role"),
        "applications": Application.objects.filter(person=person, **in_rounds)
        .select_related(ROUND_PATH)
        .order_by(*newest),
        "profiles": MentorProfile.objects.filter(person=person, **in_rounds)
        .select_related(ROUND_PATH)
        .order_by(*newest),
        "tandems": Tandem.objects.filter(Q(mentor=person) | Q(mentee=person), **in_rounds)
        .select_related(ROUND_PATH, "mentor", "mentee")
        .order_by(*newest, "created_at"),
    }


class PersonView(OrganisationScopeMixin, View):
    """/manage/<org>/people/<id>/: for the organisation's coordinators only."""

    def get(self, request, org, person):
        found = person_in_organisation(self.organisation, person)
        # Who opened whose profile is part of the audit log (issue 16); no text, only ids.
        log_action(request.user, "person.viewed", found, organisation=self.organisation)
        context = {
            "organisation": self.organisation,
            "person": found,
            **participation(self.organisation, found),
        }
        return render(request, "manage/person.html", context)
