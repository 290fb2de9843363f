import factory
from django.utils import timezone

from tandem.applications.enums import ApplicationState
from tandem.applications.models import PRIVACY_NOTICE_VERSION, Application, TopicChoice
from tests.factories import RoundFactory, UserFactory


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete, submitted application (pass state=... for others)."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    person = factory.SubFactory(UserFactory)
    state = ApplicationState.SUBMITTED
    expectations = "Austausch zum Publikationsmonitoring"
    upcoming_projects = "Aufbau eines OA-Monitorings"
    institution = factory.LazyAttribute(lambda o: o.person.institution)
    position = "Open-Access-Referentin"
    languages = factory.LazyFunction(lambda: ["de"])
    supervisor_informed = True
    consent_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = PRIVACY_NOTICE_VERSION
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if not create:
            return
        keys = extracted if extracted is not None else ["publication_monitoring"]
        for rank, key in enumerate(keys, start=1):
            TopicChoice.objects.create(
                application=obj, topic=obj.round.programme.topics.get(key=key), rank=rank
            )


def published_profile(round, person, topic_keys=("publication_monitoring",)):
    """A mentor profile in the round's gallery (the recruitment area's model)."""
    from tandem.recruitment.models import MentorProfile, MentorTopic

    profile = MentorProfile.objects.create(
        round=round,
        person=person,
        presentation="Ich leite die Publikationsdienste.",
        publish_in_gallery=True,
        languages=["de"],
    )
    for key in topic_keys:
        MentorTopic.objects.create(
            profile=profile, topic=round.programme.topics.get(key=key), level=2
        )
    return profile
