"""A new match for the person whose tandem partner ended the tandem early.

Early enough in the tandem phase (tandem.tandems.early_end.may_offer_new_match) a
coordinator offers it: the old pair is no longer kept by the next run and never proposed
again, the person who ended the tandem leaves the pool (a mentee's application is
withdrawn; a mentor offers one place fewer), and the next run solves for the remaining
person while every other sent or agreed pair stays as it is.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.applications import services as application_services
from tandem.applications.enums import TRANSITIONS, ApplicationState
from tandem.audit.services import log_action
from tandem.mail.services import queue_mail
from tandem.recruitment.models import MentorProfile
from tandem.tandems.early_end import may_offer_new_match
from tandem.tandems.models import EarlyEnd

from .enums import PairRuleKind, ProposalStatus
from .models import PairRule, Proposal


@transaction.atomic
def offer_new_match(*, early_end: EarlyEnd, by) -> Proposal:
    early_end = (
        EarlyEnd.objects.select_for_update()
        .select_related(
            "tandem__round__programme__organisation", "tandem__mentor", "tandem__mentee"
        )
        .get(pk=early_end.pk)
    )
    tandem = early_end.tandem
    if early_end.new_match_offered_at:
        raise ValidationError(_("A new match has already been offered for this tandem."))
    if tandem.proposal_id is None:
        raise ValidationError(
            _("This tandem was not formed from a proposal; please pair the person by hand.")
        )
    if not may_offer_new_match(early_end):
        raise ValidationError(
            _("The tandem phase is too far along for a new match; it can no longer be offered.")
        )
    proposal = (
        Proposal.objects.select_for_update()
        .select_related("application", "mentor_profile")
        .get(pk=tandem.proposal_id)
    )
    proposal.status = ProposalStatus.ENDED
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    PairRule.objects.update_or_create(
        application=proposal.application,
        mentor_profile=proposal.mentor_profile,
        defaults={
            "round": tandem.round,
            "kind": PairRuleKind.EXCLUDE,
            "created_by": None,
            "reason": _("Tandem ended early"),
        },
    )
    if early_end.side == "mentee":
        application = proposal.application
        # The mentee stepped back by ending the tandem: the application is withdrawn.
        if ApplicationState.WITHDRAWN in TRANSITIONS.get(application.state, ()):
            application_services.withdraw_application(application=application, by=by)
        remaining = tandem.mentor
    else:
        profile = MentorProfile.objects.select_for_update().get(pk=proposal.mentor_profile_id)
        profile.capacity = max(0, profile.capacity - 1)
        profile.save(update_fields=["capacity"])
        remaining = tandem.mentee
    early_end.new_match_offered_at = timezone.now()
    early_end.new_match_offered_by = by
    early_end.save(update_fields=["new_match_offered_at", "new_match_offered_by"])
    log_action(
        by,
        "matching.new_match_offered",
        proposal,
        programme_round=tandem.round,
        data={"left": early_end.side},
    )
    round = tandem.round
    queue_mail(
        key="tandem_new_match",
        to=remaining.email,
        recipient=remaining,
        round=round,
        review=False,
        context={
            "name": remaining.get_full_name(),
            "round": round.name,
            "organisation": round.programme.organisation.name,
        },
    )
    return proposal
