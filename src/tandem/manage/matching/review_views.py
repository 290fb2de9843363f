"""Coordinator pages for reviewing and for answer dates: overdue proposals, swaps, matrix.

Only the round's coordinators (permission "matching.run_matching"); every other role
gets 404, as on the other matching pages.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from tandem.core.forms import add_service_errors
from tandem.matching import consent, review, selectors
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
    """Give two draft proposals of a run each other's mentor (reason required, logged).

    The run page's form offers the pairs of its page; this page (GET) reaches every draft
    pair of the run, whatever page it is on: first the pair to change (``?first=``), then
    the other one, both found by a part of a name (``?q=``) and paged.
    """

    def get(self, request, run, **kwargs):
        run = self.get_run(run)
        return self.render_page(request, run, self.first_pair(request, run))

    def post(self, request, run, **kwargs):
        run = self.get_run(run)
        on_page = "first" in request.GET  # sent from this page, not from the run page
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
        if on_page:
            first = self.first_pair(request, run)
            return self.render_page(request, run, first, form=form, status=400)
        return RunView.render(self, request, run, swap_form=form, status=400)

    def first_pair(self, request, run):
        """The pair chosen first (404 if it is not a draft pair of this run), or None."""
        value = request.GET.get("first")
        if value is None:
            return None
        if not value.isdigit():
            raise Http404
        return get_object_or_404(selectors.draft_pairs(run), pk=int(value))

    def render_page(self, request, run, first, form=None, status=200):
        search = request.GET.get("q", "").strip()[:SEARCH_LENGTH]
        pairs = selectors.draft_pairs(run, search=search, leaving_out=first)
        page = Paginator(pairs, SWAP_PER_PAGE).get_page(request.GET.get("page"))
        keep = {"first": first.pk} if first else {}
        if first is not None:
            form = form or SwapForm(run=run)
            form.offer(first, page.object_list)
        context = self.base_context(
            run=run,
            first=first,
            page=page,
            search=search,
            form=form,
            keep=keep,
            query=urlencode(keep | ({"q": search} if search else {})),
            here=urlencode(keep | {"q": search, "page": page.number}),
        )
        return render(request, "manage/matching/swap.html", context, status=status)


#: pairs per page of the swap page, and the longest name part searched for
SWAP_PER_PAGE = 50
SEARCH_LENGTH = 100


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
