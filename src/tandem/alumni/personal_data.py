"""The personal data of closing a round: completed tandems, alumni, certificates and the
alumni directory."""

from django.db.models import Q

from tandem.people.personal_data import iso
from tandem.privacy.registry import Declaration, Holding

from . import services
from .models import Alumnus, Certificate, DirectoryEntry, TandemCompletion


def _records(user) -> dict:
    return {
        "certificates": Certificate.objects.filter(person=user).order_by("issued_on", "pk"),
        "alumni": Alumnus.objects.filter(person=user).select_related("programme"),
        "directory_entries": DirectoryEntry.objects.filter(person=user)
        .select_related("programme")
        .prefetch_related("topics"),
        "completed_tandems": TandemCompletion.objects.filter(
            Q(tandem__mentor=user) | Q(tandem__mentee=user)
        ).select_related("tandem__round"),
    }


def count(user) -> dict[str, int]:
    return {key: rows.count() for key, rows in _records(user).items()}


def export(user) -> dict:
    records = _records(user)
    return {
        "certificates": [
            {
                "id": c.public_id,
                "programme": c.programme_name,
                "round": c.round_name,
                "role": c.role,
                "name": c.holder_name,
                "from": c.period_start.isoformat(),
                "to": c.period_end.isoformat(),
                "meetings_held": c.meetings_held,
                "trainings": c.trainings,
                "issued_by": c.organisation_name,
                "issued_on": c.issued_on.isoformat(),
                "revoked_at": iso(c.revoked_at),
            }
            for c in records["certificates"]
        ],
        "alumni_of": [
            {"programme": a.programme.name, "since": a.since.isoformat()} for a in records["alumni"]
        ],
        "alumni_directory": [
            {
                "programme": e.programme.name,
                "topics": [t.key for t in e.topics.all()],
                "share_contact": e.share_contact,
                "contact": e.contact,
            }
            for e in records["directory_entries"]
        ],
        "completed_tandems": [
            {
                "round": c.tandem.round.name,
                "meetings_held": c.meetings_held,
                "completed_on": c.completed_on.isoformat(),
            }
            for c in records["completed_tandems"]
        ],
    }


def erase(user) -> dict[str, int]:
    return services.erase_alumnus(person=user)


DECLARATION = Declaration(
    app_label="alumni",
    holdings=(
        Holding(
            model="alumni.TandemCompletion",
            fields=("tandem", "meetings_held"),
            whose="the tandem's mentor and mentee",
            purpose="to record that the tandem met (the number of meetings, no content)",
            seen_by="the round's coordinators and the tandem's members",
            retention="as long as the tandem",
        ),
        Holding(
            model="alumni.Alumnus",
            fields=("person", "since"),
            whose="the former participant",
            purpose="to let alumni into the programme's directory and invite them again",
            seen_by="the programme's coordinators",
            retention="until the person deletes the account",
        ),
        Holding(
            model="alumni.Certificate",
            fields=("person", "holder_name", "meetings_held", "trainings", "revoked_reason"),
            whose="the certificate's holder",
            purpose="to certify participation and confirm it at the verification address",
            seen_by="the holder, the round's coordinators, and whoever has the certificate's "
            "address (only what the certificate says)",
            retention="until the person deletes the account (then the address finds nothing)",
        ),
        Holding(
            model="alumni.DirectoryEntry",
            fields=("person", "topics", "share_contact", "contact"),
            whose="the alumnus in the directory",
            purpose="to keep the programme's network alive (opt-in)",
            seen_by="the programme's alumni and current mentors and mentees",
            retention="until the person leaves the directory or deletes the account",
        ),
    ),
    export=export,
    erase=erase,
    count=count,
    # Before tandems (a completion points to its tandem) and programmes.
    erase_order=50,
)
