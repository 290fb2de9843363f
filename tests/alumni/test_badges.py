import base64
import json
import os
import stat

import pytest
from django.core.management import call_command
from django.urls import reverse
from joserfc.jwk import RSAKey

from tandem.alumni import badges
from tandem.alumni.certificates import revoke_certificate
from tandem.alumni.models import Certificate

pytestmark = pytest.mark.django_db


def _tamper(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["vc"]["credentialSubject"]["achievement"]["name"] = "Expertin für alles"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_sign_and_verify_offline(closed):
    certificate = Certificate.objects.get(role="mentor")
    token = badges.sign_badge(certificate)
    body = badges.verify_badge(token, badges.public_key_set())
    assert "OpenBadgeCredential" in body["type"]
    assert body["id"].endswith(certificate.public_id + "/")
    assert body["credentialSubject"]["identifier"][0]["identityHash"] == certificate.holder_name
    assert "3 tandem meetings held" in body["credentialSubject"]["achievement"]["description"]


def test_a_tampered_credential_fails(closed):
    token = badges.sign_badge(Certificate.objects.get(role="mentor"))
    with pytest.raises(badges.BadgeInvalid):
        badges.verify_badge(_tamper(token))


def test_another_key_fails(closed):
    token = badges.sign_badge(Certificate.objects.get(role="mentor"))
    stranger = RSAKey.generate_key(2048, private=True)
    key_set = {
        "keys": [{**stranger.as_dict(private=False), "kid": badges.key_id(badges.signing_key())}]
    }
    with pytest.raises(badges.BadgeInvalid):
        badges.verify_badge(token, key_set)


def test_a_revoked_credential_fails(closed, coordinator):
    certificate = Certificate.objects.get(role="mentor")
    token = badges.sign_badge(certificate)
    revoke_certificate(certificate=certificate, reason="Irrtum", by=coordinator)
    with pytest.raises(badges.BadgeInvalid, match="revoked"):
        badges.verify_badge(token)


def test_the_published_key_set_holds_no_private_part(closed, client):
    keys = client.get(reverse("badge_keys")).json()["keys"]
    assert len(keys) == 1
    assert {"n", "e", "kid"} <= set(keys[0]) and not {"d", "p", "q"} & set(keys[0])


def test_the_key_file_is_private_and_not_overwritten(settings, tmp_path):
    path = tmp_path / "k" / "key.pem"
    settings.TANDEM_BADGE_KEY_PATH = path
    call_command("create_badge_key")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    first = path.read_bytes()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_badge_key")
    assert path.read_bytes() == first


def test_the_holder_downloads_the_badge(closed, client):
    certificate = Certificate.objects.get(role="mentee")
    url = reverse("portal:certificate_badge", kwargs={"certificate": certificate.pk})
    client.force_login(closed["mentee"])
    response = client.get(url)
    assert response.status_code == 200
    assert badges.verify_badge(response.content.decode())["id"].endswith(
        certificate.public_id + "/"
    )
    client.force_login(closed["mentor"])
    assert client.get(url).status_code == 404


def test_the_issuer_profile_is_published(closed, client, round):
    org = round.programme.organisation
    response = client.get(reverse("badge_issuer", kwargs={"org": org.slug}))
    assert response.json()["name"] == org.name
