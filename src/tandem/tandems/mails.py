"""Built-in e-mail texts of the tandem phase (coordinators may override per round).

None of them carries an agenda or a note: mails pass through the outbox, which the
coordinators can read.
"""


MAIL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {}

PURPOSES: dict[str, tuple[str, str]] = {}
