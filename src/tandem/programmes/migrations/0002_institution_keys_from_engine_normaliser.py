"""Recompute institution keys with the engine's normaliser (one institution identity).

A row whose new key is already taken keeps its old key: the two are likely duplicates,
which coordinators see on the institutions page and merge there (moving every reference).
"""

from django.db import migrations


def recompute(apps, schema_editor):
    from tandem.matching.engine.institutions import normalise_institution

    Institution = apps.get_model("programmes", "Institution")
    taken = set(Institution.objects.values_list("normalised_name", flat=True))
    for institution in Institution.objects.order_by("pk"):
        key = normalise_institution(institution.name)
        if key and key != institution.normalised_name and key not in taken:
            taken.discard(institution.normalised_name)
            taken.add(key)
            institution.normalised_name = key
            institution.save(update_fields=["normalised_name"])


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
