"""Erasing a person's account (DESIGN.md §7): anonymise what must stay, delete the rest.

The person record keeps its id, so foreign keys and the audit trail stay intact, but
nothing on it names or reaches the person any more. Rows of other apps are changed here
through the ORM, so that one function holds the whole erasure.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.applications.enums import ACTIVE_STATES, ApplicationState
from tandem.applications.models import Application, ImportedApplication, MentorChoice
from tandem.mail.enums import MailStatus
from tandem.mail.models import QueuedMail
from tandem.matching.models import Proposal
from tandem.programmes.enums import RoleKind
from tandem.programmes.models import Organisation, RoleInvitation, RoundRole
from tandem.recruitment.models import Candidate, InfoEventRegistration, MentorProfile
from tandem.tandems.models import DateVote, Note

from .files import delete_after_commit
from .personal_data import addresses_of, email_matches
from .services import log_action

# Stored on the record, so in no particular UI language.
ERASED_NAME = "Deleted person"

S = ApplicationState
# Decided applications stay as a statistical record: a round's reports count applicants,
# admissions, declines, topics and institution types (DESIGN.md §4 recruitment-gap report,
# §3 evaluation), and dropping rows would change last year's figures. What the person wrote
# and whom they preferred goes; the consent time and notice version stay as the record that
# the processing was lawful. Open applications (draft up to waitlisted) are deleted: the
# person leaves the selection as if withdrawing, and no decision about them needs counting.
DECIDED_STATES = frozenset({S.ADMITTED, S.DECLINED, S.WITHDRAWN})
BLANKED_FIELDS = ("expectations", "upcoming_projects", "position", "availability", "how_heard")
# Staff roles only grant access, which an erased person must lose; mentor and mentee
# roles stay because they count the round's participants.
STAFF_ROLES = (RoleKind.COORDINATOR, RoleKind.TRAINER)


def anonymous_address(user) -> str:
    # The reserved top-level domain ".invalid" (RFC 2606) can never receive mail.
    return f"deleted-{user.pk}@invalid"


def sole_coordinated_organisations(user):
    """Organisations that would be left without any coordinator if the person went."""
    mine = Organisation.objects.filter(coordinators=user).values("pk")
    # Counted on a fresh join: filtering and counting on the same join would count only one.
    return (Organisation.objects.filter(pk__in=mine)
            .annotate(coordinator_count=Count("coordinators"))
            .filter(coordinator_count=1).order_by("name"))


def _delete(queryset) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


def _delete_mentor_profiles(user) -> int:
    profiles = list(MentorProfile.objects.filter(person=user))
    delete_after_commit(file for profile in profiles for file in (profile.photo, profile.slides))
    return _delete(MentorProfile.objects.filter(pk__in=[profile.pk for profile in profiles]))


def _erase_applications(user) -> dict[str, int]:
    applications = Application.objects.filter(person=user)
    open_ones = applications.exclude(state__in=DECIDED_STATES)
    # An open application that goes takes its mentee role along, as withdrawing does.
    open_rounds = list(open_ones.filter(state__in=ACTIVE_STATES).values_list("round", flat=True))
    roles = _delete(RoundRole.objects.filter(person=user, role=RoleKind.MENTEE,
                                             round__in=open_rounds))
    deleted = _delete(open_ones)
    decided = applications.filter(state__in=DECIDED_STATES)
    MentorChoice.objects.filter(application__in=decided).delete()
    blanked = decided.update(updated_at=timezone.now(), **dict.fromkeys(BLANKED_FIELDS, ""))
    return {"applications_deleted": deleted, "applications_anonymised": blanked,
            "mentee_roles_revoked": roles}


def _erase_mails(user, addresses) -> dict[str, int]:
    mails = QueuedMail.objects.filter(Q(recipient=user) | email_matches(addresses, "to"))
    # Unsent mails must never go out; sent ones keep only purpose, round, status and date.
    discarded = _delete(mails.exclude(status=MailStatus.SENT))
    blanked = mails.filter(status=MailStatus.SENT).update(
        to=anonymous_address(user), subject="", body="", error="")
    return {"mails_discarded": discarded, "mails_anonymised": blanked}


def _anonymise_account(user) -> None:
    user.name = ERASED_NAME
    user.email = anonymous_address(user)
    user.position = ""
    user.institution = None
    user.language = settings.LANGUAGE_CODE
    user.time_zone = settings.TIME_ZONE
    user.is_active = user.is_staff = user.is_superuser = False
    # A changed password hash also ends the person's sessions on other devices.
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()


@transaction.atomic
def erase_person(user, by) -> dict[str, int]:
    """Anonymise the person's account and delete or blank their data; returns the counts.

    Refused while the person is the only coordinator of an organisation: nobody could
    run its rounds any more.
    """
    # Two last coordinators leaving at once must not both pass the check: the second
    # waits for the first and then counts again.
    list(Organisation.objects.select_for_update(of=("self",)).filter(coordinators=user))
    blocking = [org.name for org in sole_coordinated_organisations(user)]
    if blocking:
        raise ValidationError(
            _("You are the only coordinator of %(organisations)s. Please make someone else "
              "a coordinator first; then you can delete your account.")
            % {"organisations": ", ".join(blocking)}
        )
    addresses = addresses_of(user)
    counts = {
        "mentor_profiles": _delete_mentor_profiles(user),
        **_erase_applications(user),
        "candidate_entries": _delete(
            Candidate.objects.filter(Q(person=user) | email_matches(addresses))),
        "info_event_registrations": _delete(
            InfoEventRegistration.objects.filter(email_matches(addresses))),
        "role_invitations": _delete(
            RoleInvitation.objects.filter(Q(accepted_by=user) | email_matches(addresses))),
        "imported_applications": _delete(
            ImportedApplication.objects.filter(email_matches(addresses))),
        **_erase_mails(user, addresses),
        # Decided applications stay (see above); the person's words on proposals go.
        "proposal_comments_blanked": Proposal.objects.filter(application__person=user)
        .exclude(mentee_comment="").update(mentee_comment=""),
        # Notes and poll answers are the person's own words and wishes; meetings and
        # tandems stay, with the anonymised account, as the record that they took place.
        "meeting_notes": _delete(Note.objects.filter(author=user)),
        "date_poll_answers": _delete(DateVote.objects.filter(person=user)),
        "staff_roles_revoked": _delete(RoundRole.objects.filter(person=user,
                                                                 role__in=STAFF_ROLES)),
    }
    user.coordinated_organisations.clear()
    _anonymise_account(user)
    log_action(by, "privacy.person_erased", user, data=counts)
    return counts
