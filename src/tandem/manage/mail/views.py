"""Coordinator pages for a round's e-mail: the texts per purpose and the outbox.

Only the round's coordinators come here; everyone else gets 404 (RoundScopeMixin).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from tandem.audit.services import log_action
from tandem.core.access import ProgrammeScopeMixin, RoundScopeMixin
from tandem.core.forms import add_service_errors
from tandem.mail import selectors, services
from tandem.mail.defaults import DEFAULT_TEMPLATES
from tandem.mail.enums import MailStatus
from tandem.mail.texts import placeholders_for
from tandem.matching import round_messages

from .forms import LANGUAGES, MailTextForm, OutboxActionForm, OutboxFilterForm, RoundMessageForm

MAILS_PER_PAGE = 50


class MailMixin(RoundScopeMixin):
    permission = "programmes.manage_round"

    def base_context(self, **extra) -> dict:
        return {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            **extra,
        }


# --- texts ----------------------------------------------------------------------------
#
# The same pages serve a round's own texts (under the round) and a programme's own texts
# for all its rounds (under the programme): ``owner_round`` is None for the programme.


class TextOwnerMixin:
    owner_round = None

    def owner_kwargs(self) -> dict:
        return {
            "round": self.owner_round,
            "programme": None if self.owner_round else self.programme,
        }

    def text_url(self, name: str, **kwargs) -> str:
        if self.owner_round is not None:
            return reverse(f"manage:mail_{name}", kwargs={**self.round.url_kwargs, **kwargs})
        org = {"org": self.organisation.slug, "programme": self.programme.slug}
        return reverse(f"manage:programme_{name}", kwargs={**org, **kwargs})

    def text_context(self, **extra) -> dict:
        return {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.owner_round,
            "texts_url": self.text_url("texts"),
            **extra,
        }


class TextListView(TextOwnerMixin, View):
    def get(self, request, **kwargs):
        own = selectors.own_text_languages(**self.owner_kwargs())
        shared = {}
        if self.owner_round is not None:
            shared = selectors.own_text_languages(None, programme=self.programme)
        purposes = selectors.mail_purposes()
        rows = [
            (
                purpose,
                own.get(purpose.key, []),
                self.text_url("text", key=purpose.key),
                purpose.key in shared,
            )
            for purpose in purposes
            if purpose.editable
        ]
        platform = [purpose for purpose in purposes if not purpose.editable]
        return render(
            request, "manage/mail/texts.html", self.text_context(rows=rows, platform=platform)
        )


class TextMixin(TextOwnerMixin):
    def purpose(self, key: str):
        if key not in DEFAULT_TEMPLATES:
            raise Http404
        purpose = selectors.purpose_of(key)
        if not purpose.editable:
            raise Http404
        return purpose


class TextEditView(TextMixin, View):
    def get(self, request, key, **kwargs):
        purpose = self.purpose(key)
        initial = {}
        for language in LANGUAGES:
            subject, body = services.template_for(
                key, language, self.owner_round, programme=self.programme
            )
            initial[f"subject_{language}"], initial[f"body_{language}"] = subject, body
        form = MailTextForm(initial=initial)
        texts = {
            language: (initial[f"subject_{language}"], initial[f"body_{language}"])
            for language in LANGUAGES
        }
        return self.render(request, purpose, form, texts)

    def post(self, request, key, **kwargs):
        purpose = self.purpose(key)
        form = MailTextForm(request.POST)
        if not form.is_valid():
            return self.render(request, purpose, form, {}, status=400)
        # Read before any error is added: add_error drops the field from cleaned_data.
        texts = form.texts()
        owner = self.owner_kwargs()
        if request.POST.get("action") == "preview":
            # Only show what the texts would look like; nothing is saved.
            errors = services.round_text_errors(owner["round"], key, texts, owner["programme"])
            if errors:
                add_service_errors(form, ValidationError(errors))
            return self.render(request, purpose, form, texts, status=400 if errors else 200)
        try:
            services.save_round_texts(key=key, texts=texts, by=request.user, **owner)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render(request, purpose, form, texts, status=400)
        messages.success(request, _("The e-mail text was saved."))
        return redirect(self.text_url("text", key=key))

    def previews(self, key: str, texts: dict) -> list[dict]:
        previews = []
        for language, (subject, body) in texts.items():
            preview = {"language": language}
            try:
                preview["subject"], preview["body"] = services.preview_text(
                    key=key,
                    language=language,
                    subject=subject,
                    body=body,
                    by=self.request.user,
                    **self.owner_kwargs(),
                )
            except ValidationError as error:
                preview["errors"] = error.messages
            previews.append(preview)
        return previews

    def render(self, request, purpose, form, texts, status=200):
        own = selectors.own_text_languages(**self.owner_kwargs())
        context = self.text_context(
            purpose=purpose,
            form=form,
            placeholders=placeholders_for(purpose.key),
            previews=self.previews(purpose.key, texts),
            own_languages=own.get(purpose.key, []),
            reset_url=self.text_url("text_reset", key=purpose.key),
        )
        if self.owner_round is not None:
            programme_own = selectors.own_text_languages(None, programme=self.programme)
            context["programme_languages"] = programme_own.get(purpose.key, [])
        return render(request, "manage/mail/text_edit.html", context, status=status)


class TextResetView(TextMixin, View):
    def post(self, request, key, **kwargs):
        self.purpose(key)
        done = services.reset_round_texts(key=key, by=request.user, **self.owner_kwargs())
        if self.owner_round is not None and done:
            messages.success(request, _("This round uses the default text again."))
        elif self.owner_round is not None:
            messages.info(request, _("This round already uses the default text."))
        elif done:
            messages.success(request, _("The programme uses the default text again."))
        else:
            messages.info(request, _("The programme already uses the default text."))
        return redirect(self.text_url("text", key=key))


class RoundTextMixin(MailMixin):
    @property
    def owner_round(self):
        return self.round


class RoundTextListView(RoundTextMixin, TextListView):
    pass


class RoundTextEditView(RoundTextMixin, TextEditView):
    pass


class RoundTextResetView(RoundTextMixin, TextResetView):
    pass


class ProgrammeTextMixin(ProgrammeScopeMixin):
    """A programme's own texts: every round of it uses them unless it has its own."""


