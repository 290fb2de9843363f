"""The tandem phase's personal data: tandems with agreement, goals, meetings, notes, time,
date-poll answers and the calendar feed."""

from django.db.models import Q

from tandem.people.personal_data import iso
from tandem.privacy.registry import Declaration, Holding
from tandem.programmes.personal_data import round_in_export

from . import services
from .models import DatePoll, DateVote, EarlyEnd, GoalReflection, Note, Tandem, TimeSpent

# The kind of text whose months TANDEM_RETENTION_BY_KIND sets ("tandem_texts=6").
TANDEM_TEXTS = "tandem_texts"


def _records(user) -> dict:
    return {
        "tandems": Tandem.objects.filter(Q(mentor=user) | Q(mentee=user))
        .select_related("round__programme__organisation", "mentor", "mentee", "agreement")
        .prefetch_related("goals", "meetings")
        .order_by("created_at", "pk"),
        # Only the person's own notes and time: a partner's private note is the partner's.
        "notes": Note.objects.filter(author=user)
        .select_related("meeting")
        .order_by("created_at", "pk"),
        "time_spent": TimeSpent.objects.filter(person=user)
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk"),
        "date_votes": DateVote.objects.filter(person=user)
        .select_related("option")
        .order_by("option__starts_at", "pk"),
        # The polls the person started, with the note they wrote for the partner.
        "date_polls": DatePoll.objects.filter(created_by=user)
        .prefetch_related("options")
        .order_by("created_at", "pk"),
        "goal_reflections": GoalReflection.objects.filter(author=user)
        .select_related("goal")
        .order_by("created_at", "pk"),
        "early_ends": EarlyEnd.objects.filter(ended_by=user)
        .select_related("tandem__round__programme__organisation")
        .order_by("created_at", "pk"),
    }


def count(user) -> dict[str, int]:
    return {key: rows.count() for key, rows in _records(user).items()}


def _tandem(tandem, user) -> dict:
    """The tandem as both members see it: agreement, goals, meetings with their agendas."""
    mentor = tandem.mentor_id == user.pk
    agreement = getattr(tandem, "agreement", None)
    return {
        "round": round_in_export(tandem.round),
        "you_are": "mentor" if mentor else "mentee",
        "partner": (tandem.mentee if mentor else tandem.mentor).get_full_name(),
        "formed_at": iso(tandem.created_at),
        "agreement": None
        if agreement is None
        else {
            "goals": agreement.goals,
            "rhythm_weeks": agreement.rhythm_weeks,
            "meeting_minutes": agreement.meeting_minutes,
            "channel": agreement.channel,
            "confidentiality": agreement.confidentiality,
            "mentee_confirmed_at": iso(agreement.mentee_confirmed_at),
            "mentor_confirmed_at": iso(agreement.mentor_confirmed_at),
        },
        "goals": [{"text": goal.text, "progress": goal.progress} for goal in tandem.goals.all()],
        "meetings": [
            {
                "starts_at": iso(meeting.starts_at),
                "minutes": meeting.duration_minutes,
                "status": meeting.status,
                "agenda": meeting.agenda,
                "video_url": meeting.video_url,
            }
            for meeting in tandem.meetings.all()
        ],
    }


def export(user) -> dict:
    records = _records(user)
    return {
        "tandems": [_tandem(t, user) for t in records["tandems"]],
        "meeting_notes": [
            {
                "meeting": iso(note.meeting.starts_at),
                "text": note.text,
                "shared_with_partner": note.shared,
                "written_at": iso(note.created_at),
            }
            for note in records["notes"]
        ],
        "time_spent": [
            {
                "meeting": iso(entry.meeting.starts_at),
                "meeting_minutes": entry.meeting_minutes,
                "preparation_minutes": entry.preparation_minutes,
            }
            for entry in records["time_spent"]
        ],
        "date_poll_answers": [
            {"option": iso(vote.option.starts_at), "answer": vote.answer}
            for vote in records["date_votes"]
        ],
        "date_polls": [
            {
                "created_at": iso(poll.created_at),
                "note": poll.note,
                "minutes": poll.duration_minutes,
                "options": [iso(option.starts_at) for option in poll.options.all()],
                "closed_at": iso(poll.closed_at),
            }
            for poll in records["date_polls"]
        ],
        "goal_reflections": [
            {
                "goal": item.goal.text,
                "progress_before": item.progress_before,
                "progress_after": item.progress_after,
                "reflection": item.text,
                "written_at": iso(item.created_at),
            }
            for item in records["goal_reflections"]
        ],
        # Only what the person wrote when ending a tandem; the partner's end is not theirs.
        "tandems_ended_early": [
            {
                "round": round_in_export(item.tandem.round),
                "category": item.category,
                "reason": item.reason,
                "ended_at": iso(item.created_at),
            }
            for item in records["early_ends"]
        ],
    }


