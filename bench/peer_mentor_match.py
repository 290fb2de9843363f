"""Run inside the benchmark's own virtual environment (mentor-match 7.0.1, never a project
dependency): read the instance from a JSON file, time mentor-match's process_data.

The instance is tandem-match's synthetic round: organisation = institution (same-
institution pairs disqualified, as tandem-match's default rule), profession = the first
topic of an applicant / the strongest topic of a mentor (equal: 6 points), and
shared-language pairs get 3 points. Prints one JSON line: seconds and pairs.
"""

import json
import sys
import time

from matching import process
from matching.mentee import Mentee
from matching.mentor import Mentor
from matching.rules import rule as rl


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as fh:
        data = json.load(fh)
    t0 = time.perf_counter()
    mentors = [Mentor(**p) for p in data["mentors"]]
    mentees = [Mentee(**p) for p in data["mentees"]]
    langs = {p["email"]: set(p["languages"]) for p in data["mentors"] + data["mentees"]}

    def shared_language(m) -> bool:
        return bool(langs[m.mentor.email] & langs[m.mentee.email])

    rules = [
        rl.Disqualify(lambda m: m.mentor.organisation == m.mentee.organisation),
        rl.Equivalent("profession", {True: 6, False: 0}),
        rl.Generic(
            {True: 3, False: 0}, lambda m: bool(langs[m.mentor.email] & langs[m.mentee.email])
        ),
    ]
    mentors, mentees = process.process_data(mentors, mentees, [rules])
    seconds = time.perf_counter() - t0
    pairs = sum(len(m.mentees) for m in mentors)
    print(json.dumps({"seconds": seconds, "pairs": pairs}))


if __name__ == "__main__":
    main()
