"""Answer dates with consequences: reminders before the date, a choice when it has passed.

Whoever has not answered a sent proposal is reminded a few days before the date for
answers and on the day itself (once each, also when the job missed a day). When the
date has passed, the coordinators decide per round what happens to the proposals still
waiting: extend the date, take them back, or treat silence as a decline. Every change of
a proposal locks its row first, so an answer arriving at the same moment is never lost.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.mail.services import queue_mail
from tandem.programmes.models import PROPOSAL_REMINDER_DAYS_MAX

from .enums import OverdueChoice, PairRuleKind, ProposalStatus
from .models import PairRule, Proposal
from .services import withdraw_proposal

SIDES = ("mentee", "mentor")


def _unanswered(side: str) -> Q:
    return Q(**{f"{side}_answer": ""})


def waiting_proposals():
    return Proposal.objects.filter(status=ProposalStatus.SENT, answer_by__isnull=False)


def reminder_due(proposal: Proposal, side: str, today: dt.date) -> bool:
    """Whether this side gets a reminder today: not answered, and a reminder stage
    (a few days before, or the day itself) reached that it was not yet reminded for."""
    if proposal.status != ProposalStatus.SENT or proposal.answer_by is None:
        return False
    if getattr(proposal, f"{side}_answer"):
        return False
    answer_by = proposal.answer_by
    if today > answer_by:
        return False
    # The round's own days (the coordinators' form keeps them to the maximum).
    days = min(proposal.round.proposal_reminder_days, PROPOSAL_REMINDER_DAYS_MAX)
    stage = answer_by if today == answer_by else answer_by - dt.timedelta(days)
    if today < stage:
        return False
    reminded = getattr(proposal, f"{side}_reminded_on")
    return reminded is None or reminded < stage


def remind_unanswered(today: dt.date | None = None) -> int:
    """Queue the reminders that are due; returns how many were queued."""
    today = today or timezone.localdate()
    # The widest window; reminder_due applies each round's own days.
    first_stage = today + dt.timedelta(PROPOSAL_REMINDER_DAYS_MAX)
    candidates = (
        waiting_proposals()
        .filter(answer_by__gte=today, answer_by__lte=first_stage)
        .filter(_unanswered("mentee") | _unanswered("mentor"))
    )
    count = 0
    for proposal in candidates.select_related("round"):
        # Read first, locked and read again in _remind: rounds remind on their own days.
        if any(reminder_due(proposal, side, today) for side in SIDES):
            count += _remind(proposal.pk, today)
    return count


@transaction.atomic
def _remind(pk: int, today: dt.date) -> int:
    # Locked: an answer being saved at this moment is waited for, then read.
    proposal = (
        Proposal.objects.select_for_update()
        .select_related(
            "round__programme__organisation", "application__person", "mentor_profile__person"
        )
        .get(pk=pk)
    )
    sent = 0
    for side in SIDES:
        if not reminder_due(proposal, side, today):
            continue
        person = proposal.mentee if side == "mentee" else proposal.mentor
        partner = proposal.mentor if side == "mentee" else proposal.mentee
        queue_mail(
            key="proposal_reminder",
            to=person.email,
            recipient=person,
            round=proposal.round,
            review=False,
            context=_context(proposal, person, partner),
        )
        setattr(proposal, f"{side}_reminded_on", today)
        proposal.save(update_fields=[f"{side}_reminded_on"])
        log_action(
            None,
            "matching.proposal_reminded",
            proposal,
            programme_round=proposal.round,
            data={"side": side},
        )
        sent += 1
    return sent


def _context(proposal: Proposal, person, partner) -> dict:
    round = proposal.round
    with translation.override(person.language):
        answer_by = formats.date_format(proposal.answer_by, "DATE_FORMAT")
    return {
        "name": person.get_full_name(),
        "partner": partner.get_full_name(),
        "answer_by": answer_by,
        "round": round.name,
        "organisation": round.programme.organisation.name,
        "url": reverse("portal:proposal", kwargs=round.url_kwargs),
    }


# --- after the date -------------------------------------------------------------------


def overdue_proposals(round, today: dt.date | None = None):
    """Sent proposals of the round whose date for answers has passed without both answers."""
    today = today or timezone.localdate()
    return (
        waiting_proposals()
        .filter(round=round, answer_by__lt=today)
        .filter(_unanswered("mentee") | _unanswered("mentor"))
        .select_related("application__person", "mentor_profile__person")
        .order_by("answer_by", "pk")
    )


@transaction.atomic
def resolve_overdue(*, round, choice: str, by, new_date: dt.date | None = None) -> int:
    """The coordinators' choice for every overdue proposal of the round; returns how many
    proposals it changed. Proposals answered in the meantime are left alone."""
    today = timezone.localdate()
    if choice not in OverdueChoice.values:
        raise ValidationError({"choice": _("Please choose what happens to the proposals.")})
    if choice == OverdueChoice.EXTEND:
        if new_date is None:
            raise ValidationError({"new_date": _("Please give the new date for answers.")})
        if new_date < today:
            raise ValidationError({"new_date": _("The date for answers must not lie in the past.")})
    pks = list(overdue_proposals(round, today).values_list("pk", flat=True))
    changed = 0
    for pk in pks:
        proposal = (
            Proposal.objects.select_for_update()
            .select_related(
                "round__programme__organisation", "application__person", "mentor_profile__person"
            )
            .get(pk=pk)
        )
        # Checked again under the lock: another coordinator may have decided already.
        if proposal.status != ProposalStatus.SENT or not proposal.answer_by:
            continue
        if proposal.answer_by >= today or (proposal.mentee_answer and proposal.mentor_answer):
            continue
        if choice == OverdueChoice.EXTEND:
            _extend(proposal, new_date)
        elif choice == OverdueChoice.WITHDRAW:
            withdraw_proposal(proposal=proposal, by=by)
        else:
            _lapse(proposal)
        changed += 1
    log_action(
        by,
        "matching.overdue_resolved",
        round,
        programme_round=round,
        data={
            "choice": choice,
            "count": changed,
            "new_date": new_date.isoformat() if new_date and choice == "extend" else None,
        },
    )
    return changed


def _extend(proposal: Proposal, new_date: dt.date) -> None:
    proposal.answer_by = new_date
    proposal.mentee_reminded_on = proposal.mentor_reminded_on = None
    proposal.save(update_fields=["answer_by", "mentee_reminded_on", "mentor_reminded_on"])
    for side in SIDES:
        if getattr(proposal, f"{side}_answer"):
            continue  # who answered needs nothing more
        person = proposal.mentee if side == "mentee" else proposal.mentor
        partner = proposal.mentor if side == "mentee" else proposal.mentee
        queue_mail(
            key="proposal_extended",
            to=person.email,
            recipient=person,
            round=proposal.round,
            review=False,
            context=_context(proposal, person, partner),
        )


def _lapse(proposal: Proposal) -> None:
    """No answer counts as a no: the pair is excluded and both are told, neutrally."""
    proposal.status = ProposalStatus.LAPSED
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    PairRule.objects.update_or_create(
        application=proposal.application,
        mentor_profile=proposal.mentor_profile,
        defaults={
            "round": proposal.round,
            "kind": PairRuleKind.EXCLUDE,
            "created_by": None,
            "reason": _("No answer in time"),
        },
    )
    log_action(None, "matching.proposal_lapsed", proposal, programme_round=proposal.round)
    for person, partner in ((proposal.mentee, proposal.mentor), (proposal.mentor, proposal.mentee)):
        queue_mail(
            key="proposal_lapsed",
            to=person.email,
            recipient=person,
            round=proposal.round,
            review=False,
            context=_context(proposal, person, partner),
        )
