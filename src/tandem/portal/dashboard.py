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

from tandem.applications.calls import open_calls
from tandem.applications.enums import ApplicationState
from tandem.applications.models import Application
from tandem.applications.services import application_window
from tandem.matching import portal as matching_portal
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import RoundRole
from tandem.tandems import selectors as tandem_selectors
from tandem.tandems.models import Agreement, DatePoll, DateVote, Meeting, Tandem


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


def _by_round(pairs) -> dict[int, list[DueItem]]:
    result: dict[int, list[DueItem]] = {}
    for round_id, item in pairs:
        result.setdefault(round_id, []).append(item)
    return result


# Each question takes all the person's rounds at once (one query, however many rounds)
# and answers {round id: [DueItem, …]}.


def application_draft(rounds, person) -> dict:
    by_id = {round.pk: round for round in rounds}
    drafts = Application.objects.filter(
        person=person, round__in=rounds, state=ApplicationState.DRAFT
    ).values_list("round_id")
    pairs = []
    for (round_id,) in drafts:
        round = by_id[round_id]
        window = application_window(round)
        if window.is_open:
            pairs.append(
                (
                    round_id,
                    DueItem(
                        _("Your application is a draft: please submit it by %(date)s.")
                        % {"date": date_format(window.ends_on, "DATE_FORMAT")},
                        reverse("portal:application_apply", kwargs=round.url_kwargs),
                    ),
                )
            )
    return _by_round(pairs)


def proposal_waiting(rounds, person) -> dict:
    round_ids = {round.pk for round in rounds}
    pairs = []
    for proposal in matching_portal.proposals_awaiting_answer(person):
        if proposal.round_id not in round_ids:
            continue
        text = _("A tandem proposal waits for your answer.")
        if proposal.answer_by:
            text = _("A tandem proposal waits for your answer (by %(date)s).") % {
                "date": date_format(proposal.answer_by, "DATE_FORMAT")
            }
        pairs.append(
            (
                proposal.round_id,
                DueItem(text, reverse("portal:proposal", kwargs=proposal.round.url_kwargs)),
            )
        )
    return _by_round(pairs)


def polls_waiting(rounds, person) -> dict:
    """Open date polls of the person's own tandems that they have not answered yet."""
    answered = DateVote.objects.filter(person=person).values("option__poll")
    polls = (
        DatePoll.objects.filter(
            Q(tandem__mentor=person) | Q(tandem__mentee=person),
            tandem__round__in=rounds,
            closed_at__isnull=True,
        )
        .exclude(pk__in=answered)
        .select_related("tandem__round__programme__organisation")
        .order_by("created_at")
    )
    return _by_round(
        (
            poll.tandem.round_id,
            DueItem(
                _("A date poll waits for your answer."),
                reverse(
                    "portal:tandem_poll", kwargs={**poll.tandem.round.url_kwargs, "poll": poll.pk}
                ),
            ),
        )
        for poll in polls
    )


def _agreement_url(tandem) -> str:
    return reverse(
        "portal:tandem_agreement", kwargs={**tandem.round.url_kwargs, "tandem": tandem.pk}
    )


def agreement_to_confirm(rounds, person) -> dict:
    agreements = Agreement.objects.filter(
        Q(tandem__mentor=person, mentor_confirmed_at__isnull=True)
        | Q(tandem__mentee=person, mentee_confirmed_at__isnull=True),
        tandem__round__in=rounds,
    ).select_related("tandem__round__programme__organisation")
    return _by_round(
        (
            agreement.tandem.round_id,
            DueItem(
                _("The mentoring agreement waits for your confirmation."),
                _agreement_url(agreement.tandem),
            ),
        )
        for agreement in agreements
    )


def agreement_missing(rounds, person) -> dict:
    tandems = Tandem.objects.filter(
        Q(mentor=person) | Q(mentee=person), round__in=rounds, agreement__isnull=True
    ).select_related("round__programme__organisation")
    return _by_round(
        (
            tandem.round_id,
            DueItem(_("Your tandem has no mentoring agreement yet."), _agreement_url(tandem)),
        )
        for tandem in tandems
    )


def mentor_profile_missing(rounds, person) -> dict:
    from tandem.recruitment.models import MentorProfile

    mentor_in = (
        RoundRole.objects.filter(person=person, role=RoleKind.MENTOR, round__in=rounds)
        .exclude(round__in=MentorProfile.objects.filter(person=person).values("round"))
        .select_related("round__programme__organisation")
    )
    return _by_round(
        (
            role.round_id,
            DueItem(
                _("You have not written your mentor profile yet."),
                reverse("portal:recruitment_profile", kwargs=role.round.url_kwargs),
            ),
        )
        for role in mentor_in
    )


def surveys_waiting(rounds, person) -> dict:
    from tandem.surveys.selectors import waiting_for_user

    return _by_round(
        (
            invitation.survey.round_id,
            DueItem(
                _("A survey waits for your answers: %(title)s")
                % {"title": invitation.survey.title},
                reverse(
                    "portal:survey",
                    kwargs={**invitation.survey.round.url_kwargs, "survey": invitation.survey_id},
                ),
            ),
        )
        for invitation in waiting_for_user(rounds, person)
    )


#: The questions of the "due" list, in the order they are shown.
DUE_ITEMS: list[Callable] = [
    proposal_waiting,
    application_draft,
    mentor_profile_missing,
    agreement_missing,
    agreement_to_confirm,
    polls_waiting,
    surveys_waiting,
]


def participant_views(rounds, person, now=None) -> dict[int, ParticipantView]:
    """For each round: the person's tandems with their next meeting, and what is due."""
    now = now or timezone.now()
    views = {round.pk: ParticipantView() for round in rounds}
    tandems = list(
        Tandem.objects.filter(Q(mentor=person) | Q(mentee=person), round__in=rounds).select_related(
            "mentor", "mentee", "round__programme__organisation"
        )
    )
    meetings: dict[int, list] = {}
    for meeting in Meeting.objects.filter(tandem__in=tandems).order_by("starts_at", "pk"):
        meetings.setdefault(meeting.tandem_id, []).append(meeting)
    for tandem in tandems:
        upcoming, _past = tandem_selectors.split_meetings(meetings.get(tandem.pk, []), now=now)
        is_mentor = tandem.mentor_id == person.pk
        card = TandemCard(
            tandem=tandem,
            partner=tandem.mentee if is_mentor else tandem.mentor,
            partner_role=_("your mentee") if is_mentor else _("your mentor"),
            url=tandem_selectors.workspace_url(tandem),
        )
        if upcoming:
            upcoming[0].tandem = tandem  # already loaded: no query for the address
            card.next_meeting = upcoming[0]
            card.next_meeting_url = tandem_selectors.meeting_url(upcoming[0])
        views[tandem.round_id].tandems.append(card)
    for question in DUE_ITEMS:
        for round_id, items in question(rounds, person).items():
            views[round_id].due.extend(items)
    return views


def calls_for(person) -> list:
    """Open calls the person has not applied to (the way back in after a lost session)."""
    applied = set(person.applications.values_list("round_id", flat=True))
    return [call for call in open_calls() if call.round.pk not in applied]
