"""The round report's charts, made from its figures (tandem.evaluation.report) with the
one chart component (tandem.core.charts): the page draws them as SVG with a table, the
PDF draws the same bars natively."""

from django.utils.translation import gettext as _

from tandem.core import charts


def report_charts(report) -> dict[str, charts.Chart]:
    """Chart name → chart; only charts with figures behind them."""
    found = {}
    if report.topics:
        found["topics"] = charts.bars(
            _("Topics: mentees who want each"),
            _("Number of active applications naming each topic."),
            [(row.label, row.mentees) for row in report.topics],
            value_label=_("Mentees"),
        )
        if report.topic_offer_known:
            found["topic_offer"] = charts.bars(
                _("Topics: mentors who offer each"),
                _("Number of published mentor profiles offering each topic."),
                [(row.label, row.mentors or 0) for row in report.topics],
                value_label=_("Mentors"),
            )
    found["types"] = charts.bars(
        _("Institution types of the mentees"),
        _("Active applications by the type of the applicant's institution."),
        [(row.label, row.mentees) for row in report.institution_types],
        value_label=_("Mentees"),
    )
    found["sizes"] = charts.bars(
        _("Institution sizes of the mentees"),
        _("Active applications by the size of the applicant's institution."),
        [(row.label, row.mentees) for row in report.institution_sizes],
        value_label=_("Mentees"),
    )
    if report.meetings.per_month:
        found["months"] = charts.columns(
            _("Meetings held per month"),
            _("Meetings of all tandems of the round marked as held, per calendar month."),
            report.meetings.per_month,
            value_label=_("Meetings held"),
        )
    if report.meetings.per_tandem:
        found["per_tandem"] = charts.columns(
            _("Tandems by number of meetings held"),
            _("How many tandems held no meeting, one meeting, two meetings and so on."),
            [(str(k), n) for k, n in report.meetings.per_tandem],
            value_label=_("Tandems"),
        )
    found["time"] = charts.bars(
        _("Hours per person: meetings and preparation"),
        _("Average hours recorded per person, mentors and mentees apart."),
        [
            (label % {"role": group.role}, hours or 0)
            for group in report.time_spent
            for label, hours in (
                (_("%(role)s: meetings"), group.meeting_hours_per_person),
                (_("%(role)s: preparation"), group.preparation_hours_per_person),
            )
        ],
        value_label=_("Hours"),
        unit="h",
    )
    if report.early_end and report.early_end.total:
        found["early_end"] = charts.bars(
            _("Tandems ended early, by reason"),
            _("Number of tandems ended early, per reason category the person chose."),
            report.early_end.by_reason,
            value_label=_("Tandems"),
        )
    for survey in report.survey_results or ():
        likert = [
            (question.text, aggregate.top_two * 100)
            for question in survey.questions
            if question.shown
            for aggregate in question.aggregates
            if aggregate.group == "all" and aggregate.top_two is not None
        ]
        if likert:
            found[f"survey_{survey.survey_id}"] = charts.bars(
                _("%(survey)s: share of the top two answers") % {"survey": survey.title},
                _(
                    "Per question on the scale 1 to 5, the share of all who answered it "
                    "with 4 or 5; questions with too few answers are left out."
                ),
                likert,
                value_label=_("Share"),
                unit="%",
            )
    if len(report.comparison) > 1:
        found["comparison"] = charts.columns(
            _("Tandems per round of the programme"),
            _("Number of tandems formed in each round of the programme you may see."),
            [(row.round_name, row.tandems) for row in report.comparison],
            value_label=_("Tandems"),
        )
    return found