class ProgrammeTextListView(ProgrammeTextMixin, TextListView):
    pass


class ProgrammeTextEditView(ProgrammeTextMixin, TextEditView):
    pass


class ProgrammeTextResetView(ProgrammeTextMixin, TextResetView):
    pass


# --- outbox ---------------------------------------------------------------------------


def perform(request, round, action: str, mails) -> None:
    """Run one outbox action through its service and say how many e-mails it changed."""
    by = request.user
    if action in {"release", "release_all"}:
        count = services.release_round_mails(
            round=round, by=by, mails=mails if action == "release" else None
        )
        text = ngettext("%(n)s e-mail is being sent.", "%(n)s e-mails are being sent.", count)
    elif action == "discard":
        count = services.discard_mails(round=round, by=by, mails=mails)
        text = ngettext("%(n)s draft was discarded.", "%(n)s drafts were discarded.", count)
    else:
        count = services.retry_mails(round=round, by=by, mails=mails if action == "retry" else None)
        text = ngettext(
            "%(n)s e-mail is being sent again.", "%(n)s e-mails are being sent again.", count
        )
    if count:
        messages.success(request, text % {"n": count})
    else:
        messages.info(
            request,
            _(
                "No e-mail was changed: only drafts can be sent or "
                "discarded, and only failed e-mails can be retried."
            ),
        )


