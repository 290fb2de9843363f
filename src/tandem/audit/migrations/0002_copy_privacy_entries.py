"""Copy the entries the privacy app held before the audit log moved here.

Ids, times and actors stay as they were; the round key becomes its id and label, so that
an entry outlives its round. The old table is dropped by privacy's next migration.
"""

from django.db import migrations


def copy_entries(apps, schema_editor):
    Old = apps.get_model("privacy", "AuditEntry")
    New = apps.get_model("audit", "AuditEntry")
    # Keep each entry's own time (this historical model is only used here).
    New._meta.get_field("created_at").auto_now_add = False
    rows = []
    for old in Old.objects.select_related("round__programme__organisation").iterator():
        round = old.round
        label = "" if round is None else " – ".join(
            [round.programme.organisation.name, round.programme.name, round.name])
        rows.append(New(id=old.id, actor_id=old.actor_id, action=old.action,
                        round_id=old.round_id, round_label=label,
                        object_type=old.object_type, object_id=old.object_id,
                        data=old.data, created_at=old.created_at))
    New.objects.bulk_create(rows, batch_size=1000)
    if rows and schema_editor.connection.vendor == "postgresql":
        # Rows came with their ids: move the sequence past them for the next entry.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('audit_auditentry', 'id'), "
                           "(SELECT MAX(id) FROM audit_auditentry))")


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        ("privacy", "0001_initial"),
        ("programmes", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_entries, migrations.RunPython.noop)]
