"""The audit page (coordinators: their organisation's entries; operators: all) and the
records of processing (GDPR Art. 30) made from the personal-data registry.

Both only read: nothing here changes an entry. Entries show actor, time (UTC), object
and action, and the numbers and ids services logged; no service logs note text.
"""

import csv
import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tandem.audit import selectors as audit
from tandem.core.access import OrganisationScopeMixin, SecondFactorRequiredMixin
from tandem.core.forms import bound_dates
from tandem.documents.records_of_processing import Labels, Row, build_records_pdf
from tandem.privacy.registry import holdings
from tandem.programmes.models import Round

PAGE_SIZE = 100


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=gettext_lazy("Action contains"), max_length=80, required=False)
    since = forms.DateField(label=gettext_lazy("From (UTC)"), required=False)
    until = forms.DateField(label=gettext_lazy("To (UTC, inclusive)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end lies before the start."))
        return data

    def criteria(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data

        def start_of(day):
            return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) if day else None

        until = data.get("until")
        return {
            "action": data.get("action", "").strip(),
            "since": start_of(data.get("since")),
            "until": start_of(until + dt.timedelta(days=1)) if until else None,
        }


class _AuditLog(SecondFactorRequiredMixin, View):
    csv = False

    def scope(self) -> dict:
        """Which entries the page shows (criteria for audit.entries). Each page says so
        itself — the operators' page all, an organisation's page its own — so a page that
        forgets gets an error instead of the whole platform's log."""
        raise NotImplementedError(f"{type(self).__name__} must say which entries it shows")

    def get(self, request, **kwargs):
        form = AuditFilterForm(request.GET or None)
        rows = audit.entries(**self.scope(), **form.criteria())
        if self.csv:
            return self.as_csv(rows)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "organisation": getattr(self, "organisation", None),
        }
        return render(request, "manage/audit_log.html", context, status=400 if form.errors else 200)

    def as_csv(self, rows) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        writer = csv.writer(response)
        writer.writerow(["time_utc", "actor_id", "actor", "action", "object", "round", "data"])
        for entry in rows.iterator():
            writer.writerow(
                [
                    entry.created_at.astimezone(dt.UTC).isoformat(),
                    entry.actor_id or "",
                    _cell(entry.actor.get_full_name() if entry.actor else ""),
                    entry.action,
                    f"{entry.object_type}:{entry.object_id}",
                    _cell(entry.round_label),
                    _cell(str(entry.data) if entry.data else ""),
                ]
            )
        return response


def _cell(value: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula: never from our data.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class AuditLogView(_AuditLog):
    """Every entry of the platform, for its operators (staff) only."""

    def check_scope(self, request, *args, **kwargs):
        if not request.user.is_staff:
            raise Http404

    def scope(self) -> dict:
        return {}


class AuditLogCsvView(AuditLogView):
    csv = True


class OrganisationAuditLogView(OrganisationScopeMixin, _AuditLog):
    """The entries of one organisation and its rounds (also of rounds deleted since)."""

    def scope(self) -> dict:
        rounds = Round.objects.filter(programme__organisation=self.organisation).values_list(
            "pk", flat=True
        )
        return {"organisation_id": self.organisation.pk, "round_ids": rounds}


class OrganisationAuditLogCsvView(OrganisationAuditLogView):
    csv = True


# --- records of processing -----------------------------------------------------------


class _Records(SecondFactorRequiredMixin, View):
    """Operators and organisation coordinators (for their data-protection officer)."""

    def check_scope(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_staff or user.coordinated_organisations.exists()):
            raise Http404


def records() -> list[Row]:
    return [
        Row(
            area=declaration.app_label,
            model=holding.model,
            fields=", ".join(holding.fields),
            whose=holding.whose,
            purpose=holding.purpose,
            seen_by=holding.seen_by,
            retention=holding.retention,
        )
        for declaration, holding in holdings()
    ]


def _labels() -> Labels:
    return Labels(
        title=_("Records of processing activities (GDPR Art. 30)"),
        intro=_(
            "Each kind of personal data this platform stores, with its purpose, who sees it "
            "and how long it is kept, as the platform's modules declare it. The descriptions "
            "are kept in English, as written beside the code."
        ),
        area=_("Area"),
        model=_("Record"),
        fields=_("Fields"),
        whose=_("Whose data"),
        purpose=_("Purpose"),
        seen_by=_("Who sees it"),
        retention=_("How long it is kept"),
        made=_("Made on %(day)s from the running installation.")
        % {"day": timezone.localdate().isoformat()},
    )


class RecordsOfProcessingView(_Records):
    def get(self, request):
        from django.conf import settings

        context = {
            "rows": records(),
            "labels": _labels(),
            "months": settings.TANDEM_RETENTION_MONTHS,
            "by_kind": sorted(settings.TANDEM_RETENTION_BY_KIND.items()),
        }
        return render(request, "manage/records_of_processing.html", context)


class RecordsOfProcessingPdfView(_Records):
    def get(self, request):
        pdf = build_records_pdf(records(), _labels(), made_on=timezone.localdate())
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="records-of-processing.pdf"'
        return response
