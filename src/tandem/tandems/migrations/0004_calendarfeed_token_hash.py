"""Calendar feeds: keep only the SHA-256 of each token (subscribed addresses keep working)."""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    CalendarFeed = apps.get_model("tandems", "CalendarFeed")
    for feed in CalendarFeed.objects.only("pk", "token_hash"):
        # The column still holds the raw token here.
        digest = hashlib.sha256(feed.token_hash.encode()).hexdigest()
        CalendarFeed.objects.filter(pk=feed.pk).update(token_hash=digest)


class Migration(migrations.Migration):
    dependencies = [("tandems", "0003_tandem_last_nudged_at")]

    operations = [
        migrations.RenameField("calendarfeed", "token", "token_hash"),
        # Not reversible: the raw tokens are gone, which is the point.
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
    ]
