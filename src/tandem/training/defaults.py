"""The default agenda of a training session (the pilot's: DESIGN.md §3, phase 6).

Data, not code: the form starts with this text in the trainer's language and the
trainer changes it as they like.
"""

DEFAULT_AGENDA = {
    "de": (
        "1. Erwartungen an das Programm: Was wünschen sich Mentees, was bringen "
        "Mentor*innen mit, was ist realistisch?\n"
        "2. Rollen und Vertraulichkeit im Tandem: die Mentoring-Vereinbarung\n"
        "3. Gesprächsführung im Mentoring: aktiv zuhören, offene Fragen, Feedback geben – "
        "in Übungen zu zweit erprobt\n"
        "4. Typische Schwierigkeiten (Termine finden, Erwartungen klären) und wie die "
        "Plattform hilft\n"
        "5. Fragen und Ausblick auf die Tandemphase"
    ),
    "en": (
        "1. Expectations of the programme: what mentees hope for, what mentors bring, "
        "what is realistic\n"
        "2. Roles and confidentiality in the tandem: the mentoring agreement\n"
        "3. Conversation techniques in mentoring: active listening, open questions, giving "
        "feedback – practised in pairs\n"
        "4. Typical difficulties (finding dates, clarifying expectations) and how the "
        "platform helps\n"
        "5. Questions and outlook on the tandem phase"
    ),
}


def default_agenda(language: str) -> str:
    return DEFAULT_AGENDA.get(language, DEFAULT_AGENDA["de"])
