"""The alumni directory of a programme: opt-in entries, searchable by topic.

Entries show name, institution, topics, the person's rounds and — only if the person
says so — how to contact them. Only alumni have an entry; anyone leaves at any time.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from tandem.audit.services import log_action

from .models import Alumnus, Certificate, DirectoryEntry


@transaction.atomic
def save_directory_entry(
    *, programme, person, topics, share_contact: bool, contact: str
) -> DirectoryEntry:
    if not Alumnus.objects.filter(programme=programme, person=person).exists():
        raise ValidationError(_("Only alumni of this programme have an entry in its directory."))
    topics = list(topics)
    if any(topic.programme_id != programme.pk for topic in topics):
        raise ValidationError({"topics": _("Please choose topics of this programme.")})
    contact = contact.strip()
    if share_contact and not contact:
        raise ValidationError({"contact": _("Please say how others can contact you.")})
    entry, created = DirectoryEntry.objects.update_or_create(
        programme=programme,
        person=person,
        defaults={"share_contact": share_contact, "contact": contact if share_contact else ""},
    )
    entry.topics.set(topics)
    log_action(person, "directory.joined" if created else "directory.updated", entry)
    return entry


@transaction.atomic
def leave_directory(*, programme, person) -> bool:
    deleted, _rows = DirectoryEntry.objects.filter(programme=programme, person=person).delete()
    if deleted:
        log_action(person, "directory.left", programme)
    return bool(deleted)


@dataclass(frozen=True)
class Listing:
    name: str
    institution: str
    topics: list
    rounds: list  # (round name, role label)
    contact: str  # "" unless the person agreed


def directory_for_user(programme, user, topic=None) -> list[Listing]:
    """The programme's entries as its alumni and current participants see them.

    The caller has checked ``alumni.view_directory``; ``topic`` narrows to one topic.
    """
    entries = (
        DirectoryEntry.objects.filter(programme=programme)
        .select_related("person__institution")
        .prefetch_related("topics")
    )
    if topic is not None:
        entries = entries.filter(topics=topic)
    entries = list(entries)
    rounds: dict[int, list] = {}
    certificates = Certificate.objects.filter(
        round__programme=programme,
        person__in=[entry.person_id for entry in entries],
        revoked_at__isnull=True,
    ).order_by("period_start", "pk")
    for certificate in certificates:
        rounds.setdefault(certificate.person_id, []).append(
            (certificate.round_name, certificate.get_role_display())
        )
    return [
        Listing(
            name=entry.person.get_full_name(),
            institution=entry.person.institution.name if entry.person.institution else "",
            topics=[t.label for t in entry.topics.all()],
            rounds=rounds.get(entry.person_id, []),
            contact=entry.contact if entry.share_contact else "",
        )
        for entry in entries
    ]


def own_entry(programme, person):
    return (
        DirectoryEntry.objects.filter(programme=programme, person=person)
        .prefetch_related(Prefetch("topics"))
        .first()
    )
