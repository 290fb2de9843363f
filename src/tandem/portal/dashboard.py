"""What a mentor or mentee sees first: their tandem, the next meeting, and what is due.

The "due" list is built from small item functions in ``DUE_ITEMS``, each asking one
question of one round for one person, so that another part of the platform (training,
evaluation) adds its own question by adding one function here. Every read filters by the
person: nothing of anybody else's tandem, application or poll is ever loaded.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.applications import selectors as application_selectors
from tandem.applications.calls import open_calls
from tandem.applications.enums import ApplicationState
from tandem.applications.services import application_window
from tandem.matching import portal as matching_portal
from tandem.programmes.enums import RoleKind
from tandem.tandems import selectors as tandem_selectors
from tandem.tandems.models import Agreement, DatePoll, DateVote, Tandem


@dataclass
class DueItem:
    text: str  # shown as the link to where it is done
    url: str


@dataclass
class TandemCard:
    tandem: Tandem
    partner: object
    partner_role: str
    url: str
    next_meeting: object = None
    next_meeting_url: str = ""


@dataclass
class ParticipantView:
    tandems: list[TandemCard] = field(default_factory=list)
    due: list[DueItem] = field(default_factory=list)


def _kwargs(round) -> dict:
    return round.url_kwargs


def application_draft(round, person) -> list[DueItem]:
    application = application_selectors.application_for_user(round, person)
    if application is None or application.state != ApplicationState.DRAFT:
        return []
    window = application_window(round)
    if not window.is_open:
        return []
    return [DueItem(
        _("Your application is a draft: please submit it by %(date)s.")
        % {"date": date_format(window.ends_on, "DATE_FORMAT")},
        reverse("portal:application_apply", kwargs=_kwargs(round)))]


def proposal_waiting(round, person) -> list[DueItem]:
    waiting = [p for p in matching_portal.proposals_awaiting_answer(person)
               if p.round_id == round.pk]
    if not waiting:
        return []
    proposal = waiting[0]
    text = _("A tandem proposal waits for your answer.")
    if proposal.answer_by:
        text = _("A tandem proposal waits for your answer (by %(date)s).") % {
            "date": date_format(proposal.answer_by, "DATE_FORMAT")}
    return [DueItem(text, reverse("portal:proposal", kwargs=_kwargs(round)))]


def polls_waiting(round, person) -> list[DueItem]:
    """Open date polls of the person's own tandems that they have not answered yet."""
    answered = DateVote.objects.filter(person=person).values("option__poll")
    polls = (DatePoll.objects.filter(Q(tandem__mentor=person) | Q(tandem__mentee=person),
                                     tandem__round=round, closed_at__isnull=True)
             .exclude(pk__in=answered).order_by("created_at"))
    return [DueItem(_("A date poll waits for your answer."),
                    reverse("portal:tandem_poll", kwargs={**_kwargs(round), "poll": poll.pk}))
            for poll in polls]


def agreement_to_confirm(round, person) -> list[DueItem]:
    items = []
    agreements = Agreement.objects.filter(
        Q(tandem__mentor=person, mentor_confirmed_at__isnull=True)
        | Q(tandem__mentee=person, mentee_confirmed_at__isnull=True),
        tandem__round=round)
    for agreement in agreements:
        items.append(DueItem(
            _("The mentoring agreement waits for your confirmation."),
            reverse("portal:tandem_agreement",
                    kwargs={**_kwargs(round), "tandem": agreement.tandem_id})))
    return items


def agreement_missing(round, person) -> list[DueItem]:
    tandems = Tandem.objects.filter(Q(mentor=person) | Q(mentee=person), round=round,
                                    agreement__isnull=True)
    return [DueItem(_("Your tandem has no mentoring agreement yet."),
                    reverse("portal:tandem_agreement",
                            kwargs={**_kwargs(round), "tandem": tandem.pk}))
            for tandem in tandems]


def mentor_profile_missing(round, person) -> list[DueItem]:
    from tandem.recruitment.models import MentorProfile

    if not round.roles.filter(person=person, role=RoleKind.MENTOR).exists():
        return []
    if MentorProfile.objects.filter(round=round, person=person).exists():
        return []
    return [DueItem(_("You have not written your mentor profile yet."),
                    reverse("portal:recruitment_profile", kwargs=_kwargs(round)))]


#: The questions of the "due" list, in the order they are shown.
DUE_ITEMS: list[Callable] = [
    proposal_waiting,
    application_draft,
    mentor_profile_missing,
    agreement_missing,
    agreement_to_confirm,
    polls_waiting,
]


def participant_view(round, person, now=None) -> ParticipantView:
    """The person's tandems in the round with their next meeting, and what is due."""
    now = now or timezone.now()
    view = ParticipantView()
    for tandem in tandem_selectors.tandems_for_user(round, person):
        upcoming, _past = tandem_selectors.split_meetings(
            tandem_selectors.meetings_of(tandem), now=now)
        is_mentor = tandem.mentor_id == person.pk
        card = TandemCard(
            tandem=tandem, partner=tandem.mentee if is_mentor else tandem.mentor,
            partner_role=_("your mentee") if is_mentor else _("your mentor"),
            url=tandem_selectors.workspace_url(tandem))
        if upcoming:
            card.next_meeting = upcoming[0]
            card.next_meeting_url = tandem_selectors.meeting_url(upcoming[0])
        view.tandems.append(card)
    for item in DUE_ITEMS:
        view.due.extend(item(round, person))
    return view


def calls_for(person) -> list:
    """Open calls the person has not applied to (the way back in after a lost session)."""
    applied = set(person.applications.values_list("round_id", flat=True))
    return [call for call in open_calls() if call.round.pk not in applied]
