"""REST endpoints for commendation (mounted at /api/v1/): the catalogue of titles and forms, the
commendation rounds, the appraisal of nominees, the council's ballot and objections here; dossiers,
nominees, attachments and the workflow actions in api_dossiers.py; decisions and their files in
api_decisions.py.

Scoped exactly as the pages: a round, dossier or decision is found through the selectors, so one
the caller may not see is "not found" (404) whether it exists or not — a unit never sees another
unit's dossiers. An action the caller's role may not take is 403; what the services or the
workflow table refuse (state, guards, missing reason) is a 400 in Vietnamese with field errors.
"""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Status

from tdkt.core.api_errors import Id, api_field_names, error_responses, page_of

from . import selectors
from .api_decisions import router as decisions_router
from .api_dossiers import API_FIELD_NAMES, catalogue_form, nominee_get
from .api_dossiers import router as dossiers_router
from .api_fund import router as fund_router
from .api_schemas import (
    AwardFormOut,
    AwardFormQuery,
    AwardLawFormOut,
    AwardLawFormQuery,
    AwardRoundDetailOut,
    AwardRoundPage,
    AwardRoundQuery,
    DossierAcceptEligibleOut,
    DossierAppraisalIn,
    DossierCouncilVoteOut,
    DossierNomineeOut,
    DossierObjectionIn,
    DossierObjectionOut,
    DossierObjectionResolveIn,
    DossierVoteIn,
    DossierVotesOut,
)
from .api_tally import router as tally_router
from .domain.law_catalogue import LAW_FORMS, law_forms_on
from .models import AwardForm, CouncilMember, Nominee, Objection
from .services import workflow as workflow_services

router = Router()
router.add_router("", dossiers_router)
router.add_router("", decisions_router)
router.add_router("", tally_router)
router.add_router("", fund_router)

CATALOGUE = ["Khen thưởng: danh mục, đợt khen thưởng"]
BALLOTS = ["Thẩm định, bỏ phiếu, công khai"]


@router.get(
    "/awards/forms",
    response={200: list[AwardFormOut], **error_responses()},
    tags=CATALOGUE,
    summary="Danh mục danh hiệu, hình thức khen thưởng",
)
def form_list(request, filters: Query[AwardFormQuery]):
    """Phiên bản đang có hiệu lực hôm nay (hoặc ngày `on`) của mỗi danh hiệu, hình thức (`all=true`: mọi
    phiên bản): đối tượng, cấp quyết định, ai quyết định, bỏ phiếu và ngưỡng, công khai, hệ số tiền thưởng,
    thành phần hồ sơ."""
    qs = AwardForm.objects.select_related("issuer").order_by("level", "code", "-effective_from")
    if filters.all and filters.on is None:
        return list(qs)
    today = filters.on or timezone.localdate()
    current, seen = [], set()
    for form in qs.filter(effective_from__lte=today).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=today)):
        if form.code not in seen:
            seen.add(form.code)
            current.append(form)
    return current


@router.get(
    "/awards/law-forms",
    response={200: list[AwardLawFormOut], **error_responses()},
    tags=CATALOGUE,
    summary="Danh mục danh hiệu, hình thức khen thưởng theo Luật (theo thời gian)",
)
def law_form_list(request, filters: Query[AwardLawFormQuery]):
    """Mọi danh hiệu thi đua, hình thức khen thưởng của Luật Thi đua, khen thưởng 2022 với phiên bản có
    hiệu lực vào ngày `on` (mặc định hôm nay; `all=true`: cả phiên bản đến 30/06/2025 và từ 01/07/2025):
    ai quyết định trước và sau cải cách hai cấp chính quyền, bỏ phiếu, hệ số tiền thưởng, căn cứ."""
    if filters.all and filters.on is None:
        pairs = [(law, version) for law in LAW_FORMS for version in law.versions]
    else:
        pairs = law_forms_on(filters.on or timezone.localdate())
    return [_law_form_out(law, version) for law, version in pairs]


