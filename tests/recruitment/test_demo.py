import pytest

from tandem.audit.models import AuditEntry
from tandem.demo import recruitment as demo
from tandem.mail.models import QueuedMail
from tandem.recruitment import selectors
from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.models import Candidate, InfoEvent, MentorProfile, MentorTopic

pytestmark = pytest.mark.django_db


def counts():
    return (
        MentorProfile.objects.count(),
        MentorTopic.objects.count(),
        Candidate.objects.count(),
        InfoEvent.objects.count(),
        QueuedMail.objects.count(),
        AuditEntry.objects.count(),
    )


def test_demo_build_is_idempotent(round, coordinator):
    demo.build(round, coordinator)
    first = counts()
    demo.build(round, coordinator)
    assert counts() == first
    assert first[0] == 5 and first[2] == 3 and first[3] == 1
    assert selectors.published_profiles(round).count() == 5
    statuses = set(Candidate.objects.values_list("status", flat=True))
    assert statuses == {CandidateStatus.INVITED, CandidateStatus.DECLINED, CandidateStatus.IDEA}
    allrounder = MentorProfile.objects.get(person__email="mentor.schulte@example.org")
    assert allrounder.levels.get(topic__key="small_library_allround").level == 3
