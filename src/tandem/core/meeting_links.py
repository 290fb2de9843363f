"""Online meeting links: pasted by hand (the default), or made for a configured provider.

Jitsi: a room with a 128-bit random name on the configured server (the name is the only
key to the room). BigBlueButton: create and join calls signed as its API specifies,
checksum = SHA-1 of call name + query string + shared secret; no network here, the
signed URLs are what a browser or the server opens.
"""

import hashlib
import secrets
from urllib.parse import urlencode

from django.conf import settings


def provider() -> str:
    return getattr(settings, "TANDEM_MEETING_PROVIDER", "")


def jitsi_room_url(base_url: str | None = None) -> str:
    base = (base_url or settings.TANDEM_JITSI_URL).rstrip("/")
    return f"{base}/tandem-{secrets.token_hex(16)}"


def suggested_link() -> str:
    """A fresh link for a new session or slot when Jitsi is configured; else empty."""
    if provider() == "jitsi" and settings.TANDEM_JITSI_URL:
        return jitsi_room_url()
    return ""


def bbb_checksum(call: str, query: str, secret: str) -> str:
    return hashlib.sha1((call + query + secret).encode(), usedforsecurity=False).hexdigest()


def bbb_url(
    call: str, params: dict, *, base_url: str | None = None, secret: str | None = None
) -> str:
    """A signed API URL, e.g. bbb_url("create", {...}); parameters keep their order."""
    base = (base_url or settings.TANDEM_BBB_URL).rstrip("/")
    secret = secret if secret is not None else settings.TANDEM_BBB_SECRET
    query = urlencode(params)
    return f"{base}/api/{call}?{query}&checksum={bbb_checksum(call, query, secret)}"


def bbb_create_url(meeting_id: str, name: str, **kwargs) -> str:
    return bbb_url("create", {"name": name, "meetingID": meeting_id}, **kwargs)


def bbb_join_url(meeting_id: str, full_name: str, *, moderator: bool, **kwargs) -> str:
    """Join as moderator (the trainer, the mentor) or viewer (BBB 2.4+ ``role``)."""
    return bbb_url(
        "join",
        {
            "fullName": full_name,
            "meetingID": meeting_id,
            "role": "MODERATOR" if moderator else "VIEWER",
            "redirect": "true",
        },
        **kwargs,
    )