def _law_form_out(law, version) -> dict:
    return {
        "code": law.code, "record_code": law.record_code, "name": version.name,
        "certificate_title": law.certificate_title, "targets": sorted(law.targets), "level": version.level,
        "deciders": list(version.deciders), "decider_title": version.decider_title,
        "needs_ballot": version.needs_ballot, "ballot_threshold": float(version.ballot_threshold),
        "needs_notice": version.needs_notice, "notice_working_days": version.notice_working_days,
        "coefficient_individual": float(version.coefficient_individual),
        "coefficient_collective": float(version.coefficient_collective),
        "components": [dict(c) for c in version.components], "copies": version.copies,
        "effective_from": version.effective_from, "effective_to": version.effective_to,
        "legal_ref": version.legal_ref,
    }


@router.get(
    "/awards/rounds",
    response={200: AwardRoundPage, **error_responses()},
    tags=CATALOGUE,
    summary="Danh sách đợt khen thưởng",
)
def round_list(request, filters: Query[AwardRoundQuery]):
    """Đợt của các cơ quan cấp trên đơn vị người gọi (nơi đơn vị gửi hồ sơ) và của cơ quan người gọi
    tiếp nhận hồ sơ."""
    return page_of(selectors.round_list(request.user, year=filters.year), filters)


@router.get(
    "/awards/rounds/{round_id}",
    response={200: AwardRoundDetailOut, **error_responses(404)},
    tags=CATALOGUE,
    summary="Xem một đợt khen thưởng",
)
def round_detail(request, round_id: Id):
    return selectors.round_get(request.user, round_id)


# Appraisal, ballot, objections -------------------------------------------------------------------


@router.post(
    "/awards/nominees/{nominee_id}/appraisal",
    response={200: DossierNomineeOut, **error_responses(400, 403, 404)},
    tags=BALLOTS,
    summary="Ý kiến thẩm định cho một người được đề nghị",
)
def nominee_appraise(request, nominee_id: Id, payload: DossierAppraisalIn):
    """Cơ quan thường trực, khi hồ sơ đã tiếp nhận: `accepted`, `rejected` (kèm `note`) hoặc
    `changed` sang hình thức `final_award_code` (kèm `note`)."""
    nominee = nominee_get(request.user, nominee_id)
    final = catalogue_form(payload.final_award_code, "final_award_code") if payload.final_award_code else None
    with api_field_names(API_FIELD_NAMES):
        nominee = workflow_services.nominee_appraise(
            actor=request.user, nominee=nominee, result=payload.result, note=payload.note, final_award=final
        )
    return Nominee.objects.select_related("award", "final_award", "person", "collective").get(pk=nominee.pk)


@router.post(
    "/awards/dossiers/{dossier_id}/appraisal/accept-eligible",
    response={200: DossierAcceptEligibleOut, **error_responses(400, 403, 404)},
    tags=BALLOTS,
    summary="Chấp thuận một lần mọi người đủ điều kiện chưa thẩm định",
)
def dossier_accept_eligible(request, dossier_id: Id):
    """Cơ quan thường trực, khi hồ sơ đã tiếp nhận. Người chưa đủ điều kiện (gửi kèm lý do) hoặc chưa
    xác định được vẫn chờ thẩm định riêng từng người."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    with api_field_names(API_FIELD_NAMES):
        accepted, pending = workflow_services.nominees_accept_eligible(actor=request.user, dossier=dossier)
    return {"accepted": accepted, "pending": pending}


def _nominee_name(nominee: Nominee) -> str:
    return nominee.person.full_name if nominee.person_id else nominee.collective.name


@router.get(
    "/awards/dossiers/{dossier_id}/votes",
    response={200: DossierVotesOut, **error_responses(404)},
    tags=BALLOTS,
    summary="Phiếu bầu của Hội đồng và kết quả theo từng người",
)
def dossier_votes(request, dossier_id: Id):
    """Với mỗi người cần Hội đồng bỏ phiếu: tổng số thành viên, số có mặt, số đồng ý, số cần có (trên
    tổng số thành viên), đủ túc số chưa, đạt chưa, và từng phiếu."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    council = workflow_services.council_of(dossier)
    outcomes = workflow_services.vote_outcomes(dossier)
    nominees = {
        n.pk: n for n in dossier.nominees.filter(pk__in=list(outcomes)).select_related(
            "person", "collective", "award", "final_award")
    }
    ballots = []
    for pk, outcome in outcomes.items():
        nominee = nominees[pk]
        votes = nominee.votes.select_related("member").order_by("member_id")
        if council is not None:
            votes = votes.filter(member__council=council)
        ballots.append({
            "nominee_id": pk, "name": _nominee_name(nominee), "award": nominee.awarded_form,
            **{f: getattr(outcome, f) for f in ("members", "present", "yes", "no", "abstain", "missing", "needed")},
            "quorum_met": outcome.quorum_met, "passed": outcome.passed, "votes": list(votes),
        })
    members = council.members.filter(active=True) if council is not None else CouncilMember.objects.none()
    return {
        "dossier_id": dossier.pk,
        "state": dossier.state,
        "council": council.name if council is not None else None,
        "council_members": [
            {"id": m.pk, "full_name": m.full_name, "position": m.position, "is_caller": m.user_id == request.user.pk}
            for m in members
        ],
        "ballots": ballots,
    }


