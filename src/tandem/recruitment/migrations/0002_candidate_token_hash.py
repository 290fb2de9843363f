"""Invitation links: keep only the SHA-256 of each token (existing links keep working)."""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    Candidate = apps.get_model("recruitment", "Candidate")
    for candidate in Candidate.objects.exclude(token_hash=None).only("pk", "token_hash"):
        # The column still holds the raw token here; a link's token hashes to this value.
        digest = hashlib.sha256(candidate.token_hash.encode()).hexdigest()
        Candidate.objects.filter(pk=candidate.pk).update(token_hash=digest)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0001_initial")]

    operations = [
        migrations.RenameField("candidate", "token", "token_hash"),
        migrations.AlterField(
            model_name="candidate",
            name="token_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True,
                                   unique=True),
        ),
        # Not reversible: the raw tokens are gone, which is the point.
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
    ]
