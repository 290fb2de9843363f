"""Recruitment hints for a round made from a previous one: what the last round lacked.

Read from the recruitment-gap report (``tandem.matching.selectors.recruitment_gaps``)
of the previous round's last matching run, told in words with the figures the
page draws as charts (the UI's chart component). Labels are topics and groups, never people.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.matching.models import MatchRun
from tandem.matching.selectors import recruitment_gaps


@dataclass
class RecruitmentHints:
    previous: object  # Round
    run: object | None  # MatchRun
    sentences: list[str] = field(default_factory=list)
    #: topics short of mentors: (label, applicants in need, mentors at level 2 or 3)
    topics: list[tuple[str, int, int]] = field(default_factory=list)
    #: applicants in need per size of institution: (label, count)
    sizes: list[tuple[str, int]] = field(default_factory=list)


def _last_run(previous):
    runs = MatchRun.objects.filter(round=previous)
    return runs.filter(sent_at__isnull=False).order_by("-number").first() or runs.first()


def recruitment_hints(round) -> RecruitmentHints | None:
    """None when the round was not made from a previous one."""
    previous = round.previous
    if previous is None:
        return None
    run = _last_run(previous)
    hints = RecruitmentHints(previous=previous, run=run)
    if run is None:
        return hints
    report = recruitment_gaps(run)
    for group in report.sizes + report.institution_types:
        need = group.unplaced + group.low_fit
        if need and group.mentors == 0:
            hints.sentences.append(
                ngettext(
                    "%(count)d applicant from institutions of the kind “%(group)s” was left "
                    "out or paired with a low fit, and no mentor came from such an institution.",
                    "%(count)d applicants from institutions of the kind “%(group)s” were left "
                    "out or paired with a low fit, and no mentor came from such an institution.",
                    need,
                )
                % {"count": need, "group": group.label}
            )
    short = [topic for topic in report.topics if topic.demand and topic.short]
    for topic in short:
        if topic.mentors == 0:
            hints.sentences.append(
                ngettext(
                    "No mentor offered “%(topic)s”, which %(count)d applicant in need named.",
                    "No mentor offered “%(topic)s”, which %(count)d applicants in need named.",
                    topic.demand,
                )
                % {"topic": topic.label, "count": topic.demand}
            )
        else:
            hints.sentences.append(
                _("“%(topic)s”: %(demand)d applicants in need, %(strong)d mentors at level 2 or 3.")
                % {
                    "topic": topic.label,
                    "demand": topic.demand,
                    "strong": topic.levels[2] + topic.levels[3],
                }
            )
    small = report.sizes[0] if report.sizes else None  # SizeClass order: small first
    small_need = small.unplaced + small.low_fit if small else 0
    if small_need and not report.allrounders:
        hints.sentences.append(
            ngettext(
                "%(count)d applicant from a small institution was left out or paired with a "
                "low fit, and no mentor offered all-round help for small libraries.",
                "%(count)d applicants from small institutions were left out or paired with a "
                "low fit, and no mentor offered all-round help for small libraries.",
                small_need,
            )
            % {"count": small_need}
        )
    for cause in report.causes:
        hints.sentences.append(
            ngettext(
                "%(count)d applicant was left out: %(cause)s",
                "%(count)d applicants were left out: %(cause)s",
                len(cause.people),
            )
            % {"count": len(cause.people), "cause": cause.label}
        )
    hints.topics = [
        (topic.label, topic.demand, topic.levels[2] + topic.levels[3]) for topic in short
    ]
    hints.sizes = [
        (g.label, g.unplaced + g.low_fit) for g in report.sizes if g.unplaced + g.low_fit
    ]
    return hints
