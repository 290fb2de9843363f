"""On PostgreSQL one interviewer's interview slots cannot overlap (exclusion constraint).

As for consultation slots (training 0002): whatever writes slots — another code path, a
script, the admin — the database keeps one person from offering two interviews at once.
SQLite has no exclusion constraints: there the service's row lock and overlap check are
the rule. The btree_gist extension comes from training 0002 (a dependency): an extension
operation here would also run backwards, and on SQLite its check asks PostgreSQL's
catalogue.
"""

from django.db import migrations

CONSTRAINT = "interview_slots_do_not_overlap"


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE evaluation_interviewslot ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (interviewer_id WITH =, tstzrange(starts_at, ends_at) WITH &&)"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE evaluation_interviewslot DROP CONSTRAINT IF EXISTS {CONSTRAINT}"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_interview_slots"),
        ("training", "0002_slot_end_and_no_overlap"),
    ]

    operations = [migrations.RunPython(add_exclusion, drop_exclusion)]
