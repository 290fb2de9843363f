"""Coordinator pages for applications: list, detail, bulk decisions, import, export.

Trainers read the list and the details (DESIGN.md §2) but change nothing; every
other role gets 404. The uploaded import file waits between the steps in
tandem.applications.import_files (the session holds only its random name, the consent
source and the mapping).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from tandem.applications import import_files, imported, selectors, services
from tandem.applications.exports import (
    application_rows,
    mentor_profile_rows,
    to_csv,
    to_xlsx,
)
from tandem.applications.imports import (
    FIELDS,
    guess_mapping,
    import_applications,
    read_table,
    validate_rows,
)
from tandem.audit.services import log_action
from tandem.core.access import RoundScopeMixin

from .forms import BulkForm, FavouredForm, FilterForm, ImportUploadForm, MappingForm, StateForm

SORT_COLUMNS = ["name", "submitted", "state", "institution_type"]
PAGE_SIZE = 100
BULK_IDS = "bulk_%s"


def _without_page(params) -> str:
    """The list's query string for page links: filters and sort stay, the page changes."""
    params = params.copy()
    params.pop("page", None)
    return params.urlencode()


class ApplicationsMixin(RoundScopeMixin):
    permission = "applications.view_applications"

    def base_context(self) -> dict:
        user = self.request.user
        return {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            "may_decide": user.has_perm("applications.decide_applications", self.round),
            # The person page is the organisation's coordinators' (not a round's, nor trainers').
            "may_open_people": user.has_perm("programmes.manage_organisation", self.organisation),
        }

    def require(self, permission: str) -> None:
        if not self.request.user.has_perm(permission, self.round):
            raise Http404


class ApplicationListView(ApplicationsMixin, View):
    def get(self, request, **kwargs):
        return self.render(request)

    def render(self, request, bulk_form=None, status=200, query=None):
        query = request.GET if query is None else query
        form = FilterForm(query or None, round=self.round)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        sort = filters.get("sort") or "name"
        applications = selectors.applications_for_round(
            self.round,
            state=filters.get("state", ""),
            topic=filters.get("topic"),
            institution_type=filters.get("institution_type", ""),
            query=filters.get("q", ""),
            sort=sort,
        )
        page = Paginator(applications, PAGE_SIZE).get_page(query.get("page"))
        context = self.base_context() | {
            "applications": page.object_list,
            "page": page,
            "page_query": _without_page(query),
            "filter_form": form,
            # The filter has a "state" field too: the bulk form's ids differ from its.
            "state_form": bulk_form or StateForm(auto_id=BULK_IDS),
            "bulk_form": bulk_form,
            "demand": selectors.demand_and_supply(self.round),
            "sort": sort,
            "sort_links": self.sort_links(query, sort),
            "query_string": query.urlencode(),
            # After a refused bulk change the same rows stay ticked.
            "ticked": set(bulk_form.data.getlist("applications")) if bulk_form else set(),
            "waiting_imports": imported.waiting_for_confirmation(self.round).count(),
        }
        return render(request, "manage/applications/list.html", context, status=status)

    def sort_links(self, query, current: str) -> dict:
        links = {}
        for column in SORT_COLUMNS:
            params = query.copy()
            params["sort"] = f"-{column}" if current == column else column
            direction = (
                "ascending"
                if current == column
                else "descending"
                if current == f"-{column}"
                else ""
            )
            links[column] = {"url": "?" + params.urlencode(), "direction": direction}
        return links


