"""The smallest k a survey may use: below three, two people could read each other's answer
from any aggregate by leaving themselves out."""

K_MIN = 3
TEXT_MAX_LENGTH = 2000
