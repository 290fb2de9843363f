"""The addresses of one tandem's pages, built once per request for views and templates."""

from django.urls import reverse

TANDEM_PAGES = (
    "workspace",
    "agreement",
    "agreement_confirm",
    "goal_add",
    "meeting_new",
    "calendar_feed",
    "end",
    "series",
)
MEETING_PAGES = (
    "meeting",
    "meeting_edit",
    "meeting_status",
    "meeting_time",
    "note_add",
    "meeting_ics",
)


class TandemUrls(dict):
    def __init__(self, tandem):
        self.kwargs = {**tandem.round.url_kwargs, "tandem": tandem.pk}
        super().__init__(
            {name: reverse(f"portal:tandem_{name}", kwargs=self.kwargs) for name in TANDEM_PAGES}
        )

    def for_meeting(self, meeting) -> dict[str, str]:
        kwargs = {**self.kwargs, "meeting": meeting.pk}
        return {
            name.removeprefix("meeting_") if name != "meeting" else "page": reverse(
                f"portal:tandem_{name}", kwargs=kwargs
            )
            for name in MEETING_PAGES
        }

    def for_goal(self, goal) -> dict[str, str]:
        kwargs = {**self.kwargs, "goal": goal.pk}
        return {
            "edit": reverse("portal:tandem_goal", kwargs=kwargs),
            "remove": reverse("portal:tandem_goal_remove", kwargs=kwargs),
        }

    def for_note(self, note) -> dict[str, str]:
        kwargs = {**self.kwargs, "meeting": note.meeting_id, "note": note.pk}
        return {
            "edit": reverse("portal:tandem_note", kwargs=kwargs),
            "remove": reverse("portal:tandem_note_remove", kwargs=kwargs),
        }


def tandem_urls(tandem) -> TandemUrls:
    return TandemUrls(tandem)
