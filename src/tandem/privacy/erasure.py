"""Erasing a person's account (DESIGN.md §7): anonymise what must stay, delete the rest.

Each app erases its own rows (``<app>/personal_data.py``), in the registry's order: the
account itself comes last, so that the others can still find the person's rows by
address. The person record keeps its id, so foreign keys and the audit trail stay intact,
but nothing on it names or reaches the person any more.
"""

from django.db import transaction

from tandem.audit.services import log_action

from .registry import declarations


@transaction.atomic
def erase_person(user, by) -> dict[str, int]:
    """Anonymise the person's account and delete or blank their data; returns the counts.

    Any app may refuse first (programmes does while the person is the only coordinator of
    an organisation: nobody could run its rounds any more); then nothing changes.
    """
    for declaration in declarations():
        if declaration.check_erasure:
            declaration.check_erasure(user)
    counts: dict[str, int] = {}
    for declaration in declarations():
        if declaration.erase:
            counts.update(declaration.erase(user) or {})
    log_action(by, "privacy.person_erased", user, data=counts)
    return counts
