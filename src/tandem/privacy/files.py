"""Uploaded files leave storage only after the transaction that drops them commits."""

from django.db import transaction


def delete_after_commit(files) -> int:
    """Delete the stored files once the current transaction commits; returns how many.

    On a rollback the records stay, and so must their files: nothing already saved is lost.
    """
    stored = [(file.storage, file.name) for file in files if file]

    def delete():
        for storage, name in stored:
            storage.delete(name)

    if stored:
        transaction.on_commit(delete)
    return len(stored)
