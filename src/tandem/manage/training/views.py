"""Training pages for trainers and coordinators; consultations for trainers.

Sessions, invitations, attendance and materials: the round's coordinators and trainers.
Consultations: each trainer sees their own slots, who booked and the note; coordinators
see only counts (DESIGN.md §2) — the page they get reads nothing else.
"""

from pathlib import PurePosixPath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View

from tandem.core.access import RoundScopeMixin
from tandem.core.forms import add_service_errors
from tandem.core.meeting_links import suggested_link
from tandem.manage.checklist import mentors_trained
from tandem.training import consultations, selectors, services
from tandem.training.calendar import booking_ics
from tandem.training.defaults import default_agenda
from tandem.training.models import ConsultationSlot, TrainingMaterial

from .forms import MaterialForm, SessionForm, SlotForm, TrainerNotesForm

SESSION_FIELDS = (
    "title",
    "starts_at",
    "duration_minutes",
    "online_url",
    "place",
    "description",
    "audience",
)


class TrainingMixin(RoundScopeMixin):
    permission = "training.manage_training"

    def base_context(self, **extra):
        return {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            **extra,
        }

    def session_or_404(self, pk):
        session = selectors.session_of_round(self.round, pk)
        if session is None:
            raise Http404
        return session


class SessionListView(TrainingMixin, View):
    def get(self, request, **kwargs):
        is_trainer = request.user.has_perm("training.offer_consultations", self.round)
        return render(
            request,
            "manage/training/sessions.html",
            self.base_context(
                sessions=selectors.sessions_of_round(self.round),
                counts=selectors.consultation_counts(self.round),
                is_trainer=is_trainer,
                checklist=[mentors_trained(self.round)],
            ),
        )


class SessionCreateView(TrainingMixin, View):
    def get(self, request, **kwargs):
        form = SessionForm(
            round=self.round,
            initial={"description": default_agenda(get_language()), "online_url": suggested_link()},
        )
        return self.render(request, form)

    def post(self, request, **kwargs):
        form = SessionForm(request.POST, round=self.round)
        if form.is_valid():
            try:
                session = services.create_session(
                    round=self.round, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The session is saved. Invite the participants when you are ready.")
                )
                return redirect(
                    "manage:training_session", session=session.pk, **self.round.url_kwargs
                )
        return self.render(request, form, status=400)

    def render(self, request, form, status=200, session=None):
        return render(
            request,
            "manage/training/session_form.html",
            self.base_context(form=form, session=session),
            status=status,
        )


class SessionEditView(SessionCreateView):
    def get(self, request, session, **kwargs):
        session = self.session_or_404(session)
        form = SessionForm(
            round=self.round, initial={name: getattr(session, name) for name in SESSION_FIELDS}
        )
        return self.render(request, form, session=session)

    def post(self, request, session, **kwargs):
        session = self.session_or_404(session)
        form = SessionForm(request.POST, round=self.round)
        if form.is_valid():
            try:
                services.update_session(session=session, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The session is saved."))
                return redirect(
                    "manage:training_session", session=session.pk, **self.round.url_kwargs
                )
        return self.render(request, form, status=400, session=session)


class SessionView(TrainingMixin, View):
    def get(self, request, session, **kwargs):
        return self.render(request, self.session_or_404(session))

    def render(self, request, session, material_form=None, status=200):
        return render(
            request,
            "manage/training/session.html",
            self.base_context(
                session=session,
                invitations=selectors.invitations_of(session),
                invitable=services.invitable_people(session).count(),
                materials=selectors.materials_of(session),
                material_form=material_form or MaterialForm(),
                begun=session.starts_at <= timezone.now(),
            ),
            status=status,
        )


class SessionInviteView(TrainingMixin, View):
    def post(self, request, session, **kwargs):
        session = self.session_or_404(session)
        try:
            count = services.invite_to_session(session=session, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if count:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s person was invited by e-mail.",
                        "%(n)s people were invited by e-mail.",
                        count,
                    )
                    % {"n": count},
                )
            else:
                messages.info(request, _("Everyone is invited already."))
        return redirect("manage:training_session", session=session.pk, **self.round.url_kwargs)


class AttendanceView(TrainingMixin, View):
    def post(self, request, session, **kwargs):
        session = self.session_or_404(session)
        attended = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
        try:
            count = services.record_attendance(session=session, by=request.user, attended=attended)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved: %(n)s person attended.",
                    "Attendance saved: %(n)s people attended.",
                    count,
                )
                % {"n": count},
            )
        return redirect("manage:training_session", session=session.pk, **self.round.url_kwargs)


