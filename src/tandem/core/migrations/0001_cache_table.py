"""The shared cache's table, so that `migrate` alone prepares a database cache.

Rate limits and the TOTP replay protection live in the cache (settings.CACHES); with
the database cache (the default) its table must exist before the first login.
`createcachetable` makes the tables of every database cache in settings and skips
those that exist; with Redis configured it does nothing. Switching to the database
cache later: run `manage.py createcachetable`.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
