"""Rules that used to be written in several places now live in one (issue "Rules said once").

Read from the source, so that a copy creeping back in fails here.
"""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tandem"


def files_matching(pattern: str) -> list[str]:
    found = []
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        if re.search(pattern, path.read_text()):
            found.append(str(path.relative_to(SRC)))
    return sorted(found)


def test_the_meeting_length_limits_are_written_once():
    assert files_matching(r"\b480\b") == ["tandems/limits.py"]
    assert files_matching(r"min_value=15\b|MinValueValidator\(15\)|<= 480") == []


def test_tandems_are_made_only_by_the_tandems_service():
    assert files_matching(r"Tandem\.objects\.create\(") == ["tandems/services.py"]


def test_one_partner_lookup_one_tandem_list_one_trainer_rule():
    assert files_matching(r"\.mentee if \w+\.pk == \w+\.mentor_id") == ["tandems/selectors.py"]
    assert files_matching(r"def tandems_of\(") == []
    assert files_matching(r"def is_round_trainer\(") == ["programmes/rules.py"]


def test_one_function_plans_a_meeting_and_pin_states_live_in_matching():
    assert files_matching(r"def (schedule|plan)_meeting\(") == ["tandems/services.py"]
    assert files_matching(r"def schedule_meeting\(") == []
    assert files_matching(r"\{ProposalStatus\.DRAFT, ProposalStatus\.SUPERSEDED\}") == [
        "matching/enums.py"
    ]


def test_the_limits_and_their_message_agree():
    from django.utils import translation

    from tandem.tandems.limits import (
        MEETING_LENGTH_MESSAGE,
        MEETING_MINUTES_MAX,
        MEETING_MINUTES_MIN,
        meeting_length_error,
    )

    assert meeting_length_error(MEETING_MINUTES_MIN) is None
    assert meeting_length_error(MEETING_MINUTES_MAX) is None
    with translation.override("de"):
        message = meeting_length_error(MEETING_MINUTES_MAX + 1)
        assert message == str(MEETING_LENGTH_MESSAGE)
        assert f"zwischen {MEETING_MINUTES_MIN} und {MEETING_MINUTES_MAX} Minuten" in message
    assert meeting_length_error(MEETING_MINUTES_MIN - 1)