class ApplicationBulkView(ApplicationListView):
    def get(self, request, **kwargs):
        raise Http404

    def post(self, request, **kwargs):
        self.require("applications.decide_applications")
        form = BulkForm(request.POST, round=self.round, auto_id=BULK_IDS)
        if not form.is_valid():
            # The list as the coordinator saw it: same filters, sort and page.
            query = QueryDict(request.POST.get("query_string", ""))
            return self.render(request, bulk_form=form, status=400, query=query)
        target = form.cleaned_data["state"]
        changed, errors = services.bulk_change_state(
            applications=form.cleaned_data["applications"], to_state=target, by=request.user
        )
        if changed:
            messages.success(request, _("%(n)s application(s) changed.") % {"n": len(changed)})
        for application, message in errors:
            messages.error(
                request,
                _("%(person)s: %(message)s") % {"person": application.person, "message": message},
            )
        url = reverse("manage:application_list", kwargs=self.round.url_kwargs)
        back = request.POST.get("query_string", "")
        return redirect(f"{url}?{back}" if back else url)


class ApplicationDetailView(ApplicationsMixin, View):
    def get(self, request, pk, **kwargs):
        return self.render(request, self.application(pk), StateForm())

    def post(self, request, pk, **kwargs):
        self.require("applications.decide_applications")
        application = self.application(pk)
        if "favoured_form" in request.POST:
            favour = FavouredForm(request.POST)
            favour.is_valid()  # a checkbox: always valid
            services.set_favoured(
                application=application,
                favoured=favour.cleaned_data.get("favoured", False),
                by=request.user,
            )
            messages.success(request, _("Saved."))
            return redirect("manage:application_detail", pk=pk, **self.round.url_kwargs)
        form = StateForm(request.POST)
        if form.is_valid():
            try:
                services.change_state(
                    application=application, to_state=form.cleaned_data["state"], by=request.user
                )
            except ValidationError as error:
                form.add_error("state", error.messages)
            else:
                messages.success(request, _("The state was changed."))
                return redirect("manage:application_detail", pk=pk, **self.round.url_kwargs)
        return self.render(request, application, form, status=400)

    def application(self, pk):
        application = selectors.application_detail(self.round, pk)
        if application is None:
            raise Http404
        return application

    def render(self, request, application, form, status=200):
        # Who looked at whose application is part of the audit log (DESIGN.md §7).
        log_action(request.user, "application.viewed", application, programme_round=self.round)
        context = self.base_context() | {
            "application": application,
            "state_form": form,
            "favoured_form": FavouredForm(initial={"favoured": application.favoured}),
        }
        return render(request, "manage/applications/detail.html", context, status=status)