class MaterialAddView(SessionView):
    def get(self, request, session, **kwargs):
        return redirect("manage:training_session", session=session, **self.round.url_kwargs)

    def post(self, request, session, **kwargs):
        session = self.session_or_404(session)
        form = MaterialForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.add_material(session=session, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The material is added; only those invited see it."))
                return redirect(
                    "manage:training_session", session=session.pk, **self.round.url_kwargs
                )
        return self.render(request, session, material_form=form, status=400)


class MaterialMixin(TrainingMixin):
    def material_or_404(self, session, material):
        session = self.session_or_404(session)
        found = TrainingMaterial.objects.filter(session=session, pk=material).first()
        if found is None:
            raise Http404
        found.session = session
        return found


class MaterialRemoveView(MaterialMixin, View):
    def post(self, request, session, material, **kwargs):
        found = self.material_or_404(session, material)
        services.remove_material(material=found, by=request.user)
        messages.success(request, _("The material is removed."))
        return redirect("manage:training_session", session=session, **self.round.url_kwargs)


class MaterialFileView(MaterialMixin, View):
    def get(self, request, session, material, **kwargs):
        return material_response(self.material_or_404(session, material))


def material_response(material) -> FileResponse:
    if not material.file:
        raise Http404
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=PurePosixPath(material.file.name).name)


# --- consultations ---------------------------------------------------------------------------


class ConsultationsMixin(RoundScopeMixin):
    permission = "training.view_consultation_counts"

    def base_context(self, **extra):
        return {
            "organisation": self.organisation,
            "programme": self.programme,
            "round": self.round,
            **extra,
        }

    def require_trainer(self, request):
        if not request.user.has_perm("training.offer_consultations", self.round):
            raise Http404


class ConsultationsView(ConsultationsMixin, View):
    """Trainers: their slots and bookings. Coordinators: the counts, nothing else."""

    def get(self, request, **kwargs):
        form = SlotForm(round=self.round, initial={"online_url": suggested_link()})
        return self.render(request, form)

    def post(self, request, **kwargs):
        self.require_trainer(request)
        form = SlotForm(request.POST, round=self.round)
        if form.is_valid():
            try:
                slots = consultations.publish_slots(
                    round=self.round, trainer=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext("%(n)s slot is published.", "%(n)s slots are published.", len(slots))
                    % {"n": len(slots)},
                )
                return redirect("manage:consultations", **self.round.url_kwargs)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        is_trainer = request.user.has_perm("training.offer_consultations", self.round)
        context = self.base_context(
            counts=selectors.consultation_counts(self.round), is_trainer=is_trainer
        )
        if is_trainer:
            context.update(
                form=form,
                now=timezone.now(),
                slots=selectors.slots_for_trainer(self.round, request.user),
            )
        return render(request, "manage/training/consultations.html", context, status=status)


class SlotRemoveView(ConsultationsMixin, View):
    def post(self, request, slot, **kwargs):
        self.require_trainer(request)
        found = ConsultationSlot.objects.filter(
            round=self.round, trainer=request.user, pk=slot
        ).first()
        if found is None:
            raise Http404
        try:
            consultations.remove_slot(slot=found, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The slot is removed."))
        return redirect("manage:consultations", **self.round.url_kwargs)


class BookingMixin(ConsultationsMixin):
    def booking_or_404(self, request, booking):
        self.require_trainer(request)
        found = selectors.booking_for_trainer(self.round, request.user, booking)
        if found is None:
            raise Http404
        return found


class BookingView(BookingMixin, View):
    """One consultation for its trainer: who, when, the person's note, the trainer's notes."""

    def get(self, request, booking, **kwargs):
        found = self.booking_or_404(request, booking)
        return self.render(
            request, found, TrainerNotesForm(initial={"trainer_notes": found.trainer_notes})
        )

    def post(self, request, booking, **kwargs):
        found = self.booking_or_404(request, booking)
        form = TrainerNotesForm(request.POST)
        if form.is_valid():
            try:
                consultations.save_trainer_notes(
                    booking=found, by=request.user, text=form.cleaned_data["trainer_notes"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your notes are saved."))
                return redirect(
                    "manage:consultation_booking", booking=found.pk, **self.round.url_kwargs
                )
        return self.render(request, found, form, status=400)

    def render(self, request, booking, form, status=200):
        return render(
            request,
            "manage/training/booking.html",
            self.base_context(
                booking=booking, form=form, may_cancel=consultations.may_still_cancel(booking)
            ),
            status=status,
        )


class BookingCancelView(BookingMixin, View):
    def post(self, request, booking, **kwargs):
        found = self.booking_or_404(request, booking)
        try:
            consultations.cancel_booking(booking=found, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The consultation is cancelled; %(name)s has been told by e-mail.")
                % {"name": found.person.get_full_name()},
            )
        return redirect("manage:consultations", **self.round.url_kwargs)


class BookingCalendarView(BookingMixin, View):
    def get(self, request, booking, **kwargs):
        found = self.booking_or_404(request, booking)
        return calendar_response(
            booking_ics(found, request.user), f"consultation-{found.slot.starts_at:%Y-%m-%d}.ics"
        )


def calendar_response(body: bytes, filename: str):
    from django.http import HttpResponse

    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
