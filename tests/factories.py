import factory
from django.contrib.auth import get_user_model

from tandem.programmes.enums import InstitutionType, RoleKind, SizeClass
from tandem.programmes.models import Institution, Organisation, Programme, Round, RoundRole, Topic
from tandem.programmes.services import default_phase_dates, normalise_name
from tandem.programmes.taxonomy import DEFAULT_TOPICS


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Universitätsbibliothek Beispielstadt {n}")
    normalised_name = factory.LazyAttribute(lambda o: normalise_name(o.name))
    type = InstitutionType.UNIVERSITY
    size_class = SizeClass.LARGE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    language = "en"
    institution = factory.SubFactory(InstitutionFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Bibliotheksverband {n}")
    slug = factory.Sequence(lambda n: f"verband-{n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Peer-Mentoring {n}")
    slug = factory.Sequence(lambda n: f"mentoring-{n}")

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create:
            Topic.objects.bulk_create(
                Topic(programme=obj, key=key, label_de=de, label_en=en, position=i)
                for i, (key, de, en) in enumerate(DEFAULT_TOPICS)
            )


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Durchlauf {2026 + n}")
    slug = factory.Sequence(lambda n: f"durchlauf-{n}")

    @factory.post_generation
    def phases(obj, create, extracted, **kwargs):
        import datetime as dt

        if create:
            start = dt.date.today() + dt.timedelta(days=120)
            for kind, (starts_on, ends_on) in default_phase_dates(start).items():
                obj.phases.create(kind=kind, starts_on=starts_on, ends_on=ends_on)


class RoundRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundRole

    round = factory.SubFactory(RoundFactory)
    person = factory.SubFactory(UserFactory)
    role = RoleKind.MENTEE
