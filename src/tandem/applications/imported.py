"""Imported applications wait for their person's yes (see the consent rule in imports.py).

Invariants: nothing here looks up an account by the imported address; only an account
with that address verified can confirm; the mail is the platform's own text.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from tandem.audit.services import log_action
from tandem.people.tokens import hash_token, new_token, plausible_token
from tandem.programmes.enums import RoleKind
from tandem.programmes.invitations import has_verified_address

from .enums import ApplicationSource, ApplicationState
from .models import Application, ImportedApplication
from .services import sync_mentee_role

CONFIRMATION_VALID_DAYS = 30


@transaction.atomic
def hold_for_confirmation(*, round, row, data: dict, source: str, by) -> ImportedApplication:
    """Keep (or refresh) the row and queue the confirmation mail as a draft for review.

    A re-import of a row that still waits only refreshes its data; the link stays.
    """
    pending = ImportedApplication.objects.filter(round=round, email__iexact=row.email).first()
    if pending is not None and pending.is_open:
        pending.name, pending.data, pending.source = row.name, data, source
        pending.save(update_fields=["name", "data", "source"])
        log_action(by, "application.import_refreshed", pending, programme_round=round)
        return pending
    token, token_hash = new_token()
    values = {
        "name": row.name,
        "data": data,
        "source": source,
        "token_hash": token_hash,
        "imported_by": by,
        "confirmed_at": None,
        "declined_at": None,
        "expires_at": timezone.now() + dt.timedelta(days=CONFIRMATION_VALID_DAYS),
    }
    pending, _created = ImportedApplication.objects.update_or_create(
        round=round, email=row.email, defaults=values
    )
    pending.token = token
    _queue_confirmation(pending, token)
    log_action(
        by, "application.import_held", pending, programme_round=round, data={"source": source}
    )
    return pending


def _queue_confirmation(pending: ImportedApplication, token: str) -> None:
    from tandem.mail.services import queue_mail

    round = pending.round
    languages = pending.data.get("languages") or []
    language = languages[0] if languages else "de"
    with translation.override(language):
        expires = formats.date_format(timezone.localtime(pending.expires_at), "DATE_FORMAT")
    # round=None: always the platform's own text (coordinators cannot put their words
    # into mails to imported addresses); the draft then joins the round's outbox.
    mail = queue_mail(
        key="application_import_confirmation",
        to=pending.email,
        language=language,
        review=True,
        context={
            "name": pending.name,
            "round": round.name,
            "programme": round.programme.name,
            "organisation": round.programme.organisation.name,
            "source": pending.source,
            "expires": expires,
            "url": reverse(
                "public:imported_application", kwargs={**round.url_kwargs, "token": token}
            ),
        },
    )
    mail.round = round
    mail.save(update_fields=["round"])


def imported_for_token(token: str) -> ImportedApplication | None:
    if not plausible_token(token):
        return None
    return (
        ImportedApplication.objects.select_related("round__programme__organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


def waiting_for_confirmation(programme_round):
    return programme_round.imported_applications.filter(
        confirmed_at=None, declined_at=None, expires_at__gt=timezone.now()
    )


def _locked_open(pending: ImportedApplication) -> ImportedApplication:
    pending = ImportedApplication.objects.select_for_update().get(pk=pending.pk)
    if not pending.is_open:
        raise ValidationError(_("This link is no longer valid."))
    return pending


@transaction.atomic
def confirm_imported_application(*, pending: ImportedApplication, person) -> Application:
    """The person says yes: the imported data becomes their own submitted application."""
    from .imports import apply_favoured, fill_application

    pending = _locked_open(pending)
    if not has_verified_address(person, pending.email):
        raise ValidationError(
            _(
                "This application was imported for another e-mail address. Please log in with "
                "the address our e-mail was sent to (or add and confirm it under your account's "
                "e-mail addresses)."
            )
        )
    round = pending.round
    if round.roles.filter(person=person, role=RoleKind.MENTOR).exists():
        raise ValidationError(
            _("You are a mentor in this round, so you cannot apply as a mentee in it.")
        )
    if Application.objects.filter(round=round, person=person).exists():
        raise ValidationError(_("You already have an application in this round."))
    now = timezone.now()
    if not person.name:
        person.name = pending.name
        person.save(update_fields=["name"])
    application = Application(
        round=round,
        person=person,
        state=ApplicationState.SUBMITTED,
        source=ApplicationSource.IMPORT,
        submitted_at=now,
    )
    fill_application(application, pending.data, pending.source, now)
    # the coordinator who imported the row decided the flag, not the person confirming
    apply_favoured(application, pending.data, pending.imported_by)
    pending.confirmed_at = now
    pending.save(update_fields=["confirmed_at"])
    log_action(
        person,
        "application.import_confirmed",
        application,
        programme_round=round,
        data={"source": pending.source},
    )
    sync_mentee_role(application, person)
    return application


@transaction.atomic
def decline_imported_application(*, pending: ImportedApplication) -> ImportedApplication:
    """The person says no: the imported data is deleted; the row remembers the no."""
    pending = _locked_open(pending)
    pending.declined_at = timezone.now()
    pending.data = {}
    pending.save(update_fields=["declined_at", "data"])
    log_action(None, "application.import_declined", pending, programme_round=pending.round)
    return pending
