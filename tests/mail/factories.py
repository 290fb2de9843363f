import factory

from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tests.factories import RoundFactory


class QueuedMailFactory(factory.django.DjangoModelFactory):
    """A mail waiting for review; pass status=... for the others."""

    class Meta:
        model = QueuedMail

    round = factory.SubFactory(RoundFactory)
    template_key = "mentor_invitation"
    to = factory.Sequence(lambda n: f"recipient{n}@example.org")
    language = "de"
    subject = factory.Sequence(lambda n: f"Einladung {n}")
    body = "Guten Tag Frau Geheimnisvoll,\n\nIhr persönlicher Link: /x/\n"
    status = MailStatus.DRAFT
