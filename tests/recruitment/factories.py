import datetime as dt

import factory
from django.utils import timezone

from tandem.programmes.enums import RoleKind
from tandem.programmes.models import RoundRole
from tandem.recruitment.models import Candidate, InfoEvent, MentorProfile, MentorTopic
from tests.factories import RoundFactory, UserFactory


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Kandidatin {n}")
    email = factory.Sequence(lambda n: f"candidate{n}@example.org")
    institution = "Universitätsbibliothek Beispielstadt"


class MentorProfileFactory(factory.django.DjangoModelFactory):
    """A profile whose person holds the mentor role; ``levels`` maps topic keys to 1–3."""

    class Meta:
        model = MentorProfile
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    person = factory.SubFactory(UserFactory)
    presentation = factory.Sequence(lambda n: f"Ich berate seit Jahren zu Open Access ({n}).")
    capacity = 1
    languages = factory.LazyFunction(lambda: ["de"])
    publish_in_gallery = True

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if not create:
            return
        RoundRole.objects.get_or_create(round=obj.round, person=obj.person, role=RoleKind.MENTOR)
        levels = extracted or {"open_access_strategy": 2}
        topics = {topic.key: topic for topic in obj.round.programme.topics.all()}
        for key, level in levels.items():
            MentorTopic.objects.create(profile=obj, topic=topics[key], level=level)


class InfoEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoEvent

    round = factory.SubFactory(RoundFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + dt.timedelta(days=10)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=90))
    video_url = "https://meet.example.org/info"
    agenda = "Begrüßung\nVorstellung der Mentor*innen"
