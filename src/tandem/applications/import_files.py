"""Uploaded import files between the steps of an import (upload → mapping → preview).

A file waits under MEDIA_ROOT/imports with a random name; the coordinator's session
holds only that name. It is deleted after the import, when a new file is uploaded, or
— for imports that were abandoned half-way — once it is older than KEEP_FOR, the next
time anyone uploads a file or the retention job runs: the rows are personal data.
"""

import datetime as dt
import re
import secrets
import time
from pathlib import Path

from django.conf import settings

KEEP_FOR = dt.timedelta(hours=24)
TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _path(token: str) -> Path | None:
    return _folder() / token if TOKEN.match(token or "") else None


def store(content: bytes) -> str:
    remove_stale()
    token = secrets.token_hex(16)
    _folder().mkdir(parents=True, exist_ok=True)
    (_folder() / token).write_bytes(content)
    return token


def exists(token: str) -> bool:
    path = _path(token)
    return bool(path and path.is_file())


def load(token: str) -> bytes:
    path = _path(token)
    if path is None:
        raise FileNotFoundError(token)
    return path.read_bytes()


def discard(token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def remove_stale(older_than: dt.timedelta = KEEP_FOR) -> int:
    """Delete waiting files older than ``older_than``; returns how many went."""
    folder = _folder()
    if not folder.is_dir():
        return 0
    limit = time.time() - older_than.total_seconds()
    removed = 0
    for path in folder.iterdir():
        if TOKEN.match(path.name) and path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
