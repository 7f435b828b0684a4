"""REST endpoints of the award fund (Quỹ thi đua, khen thưởng, issue 13.6; part of the awards router,
mounted at /api/v1/): the funds the caller sees with their figures, one fund with every decision
drawn from it, and setting a year's allocation.

Scoped as the pages are (selectors_fund): a fund outside what the caller sees is 404; the issuer
named in the body is looked up within what the caller sees (404); who may set it is the service's
to check (403). Money is in whole đồng, a JSON integer.
"""

import datetime

from ninja import Field, Query, Router, Schema

from tdkt.core.api_errors import Id, api_field_names, error_responses, page_of, text
from tdkt.core.api_types import Year, whole_number
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.schemas import In, OrganizationRef, Paging

from .selectors_fund import balance_of, fund_decisions, fund_get, fund_list
from .services import fund as fund_services

router = Router()

FUND = ["Quỹ thi đua, khen thưởng"]
API_FIELD_NAMES = {"issuer": "issuer_id"}


class AwardFundQuery(Paging):
    year: Year | None = None
    issuer_id: Id | None = Field(None, description="Chỉ quỹ của cơ quan ban hành này")


class AwardFundOut(Schema):
    id: int
    issuer: OrganizationRef = Field(..., description="Cơ quan ban hành quyết định, chủ quỹ")
    year: int
    allocation: int = Field(..., description="Kinh phí của quỹ trong năm (đồng)")
    drawn: int = Field(..., description="Tổng tiền thưởng của mọi quyết định năm đó, kể cả quyết định đã hủy bỏ (đồng)")
    returned: int = Field(..., description="Tiền thưởng của các quyết định đã hủy bỏ, trả lại quỹ (đồng)")
    balance: int = Field(..., description="Số dư = kinh phí − (drawn − returned); âm khi đã xác nhận chi vượt quỹ")
    note: str


class AwardFundPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AwardFundOut]


class AwardFundDecisionOut(Schema):
    id: int
    reference: str = Field(..., description="Số, ký hiệu: 12/QĐ-STC")
    date: datetime.date
    subject: str
    awardees: int = Field(..., description="Số người, tập thể được khen")
    money: int = Field(..., description="Tổng tiền thưởng của quyết định (đồng)")
    revoked_on: datetime.date | None = Field(None, description="Ngày hủy bỏ; tiền thưởng đã trả lại quỹ")


class AwardFundDetailOut(AwardFundOut):
    decisions: list[AwardFundDecisionOut]


class AwardFundIn(In):
    issuer_id: Id = Field(..., description="Cơ quan ban hành quyết định, chủ quỹ")
    year: whole_number(fund_services.YEAR_MIN, 2100, "Năm của quỹ")
    allocation: whole_number(1, fund_services.ALLOCATION_MAX, "Kinh phí của quỹ trong năm (đồng), số nguyên dương")
    note: text(500) = ""


def _body(fund) -> dict:
    balance = balance_of(fund)
    return {"id": fund.pk, "issuer": fund.issuer, "year": fund.year, "allocation": balance.allocation,
            "drawn": balance.drawn, "returned": balance.returned, "balance": balance.balance, "note": fund.note}


def _detail(fund) -> dict:
    decisions = [
        {"id": d.pk, "reference": d.reference, "date": d.date, "subject": d.subject, "awardees": d.awardee_count,
         "money": d.money, "revoked_on": d.revoked_on}
        for d in fund_decisions(fund)
    ]
    return {**_body(fund), "decisions": decisions}


@router.get(
    "/awards/funds",
    response={200: AwardFundPage, **error_responses()},
    tags=FUND,
    summary="Quỹ thi đua, khen thưởng theo cơ quan ban hành và năm",
)
def fund_list_api(request, filters: Query[AwardFundQuery]):
    """Quỹ của các cơ quan mà người gọi là cơ quan thường trực, thành viên Hội đồng, người có thẩm quyền
    (hoặc quản trị hệ thống): kinh phí, đã chi, trả lại do hủy bỏ quyết định, số dư. Mới nhất trước."""
    page = page_of(fund_list(request.user, year=filters.year, issuer_id=filters.issuer_id), filters)
    return {**page, "items": [_body(f) for f in page["items"]]}


@router.get(
    "/awards/funds/{fund_id}",
    response={200: AwardFundDetailOut, **error_responses(404)},
    tags=FUND,
    summary="Xem quỹ thi đua, khen thưởng và các quyết định đã chi từ quỹ",
)
def fund_detail_api(request, fund_id: Id):
    """Mọi quyết định của cơ quan ban hành trong năm, cũ nhất trước; quyết định đã hủy bỏ vẫn được liệt kê
    (`revoked_on`), tiền thưởng của nó đã trả lại quỹ."""
    return _detail(fund_get(request.user, fund_id))


@router.put(
    "/awards/funds",
    response={200: AwardFundDetailOut, **error_responses(400, 403, 404)},
    tags=FUND,
    summary="Đặt kinh phí Quỹ thi đua, khen thưởng của một năm",
)
def fund_set_api(request, payload: AwardFundIn):
    """Cơ quan thường trực của cơ quan ban hành hoặc quản trị hệ thống (403 với người khác). Chưa có quỹ
    của cơ quan và năm đó thì tạo, có rồi thì sửa kinh phí và ghi chú; ghi vào nhật ký."""
    issuer = org_selectors.organization_get(request.user, payload.issuer_id)
    with api_field_names(API_FIELD_NAMES):
        fund = fund_services.fund_set(actor=request.user, issuer=issuer, year=payload.year,
                                      allocation=payload.allocation, note=payload.note)
    return _detail(fund_get(request.user, fund.pk))
