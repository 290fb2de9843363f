from django.db import migrations


class Migration(migrations.Migration):
    """The audit log lives in the audit app now; its entries were copied there first."""

    dependencies = [
        ("privacy", "0001_initial"),
        ("audit", "0002_copy_privacy_entries"),
    ]

    operations = [migrations.DeleteModel(name="AuditEntry")]
