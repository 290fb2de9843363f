"""Training's limits, said once: how long a training session and a consultation may be.

The shortest length is the tandem phase's shortest meeting; the longest differ: a training
can take most of a day, a consultation at most a few hours.
"""

from tandem.tandems.limits import MEETING_MINUTES_MIN

MINUTES_MIN = MEETING_MINUTES_MIN
SESSION_MINUTES_MAX = 600
SLOT_MINUTES_MAX = 240
CANCEL_NOTICE_HOURS_MAX = 336  # two weeks
