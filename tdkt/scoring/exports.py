"""What the exports show: the block's score table and one unit's sheet, in the seed's layout
(TT, Tiêu chí, Điểm chuẩn, Điểm tự chấm, Điểm thẩm định); ``export_docs`` writes them as files.

The table is the current published result (its frozen JSON) when there is one; otherwise the live
computation, which only the block's managers and reviewers may take. A sheet shows every item of
the template with its maximum, the unit's own score (with the count for counted items) and the mean
of the completed reviews — the latter only to managers and reviewers, or once the round is published.
Exported texts are Vietnamese literals, as in the documents app's documents.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.core.domain.text import fold_vi

from . import selectors, standings
from .domain import band_for, score_entries
from .domain.numbers import mean
from .models import ReviewEntry, ReviewStatus, RoundStatus, SheetStatus

TABLE_TITLE = "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM {year}"
SHEET_TITLE = "PHIẾU CHẤM ĐIỂM THI ĐUA NĂM {year}"
SHEET_HEADERS = ("TT", "Tiêu chí", "Điểm chuẩn", "Điểm tự chấm", "Điểm thẩm định")
TOTAL_LABEL = "TỔNG ĐIỂM"
_PLACE = re.compile(r"^(?:UBND|[ỦU][yỷ] ban nhân dân)\s+(?:tỉnh|thành phố|TP\.?)\s+(.+)$", re.IGNORECASE)
SHEET_STATUS = {SheetStatus.DRAFT: "Bản nháp, chưa nộp", SheetStatus.RETURNED: "Đã trả lại để chỉnh sửa",
                SheetStatus.AWAITING_SIGNOFF: "Chờ lãnh đạo đơn vị ký duyệt"}


def number(value) -> Decimal | None:
    """A figure (Decimal, or a JSON number of a published result) as a Decimal, None kept."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def show(value) -> str:
    """A figure in Vietnamese: 1.234,5 — whole numbers without decimals; None is blank."""
    value = number(value)
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def place_of(organizer) -> str:
    """ "Quảng Trị" for "UBND tỉnh Quảng Trị"; blanks to fill in when the name says no place."""
    for name in (organizer.short_name, organizer.name):
        match = _PLACE.match((name or "").strip())
        if match:
            return match[1].strip()
    return "…………"


@dataclass
class Heading:
    organizer: str
    block: str
    year: int
    place: str
    date: datetime.date


def _heading(scoring_round, date: datetime.date | None = None) -> Heading:
    block = scoring_round.block
    date = date or timezone.localdate()
    return Heading(block.organizer.name, block.name, block.year, place_of(block.organizer), date)


@dataclass
class TableExport:
    heading: Heading
    sections: list[dict]  # {code, title, max}
    units: list[dict]  # the published JSON's units, by rank
    not_submitted: list[str]
    bands: list[tuple[str, Decimal]]  # highest first
    max_total: Decimal | None
    version: int | None = None  # None: live figures, not published
    reason: str = ""

    @property
    def title(self) -> str:
        return TABLE_TITLE.format(year=self.heading.year)

    @property
    def headers(self) -> list[str]:
        sections = [f"{s['code']} ({show(s['max'])})" for s in self.sections]
        return ["TT", "Đơn vị", *sections, "Tổng tự chấm", "Tổng thẩm định", "Xếp loại", "Xếp hạng"]

    @property
    def status_line(self) -> str:
        if self.version is None:
            return f"Số liệu tạm tính, chưa công bố (đến ngày {self.heading.date:%d/%m/%Y})"
        return f"Kết quả công bố phiên bản {self.version} ngày {self.heading.date:%d/%m/%Y}"

    def rows(self) -> list[list]:
        return [
            [
                position,
                unit["unit"],
                *(number(unit["sections"].get(s["code"])) for s in self.sections),
                number(unit["self_total"]),
                number(unit["final_total"]),
                unit.get("band") or "",
                unit.get("rank"),
            ]
            for position, unit in enumerate(self.units, start=1)
        ]

    def legend(self) -> list[str]:
        """ "Xuất sắc: từ 90 điểm đến 100 điểm", …, "Trung bình: dưới 60 điểm" (the seed's wording)."""
        out, above = [], None
        for label, minimum in self.bands:
            if above is None:
                top = f" đến {show(self.max_total)} điểm" if self.max_total is not None else " trở lên"
                out.append(f"{label}: từ {show(minimum)} điểm{top}")
            elif minimum <= 0:
                out.append(f"{label}: dưới {show(above)} điểm")
            else:
                out.append(f"{label}: từ {show(minimum)} điểm đến dưới {show(above)} điểm")
            above = minimum
        return out


def table_export(user, scoring_round) -> TableExport:
    """The published table for everyone who sees the round; live figures only for those allowed."""
    result = selectors.current_result(scoring_round)
    if result is None:
        if not selectors.may_see_standings(user, scoring_round):
            raise PermissionDenied(_("The figures are shown to the block's managers and reviewers until published."))
        data = standings.standings_data(standings.round_standings(scoring_round), scoring_round)
        template, date = scoring_round.template, None
    else:
        data, template = result.data, result.template
        date = timezone.localtime(result.published_at).date()
    parsed = standings.parsed_template(template)
    bands = sorted(((b.label, b.min) for b in parsed.bands), key=lambda band: band[1], reverse=True)
    return TableExport(
        heading=_heading(scoring_round, date),
        sections=data["template"]["sections"],
        units=data["units"],
        not_submitted=data.get("not_submitted", []),
        bands=bands,
        max_total=number(data["template"].get("max_total")),
        version=result.version if result else None,
        reason=result.reason if result else "",
    )


