"""The law's catalogue (``domain.law_catalogue``) beside the province's: every title and form with
who decides it until 30/06/2025 and from 01/07/2025, for anyone who reads the catalogue; the admin
adds what the province's catalogue lacks (services.law_catalogue checks the role again)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.organizations.errors import require
from tdkt.organizations.models import Organization

from ..domain.law_catalogue import FROM_2025, LAW_FORMS, UNTIL_2025
from ..services.law_catalogue import catalogue_install_law
from .catalogue import _may_manage, _may_read


def _rows():
    for law in LAW_FORMS:
        before, after = law.on(UNTIL_2025), law.on(FROM_2025)
        yield {
            "law": law, "before": before, "after": after,
            "gained": [d for d in after.deciders if d not in before.deciders],
            "lost": [d for d in before.deciders if d not in after.deciders],
        }


def law_catalogue_view(request):
    _may_read(request.user)
    can_manage = _may_manage(request.user)
    provinces = Organization.objects.filter(parent__isnull=True).order_by("name") if can_manage else []
    return render(request, "awards/law_catalogue.html", {
        "rows": list(_rows()), "can_manage": can_manage, "provinces": provinces,
        "until": UNTIL_2025, "reform": FROM_2025,
    })


@require_POST
def law_catalogue_install_view(request):
    require(_may_manage(request.user))
    province = Organization.objects.filter(parent__isnull=True, pk=request.POST.get("province") or 0).first()
    if province is None:
        messages.error(request, _("Choose the province whose catalogue is to be completed."))
        return redirect("awards:law_catalogue")
    counts = catalogue_install_law(actor=request.user, province=province)
    messages.success(request, _("%(added)d versions added to the catalogue, %(carried)d of the province's forms "
                                "carried into the 2025 regime.") % counts)
    return redirect("awards:catalogue")
