"""Coordinator pages of selection and matching: pool and settings, runs, rules, consent.

Only the round's coordinators (permission "matching.run_matching"): the trainer sees no
proposals (DESIGN.md §2), every other role gets 404. Runs, proposals and rules are
always looked up inside the round of the URL.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django_htmx.http import HttpResponseClientRefresh

from tandem.core.access import RoundScopeMixin
from tandem.core.forms import add_service_errors
from tandem.matching import consent as consent_deadlines
from tandem.matching import selectors, services
from tandem.matching.enums import PAIR_RULE_STATES, MatchMode, PairRuleKind, ProposalStatus
from tandem.programmes.services import merge_institutions

from .forms import MatchSettingsForm, PairRuleForm, SendForm, SwapForm

COMPONENTS = [
    ("topic", gettext_lazy("Topics")),
    ("text", gettext_lazy("Texts")),
    ("context", gettext_lazy("Context")),
    ("preference", gettext_lazy("Preferences")),
]


class MatchingMixin(RoundScopeMixin):
    permission = "matching.run_matching"

    def base_context(self, **extra) -> dict:
        return {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            **extra,
        }

    def get_run(self, pk):
        run = selectors.run_in_round(self.round, pk)
        if run is None:
            raise Http404
        return run

    def redirect_to_run(self, run):
        return redirect("manage:matching_run", run=run.pk, **self.round.url_kwargs)


class OverviewView(MatchingMixin, View):
    def get(self, request, **kwargs):
        settings = services.last_settings(self.round)
        return self.render(request, MatchSettingsForm.from_settings(settings))

    def post(self, request, **kwargs):
        form = MatchSettingsForm(request.POST)
        if form.is_valid():
            try:
                run = services.start_run(
                    round=self.round, by=request.user, settings=form.settings()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Run %(number)s was started; it is computed in the background.")
                    % {"number": run.number},
                )
                return self.redirect_to_run(run)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        context = self.base_context(
            form=form,
            pool=selectors.pool_of(self.round),
            runs=selectors.runs_for_round(self.round),
            rules=selectors.pair_rules_for_round(self.round),
            consent=selectors.consent_of(self.round),
            mail_drafts=selectors.proposal_mail_drafts(self.round),
            overdue_count=consent_deadlines.overdue_proposals(self.round).count(),
        )
        return render(request, "manage/matching/overview.html", context, status=status)


#: new proposals per page of a run
PAIRS_PER_PAGE = 50
#: left-out applicants per page of a run (its own page number: ?left=)
LEFT_OUT_PER_PAGE = 50


class RunView(MatchingMixin, View):
    def get(self, request, run, **kwargs):
        return self.render(request, self.get_run(run))

    def render(self, request, run, rule_forms=None, send_form=None, status=200, swap_form=None):
        if not run.is_done:
            context = self.base_context(
                run=run, progress=selectors.run_progress(run), settings=_settings_in_words(run)
            )
            return render(request, "manage/matching/run_progress.html", context, status=status)
        rule_forms = rule_forms or {}
        page = Paginator(selectors.run_proposals(run), PAIRS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        pairs = selectors.run_pairs(run, page.object_list)
        left_page = Paginator(run.summary.get("unplaced", []), LEFT_OUT_PER_PAGE).get_page(
            request.GET.get("left")
        )
        drafts = run.proposals.filter(status=ProposalStatus.DRAFT).count()
        for row in pairs:
            pk = row.proposal.pk
            row.rule_form = rule_forms.get(pk) or (
                PairRuleForm(prefix=f"p{pk}") if row.proposal.status in PAIR_RULE_STATES else None
            )
        latest = selectors.latest_run(self.round)
        is_latest = latest is not None and latest.pk == run.pk
        context = self.base_context(
            run=run,
            settings=_settings_in_words(run),
            pairs=pairs,
            components=COMPONENTS,
            kept=selectors.kept_pairs(run),
            left_out=selectors.left_out(run, list(left_page.object_list)),
            left_page=left_page,
            comparison=selectors.mode_comparison(run),
            is_latest=is_latest,
            page=page,
            has_drafts=drafts > 0,
            send_form=send_form or SendForm.with_default_date(),
            swap_form=_swap_form(run, pairs, swap_form),
            mail_drafts=selectors.proposal_mail_drafts(self.round),
        )
        return render(request, "manage/matching/run.html", context, status=status)


def _swap_form(run, pairs, bound=None):
    """The swap form of the page: its selects offer the page's draft pairs (two at least),
    so the page stays the same size however many pairs the run has."""
    shown = [row.proposal.pk for row in pairs if row.proposal.status == ProposalStatus.DRAFT]
    if bound is not None:
        bound.show_only(shown)
        return bound
    return SwapForm(run=run, shown=shown) if len(shown) > 1 else None


class RunProgressView(MatchingMixin, View):
    """The progress bar of a run that waits or computes (polled by htmx every 2 s)."""

    def get(self, request, run, **kwargs):
        run = self.get_run(run)
        if request.htmx and not run.in_progress:
            return HttpResponseClientRefresh()  # finished: show the whole page
        context = self.base_context(run=run, progress=selectors.run_progress(run))
        return render(request, "manage/matching/_progress.html", context)


class RunCancelView(MatchingMixin, View):
    def post(self, request, run, **kwargs):
        run = self.get_run(run)
        if services.cancel_run(run=run, by=request.user):
            messages.success(request, _("Run %(number)s was cancelled.") % {"number": run.number})
        else:
            messages.info(
                request, _("Run %(number)s had already finished.") % {"number": run.number}
            )
        return self.redirect_to_run(run)


def _settings_in_words(run) -> list[tuple[str, str]]:
    values = run.parameters
    weights = {name: values.get(name, 0) for name, _label in COMPONENTS}
    total = sum(weights.values()) or 1
    rows = [(_("Mode"), dict(MatchMode.choices).get(run.mode, run.mode))]
    rows += [
        (
            _("Weight: %(component)s") % {"component": label},
            f"{round(weights[name] / total * 100)} %",
        )
        for name, label in COMPONENTS
    ]
    rows += [
        (_("Minimum fit"), f"{selectors.percent(values.get('min_fit', 0))} %"),
        (_("Maximum number of tandems"), values.get("places") or _("no limit")),
        (_("Shared language required"), _("yes") if values.get("shared_language") else _("no")),
    ]
    return rows


class PairRuleView(MatchingMixin, View):
    """Pin or exclude a proposed pair; it takes effect in the next run."""

    def post(self, request, run, proposal, **kwargs):
        run = self.get_run(run)
        found = (
            run.proposals.filter(pk=proposal)
            .select_related("application__person", "mentor_profile__person")
            .first()
        )
        if found is None:
            raise Http404
        form = PairRuleForm(request.POST, prefix=f"p{found.pk}")
        if found.status not in PAIR_RULE_STATES:
            form.is_valid()
            form.add_error(None, _("This proposal was already sent; take it back first."))
        elif form.is_valid():
            try:
                rule = services.set_pair_rule(
                    round=self.round,
                    application=found.application,
                    mentor_profile=found.mentor_profile,
                    kind=form.cleaned_data["kind"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                text = (
                    _("%(mentee)s and %(mentor)s are now always paired.")
                    if rule.kind == PairRuleKind.PIN
                    else _("%(mentee)s and %(mentor)s are now never paired.")
                )
                messages.success(
                    request,
                    text % {"mentee": found.mentee, "mentor": found.mentor}
                    + " "
                    + _("Start a new run for the change to take effect."),
                )
                return self.redirect_to_run(run)
        return RunView.render(self, request, run, rule_forms={found.pk: form}, status=400)


class SendView(MatchingMixin, View):
    def post(self, request, run, **kwargs):
        run = self.get_run(run)
        form = SendForm(request.POST, round=self.round)
        latest = selectors.latest_run(self.round)
        if latest is None or latest.pk != run.pk:
            form.is_valid()
            form.add_error(None, _("Only the proposals of the latest run can be sent."))
        elif form.is_valid():
            try:
                count = services.send_proposals(
                    run=run, answer_by=form.cleaned_data["answer_by"], by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s proposal was sent. The e-mails to both persons wait in the outbox "
                        "for your review.",
                        "%(n)s proposals were sent. The e-mails to both persons wait in the outbox "
                        "for your review.",
                        count,
                    )
                    % {"n": count},
                )
                return self.redirect_to_run(run)
        return RunView.render(self, request, run, send_form=form, status=400)


class GapsView(MatchingMixin, View):
    def get(self, request, run, **kwargs):
        run = self.get_run(run)
        context = self.base_context(run=run, report=selectors.recruitment_gaps(run))
        return render(request, "manage/matching/gaps.html", context)


class RuleRemoveView(MatchingMixin, View):
    def post(self, request, rule, **kwargs):
        found = selectors.rule_in_round(self.round, rule)
        if found is None:
            raise Http404
        services.remove_pair_rule(rule=found, by=request.user)
        messages.success(request, _("The rule was removed; it no longer applies to new runs."))
        return redirect("manage:matching", **self.round.url_kwargs)


class WithdrawView(MatchingMixin, View):
    """Take back a sent proposal (e.g. nobody answered); the two are free for a new run."""

    def post(self, request, proposal, **kwargs):
        found = selectors.proposal_in_round(self.round, proposal)
        if found is None:
            raise Http404
        try:
            services.withdraw_proposal(proposal=found, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The proposal for %(mentee)s and %(mentor)s was taken back.")
                % {"mentee": found.mentee, "mentor": found.mentor},
            )
        return redirect("manage:matching", **self.round.url_kwargs)


class InstitutionsView(MatchingMixin, View):
    """Likely duplicate institutions of the round; a coordinator merges two (logged)."""

    def get(self, request, **kwargs):
        return self.render(request)

    def post(self, request, **kwargs):
        known = {i.pk: i for i in selectors.institutions_of_round(self.round)}
        try:
            keep, merge = (known[int(request.POST.get(k, ""))] for k in ("keep", "merge"))
        except (KeyError, ValueError):
            raise Http404 from None
        try:
            merge_institutions(keep=keep, merge=merge, by=request.user, programme_round=self.round)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render(request, status=400)
        messages.success(
            request,
            _("“%(merged)s” was merged into “%(kept)s”.")
            % {"merged": merge.name, "kept": keep.name},
        )
        return redirect("manage:matching_institutions", **self.round.url_kwargs)

    def render(self, request, status=200):
        context = self.base_context(pairs=selectors.duplicate_institutions(self.round))
        return render(request, "manage/matching/institutions.html", context, status=status)
