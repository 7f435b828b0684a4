"""The catalogue of titles and forms: everyone who may see dossiers reads it (the versions in force,
or every version), only the admin adds a form or a new version from a date (services.catalogue
checks it again)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import scope_for, user_can
from tdkt.core.forms import add_service_errors
from tdkt.organizations.errors import require

from ..forms_catalogue import AwardFormForm, initial_from
from ..models import AwardForm
from ..services import catalogue as services


def _may_read(user) -> None:
    require(user_can(user, "dossier.view"))


def _may_manage(user) -> bool:
    return scope_for(user, "catalogue.manage").is_global


def _current(forms: list[AwardForm], today) -> list[AwardForm]:
    """Per code, the version in force today, else the first one to come (else the last one)."""
    by_code: dict[str, list[AwardForm]] = {}
    for form in forms:
        by_code.setdefault(form.code, []).append(form)
    out = []
    for versions in by_code.values():
        versions.sort(key=lambda f: f.effective_from)
        started = [f for f in versions if f.effective_from <= today]
        out.append(started[-1] if started else versions[0])
    return out


def catalogue_view(request):
    _may_read(request.user)
    today = timezone.localdate()
    show_all = request.GET.get("all") == "1"
    forms = list(AwardForm.objects.select_related("issuer").order_by("level", "code", "-effective_from"))
    if not show_all:
        forms = _current(forms, today)
        order = {level: i for i, level in enumerate(("unit", "department", "province", "central"))}
        forms.sort(key=lambda f: (order.get(f.level, 9), f.code))
    return render(request, "awards/catalogue.html", {
        "forms": forms, "show_all": show_all, "today": today, "can_manage": _may_manage(request.user),
    })


def _get(pk) -> AwardForm:
    form = AwardForm.objects.select_related("issuer").filter(pk=pk).first()
    if form is None:
        raise Http404("Không tìm thấy danh hiệu, hình thức khen thưởng.")
    return form


def form_detail_view(request, pk):
    _may_read(request.user)
    form = _get(pk)
    versions = AwardForm.objects.filter(code=form.code).select_related("issuer").order_by("-effective_from")
    return render(request, "awards/form_detail.html", {
        "form": form, "versions": versions, "today": timezone.localdate(),
        "current": services.current_version(form.code), "can_manage": _may_manage(request.user),
    })


def form_new_view(request):
    require(_may_manage(request.user))
    form = AwardFormForm(request.POST or None, initial={"for_individual": True, "for_collective": True})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                created = services.form_create(actor=request.user,
                                               effective_from=form.cleaned_data["effective_from"],
                                               **form.service_fields())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The form was added to the catalogue."))
                return redirect("awards:form", created.pk)
    return render(request, "awards/form_edit.html", {
        "form": form, "title": _("New title or form"), "award": None,
    }, status=status)


def form_version_view(request, pk):
    require(_may_manage(request.user))
    award = _get(pk)
    latest = AwardForm.objects.filter(code=award.code).order_by("-effective_from").first()
    form = AwardFormForm(request.POST or None, new=False, initial=initial_from(latest))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                created = services.form_new_version(actor=request.user, form=latest,
                                                    effective_from=form.cleaned_data["effective_from"],
                                                    **form.service_fields())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The new version was saved; the previous one ends the day before."))
                return redirect("awards:form", created.pk)
    return render(request, "awards/form_edit.html", {
        "form": form, "title": _("New version of %(name)s") % {"name": latest.name}, "award": latest,
    }, status=status)