class OutboxView(MailMixin, View):
    def get(self, request, **kwargs):
        return self.render(request)

    def post(self, request, **kwargs):
        form = OutboxActionForm(request.POST, mails=selectors.mails_for_round(self.round))
        if not form.is_valid():
            return self.render(request, action_form=form, status=400)
        perform(request, self.round, form.cleaned_data["action"], form.cleaned_data["mails"])
        # The form posts to this page's own address, so filters and page stay as they were.
        return redirect(request.get_full_path())

    def render(self, request, action_form=None, status=200):
        purposes = selectors.outbox_purposes(self.round)
        filter_form = OutboxFilterForm(request.GET or None, purposes=purposes)
        filters = {}
        if filter_form.is_bound and filter_form.is_valid():
            filters = filter_form.cleaned_data
        mails = selectors.mails_for_round(
            self.round, status=filters.get("status", ""), key=filters.get("purpose", "")
        )
        page = Paginator(mails, MAILS_PER_PAGE).get_page(request.GET.get("page"))
        for mail in page:
            mail.purpose = selectors.purpose_of(mail.template_key)
        params = request.GET.copy()
        params.pop("page", None)
        context = self.base_context(
            page=page,
            filter_form=filter_form,
            action_form=action_form,
            counts=selectors.status_counts(self.round),
            stalled=selectors.sending_stalled(self.round),
            filter_query=params.urlencode(),
            actionable={MailStatus.DRAFT, MailStatus.FAILED},
        )
        return render(request, "manage/mail/outbox.html", context, status=status)


class OutboxMailView(MailMixin, View):
    def get(self, request, mail, **kwargs):
        found = self.mail(mail)
        # Who read which e-mail to whom belongs in the audit log (DESIGN.md §7).
        log_action(request.user, "mail.viewed", found, programme_round=self.round)
        found.purpose = selectors.purpose_of(found.template_key)
        return render(request, "manage/mail/mail_detail.html", self.base_context(mail=found))

    def post(self, request, mail, **kwargs):
        found = self.mail(mail)
        action = request.POST.get("action")
        if action not in {"release", "discard", "retry"}:
            messages.error(request, _("Please choose one of the buttons."))
        else:
            perform(request, self.round, action, [found])
        return redirect("manage:mail_outbox_mail", mail=found.pk, **self.round.url_kwargs)

    def mail(self, pk: int):
        found = selectors.mail_of_round(self.round, pk)
        if found is None:
            raise Http404
        return found


# --- a message to a group ---------------------------------------------------------------


class RoundMessageView(MailMixin, View):
    """Write once, to all mentors (mentees, tandems …); drafts wait in the outbox."""

    def groups(self):
        return [
            (
                key,
                ngettext("%(label)s (%(n)s person)", "%(label)s (%(n)s people)", n)
                % {"label": label, "n": n},
            )
            for key, label in round_messages.GROUPS.items()
            for n in [round_messages.members_of(self.round, key).count()]
        ]

    def get(self, request, **kwargs):
        initial = {"group": request.GET.get("group", "mentors")}
        for language in LANGUAGES:
            subject, body = services.template_for(round_messages.KEY, language, self.round)
            initial[f"subject_{language}"], initial[f"body_{language}"] = subject, body
        return self.render(request, RoundMessageForm(initial=initial, groups=self.groups()))

    def post(self, request, **kwargs):
        form = RoundMessageForm(request.POST, groups=self.groups())
        if not form.is_valid():
            return self.render(request, form, status=400)
        texts = form.texts()
        errors = services.round_text_errors(self.round, round_messages.KEY, texts)
        if errors:
            add_service_errors(form, ValidationError(errors))
            return self.render(request, form, status=400)
        count = round_messages.send_round_message(
            round=self.round, group=form.cleaned_data["group"], texts=texts, by=request.user
        )
        if not count:
            messages.info(request, _("Nobody is in this group yet; no e-mail was written."))
            return redirect("manage:mail_message", **self.round.url_kwargs)
        messages.success(
            request,
            ngettext(
                "%(n)s e-mail waits for your review below: send or discard it.",
                "%(n)s e-mails wait for your review below: send or discard them.",
                count,
            )
            % {"n": count},
        )
        url = reverse("manage:mail_outbox", kwargs=self.round.url_kwargs)
        return redirect(f"{url}?status=draft&purpose={round_messages.KEY}")

    def render(self, request, form, status=200):
        context = self.base_context(form=form, placeholders=placeholders_for(round_messages.KEY))
        return render(request, "manage/mail/message.html", context, status=status)