def erase(user) -> dict[str, int]:
    # The person's notes and poll answers go, the texts both wrote are blanked; tandems and
    # meetings stay, with the anonymised account, as the record that they took place.
    return services.erase_member(person=user)


def expire_texts(kind: str, round, dry_run: bool) -> dict[str, int]:
    """Tandem texts of a round past their retention: notes and date polls go, agreement,
    goals, agendas and video links are blanked; tandems, meetings and figures stay."""
    if kind != TANDEM_TEXTS:
        return {}
    return services.expire_tandem_texts(programme_round=round, dry_run=dry_run)


_PAIR = "the mentor and the mentee of the tandem"
_KEPT = "with the tandem, as the record that it took place"
_TEXTS = "texts: N months after the round (tandem_texts), and when either member is erased"
DECLARATION = Declaration(
    app_label="tandems",
    holdings=(
        Holding(
            model="tandems.Tandem",
            fields=("mentor", "mentee"),
            whose=_PAIR,
            purpose="the confirmed pair",
            seen_by="both; coordinators see that it exists",
            retention=_KEPT,
        ),
        Holding(
            model="tandems.Agreement",
            fields=("goals", "channel"),
            whose=_PAIR,
            purpose="what the two agree on",
            seen_by="the two members only",
            retention=_TEXTS,
            retention_kind=TANDEM_TEXTS,
        ),
        Holding(
            model="tandems.Goal",
            fields=("text",),
            whose=_PAIR,
            purpose="the tandem's goals and progress",
            seen_by="the two members only",
            retention=f"{_TEXTS}; the progress stays {_KEPT}",
            retention_kind=TANDEM_TEXTS,
        ),
        Holding(
            model="tandems.Meeting",
            fields=("agenda", "video_url", "created_by"),
            whose=_PAIR,
            purpose="planning the sessions",
            seen_by="the two members; coordinators only number and dates",
            retention=f"agenda and video link: {_TEXTS}; date and length stay {_KEPT}",
            retention_kind=TANDEM_TEXTS,
        ),
        Holding(
            model="tandems.TimeSpent",
            fields=("person",),
            whose="the member who recorded it",
            purpose="time spent on the mentoring",
            seen_by="the two members",
            retention=_KEPT,
        ),
        Holding(
            model="tandems.Note",
            fields=("author", "text"),
            whose="the note's author",
            purpose="private (or shared) meeting notes",
            seen_by="the author; shared ones also the partner",
            retention="N months after the round (tandem_texts); when the author is erased",
            retention_kind=TANDEM_TEXTS,
        ),
        Holding(
            model="tandems.DatePoll",
            fields=("created_by", "note"),
            whose=_PAIR,
            purpose="finding a date",
            seen_by="the two members",
            retention=_TEXTS,
            retention_kind=TANDEM_TEXTS,
        ),
        Holding(
            model="tandems.DateVote",
            fields=("person",),
            whose="the member who answered",
            purpose="finding a date",
            seen_by="the two members",
            retention="with the poll; when the person is erased",
        ),
        Holding(
            model="tandems.GoalReflection",
            fields=("author", "text"),
            whose="the member who wrote it",
            purpose="how a goal went over time",
            seen_by="the two members only",
            retention="N months after the round (tandem_texts); on erasure",
            retention_kind=TANDEM_TEXTS,
        ),
        Holding(
            model="tandems.MeetingSeries",
            fields=("proposed_by",),
            whose=_PAIR,
            purpose="agreeing on recurring dates",
            seen_by="the two members",
            retention=_KEPT,
        ),
        Holding(
            model="tandems.EarlyEnd",
            fields=("ended_by", "reason", "new_match_offered_by"),
            whose="the member who ended the tandem",
            purpose="ending a tandem early; a new match for the partner",
            seen_by="the round's coordinators (never the partner)",
            retention=(
                "the reason N months after the round (tandem_texts) and on erasure; "
                "the category stays"
            ),
            retention_kind=TANDEM_TEXTS,
        ),
        Holding(
            model="tandems.CalendarFeed",
            fields=("person", "token_hash"),
            whose="the subscriber",
            purpose="the personal calendar address",
            seen_by="nobody but the person's calendar program",
            retention="when the person is erased",
        ),
    ),
    export=export,
    erase=erase,
    count=count,
    expire_texts=expire_texts,
    erase_order=50,
    retention_order=20,
)
