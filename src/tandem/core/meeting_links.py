"""Online meeting links: pasted by hand (the default), or made for a configured provider.

Jitsi: a room with a 128-bit random name on the configured server (the name is the only
key to the room). BigBlueButton: create and join calls signed as its API specifies,
checksum = SHA-1 of call name + query string + shared secret; no network here, the
signed URLs are what a browser or the server opens.
"""

import hashlib
import hmac
import secrets
import urllib.request
from urllib.parse import urlencode

from defusedxml import ElementTree
from django.conf import settings

#: the BigBlueButton server must answer within this many seconds, else the page says so
BBB_TIMEOUT_SECONDS = 10


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


class RoomUnavailable(Exception):
    """The video server did not open the room (down, refused, or not configured)."""


def bbb_configured() -> bool:
    return provider() == "bbb" and bool(settings.TANDEM_BBB_URL and settings.TANDEM_BBB_SECRET)


def room_id(kind: str, pk: int) -> str:
    """The room of one tandem, training session or consultation: stable (everyone meets in
    the same room every time) and unguessable (derived from the site's secret key), so
    the id in a join URL tells nothing and cannot be guessed for another room."""
    message = f"tandem-room:{kind}:{pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def bbb_enter(*, meeting_id: str, name: str, full_name: str, moderator: bool) -> str:
    """Open the room on the BigBlueButton server (``create`` is idempotent: a room that
    exists stays as it is) and return the signed join URL for this person.

    The create call is made from the server because it needs the shared secret; the join
    URL is signed and opened by the person's browser."""
    if not bbb_configured():
        raise RoomUnavailable("not configured")
    create = bbb_create_url(meeting_id, name)
    if not create.startswith(("https://", "http://")):
        raise RoomUnavailable("TANDEM_BBB_URL must be an http(s) address")
    try:
        with urllib.request.urlopen(create, timeout=BBB_TIMEOUT_SECONDS) as response:  # noqa: S310
            body = response.read(64 * 1024)
        answer = ElementTree.fromstring(body)
    except (OSError, ValueError, ElementTree.ParseError) as error:
        raise RoomUnavailable(str(error)) from error
    if answer.findtext("returncode") != "SUCCESS":
        raise RoomUnavailable(answer.findtext("messageKey") or "FAILED")
    return bbb_join_url(meeting_id, full_name, moderator=moderator)
