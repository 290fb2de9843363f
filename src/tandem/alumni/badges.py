"""Certificates as Open Badges 3.0 credentials: JWTs signed with the platform's key.

The key is an RSA key (RS256, which every Open Badges 3.0 verifier must accept), kept as
a PEM file at ``settings.TANDEM_BADGE_KEY_PATH`` (outside the media folder, readable by
the platform's user only). ``manage.py create_badge_key`` makes it; otherwise it is made
on first use. Its public half is published as a key set (JWKS) at
``/.well-known/jwks.json``, revoked credentials at ``/.well-known/revoked-credentials.json``.
Signing and checking are joserfc's: no cryptography is written here.
"""

import contextlib
import datetime as dt
import os
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey

from .certificates import verification_url
from .models import Certificate

ALGORITHM = "RS256"
CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


class BadgeInvalid(Exception):
    """The credential's signature, form or status does not hold."""


def create_key(path: Path | None = None, *, replace: bool = False) -> Path:
    """Write a new private key (mode 0600); refuses to overwrite unless ``replace``."""
    path = Path(path or settings.TANDEM_BADGE_KEY_PATH)
    if path.exists() and not replace:
        raise FileExistsError(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = RSAKey.generate_key(2048, private=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key.as_pem(private=True))
    return path


def signing_key() -> RSAKey:
    """The platform's private key, made on first use."""
    path = Path(settings.TANDEM_BADGE_KEY_PATH)
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # another worker made it just now
            create_key(path)
    return RSAKey.import_key(path.read_bytes())


def key_id(key: RSAKey) -> str:
    """The key's address (Open Badges 3.0: a ``kid`` that dereferences to the JWK): the
    published key set, with the key's RFC 7638 thumbprint as fragment."""
    return f"{settings.SITE_URL}{reverse('badge_keys')}#{key.thumbprint()}"


def public_key_set() -> dict:
    """The published key set: the public half of the signing key only."""
    key = signing_key()
    public = key.as_dict(private=False)
    return {"keys": [{**public, "kid": key_id(key), "use": "sig", "alg": ALGORITHM}]}


def revocation_list_url() -> str:
    return f"{settings.SITE_URL}{reverse('badge_revocations')}"


def revocation_list() -> dict:
    """Every revoked credential's id (its verification address)."""
    revoked = Certificate.objects.filter(revoked_at__isnull=False).order_by("revoked_at", "pk")
    return {
        "id": revocation_list_url(),
        "revokedCredentials": [
            {"id": verification_url(c), "revoked": True, "revokedAt": c.revoked_at.isoformat()}
            for c in revoked
        ],
    }


def issuer_profile(organisation, name: str | None = None) -> dict:
    """The issuing organisation as an Open Badges ``Profile`` (published at its address)."""
    path = reverse("badge_issuer", kwargs={"org": organisation.slug})
    return {
        "@context": CONTEXT,
        "id": f"{settings.SITE_URL}{path}",
        "type": ["Profile"],
        "name": name or organisation.name,
    }


def _issuer(certificate: Certificate) -> dict:
    profile = issuer_profile(
        certificate.round.programme.organisation, certificate.organisation_name
    )
    return {key: value for key, value in profile.items() if key != "@context"}


def credential(certificate: Certificate) -> dict:
    """The Open Badges 3.0 ``OpenBadgeCredential``: what the certificate says, no more."""
    role = "Mentor" if certificate.role == "mentor" else "Mentee"
    issued = f"{certificate.issued_on.isoformat()}T00:00:00Z"
    url = verification_url(certificate)
    return {
        "@context": CONTEXT,
        "id": url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": _issuer(certificate),
        "validFrom": issued,
        "name": f"{role}: {certificate.programme_name} – {certificate.round_name}",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                }
            ],
            "achievement": {
                "id": f"{url}#achievement",
                "type": ["Achievement"],
                "achievementType": "Achievement",
                "name": f"{role} – {certificate.programme_name}",
                "description": (
                    f"{role} in the round {certificate.round_name} of the mentoring "
                    f"programme {certificate.programme_name}, "
                    f"{certificate.period_start.isoformat()} to "
                    f"{certificate.period_end.isoformat()}; "
                    f"{certificate.meetings_held} tandem meetings held."
                ),
                "criteria": {
                    "narrative": "Took part in a tandem of the round that met at least once."
                },
            },
            "result": [],
        },
        "credentialStatus": {
            "id": revocation_list_url(),
            "type": "1EdTechRevocationList",
        },
    }


def sign_badge(certificate: Certificate) -> str:
    """The credential as a compact JWS (VC-JWT), signed with the platform's key."""
    key = signing_key()
    body = credential(certificate)
    claims = {
        "iss": body["issuer"]["id"],
        "jti": body["id"],
        "nbf": int(
            dt.datetime.combine(certificate.issued_on, dt.time(), tzinfo=dt.UTC).timestamp()
        ),
        "vc": body,
    }
    header = {"alg": ALGORITHM, "typ": "JWT", "kid": key_id(key)}
    return jwt.encode(header, claims, key, algorithms=[ALGORITHM])


def verify_badge(token: str, key_set: dict | None = None) -> dict:
    """The credential of a valid, unrevoked token; raises ``BadgeInvalid`` otherwise.

    ``key_set`` is a published JWKS (the platform's own when not given).
    """
    keys = KeySet.import_key_set(key_set or public_key_set())
    try:
        decoded = jwt.decode(token, keys, algorithms=[ALGORITHM])
    except (JoseError, ValueError) as error:
        raise BadgeInvalid(str(error)) from error
    body = decoded.claims.get("vc")
    if not isinstance(body, dict) or "OpenBadgeCredential" not in body.get("type", []):
        raise BadgeInvalid("not an Open Badges credential")
    revoked = {entry["id"] for entry in revocation_list()["revokedCredentials"]}
    if body.get("id") in revoked:
        raise BadgeInvalid("revoked")
    return body
