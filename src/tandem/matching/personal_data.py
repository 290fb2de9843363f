"""Matching's personal data: proposals with the two persons' answers, pair rules."""

from django.db.models import Q

from tandem.people.personal_data import iso
from tandem.privacy.registry import Declaration, Holding
from tandem.programmes.personal_data import round_in_export

from . import services
from .models import Proposal


def _proposals(user):
    return (
        Proposal.objects.filter(Q(application__person=user) | Q(mentor_profile__person=user))
        .select_related(
            "round__programme__organisation", "application__person", "mentor_profile__person"
        )
        .order_by("run__created_at", "pk")
    )


def count(user) -> dict[str, int]:
    return {"proposals": _proposals(user).count()}


def _proposal(proposal, user) -> dict:
    side = proposal.side_of(user)
    partner = proposal.mentor if side == "mentee" else proposal.mentee
    # The person's own answer only: the partner's answer and comment are the partner's data.
    return {
        "round": round_in_export(proposal.round),
        "you_are": side,
        "partner": partner.get_full_name(),
        "status": proposal.status,
        "fit": proposal.score,
        "answer_by": iso(proposal.answer_by),
        "your_answer": getattr(proposal, f"{side}_answer"),
        "your_comment": getattr(proposal, f"{side}_comment"),
        "answered_at": iso(getattr(proposal, f"{side}_answered_at")),
    }


def export(user) -> dict:
    return {"proposals": [_proposal(p, user) for p in _proposals(user)]}


def erase(user) -> dict[str, int]:
    # Decided applications stay (see applications); the person's words on proposals go.
    return services.erase_participant(person=user)


def clean_round(round, dry_run: bool) -> dict[str, int]:
    return services.clean_round_state(programme_round=round, dry_run=dry_run)


DECLARATION = Declaration(
    app_label="matching",
    holdings=(
        Holding(
            model="matching.Proposal",
            fields=(
                "application",
                "mentor_profile",
                "mentee_comment",
                "mentor_comment",
                "explanation",
                "manual_reason",
            ),
            whose="the proposed mentee and mentor",
            purpose="to ask both whether the pair fits",
            seen_by="the two persons (each their own answer) and the round's coordinators",
            retention="not accepted: N months after the round; accepted: with the tandem",
        ),
        Holding(
            model="matching.PairRule",
            fields=("application", "mentor_profile", "reason", "created_by"),
            whose="the pair concerned and the coordinator who set the rule",
            purpose="to pin or exclude a pair",
            seen_by="the round's coordinators",
            retention="N months after the round",
        ),
        Holding(
            model="matching.MatchRun",
            fields=("created_by", "inputs", "summary"),
            whose="the coordinator who ran it; applicants and mentors (by id) in its inputs",
            purpose="the history of every run",
            seen_by="the round's coordinators",
            retention="with the round",
        ),
    ),
    export=export,
    erase=erase,
    count=count,
    clean_round=clean_round,
    erase_order=40,
    retention_order=10,
)
