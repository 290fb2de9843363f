"""Retention (DESIGN.md §7): data a finished round no longer needs goes after N months.

A round ends on the last day of its latest phase; rounds without dates never end here.
``TANDEM_RETENTION_MONTHS`` months later, the round loses the applications it did not
admit, the info-event registrations, the candidate list with the coordinators' notes,
matching's proposals that did not become a tandem and its pair rules (with their reasons),
the tandems' meeting notes and date polls, and the mentors' photos and slides. Admitted
applications, agreed proposals, tandems with their meetings and the mentor profiles' texts
stay: they are the record of what took place.
Running it again changes nothing and writes nothing.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from tandem.applications.enums import ACTIVE_STATES, ApplicationState
from tandem.applications.models import Application
from tandem.matching.enums import ProposalStatus
from tandem.matching.models import PairRule, Proposal
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import Round, RoundRole
from tandem.recruitment.models import Candidate, InfoEventRegistration, MentorProfile
from tandem.tandems.models import DatePoll, Note

from .files import delete_after_commit
from .services import log_action


@dataclass
class RoundCleanUp:
    round: Round
    ended_on: dt.date
    counts: dict[str, int]


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def rounds_past_retention(*, months: int, today: dt.date):
    """Rounds that ended more than ``months`` months before ``today``, oldest first."""
    cutoff = months_before(today, months)
    return (Round.objects.annotate(ended_on=Max("phases__ends_on"))
            .filter(ended_on__lt=cutoff)
            .select_related("programme__organisation").order_by("ended_on", "pk"))


def _clean_round(round: Round, *, dry_run: bool) -> dict[str, int]:
    applications = Application.objects.filter(round=round).exclude(state=ApplicationState.ADMITTED)
    # An applicant still "active" when the round ended (never decided) holds the mentee
    # role; it goes with the application, as it would on a decline.
    holders = list(applications.filter(state__in=ACTIVE_STATES).values_list("person", flat=True))
    roles = RoundRole.objects.filter(round=round, role=RoleKind.MENTEE, person__in=holders)
    registrations = InfoEventRegistration.objects.filter(event__round=round)
    candidates = Candidate.objects.filter(round=round)
    # Matching's working state: proposals that did not become a tandem (with the answers'
    # comments) and the coordinators' pair rules with their reasons.
    proposals = Proposal.objects.filter(round=round).exclude(status=ProposalStatus.ACCEPTED)
    pair_rules = PairRule.objects.filter(round=round)
    # The tandems' meeting notes and date polls; tandems, meetings and goals stay as the
    # record of what took place (DESIGN.md §7: notes go after N months).
    notes = Note.objects.filter(meeting__tandem__round=round)
    polls = DatePoll.objects.filter(tandem__round=round)
    profiles = list(MentorProfile.objects.filter(round=round).filter(~Q(photo="") | ~Q(slides="")))
    files = [file for profile in profiles for file in (profile.photo, profile.slides) if file]
    counts = {
        "applications": applications.count(),
        "mentee_roles": roles.count(),
        "info_event_registrations": registrations.count(),
        "candidates": candidates.count(),
        "proposals": proposals.count(),
        "pair_rules": pair_rules.count(),
        "meeting_notes": notes.count(),
        "date_polls": polls.count(),
        "mentor_profile_files": len(files),
    }
    if dry_run:
        return counts
    roles.delete()
    proposals.delete()
    pair_rules.delete()
    notes.delete()
    polls.delete()
    applications.delete()
    registrations.delete()
    candidates.delete()
    delete_after_commit(files)
    MentorProfile.objects.filter(pk__in=[p.pk for p in profiles]).update(photo="", slides="")
    return counts


def apply_retention(*, months: int | None = None, today: dt.date | None = None,
                    dry_run: bool = False) -> list[RoundCleanUp]:
    """Clean every round past retention; one audit entry per round that had something to go.

    With ``dry_run`` nothing changes: the result says what would go.
    """
    months = settings.TANDEM_RETENTION_MONTHS if months is None else months
    today = today or timezone.localdate()
    results = []
    for round in rounds_past_retention(months=months, today=today):
        with transaction.atomic():
            counts = _clean_round(round, dry_run=dry_run)
            if not any(counts.values()):
                continue
            if not dry_run:
                log_action(None, "privacy.retention_applied", round, round=round,
                           data={**counts, "months": months,
                                 "ended_on": round.ended_on.isoformat()})
        results.append(RoundCleanUp(round, round.ended_on, counts))
    return results