@dataclass
class SheetRow:
    code: str
    title: str
    depth: int
    is_section: bool
    maximum: Decimal
    self_score: Decimal
    count: Decimal | None = None  # the count entered for a counted item
    review: Decimal | None = None

    @property
    def self_text(self) -> str:
        suffix = f" ({show(self.count)} lần)" if self.count is not None else ""
        return show(self.self_score) + suffix


@dataclass
class SheetExport:
    heading: Heading
    unit: str
    status_line: str
    rows: list[SheetRow]
    maximum: Decimal
    self_total: Decimal
    review_total: Decimal | None
    self_band: str | None
    review_band: str | None
    reviews: int = 0  # completed reviews shown (0 when they are not to be shown)
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return SHEET_TITLE.format(year=self.heading.year)


def sheet_export(user, sheet) -> SheetExport:
    scoring_round = sheet.round
    template = standings.parsed_template(scoring_round.template)
    own = standings.entries_of(sheet.entries.values_list("sheet_id", "item_code", "value")).get(sheet.pk, {})
    self_scores = score_entries(template, own)
    show_reviews = selectors.may_see_standings(user, scoring_round) or scoring_round.status == RoundStatus.PUBLISHED
    completed = sheet.reviews.filter(status=ReviewStatus.COMPLETED).order_by("pk")
    review_ids = list(completed.values_list("pk", flat=True)) if show_reviews else []
    by_review = standings.entries_of(
        ReviewEntry.objects.filter(review_id__in=review_ids).values_list("review_id", "item_code", "value")
    )
    scores = [score_entries(template, by_review.get(rid, {})) for rid in review_ids]
    rows = []

    def visit(item, depth):
        rows.append(
            SheetRow(
                code=item.code,
                title=item.title,
                depth=depth,
                is_section=item.is_section,
                maximum=item.maximum,
                self_score=self_scores.items[item.code],
                count=own.get(item.code) if item.counted else None,
                review=mean([s.items[item.code] for s in scores]) if scores else None,
            )
        )
        for child in item.children:
            visit(child, depth + 1)

    for item in template.items:
        visit(item, 0)
    review_total = mean([s.total for s in scores]) if scores else None
    if sheet.status == SheetStatus.SUBMITTED and sheet.submitted_at:
        status = f"Đã nộp ngày {timezone.localtime(sheet.submitted_at):%d/%m/%Y}"
    else:
        status = SHEET_STATUS.get(sheet.status, "")
    notes = []
    if scores:
        notes.append(f"Điểm thẩm định là điểm trung bình của {len(scores)} đơn vị đã hoàn thành thẩm định.")
    return SheetExport(
        heading=_heading(scoring_round),
        unit=sheet.organization.name,
        status_line=status,
        rows=rows,
        maximum=template.max_total,
        self_total=self_scores.total,
        review_total=review_total,
        self_band=band_for(template.bands, self_scores.total),
        review_band=band_for(template.bands, review_total) if review_total is not None else None,
        reviews=len(scores),
        notes=notes,
    )


def table_notes(table: TableExport) -> list[str]:
    notes = [f"Lý do điều chỉnh: {table.reason}"] if table.reason else []
    if table.not_submitted:
        notes.append("Chưa nộp phiếu chấm điểm: " + "; ".join(table.not_submitted) + ".")
    return [*notes, "Xếp loại: " + "; ".join(table.legend()) + "."]


def sheet_notes(sheet: SheetExport) -> list[str]:
    notes = [f"Tự xếp loại: {sheet.self_band or ''}."]
    if sheet.review_band:
        notes.append(f"Xếp loại theo kết quả thẩm định: {sheet.review_band}.")
    return notes + sheet.notes


# --- file names and the audit trail -------------------------------------------------------------------


def _slug(text: str, fallback: str) -> str:
    return slugify(fold_vi(text)) or fallback


def table_filename(scoring_round, ext: str) -> str:
    return f"bang-diem-{_slug(scoring_round.block.name, 'khoi')}-{scoring_round.block.year}.{ext}"


def sheet_filename(sheet, ext: str) -> str:
    return f"phieu-cham-diem-{_slug(sheet.organization.name, 'don-vi')}-{sheet.round.block.year}.{ext}"


def export_record(*, actor, target, scoring_round, document: str, fmt: str, size: int, source: str, ip=None):
    """One DOCUMENT_GENERATED event per export, like the documents app's downloads."""
    audit_record(
        event_type=AuditEventType.DOCUMENT_GENERATED,
        actor=actor,
        target=target,
        organization=scoring_round.block.organizer,
        extra={"document": document, "format": fmt, "bytes": size, "source": source},
        ip_address=ip,
    )
