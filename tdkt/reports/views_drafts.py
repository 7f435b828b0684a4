"""Downloads of the consolidated report drafts (issue 14.3) as DOCX: a milestone's summary — the block
head's for a block's movement, the standing office's otherwise — for those who manage the movement, and
the yearly Báo cáo tổng kết for those who may see the TT02 forms of the organisation."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from tdkt.accounts.scope import user_can
from tdkt.core.downloads import attachment_response
from tdkt.documents.generation import DOCX_CONTENT_TYPE, DocumentError, get_kind
from tdkt.movements.models import Milestone
from tdkt.movements.selectors import can_manage, movement_get
from tdkt.organizations.errors import require

from . import drafts, selectors
from .services import draft_generate


def milestone_report(request, movement_id: int, milestone_id: int, asked: str | None = None):
    """The draft's bytes and file name, or DocumentError; 404 for a movement or milestone the user does
    not see, 403 for one the user sees but does not manage (the summary report is the head's). ``asked``:
    "khoi" or "thuong-truc" (by default the block's for a block's movement, else the office's)."""
    movement = movement_get(request.user, movement_id)
    milestone = get_object_or_404(Milestone, pk=milestone_id, movement=movement)
    require(can_manage(request.user, movement), "Chỉ đơn vị chủ trì phong trào thi đua lập báo cáo tổng hợp.")
    kind = drafts.milestone_kind(movement, asked)
    if kind is None:
        raise Http404("Không có loại báo cáo tổng hợp này cho phong trào thi đua.")
    context = drafts.milestone_context(request.user, movement, milestone, kind=kind)
    data = draft_generate(actor=request.user, kind=kind, context=context, target=movement,
                          organization=movement.organization, label=f"{get_kind(kind).label}: {milestone.name}",
                          ip_address=request.META.get("REMOTE_ADDR"))
    return data, f"Báo cáo tổng hợp {milestone.name} {movement.pk}-{milestone.pk}.docx"


def yearly_report(request, year: int, organization_id) -> tuple[bytes, str]:
    require(user_can(request.user, selectors.PERMISSION))
    organization = selectors.report_organization(request.user, organization_id)
    context = drafts.yearly_context(request.user, year, organization)
    data = draft_generate(actor=request.user, kind=drafts.YEARLY_KIND, context=context, target=organization,
                          organization=organization, label=f"Báo cáo tổng kết công tác TĐKT năm {year}",
                          ip_address=request.META.get("REMOTE_ADDR"))
    return data, f"Báo cáo tổng kết TĐKT năm {year} {organization.pk}.docx"


def _docx(data: bytes, name: str):
    return attachment_response(data, filename=name, content_type=DOCX_CONTENT_TYPE)


@require_GET
def milestone_report_view(request, pk: int, milestone_pk: int):
    try:
        return _docx(*milestone_report(request, pk, milestone_pk, request.GET.get("kind")))
    except DocumentError as exc:
        return render(request, "documents/error.html", {"message": exc.message}, status=exc.status)


@require_GET
def yearly_report_view(request):
    from .views import _params

    require(user_can(request.user, selectors.PERMISSION))
    year, organization = _params(request)
    try:
        return _docx(*yearly_report(request, year, organization.pk))
    except DocumentError as exc:
        return render(request, "documents/error.html", {"message": exc.message}, status=exc.status)
