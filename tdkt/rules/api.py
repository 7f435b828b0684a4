"""REST endpoints for eligibility: one subject's verdicts, an organisation's candidates, and the
marks of the candidates a unit intends to propose (mounted at /api/v1/).

Scoped exactly as the pages (rules/views.py, records/views.py): a subject is found through
"record.view"; the candidates' organisation must be one the caller sees with "record.view"
(an open one, as the page offers), and the list holds only the people and collectives the
caller sees there. Out of scope is "not found" (404), the same answer as an id that does not
exist. A mark's verdict is computed here, as the page computes it, never taken from the client.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status

from tdkt.accounts.scope import user_can
from tdkt.core.api_errors import Id, error_responses
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.selectors import OrganizationFilters, PersonFilters
from tdkt.records import selectors as record_selectors
from tdkt.records.domain.codes import HONOURS, Target, honour_label

from . import evaluation, facts, services
from .domain import Verdict
from .domain.quotas import BASE_LABELS
from .listing import candidate_listing
from .models import ProposalMark
from .schemas import (
    CandidatePage,
    CandidateQuery,
    CandidatesComputing,
    EligibilityOut,
    EligibilityQuery,
    MarkIn,
    MarkOut,
)

router = Router(tags=["Xét điều kiện khen thưởng"])


def _result(result, *, year, on_date) -> dict:
    return {
        "award": result.award,
        "name": honour_label(result.award),
        "year": year,
        "on_date": on_date,
        "regime": result.regime,
        "verdict": str(result.verdict),
        "conditions": [c.to_dict() for c in result.conditions],
    }


# One subject -------------------------------------------------------------------------------------


def _subject_eligibility(user, subject_type: str, pk: int, query: EligibilityQuery) -> list[dict]:
    subject = record_selectors.subject_get(user, subject_type, pk)
    year = query.year
    on_date = query.on_date or evaluation.default_on_date(year)
    if query.award is None:
        overview = evaluation.subject_overview(subject, subject_type=subject_type, year=year, on_date=on_date)
        return [_result(item.result, year=year, on_date=on_date) for item in overview.results]
    # One award, as the engine answers it: "unsupported" included (contracts/eligibility.md).
    if subject_type == "person":
        subject_facts = facts.person_facts(subject, on_date=on_date)
    else:
        subject_facts = facts.collective_facts(subject, year=year, on_date=on_date)
    result = evaluation.evaluate_safely([(str(pk), subject_facts)], query.award, year=year, on_date=on_date)[0]
    return [_result(result, year=year, on_date=on_date)]


ELIGIBILITY_DOC = (
    "Kết quả theo contracts/eligibility.md: mỗi danh hiệu, hình thức có kết luận (`verdict`) và các "
    "điều kiện đã xét (`conditions`: mã, đạt hay không, diễn giải, căn cứ pháp lý). Không chỉ định "
    "`award` thì trả về mọi danh hiệu, hình thức có quy tắc cho năm và ngày xét; chỉ định `award` thì "
    "trả về đúng một kết quả, có thể là `unsupported`."
)


@router.get(
    "/people/{person_id}/eligibility",
    response={200: list[EligibilityOut], **error_responses(404)},
    summary="Xét điều kiện danh hiệu, khen thưởng của một cá nhân",
    description=ELIGIBILITY_DOC,
)
def person_eligibility(request, person_id: Id, query: Query[EligibilityQuery]):
    return _subject_eligibility(request.user, "person", person_id, query)


@router.get(
    "/organizations/{organization_id}/eligibility",
    response={200: list[EligibilityOut], **error_responses(404)},
    summary="Xét điều kiện danh hiệu, khen thưởng của một tập thể",
    description=ELIGIBILITY_DOC,
)
def organization_eligibility(request, organization_id: Id, query: Query[EligibilityQuery]):
    return _subject_eligibility(request.user, "organization", organization_id, query)


# Candidates --------------------------------------------------------------------------------------


def _quota(status) -> dict:
    return {
        "source": status.spec.source,
        "percent": float(status.spec.percent),
        "base": BASE_LABELS.get(status.spec.base, status.spec.base),
        "base_count": status.base_count,
        "cap": status.cap,
        "proposed": status.proposed,
        "excess": status.excess,
    }


def _candidate(row) -> dict:
    return {
        "subject_id": row.subject.pk,
        "name": str(row.subject),
        "organization_id": row.organization.pk,
        "organization": row.organization.name,
        "verdict": str(row.result.verdict),
        "conditions": [c.to_dict() for c in row.result.conditions],
        "marked": row.mark is not None,
        "mark_id": row.mark.pk if row.mark is not None else None,
    }


@router.get(
    "/eligibility/candidates",
    response={200: CandidatePage, 202: CandidatesComputing, **error_responses(404)},
    summary="Danh sách có thể đề nghị khen thưởng của một đơn vị",
)
def candidate_list(request, response: HttpResponse, filters: Query[CandidateQuery]):
    """Mọi cá nhân (hoặc tập thể) trong đơn vị và các đơn vị trực thuộc mà người gọi được xem, với
    kết luận và lý do; kèm tỷ lệ tối đa được đề nghị (nếu có) và số đã đánh dấu.

    `organization_id` ngoài phạm vi (hoặc đã giải thể) trả về 404. `count`, `items` theo bộ lọc
    `verdict` và `q`; `eligible_count`, `marked_count`, `quotas` tính trên cả danh sách.

    Với một đơn vị quá đông để xét ngay trong yêu cầu (cả tỉnh), kết luận được tính ở tiến trình nền:
    trả về 202 với tiến độ (`total`, `done`) và tiêu đề Retry-After; gọi lại sau đó."""
    user = request.user
    organizations = org_selectors.organization_list(user, permission="record.view")
    root = organizations.filter(pk=filters.organization_id).first()
    if root is None:
        raise Http404("Không tìm thấy đơn vị.")
    target = evaluation.award_target(filters.award, filters.target)
    people = org_selectors.person_list(user, filters=PersonFilters(organization_id=root.pk), permission="record.view")
    collectives = organizations.filter(path__startswith=root.path).exclude(kind="province")
    listing = candidate_listing(
        people=people,
        organizations=collectives,
        root=root,
        award=filters.award,
        year=filters.year or timezone.localdate().year - 1,
        target=target,
        basis=filters.basis,
        on_date=filters.on_date,
        verdict=filters.verdict or "",
        query=filters.q,
    )
    if listing.computing:
        response["Retry-After"] = "5"
        return Status(202, {"status": "computing", "total": listing.run.total, "done": listing.run.done})
    return {
        "count": listing.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "award": listing.award,
        "award_name": honour_label(listing.award),
        "year": listing.year,
        "target": str(listing.target),
        "basis": str(listing.basis),
        "regime": listing.regime,
        "on_date": listing.on_date,
        "unsupported_reason": evaluation.unsupported_reason(
            listing.award, listing.target, listing.basis, listing.on_date
        ),
        "eligible_count": listing.eligible_count,
        "marked_count": listing.marked_count,
        "quotas": [_quota(q) for q in listing.quotas],
        "items": [_candidate(r) for r in listing.rows_of(filters.offset, filters.offset + filters.limit)],
    }


# Marks -------------------------------------------------------------------------------------------


def _mark_subject(user, payload: MarkIn):
    """The subject to mark and the one-row table that judges it, built as the page builds it."""
    if (payload.person_id is None) == (payload.organization_id is None):
        raise ValidationError({"person_id": "Chọn đúng một: cá nhân (person_id) hoặc tập thể (organization_id)."})
    if payload.person_id is not None:
        person = org_selectors.person_get(user, payload.person_id, permission="record.view")
        # include_left: someone who has left can still be proposed (the page's list would be empty).
        people = org_selectors.person_list(
            user, filters=PersonFilters(include_left=True), permission="record.view"
        ).filter(pk=person.pk)
        collectives = org_selectors.organization_list(user).none()
        subject, root, target = {"person": person}, person.organization, Target.INDIVIDUAL
    else:
        collective = org_selectors.organization_get(user, payload.organization_id, permission="record.view")
        people = org_selectors.person_list(user).none()
        collectives = org_selectors.organization_list(
            user, filters=OrganizationFilters(include_closed=True), permission="record.view"
        ).filter(pk=collective.pk)
        subject, root, target = {"collective": collective}, collective, Target.COLLECTIVE
    if target not in HONOURS[payload.award][2]:
        who = "cá nhân" if target is Target.INDIVIDUAL else "tập thể"
        raise ValidationError({"award": f"{honour_label(payload.award)} không dành cho {who}."})
    table = evaluation.candidate_table(
        people=people,
        organizations=collectives,
        root=root,
        award=payload.award,
        year=payload.year,
        target=target,
        basis=payload.basis,
    )
    return subject, target, table.rows[0].result


def _mark_out(mark: ProposalMark, *, target: Target, subject, result) -> dict:
    return {
        "id": mark.pk,
        "award": mark.award,
        "year": mark.year,
        "target": str(target),
        "subject_id": subject.pk,
        "name": str(subject),
        "proposing_organization": mark.organization,
        "eligible": mark.eligible,
        "verdict": str(result.verdict),
        "conditions": [c.to_dict() for c in result.conditions],
        "justification": mark.justification,
        "marked_at": mark.marked_at,
    }


@router.post(
    "/eligibility/marks",
    response={201: MarkOut, **error_responses(400, 403, 404)},
    summary="Đánh dấu dự kiến đề nghị khen thưởng",
)
def mark_create(request, payload: MarkIn):
    """Đánh dấu một cá nhân (`person_id`) hoặc tập thể (`organization_id`) dự kiến đề nghị.

    Kết luận đủ hay chưa đủ điều kiện do máy chủ tính lại; chưa đủ điều kiện thì phải có
    `justification` (nếu không: 400). Người, tập thể ngoài phạm vi trả về 404; không có quyền
    cập nhật hồ sơ của đơn vị đề nghị thì 403."""
    subject, target, result = _mark_subject(request.user, payload)
    mark = services.proposal_mark(
        actor=request.user,
        award=payload.award,
        year=payload.year,
        eligible=result.verdict is Verdict.ELIGIBLE,
        justification=payload.justification,
        **subject,
    )
    return Status(201, _mark_out(mark, target=target, subject=next(iter(subject.values())), result=result))


@router.delete(
    "/eligibility/marks/{mark_id}",
    response={204: None, **error_responses(403, 404)},
    summary="Bỏ đánh dấu dự kiến đề nghị",
)
def mark_delete(request, mark_id: Id):
    mark = ProposalMark.objects.select_related("organization").filter(pk=mark_id).first()
    if mark is None or not user_can(request.user, "record.view", mark.organization):
        raise Http404("Không tìm thấy đánh dấu đề nghị.")
    services.proposal_unmark(actor=request.user, mark=mark)
    return Status(204, None)
