"""The pages of the load mix, per role: shared by bench/load.py and bench/profile_pages.py.

Needs Django set up against a database holding the demo (``manage.py demo --stage training``).
"""

from django.urls import reverse


def load_mix() -> dict:
    from tandem.demo import people  # noqa: PLC0415 — needs Django set up
    from tandem.programmes.models import Round  # noqa: PLC0415
    from tandem.tandems.models import Tandem  # noqa: PLC0415

    programme_round = Round.objects.get(slug="durchlauf-2027")
    kwargs = programme_round.url_kwargs
    tandem = Tandem.objects.get(round=programme_round)
    trainer = programme_round.roles.get(role="trainer").person

    def manage(name):
        return reverse(f"manage:{name}", kwargs=kwargs)

    def portal(name, **extra):
        return reverse(f"portal:{name}", kwargs={**kwargs, **extra})

    workspace = portal("tandem_workspace", tandem=tandem.pk)
    return {
        "coordinator": {
            "email": people.COORDINATOR[0],
            "pages": [
                "/manage/",
                manage("round"),
                manage("application_list"),
                manage("mail_outbox"),
                manage("matching"),
                "/me/",
            ],
        },
        "trainer": {
            "email": trainer.email,
            "pages": ["/me/", manage("application_list"), manage("consultations"), portal("round")],
        },
        "mentor": {
            "email": tandem.mentor.email,
            "pages": [
                "/me/",
                portal("round"),
                workspace,
                portal("training"),
                reverse("portal:my_data"),
            ],
        },
        "mentee": {
            "email": tandem.mentee.email,
            "pages": [
                "/me/",
                portal("round"),
                workspace,
                portal("consultations"),
                reverse("portal:my_data"),
            ],
        },
        "anonymous": {"email": None, "pages": ["/", "/accounts/login/", "/healthz"]},
    }