class ApplicationExportView(ApplicationsMixin, View):
    def get(self, request, **kwargs):
        self.require("applications.export_applications")
        kind = request.GET.get("format", "csv")
        if kind not in {"csv", "xlsx"}:
            raise Http404
        if request.GET.get("what") == "mentors":
            # The offer side, for coordinators who plan in a spreadsheet too.
            from tandem.recruitment.selectors import mentor_profiles_for_staff

            headers, rows = mentor_profile_rows(mentor_profiles_for_staff(self.round))
            action, stem, title = "mentor_profiles.exported", "mentor-profiles", _("Mentors")
        else:
            applications = selectors.applications_for_round(self.round).prefetch_related(
                "mentor_choices__mentor"
            )
            headers, rows = application_rows(applications)
            action, stem, title = "applications.exported", "applications", _("Applications")
        log_action(
            request.user,
            action,
            self.round,
            programme_round=self.round,
            data={"format": kind, "rows": len(rows)},
        )
        name = f"{stem}-{self.round.slug}.{kind}"
        if kind == "csv":
            response = HttpResponse(to_csv(headers, rows), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                to_xlsx(headers, rows, title),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# --- import --------------------------------------------------------------------------


class ImportMixin(ApplicationsMixin):
    permission = "applications.import_applications"

    @property
    def session_key(self) -> str:
        return f"applications_import_{self.round.pk}"

    def stored(self) -> dict | None:
        state = self.request.session.get(self.session_key)
        if not state or not import_files.exists(state.get("token", "")):
            return None
        return state

    def read(self, state):
        return read_table(import_files.load(state["token"]), state["filename"])

    def forget(self) -> None:
        state = self.request.session.pop(self.session_key, None)
        if state:
            import_files.discard(state.get("token", ""))

    def restart(self, message: str):
        messages.error(self.request, message)
        return redirect("manage:application_import", **self.round.url_kwargs)


class ImportUploadView(ImportMixin, View):
    def get(self, request, **kwargs):
        return self.render(request, ImportUploadForm())

    def post(self, request, **kwargs):
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            # Read at most one byte more than allowed: enough to say "too big".
            content = upload.read(5 * 1024 * 1024 + 1)
            try:
                read_table(content, upload.name)
            except ValidationError as error:
                form.add_error("file", error.messages)
            else:
                self.forget()
                token = import_files.store(content)
                request.session[self.session_key] = {
                    "token": token,
                    "filename": upload.name[-200:],
                    "source": form.cleaned_data["source"],
                    "mapping": None,
                }
                return redirect("manage:application_import_map", **self.round.url_kwargs)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        context = self.base_context() | {"form": form}
        return render(request, "manage/applications/import_upload.html", context, status=status)


class ImportMappingView(ImportMixin, View):
    def get(self, request, **kwargs):
        state = self.stored()
        if state is None:
            return self.restart(_("Please upload the file first."))
        table = self.read(state)
        guessed = state.get("mapping") or guess_mapping(table.headers)
        initial = {name: "" if index is None else str(index) for name, index in guessed.items()}
        return self.render(request, MappingForm(initial=initial, headers=table.headers), table)

    def post(self, request, **kwargs):
        state = self.stored()
        if state is None:
            return self.restart(_("Please upload the file first."))
        table = self.read(state)
        form = MappingForm(request.POST, headers=table.headers)
        if not form.is_valid():
            return self.render(request, form, table, status=400)
        mapping = form.mapping()
        _rows, errors = validate_rows(self.round, table, mapping)
        state["mapping"] = mapping
        request.session[self.session_key] = state
        if errors:
            return self.render(request, form, table, errors=errors, status=400)
        return redirect("manage:application_import_preview", **self.round.url_kwargs)

    def render(self, request, form, table, errors=None, status=200):
        context = self.base_context() | {
            "form": form,
            "table": table,
            "sample": table.rows[:3],
            "errors": errors or [],
            "filename": self.stored()["filename"],
        }
        return render(request, "manage/applications/import_map.html", context, status=status)


class ImportPreviewView(ImportMixin, View):
    def prepare(self):
        state = self.stored()
        if state is None or not state.get("mapping"):
            return state, None, None
        table = self.read(state)
        mapping = {name: state["mapping"].get(name) for name, _label in FIELDS}
        rows, errors = validate_rows(self.round, table, mapping)
        return state, rows, errors

    def get(self, request, **kwargs):
        state, rows, errors = self.prepare()
        if rows is None:
            return self.restart(_("Please upload the file and map its columns first."))
        if errors:
            return redirect("manage:application_import_map", **self.round.url_kwargs)
        return self.render(request, state, rows)

    def post(self, request, **kwargs):
        state, rows, errors = self.prepare()
        if rows is None:
            return self.restart(_("Please upload the file and map its columns first."))
        if errors:
            return redirect("manage:application_import_map", **self.round.url_kwargs)
        counts = import_applications(
            round=self.round, rows=rows, source=state["source"], by=request.user
        )
        self.forget()
        messages.success(
            request,
            _(
                "Import finished: %(new)s new, %(update)s updated, %(skip)s skipped. New "
                "applications count once their persons confirm them: the e-mails asking them "
                "wait in the outbox for your review."
            )
            % counts,
        )
        return redirect("manage:application_list", **self.round.url_kwargs)

    def render(self, request, state, rows):
        counts = {
            action: sum(1 for row in rows if row.action == action)
            for action in ("new", "update", "skip")
        }
        context = self.base_context() | {"rows": rows, "counts": counts, "state": state}
        return render(request, "manage/applications/import_preview.html", context)
