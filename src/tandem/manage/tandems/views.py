"""The coordinators' view of the round's tandems: metadata only (DESIGN.md §2).

Whether and when meetings take place, never what the tandem wrote: the page reads
through tandem.tandems.overview, which loads no agenda, note, goal or agreement text.
Only the round's coordinators; everyone else (the trainer too) gets 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from tandem.core.access import RoundScopeMixin
from tandem.core.forms import parse_id
from tandem.matching.rematch import offer_new_match
from tandem.tandems.early_end import early_end_in_round, early_ends_of, may_offer_new_match
from tandem.tandems.enums import EndCategory
from tandem.tandems.models import Tandem
from tandem.tandems.nudges import nudge_tandem
from tandem.tandems.overview import GRACE, tandem_overview
from tandem.tandems.selectors import early_end_counts


class TandemsMixin(RoundScopeMixin):
    permission = "programmes.manage_round"


class TandemOverviewView(TandemsMixin, View):
    def get(self, request, **kwargs):
        now = timezone.now()
        tandems = tandem_overview(self.round, now)
        context = {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            "now": now,
            "grace_days": GRACE.days,
            "tandems": [(summary, summary.may_be_nudged(now)) for summary in tandems],
            "quiet_count": sum(summary.quiet for summary in tandems),
            "early_ends": [(end, may_offer_new_match(end)) for end in early_ends_of(self.round)],
            "early_end_counts": _counts_in_words(early_end_counts(self.round)),
        }
        return render(request, "manage/tandems/overview.html", context)


class TandemNudgeView(TandemsMixin, View):
    """POST only: remind one quiet tandem of the round to plan its next meeting."""

    def post(self, request, **kwargs):
        wanted = parse_id(request.POST.get("tandem", ""))
        tandem = Tandem.objects.filter(round=self.round, pk=wanted).first() if wanted else None
        if tandem is None:
            raise Http404
        try:
            nudge_tandem(tandem=tandem, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "Both persons of the tandem have been reminded by "
                    "e-mail to plan their next meeting."
                ),
            )
        return redirect("manage:tandems", **self.round.url_kwargs)


def _counts_in_words(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(EndCategory(key).label, n) for key, n in counts.items()]


class NewMatchView(TandemsMixin, View):
    """POST only: offer the person whose partner ended the tandem early a new match."""

    def post(self, request, **kwargs):
        wanted = parse_id(request.POST.get("early_end", ""))
        found = early_end_in_round(self.round, wanted) if wanted else None
        if found is None:
            raise Http404
        try:
            offer_new_match(early_end=found, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(reverse("manage:tandems", kwargs=self.round.url_kwargs) + "#early-ends")
        messages.success(
            request,
            _(
                "The remaining person is in the pool again and has been told. Start a new "
                "run: every other sent or agreed pair stays as it is."
            ),
        )
        return redirect("manage:matching", **self.round.url_kwargs)
