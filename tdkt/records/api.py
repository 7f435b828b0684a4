"""REST endpoints for the records kept per person or per collective (mounted at /api/v1/).

Thin, like the pages (records/views.py): the subject or the record is found through a selector,
which scopes it by "record.view", so one out of the caller's scope is "not found" (404) whether
it exists or not; a subject the caller sees but may not change is a 403; every write goes through
a service, which checks "record.manage" again and writes the audit event.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Router, Status

from tdkt.accounts.scope import user_can
from tdkt.core.api_errors import Id, error_responses
from tdkt.organizations.errors import require

from . import selectors, services
from .domain.codes import honour_label
from .schemas import (
    DisciplineIn,
    DisciplineOut,
    HonourIn,
    HonourOut,
    InitiativeIn,
    InitiativeOut,
    OrganizationRecordsOut,
    PersonRecordsOut,
    RatingIn,
    RatingOut,
    RecordKind,
    ReviewCloseIn,
    ReviewIn,
    ReviewOut,
    RevokeIn,
)

router = Router(tags=["Hồ sơ thi đua, khen thưởng"])

MANAGE_DENIED = "Bạn không có quyền cập nhật hồ sơ thi đua, khen thưởng của đơn vị này."


def _subject_organization(subject):
    return subject.organization if subject._meta.model_name == "person" else subject


def _subject_arg(subject) -> dict:
    return {"person": subject} if subject._meta.model_name == "person" else {"organization": subject}


def _managed_subject(user, subject_type: str, pk: int):
    """The subject, if the caller sees it (else 404) and may change its records (else 403)."""
    subject = selectors.subject_get(user, subject_type, pk)
    require(user_can(user, "record.manage", _subject_organization(subject)), MANAGE_DENIED)
    return subject


def _managed_record(user, kind: str, pk: int):
    record = selectors.record_get(user, kind, pk)
    require(user_can(user, "record.manage", record.subject_organization), MANAGE_DENIED)
    return record


def _records(user, subject_type: str, pk: int) -> dict:
    subject = selectors.subject_get(user, subject_type, pk)
    organization = _subject_organization(subject)
    history = selectors.subject_history(subject, last_year=timezone.localdate().year)
    return {
        "subject": {
            "type": subject_type,
            "id": subject.pk,
            "name": str(subject),
            "organization": organization,
        },
        "can_manage": user_can(user, "record.manage", organization),
        "ratings": history.ratings,
        "honours": history.honours,
        "initiatives": history.initiatives,
        "discipline": history.discipline,
        "reviews": history.reviews,
    }


# Reading -----------------------------------------------------------------------------------------


@router.get(
    "/people/{person_id}/records",
    response={200: PersonRecordsOut, **error_responses(404)},
    summary="Sổ theo dõi thi đua, khen thưởng của một cá nhân",
)
def person_records(request, person_id: Id):
    """Xếp loại hằng năm, danh hiệu và hình thức khen thưởng đã nhận (kể cả đã hủy bỏ), sáng kiến,
    kỷ luật và các lần bị xem xét của một cán bộ trong phạm vi người gọi được xem."""
    return _records(request.user, "person", person_id)


@router.get(
    "/organizations/{organization_id}/records",
    response={200: OrganizationRecordsOut, **error_responses(404)},
    summary="Sổ theo dõi thi đua, khen thưởng của một tập thể",
)
def organization_records(request, organization_id: Id):
    return _records(request.user, "organization", organization_id)


# Adding ------------------------------------------------------------------------------------------


def _rating_set(request, subject_type: str, pk: int, payload: RatingIn):
    subject = _managed_subject(request.user, subject_type, pk)
    return services.rating_set(actor=request.user, **_subject_arg(subject), **payload.dict())


# The conditional unique constraints of HonourRecord set no violation_error_message, so the model's
# validation answers with Django's English default ("Constraint “…” is violated."), which Django's
# Vietnamese catalogue does not translate. Said here in Vietnamese, on the field the client sent.
TITLE_ONCE_CONSTRAINTS = ("title_once_per_person_year", "title_once_per_collective_year")


def _honour_add(request, subject_type: str, pk: int, payload: HonourIn):
    subject = _managed_subject(request.user, subject_type, pk)
    try:
        honour = services.honour_add(actor=request.user, **_subject_arg(subject), **payload.dict())
    except ValidationError as exc:
        if any(name in message for message in exc.messages for name in TITLE_ONCE_CONSTRAINTS):
            raise ValidationError(
                {
                    "code": f"Danh hiệu “{honour_label(payload.code)}” năm {payload.year} đã được ghi: "
                    "mỗi danh hiệu thi đua chỉ được tặng một lần trong năm."
                }
            ) from None
        raise
    return Status(201, honour)


def _initiative_add(request, subject_type: str, pk: int, payload: InitiativeIn):
    subject = _managed_subject(request.user, subject_type, pk)
    return Status(201, services.initiative_add(actor=request.user, **_subject_arg(subject), **payload.dict()))


def _review_open(request, subject_type: str, pk: int, payload: ReviewIn):
    subject = _managed_subject(request.user, subject_type, pk)
    return Status(201, services.review_flag_open(actor=request.user, **_subject_arg(subject), **payload.dict()))


RATING_DOC = "Ghi xếp loại của một năm; gửi lại cho cùng năm là sửa xếp loại đã ghi (có ghi nhật ký)."


@router.post(
    "/people/{person_id}/ratings",
    response={200: RatingOut, **error_responses(400, 403, 404)},
    summary="Ghi xếp loại hằng năm của cá nhân",
    description=RATING_DOC,
)
def person_rating_set(request, person_id: Id, payload: RatingIn):
    return _rating_set(request, "person", person_id, payload)


@router.post(
    "/organizations/{organization_id}/ratings",
    response={200: RatingOut, **error_responses(400, 403, 404)},
    summary="Ghi xếp loại hằng năm của tập thể",
    description=RATING_DOC,
)
def organization_rating_set(request, organization_id: Id, payload: RatingIn):
    return _rating_set(request, "organization", organization_id, payload)


@router.post(
    "/people/{person_id}/honours",
    response={201: HonourOut, **error_responses(400, 403, 404)},
    summary="Ghi danh hiệu, hình thức khen thưởng cá nhân đã nhận",
)
def person_honour_add(request, person_id: Id, payload: HonourIn):
    """Mỗi danh hiệu thi đua chỉ một lần mỗi năm; mã không dành cho cá nhân trả về 400."""
    return _honour_add(request, "person", person_id, payload)


@router.post(
    "/organizations/{organization_id}/honours",
    response={201: HonourOut, **error_responses(400, 403, 404)},
    summary="Ghi danh hiệu, hình thức khen thưởng tập thể đã nhận",
)
def organization_honour_add(request, organization_id: Id, payload: HonourIn):
    """Mỗi danh hiệu thi đua chỉ một lần mỗi năm; mã không dành cho tập thể trả về 400."""
    return _honour_add(request, "organization", organization_id, payload)


@router.post(
    "/people/{person_id}/initiatives",
    response={201: InitiativeOut, **error_responses(400, 403, 404)},
    summary="Ghi sáng kiến, đề tài của cá nhân",
)
def person_initiative_add(request, person_id: Id, payload: InitiativeIn):
    return _initiative_add(request, "person", person_id, payload)


@router.post(
    "/organizations/{organization_id}/initiatives",
    response={201: InitiativeOut, **error_responses(400, 403, 404)},
    summary="Ghi sáng kiến, đề tài của tập thể",
)
def organization_initiative_add(request, organization_id: Id, payload: InitiativeIn):
    return _initiative_add(request, "organization", organization_id, payload)


@router.post(
    "/people/{person_id}/discipline",
    response={201: DisciplineOut, **error_responses(400, 403, 404)},
    summary="Ghi kỷ luật của cá nhân",
)
def person_discipline_add(request, person_id: Id, payload: DisciplineIn):
    """`end_date` bỏ trống khi kỷ luật còn thời hạn."""
    person = _managed_subject(request.user, "person", person_id)
    return Status(201, services.discipline_add(actor=request.user, person=person, **payload.dict()))


@router.post(
    "/people/{person_id}/reviews",
    response={201: ReviewOut, **error_responses(400, 403, 404)},
    summary="Ghi cá nhân đang bị xem xét kỷ luật, điều tra, thanh tra, khiếu nại",
)
def person_review_open(request, person_id: Id, payload: ReviewIn):
    """Trong thời gian đang xem xét, cá nhân chưa được đề nghị khen thưởng."""
    return _review_open(request, "person", person_id, payload)


@router.post(
    "/organizations/{organization_id}/reviews",
    response={201: ReviewOut, **error_responses(400, 403, 404)},
    summary="Ghi tập thể đang bị xem xét, điều tra, thanh tra, khiếu nại",
)
def organization_review_open(request, organization_id: Id, payload: ReviewIn):
    """Trong thời gian đang xem xét, tập thể chưa được đề nghị khen thưởng."""
    return _review_open(request, "organization", organization_id, payload)


# Changing and removing ---------------------------------------------------------------------------


@router.post(
    "/honours/{honour_id}/revoke",
    response={200: HonourOut, **error_responses(400, 403, 404)},
    summary="Hủy bỏ một danh hiệu, hình thức khen thưởng",
)
def honour_revoke(request, honour_id: Id, payload: RevokeIn):
    """Luật TĐKT 2022, Điều 93: bản ghi được giữ lại, đánh dấu đã hủy bỏ và không còn được tính."""
    honour = _managed_record(request.user, "honour", honour_id)
    return services.honour_revoke(
        actor=request.user, honour=honour, revoked_on=payload.revoked_on, reason=payload.reason
    )


@router.post(
    "/reviews/{review_id}/close",
    response={200: ReviewOut, **error_responses(400, 403, 404)},
    summary="Kết thúc việc xem xét",
)
def review_close(request, review_id: Id, payload: ReviewCloseIn):
    """Chỉ đơn vị đã ghi nhận việc xem xét (`recorded_by`) hoặc cơ quan cấp trên được kết thúc;
    đơn vị của người bị xem xét chỉ được xem (403)."""
    flag = _managed_record(request.user, "review", review_id)
    return services.review_flag_close(actor=request.user, flag=flag, closed_on=payload.closed_on)


@router.delete(
    "/records/{kind}/{record_id}",
    response={204: None, **error_responses(403, 404)},
    summary="Xóa một bản ghi nhập nhầm",
)
def record_delete(request, kind: RecordKind, record_id: Id):
    """`kind`: rating, honour, initiative, discipline, review. Nhật ký giữ lại nội dung đã xóa.

    Một khen thưởng bị hủy bỏ theo quyết định thì dùng POST /honours/{id}/revoke, không xóa.
    Kỷ luật và việc xem xét chỉ do đơn vị đã ghi nhận (`recorded_by`) hoặc cấp trên xóa (403)."""
    record = _managed_record(request.user, kind, record_id)
    services.record_delete(actor=request.user, record=record)
    return Status(204, None)
