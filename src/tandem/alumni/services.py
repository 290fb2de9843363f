"""Erasure of what closing a round left about a person (called from personal_data.py)."""

from django.db import transaction

from .models import Alumnus, Certificate, DirectoryEntry


def _deleted(queryset) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


@transaction.atomic
def erase_alumnus(*, person) -> dict[str, int]:
    """Directory entries, alumni status and certificates go (their addresses then find
    nothing); a completed tandem's record goes with the tandem."""
    return {
        "directory_entries": _deleted(DirectoryEntry.objects.filter(person=person)),
        "alumni": _deleted(Alumnus.objects.filter(person=person)),
        "certificates": _deleted(Certificate.objects.filter(person=person)),
    }
