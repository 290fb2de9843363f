"""Stored explanations hold ids, never names; reason details become parameters.

Before, `Proposal.explanation["runner_up"]` held the runner-up mentor's full name (which
outlived that mentor's account) and `MatchRun.summary["unplaced"][…]["detail"]` an English
sentence the page parsed back with regular expressions. Each is rewritten once here: the
name becomes the mentor profile's id (found among the round's profiles, else dropped), the
sentence becomes {"kind", parameters}.
"""

import re

from django.db import migrations

_OLD_DETAILS = (
    ("best_allowed", re.compile(r"^best allowed mentor m(?P<mentor>\d+) \((?P<fit>[\d.]+)\)$")),
    ("below_minimum", re.compile(r"^highest fit (?P<fit>[\d.]+) with m(?P<mentor>\d+) is below "
                                 r"the minimum (?P<minimum>[\d.]+)$")),
    ("best_fit", re.compile(r"^best fit (?P<fit>[\d.]+) with m(?P<mentor>\d+)$")),
    ("no_mentors", re.compile(r"^no mentors$")),
)


def _params(detail: str) -> dict:
    for kind, pattern in _OLD_DETAILS:
        found = pattern.match(detail or "")
        if found:
            params = {"kind": kind}
            for key, value in found.groupdict().items():
                params["mentor_profile" if key == "mentor" else key] = (
                    int(value) if key == "mentor" else float(value))
            return params
    return {}


def forwards(apps, schema_editor):
    Proposal = apps.get_model("matching", "Proposal")
    MatchRun = apps.get_model("matching", "MatchRun")
    MentorProfile = apps.get_model("recruitment", "MentorProfile")
    for proposal in Proposal.objects.filter(explanation__has_key="runner_up").iterator():
        why = dict(proposal.explanation)
        name = why.pop("runner_up", "") or ""
        match = None
        if name:
            match = (MentorProfile.objects.filter(round_id=proposal.round_id, person__name=name)
                     .values_list("pk", flat=True).first()
                     or MentorProfile.objects.filter(round_id=proposal.round_id,
                                                     person__email=name)
                     .values_list("pk", flat=True).first())
        why["runner_up_profile"] = match
        proposal.explanation = why
        proposal.save(update_fields=["explanation"])
    for run in MatchRun.objects.all().iterator():
        unplaced = (run.summary or {}).get("unplaced") or []
        if not any("detail" in item for item in unplaced):
            continue
        for item in unplaced:
            item["params"] = _params(item.pop("detail", ""))
        run.save(update_fields=["summary"])


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial"), ("recruitment", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
