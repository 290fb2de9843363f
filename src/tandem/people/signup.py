"""Sign-up with the invited person's name already filled in.

An invitation page (role, mentoring, imported application) remembers in the session the
name the coordinator gave for the invited address; the sign-up form starts with that
name when it is opened for the same address. The name travels in the session, not in the
sign-up link, so that it does not end up in access logs or a browser's history. The
person can change it before signing up.
"""

from allauth.account.views import SignupView

SESSION_KEY = "tandem.invited_name"


def remember_invited_name(request, *, email: str, name: str) -> None:
    if name:
        request.session[SESSION_KEY] = {"email": email.strip().lower(), "name": name}


class InvitedSignupView(SignupView):
    def get_initial(self) -> dict:
        initial = super().get_initial()
        remembered = self.request.session.get(SESSION_KEY) or {}
        email = str(initial.get("email", "")).strip().lower()
        if email and remembered.get("email") == email and remembered.get("name"):
            initial.setdefault("name", remembered["name"])
        return initial


signup = InvitedSignupView.as_view()
