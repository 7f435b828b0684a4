import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import user_can
from tdkt.core.excel import xlsx_response
from tdkt.core.forms import style_form
from tdkt.core.lists import paginate, safe_next, wants_xlsx
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.errors import require
from tdkt.organizations.selectors import OrganizationFilters, PersonFilters
from tdkt.records.domain.codes import HONOURS, Target, honour_label

from . import evaluation, services
from .domain import Basis, Verdict
from .evaluation import award_target, candidate_table
from .listing import candidate_listing
from .models import ProposalMark

BASIS_CHOICES = [
    (Basis.REGULAR.value, gettext_lazy("Regular (annual achievements)")),
    (Basis.MOVEMENT.value, gettext_lazy("Movement or campaign")),
    (Basis.SUDDEN.value, gettext_lazy("Sudden achievement")),
    (Basis.CONG_HIEN.value, gettext_lazy("Long service in leadership posts")),
    (Basis.NIEN_HAN.value, gettext_lazy("Years of service")),
    (Basis.DOI_NGOAI.value, gettext_lazy("Foreigners and foreign organisations")),
    (Basis.KHANG_CHIEN.value, gettext_lazy("Resistance war")),
]


class CandidateFilterForm(forms.Form):
    org = forms.ModelChoiceField(label=gettext_lazy("Organisation"), queryset=None)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    award = forms.ChoiceField(
        label=gettext_lazy("Title or form"), choices=[(c, name) for c, (name, _k, _t) in HONOURS.items()]
    )
    target = forms.ChoiceField(
        label=gettext_lazy("Who"),
        required=False,
        choices=[("individual", gettext_lazy("Individuals")), ("collective", gettext_lazy("Collectives"))],
    )
    basis = forms.ChoiceField(label=gettext_lazy("Basis"), choices=BASIS_CHOICES, required=False)
    verdict = forms.ChoiceField(
        label=gettext_lazy("Show"),
        required=False,
        choices=[
            ("", gettext_lazy("Everyone")),
            ("eligible", gettext_lazy("Eligible")),
            ("ineligible", gettext_lazy("Not eligible")),
            ("marked", gettext_lazy("Marked for proposal")),
        ],
    )
    q = forms.CharField(label=gettext_lazy("Name"), required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = organizations
        self.fields["year"].localize = False
        self.fields["year"].widget.is_localized = False
        style_form(self)


def _defaults(request, organizations) -> dict:
    """The page opens on the user's own unit when they may see its records (a whole province is a
    choice, not the first click), else on the top of what they may see."""
    own = organizations.filter(pk=request.user.organization_id).first() if request.user.organization_id else None
    first = own or organizations.order_by("depth", "name").first()
    return {
        "org": getattr(first, "pk", None),
        "year": timezone.localdate().year - 1,
        "award": "CSTDCS",
        "basis": Basis.REGULAR.value,
    }


def candidates_view(request):
    organizations = org_selectors.organization_list(request.user, permission="record.view")
    require(organizations.exists())
    data = {**_defaults(request, organizations), **request.GET.dict()}
    form = CandidateFilterForm(data, organizations=organizations)
    if not form.is_valid():
        return render(request, "rules/candidates.html", {"form": form, "table": None}, status=400)
    cd = form.cleaned_data
    root = cd["org"]
    target = award_target(cd["award"], cd["target"])
    people = org_selectors.person_list(
        request.user, filters=PersonFilters(organization_id=root.pk), permission="record.view"
    )
    collectives = (
        org_selectors.organization_list(request.user, permission="record.view")
        .filter(path__startswith=root.path)
        .exclude(kind="province")
    )
    listing = candidate_listing(
        people=people,
        organizations=collectives,
        root=root,
        award=cd["award"],
        year=cd["year"],
        target=target,
        basis=cd["basis"] or Basis.REGULAR.value,
        verdict=cd["verdict"],
        query=cd["q"],
    )
    context = {
        "form": form,
        "table": listing,
        "root": root,
        "award_name": honour_label(cd["award"]),
        "can_mark": user_can(request.user, "record.manage", root),
        "subject_type": "person" if target is Target.INDIVIDUAL else "organization",
        # Why every row is "no rule yet" on this basis (the article leaving it to judgment), once.
        "unsupported_reason": evaluation.unsupported_reason(cd["award"], target, listing.basis, listing.on_date),
    }
    if listing.computing:
        return render(request, "rules/candidates.html", {**context, "run": listing.run})
    if wants_xlsx(request):
        return _export(listing)
    paged = paginate(
        request, listing.matches, per_page=100, paginator_class=lambda rows, per_page: listing.paginator(per_page)
    )
    page_obj = paged["page_obj"]
    page_obj.object_list = listing.to_rows(list(page_obj.object_list))
    return render(request, "rules/candidates.html", {**context, "shown": page_obj.paginator.count, **paged})


def _export(table):
    headers = [
        _("No."),
        _("Name"),
        _("Organisation"),
        _("Verdict"),
        _("Conditions not met"),
        _("Facts used"),
        _("Marked for proposal"),
    ]
    out = []
    for i, row in enumerate(table.all_rows(), 1):
        failed = "; ".join(c.message for c in row.failed)
        used = "; ".join(
            f"{'✓' if c.passed else ('?' if c.passed is None else '✗')} {c.message}" for c in row.result.conditions
        )
        out.append(
            [
                i,
                str(row.subject),
                row.organization.name,
                row.verdict_label,
                failed,
                used,
                _("yes") if row.mark else "",
            ]
        )
    name = f"de-nghi-{table.award.lower()}-{table.year}.xlsx"
    return xlsx_response(filename=name, title=honour_label(table.award), headers=headers, rows=out)


def _ascii_number(text: str, digits: int) -> bool:
    return bool(re.fullmatch(rf"[0-9]{{1,{digits}}}", text or ""))


@require_POST
def candidate_mark_view(request):
    award, year = request.POST.get("award", ""), request.POST.get("year", "")
    year_field = CandidateFilterForm.base_fields["year"]
    # ASCII digits only ("²".isdigit() holds) and the filter's own range: 20 digits were a 500.
    if (
        award not in HONOURS
        or not _ascii_number(year, 4)
        or not (year_field.min_value <= int(year) <= year_field.max_value)
    ):
        messages.error(request, _("Unknown title or year."))
        return redirect(safe_next(request, reverse("rules:candidates")))
    year = int(year)
    subject_type, subject_id = request.POST.get("subject_type"), request.POST.get("subject_id", "")
    if not _ascii_number(subject_id, 18):  # missing or not a number: nobody to mark, not a 500
        messages.error(request, _("Choose a person or a unit from the list to mark."))
        return redirect(safe_next(request, reverse("rules:candidates")))
    subject_id = int(subject_id)
    if subject_type == "person":
        subject = {"person": org_selectors.person_get(request.user, subject_id, permission="record.view")}
        people = org_selectors.person_list(
            request.user, filters=PersonFilters(include_left=True), permission="record.view"
        ).filter(pk=subject["person"].pk)
        collectives = org_selectors.organization_list(request.user).none()
        root, target = subject["person"].organization, Target.INDIVIDUAL
    else:
        collective = org_selectors.organization_get(request.user, subject_id, permission="record.view")
        subject = {"collective": collective}
        people = org_selectors.person_list(request.user).none()
        collectives = org_selectors.organization_list(
            request.user, filters=OrganizationFilters(include_closed=True), permission="record.view"
        ).filter(pk=collective.pk)
        root, target = collective, Target.COLLECTIVE
    basis = request.POST.get("basis") or Basis.REGULAR.value
    table = candidate_table(
        people=people,
        organizations=collectives,
        root=root,
        award=award,
        year=year,
        target=target,
        basis=basis if basis in Basis._value2member_map_ else Basis.REGULAR.value,
    )
    eligible = table.rows[0].result.verdict is Verdict.ELIGIBLE
    try:
        services.proposal_mark(
            actor=request.user,
            award=award,
            year=year,
            eligible=eligible,
            justification=request.POST.get("justification", ""),
            **subject,
        )
        messages.success(request, _("Marked for proposal."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(safe_next(request, reverse("rules:candidates")))


@require_POST
def candidate_unmark_view(request, pk):
    mark = get_object_or_404(ProposalMark, pk=pk)
    if not user_can(request.user, "record.view", mark.organization):
        raise Http404("Không tìm thấy.")
    services.proposal_unmark(actor=request.user, mark=mark)
    messages.success(request, _("The mark was removed."))
    return redirect(safe_next(request, reverse("rules:candidates")))
