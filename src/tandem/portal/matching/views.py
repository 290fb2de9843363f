"""A mentee's or mentor's own tandem proposals in a round, and their yes or no.

Only the two persons of a proposal reach it: the proposals are loaded by person
(tandem.matching.portal), so anyone without a sent proposal in the round gets 404.
Until the pair is decided, neither learns which way the other answered.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.core.forms import add_service_errors
from tandem.matching import portal, services
from tandem.matching.enums import Answer, ProposalStatus
from tandem.matching.models import Proposal
from tandem.privacy import visibility
from tandem.programmes.models import Round
from tandem.programmes.selectors import round_in_scope

from .forms import AnswerForm


@dataclass
class ProposalItem:
    proposal: Proposal
    side: str
    shared_topics: list
    may_answer: bool
    form: AnswerForm | None

    @property
    def other_side(self) -> str:
        return "mentor" if self.side == "mentee" else "mentee"

    @property
    def partner(self):
        return self.proposal.mentor if self.side == "mentee" else self.proposal.mentee

    @property
    def own_answer(self) -> str:
        return getattr(self.proposal, f"{self.side}_answer")

    @property
    def own_answer_label(self) -> str:
        return Answer(self.own_answer).label if self.own_answer else ""

    @property
    def own_comment(self) -> str:
        return getattr(self.proposal, f"{self.side}_comment")

    @property
    def own_answered_at(self):
        return getattr(self.proposal, f"{self.side}_answered_at")

    @property
    def partner_answered(self) -> bool:
        return bool(getattr(self.proposal, f"{self.other_side}_answer"))


def _prefix(proposal: Proposal) -> str:
    # A mentor with two places may have two proposals on the page; ids must differ.
    return f"p{proposal.pk}"


def _round(org, programme, round) -> Round:
    try:
        return round_in_scope(org, programme, round)
    except Round.DoesNotExist:
        raise Http404 from None


def _chosen(request, proposals) -> Proposal:
    """The proposal the form was sent for; only one's own (else 404, as for a stranger)."""
    wanted = request.POST.get("proposal", "")
    for proposal in proposals:
        if str(proposal.pk) == wanted:
            return proposal
    raise Http404


def _success_message(proposal: Proposal) -> str:
    if proposal.status == ProposalStatus.ACCEPTED:
        return _("You both said yes: your tandem is formed. We have sent you an e-mail.")
    if proposal.status == ProposalStatus.DECLINED:
        return _("Thank you for your answer. The coordinators will look for another proposal.")
    return _("Thank you for your answer. This page shows when the other person has answered.")


@login_required
def proposal(request, org, programme, round):
    round = _round(org, programme, round)
    person = request.user
    proposals = list(portal.proposals_for_person(round, person))
    if not proposals:
        raise Http404
    posted, status = None, 200
    if request.method == "POST":
        chosen = _chosen(request, proposals)
        form = AnswerForm(request.POST, prefix=_prefix(chosen))
        if form.is_valid():
            try:
                answered = services.answer_proposal(
                    proposal=chosen,
                    person=person,
                    answer=form.cleaned_data["answer"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _success_message(answered))
                return redirect("portal:proposal", **round.url_kwargs)
        posted, status = (chosen.pk, form), 400
    labels = {topic.key: topic.label for topic in round.programme.topics.all()}
    items = []
    for found in proposals:
        side = found.side_of(person)
        answerable = portal.may_answer(found, side)
        if posted and posted[0] == found.pk:
            form = posted[1]
        else:
            form = AnswerForm(prefix=_prefix(found)) if answerable else None
        items.append(
            ProposalItem(
                proposal=found,
                side=side,
                may_answer=answerable,
                form=form,
                shared_topics=portal.shared_topics(found, labels),
            )
        )
        if request.method == "GET":
            log_action(
                person,
                "matching.proposal_viewed",
                found,
                programme_round=round,
                data={"side": side},
            )
    return render(
        request,
        "portal/matching/proposal.html",
        {
            "round": round,
            "items": items,
            # What each side may see of the other is declared once (privacy/visibility.py).
            "shown_mentee": visibility.shown("mentor_sees_mentee"),
            "shown_mentor": visibility.shown("mentee_sees_mentor"),
        },
        status=status,
    )
