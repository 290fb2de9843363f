import pytest

from tests.applications.factories import ApplicationFactory
from tests.factories import UserFactory
from tests.recruitment.factories import MentorProfileFactory


@pytest.fixture
def matching_pool(round):
    """Three applicants for two mentors with one place each; topics make the best pairs clear.

    Anna wants monitoring, Bert the publication fund, Carl monitoring first and the fund
    second: the best total pairs Anna with Mona and Bert with Fritz, Carl is left out.
    """
    monitoring = MentorProfileFactory(
        round=round,
        levels={"publication_monitoring": 3},
        person=UserFactory(name="Mona Monitoring"),
        presentation="Ich baue Publikationsmonitoring auf.",
    )
    funds = MentorProfileFactory(
        round=round,
        levels={"publication_funds": 3},
        person=UserFactory(name="Fritz Fonds"),
        presentation="Ich verwalte den Publikationsfonds.",
    )
    anna = ApplicationFactory(
        round=round,
        topics=["publication_monitoring"],
        person=UserFactory(name="Anna Adler"),
        expectations="Ich will ein Publikationsmonitoring aufbauen.",
    )
    bert = ApplicationFactory(
        round=round,
        topics=["publication_funds"],
        person=UserFactory(name="Bert Berg"),
        expectations="Wie verwalte ich einen Publikationsfonds?",
    )
    carl = ApplicationFactory(
        round=round,
        topics=["publication_monitoring", "publication_funds"],
        person=UserFactory(name="Carl Clausen"),
        expectations="Monitoring, später auch der Publikationsfonds",
    )
    return {"monitoring": monitoring, "funds": funds, "anna": anna, "bert": bert, "carl": carl}
