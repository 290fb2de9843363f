"""Reads for the portal: the proposals that concern one person, and nothing else.

DESIGN.md §2: mentee and mentor read the proposal about themselves and consent; nobody
else in the portal sees it. Drafts and superseded proposals are the coordinators'
working state and never reach the portal.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from tandem.applications.models import TopicChoice
from tandem.recruitment.enums import ExpertiseLevel
from tandem.recruitment.models import MentorTopic

from .enums import ProposalStatus
from .models import Proposal

SHOWN_TO_PERSONS = (
    ProposalStatus.SENT,
    ProposalStatus.ACCEPTED,
    ProposalStatus.DECLINED,
    ProposalStatus.LAPSED,
)


def _concerning(person) -> Q:
    return Q(application__person=person) | Q(mentor_profile__person=person)


def proposals_for_person(round, person):
    """The person's proposals of the round that were sent to them, newest first."""
    return (
        Proposal.objects.filter(_concerning(person), round=round, status__in=SHOWN_TO_PERSONS)
        .select_related(
            "round__programme",
            "application__person__institution",
            "application__institution",
            "mentor_profile__person__institution",
        )
        .prefetch_related(
            Prefetch(
                "application__topic_choices", queryset=TopicChoice.objects.select_related("topic")
            ),
            Prefetch(
                "mentor_profile__levels", queryset=MentorTopic.objects.select_related("topic")
            ),
        )
        .order_by("-sent_at", "-pk")
    )


def may_answer(proposal: Proposal, side: str, today=None) -> bool:
    """Whether this side can still say yes or no (the service has the final word)."""
    today = today or timezone.localdate()
    return (
        proposal.status == ProposalStatus.SENT
        and not getattr(proposal, f"{side}_answer")
        and (proposal.answer_by is None or today <= proposal.answer_by)
    )


def proposals_awaiting_answer(person) -> list[Proposal]:
    """One open proposal per round that still waits for this person's own answer."""
    today = timezone.localdate()
    waiting = (
        Proposal.objects.filter(
            Q(application__person=person, mentee_answer="")
            | Q(mentor_profile__person=person, mentor_answer=""),
            status=ProposalStatus.SENT,
        )
        .filter(Q(answer_by__isnull=True) | Q(answer_by__gte=today))
        .select_related("round__programme__organisation")
        .order_by("answer_by", "pk")
    )
    by_round: dict[int, Proposal] = {}
    for proposal in waiting:
        by_round.setdefault(proposal.round_id, proposal)
    return list(by_round.values())


@dataclass
class SharedTopic:
    label: str
    mentee_rank: int | None
    mentor_level: str


def shared_topics(proposal: Proposal, labels: dict[str, str]) -> list[SharedTopic]:
    """Why the pair was proposed, in the reader's language (``labels``: topic key -> label)."""
    topics = []
    for item in proposal.explanation.get("shared_topics", []):
        level = item.get("mentor_level")
        topics.append(
            SharedTopic(
                label=labels.get(item.get("topic"), item.get("topic", "")),
                mentee_rank=item.get("mentee_rank"),
                mentor_level=str(ExpertiseLevel(level).label)
                if level in ExpertiseLevel.values
                else "",
            )
        )
    return topics
