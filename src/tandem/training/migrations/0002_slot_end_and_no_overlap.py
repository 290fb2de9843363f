"""Slots keep their end; on PostgreSQL one trainer's slots cannot overlap (exclusion).

Together with one active booking per slot this means no trainer is ever booked twice at
the same time, whatever the application does. SQLite has no exclusion constraints: there
the booking service's row lock and overlap check are the rule.
"""

import datetime as dt

from django.db import migrations, models

CONSTRAINT = "trainer_slots_do_not_overlap"


def fill_ends(apps, schema_editor):
    Slot = apps.get_model("training", "ConsultationSlot")
    for slot in Slot.objects.all():
        slot.ends_at = slot.starts_at + dt.timedelta(minutes=slot.duration_minutes)
        slot.save(update_fields=["ends_at"])


def add_btree_gist(apps, schema_editor):
    # Not django.contrib.postgres's BtreeGistExtension: its backwards step asks PostgreSQL's
    # catalogue whatever the database, so migrating back on SQLite failed. Kept on the way
    # back: other constraints (evaluation 0003) use it too.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE training_consultationslot ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (trainer_id WITH =, tstzrange(starts_at, ends_at) WITH &&)"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE training_consultationslot DROP CONSTRAINT IF EXISTS {CONSTRAINT}"
    )


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="consultationslot",
            name="ends_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(fill_ends, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="consultationslot",
            name="ends_at",
            field=models.DateTimeField(editable=False),
        ),
        migrations.RunPython(add_btree_gist, migrations.RunPython.noop),
        migrations.RunPython(add_exclusion, drop_exclusion),
    ]
