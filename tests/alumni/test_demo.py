import pytest

from tandem.alumni.models import Certificate, DirectoryEntry
from tandem.demo import stages
from tandem.programmes.models import Round
from tandem.recruitment.enums import CandidateStatus
from tandem.recruitment.models import Candidate

pytestmark = pytest.mark.django_db


def test_demo_alumni_stage(fast_passwords):
    stages.build("alumni")
    round = Round.objects.get(slug="durchlauf-2027")
    assert round.closed_on is not None and round.current_phase == "alumni"
    assert Certificate.objects.filter(round=round, role="mentee").exists()
    assert DirectoryEntry.objects.exists()
    new = Round.objects.get(previous=round)
    invited = Candidate.objects.filter(round=new, status=CandidateStatus.INVITED)
    mentees = set(
        Certificate.objects.filter(round=round, role="mentee").values_list("person", flat=True)
    )
    assert invited.exists() and set(invited.values_list("person", flat=True)) == mentees
    stages.build("alumni")  # idempotent
    assert Round.objects.filter(previous=round).count() == 1
