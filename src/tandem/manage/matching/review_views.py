"""Coordinator pages for reviewing and for answer dates: overdue proposals, swaps, matrix.

Only the round's coordinators (permission "matching.run_matching"); every other role
gets 404, as on the other matching pages.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from tandem.core.forms import add_service_errors
from tandem.matching import consent, review
from tandem.matching.enums import OverdueChoice

from .forms import OverdueForm, SwapForm
from .views import COMPONENTS, MatchingMixin, RunView


class OverdueView(MatchingMixin, View):
    """The coordinators' choice for the proposals whose date for answers has passed."""

    def get(self, request, **kwargs):
        return self.render(request, OverdueForm(round=self.round))

    def post(self, request, **kwargs):
        form = OverdueForm(request.POST, round=self.round)
        if form.is_valid():
            try:
                count = consent.resolve_overdue(
                    round=self.round,
                    choice=form.cleaned_data["choice"],
                    new_date=form.cleaned_data.get("new_date"),
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _done(form.cleaned_data["choice"], count))
                return redirect("manage:matching", **self.round.url_kwargs)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        context = self.base_context(form=form, overdue=list(consent.overdue_proposals(self.round)))
        return render(request, "manage/matching/overdue.html", context, status=status)


def _done(choice: str, count: int) -> str:
    if choice == OverdueChoice.EXTEND:
        text = ngettext(
            "%(n)s proposal has a new date for answers; whoever has not answered is told.",
            "%(n)s proposals have a new date for answers; whoever has not answered is told.",
            count,
        )
    elif choice == OverdueChoice.WITHDRAW:
        text = ngettext(
            "%(n)s proposal was taken back; both persons are told.",
            "%(n)s proposals were taken back; both persons are told.",
            count,
        )
    else:
        text = ngettext(
            "%(n)s proposal counts as declined; the pair is excluded and both are told. "
            "Start a new run to look for other pairs.",
            "%(n)s proposals count as declined; the pairs are excluded and both are told. "
            "Start a new run to look for other pairs.",
            count,
        )
    return text % {"n": count}


class SwapView(MatchingMixin, View):
    """Give two draft proposals of a run each other's mentor (reason required, logged)."""

    def post(self, request, run, **kwargs):
        run = self.get_run(run)
        form = SwapForm(request.POST, run=run)
        if form.is_valid():
            try:
                review.swap_mentors(
                    run=run,
                    first=form.cleaned_data["first"],
                    second=form.cleaned_data["second"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The mentors were swapped. The two pairs are marked as a manual change."),
                )
                return self.redirect_to_run(run)
        return RunView.render(self, request, run, swap_form=form, status=400)


class MatrixView(MatchingMixin, View):
    """Every applicant against every mentor of the run's round, with the run's weights."""

    def get(self, request, run, **kwargs):
        run = self.get_run(run)
        matrix = review.score_matrix(run)
        shown = _shown_cell(request.GET.get("cell", ""), matrix)
        context = self.base_context(run=run, matrix=matrix, shown=shown)
        return render(request, "manage/matching/matrix.html", context)


def _shown_cell(value: str, matrix):
    """The cell whose components were asked for (``?cell=<application>-<profile>``)."""
    try:
        application, profile = (int(part) for part in value.split("-", 1))
    except ValueError:
        return None
    for row in matrix.rows:
        if row.application.pk != application:
            continue
        for position, cell in enumerate(row.cells):
            if cell.mentor_profile == profile:
                return {
                    "row": row,
                    "cell": cell,
                    "profile": matrix.profiles[position],
                    "components": [(label, cell.components.get(key)) for key, label in COMPONENTS],
                }
    return None
