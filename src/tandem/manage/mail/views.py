"""Coordinator pages for a round's e-mail: the texts per purpose and the outbox.

Only the round's coordinators come here; everyone else gets 404 (RoundScopeMixin).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from tandem.audit.services import log_action
from tandem.core.access import RoundScopeMixin
from tandem.core.forms import add_service_errors
from tandem.mail import selectors, services
from tandem.mail.defaults import DEFAULT_TEMPLATES
from tandem.mail.enums import MailStatus
from tandem.mail.texts import placeholders_for

from .forms import LANGUAGES, MailTextForm, OutboxActionForm, OutboxFilterForm

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


class TextListView(MailMixin, View):
    def get(self, request, **kwargs):
        own = selectors.own_text_languages(self.round)
        rows = [(purpose, own.get(purpose.key, [])) for purpose in selectors.mail_purposes()]
        return render(request, "manage/mail/texts.html", self.base_context(rows=rows))


class TextMixin(MailMixin):
    def purpose(self, key: str):
        if key not in DEFAULT_TEMPLATES:
            raise Http404
        return selectors.purpose_of(key)


class TextEditView(TextMixin, View):
    def get(self, request, key, **kwargs):
        purpose = self.purpose(key)
        initial = {}
        for language in LANGUAGES:
            subject, body = services.template_for(key, language, self.round)
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
        if request.POST.get("action") == "preview":
            # Only show what the texts would look like; nothing is saved.
            errors = services.round_text_errors(self.round, key, texts)
            if errors:
                add_service_errors(form, ValidationError(errors))
            return self.render(request, purpose, form, texts, status=400 if errors else 200)
        try:
            services.save_round_texts(round=self.round, key=key, texts=texts, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render(request, purpose, form, texts, status=400)
        messages.success(request, _("The e-mail text was saved."))
        return redirect("manage:mail_text", key=key, **self.round.url_kwargs)

    def previews(self, key: str, texts: dict) -> list[dict]:
        previews = []
        for language, (subject, body) in texts.items():
            preview = {"language": language}
            try:
                preview["subject"], preview["body"] = services.preview_text(
                    round=self.round,
                    key=key,
                    language=language,
                    subject=subject,
                    body=body,
                    by=self.request.user,
                )
            except ValidationError as error:
                preview["errors"] = error.messages
            previews.append(preview)
        return previews

    def render(self, request, purpose, form, texts, status=200):
        context = self.base_context(
            purpose=purpose,
            form=form,
            placeholders=placeholders_for(purpose.key),
            previews=self.previews(purpose.key, texts),
            own_languages=selectors.own_text_languages(self.round).get(purpose.key, []),
        )
        return render(request, "manage/mail/text_edit.html", context, status=status)


class TextResetView(TextMixin, View):
    def post(self, request, key, **kwargs):
        self.purpose(key)
        if services.reset_round_texts(round=self.round, key=key, by=request.user):
            messages.success(request, _("This round uses the default text again."))
        else:
            messages.info(request, _("This round already uses the default text."))
        return redirect("manage:mail_text", key=key, **self.round.url_kwargs)


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
        log_action(request.user, "mail.viewed", found, round=self.round)
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