@router.post(
    "/awards/nominees/{nominee_id}/votes",
    response={201: DossierCouncilVoteOut, **error_responses(400, 403, 404)},
    tags=BALLOTS,
    summary="Ghi nhận phiếu của một thành viên Hội đồng",
)
def vote_record(request, nominee_id: Id, payload: DossierVoteIn):
    """Thành viên tự bỏ phiếu của mình; cơ quan thường trực ghi phiếu theo biên bản (có mặt, hoặc
    `in_writing`: phiếu bằng văn bản của người vắng mặt). Phiếu đã ghi không sửa được."""
    nominee = nominee_get(request.user, nominee_id)
    council = workflow_services.council_of(nominee.dossier)
    member = council.members.filter(pk=payload.member_id).first() if council is not None else None
    if member is None:
        raise Http404("Không tìm thấy thành viên Hội đồng.")
    with api_field_names(API_FIELD_NAMES):
        cast = workflow_services.vote_record(
            actor=request.user, nominee=nominee, member=member, vote=payload.vote, in_writing=payload.in_writing
        )
    return Status(201, cast)


@router.post(
    "/awards/dossiers/{dossier_id}/objections",
    response={201: DossierObjectionOut, **error_responses(400, 403, 404)},
    tags=BALLOTS,
    summary="Ghi nhận ý kiến phản ánh trong thời gian công khai",
)
def objection_record(request, dossier_id: Id, payload: DossierObjectionIn):
    dossier = selectors.dossier_get(request.user, dossier_id)
    nominee = None
    if payload.nominee_id is not None:
        nominee = dossier.nominees.filter(pk=payload.nominee_id).first()
        if nominee is None:
            raise Http404("Không tìm thấy người được đề nghị trong hồ sơ này.")
    with api_field_names(API_FIELD_NAMES):
        objection = workflow_services.objection_record(
            actor=request.user, dossier=dossier, text=payload.text, sender=payload.sender, nominee=nominee
        )
    return Status(201, objection)


@router.post(
    "/awards/dossiers/{dossier_id}/objections/{objection_id}/resolve",
    response={200: DossierObjectionOut, **error_responses(400, 403, 404)},
    tags=BALLOTS,
    summary="Xử lý một ý kiến phản ánh trong thời gian công khai",
)
def objection_resolve(request, dossier_id: Id, objection_id: Id, payload: DossierObjectionResolveIn):
    """Cơ quan thường trực, khi danh sách đang công khai, ghi kết quả xử lý một ý kiến (mỗi ý kiến xử lý
    một lần); `reject_nominee`: không chấp thuận người được đề nghị mà ý kiến nêu. Chỉ kết thúc công
    khai được khi mọi ý kiến đã được xử lý."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    objection = Objection.objects.filter(pk=objection_id, dossier=dossier).first()
    if objection is None:
        raise Http404("Không tìm thấy ý kiến phản ánh trong hồ sơ này.")
    with api_field_names(API_FIELD_NAMES):
        return workflow_services.objection_resolve(
            actor=request.user, objection=objection, resolution=payload.resolution,
            reject_nominee=payload.reject_nominee,
        )
