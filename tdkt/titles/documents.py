"""The head's decision on the year's titles (DOCX), in the layout of the commendation decisions
(tdkt.awards.documents): header, "Căn cứ" lines of the law in force on the decision's date, the
council's meeting, Điều 1 recognising each title for so many people and collectives, Điều 2 the
money under the decree of that date, Điều 3 who carries it out; then the list, one section per title.
TTLĐXS, which the province decides, is proposed in Điều 4 instead of recognised."""

from collections import OrderedDict
from io import BytesIO

from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml

from tdkt.awards import documents as award_docs
from tdkt.awards.documents import _W, _closing, _header, _tc, _tr, in_words, money, place_of
from tdkt.documents import build_templates as bt
from tdkt.documents.generation import clean, date_long, date_short, upper_vi
from tdkt.records.domain.codes import honour_label
from tdkt.rules.domain.legal_bases import legal_bases_on

from .domain import DECIDED_BY_THE_UNIT, PROPOSED_UPWARD

COLUMNS_MM = (10, 50, 34, 46, 25)  # TT, name, position, unit, money = 165 mm
HEAD = ("TT", "Họ và tên / Tập thể", "Chức vụ", "Đơn vị", "Tiền thưởng (đồng)")
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def _context(vote) -> dict:
    unit = vote.organization
    carried = list(vote.candidates.filter(passed=True).order_by("award", "organization_name", "name"))
    groups: OrderedDict = OrderedDict()
    for c in carried:
        groups.setdefault(c.award, []).append(c)
    bases = legal_bases_on(vote.decision_date)
    total = sum(c.amount for c in carried)
    title = vote.signer_title.strip()
    return {
        "parent": upper_vi(unit.parent.name) if unit.parent_id else "",
        "issuer": upper_vi(unit.name),
        "issuer_name": clean(unit.name),
        "number": f"Số: {clean(vote.decision_number)}",
        "reference": clean(vote.decision_number),
        "place_date": f"{place_of(unit)}, {date_long(vote.decision_date)}",
        "date_short": date_short(vote.decision_date),
        "authority": upper_vi(title or f"Thủ trưởng {unit.name}"),
        "bases": bases.lines(issuer_name=clean(unit.name)),
        "reward_decree": bases.reward_decree,
        "meeting": (f"Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng {clean(unit.name)} ngày "
                    f"{date_short(vote.meeting_date)} ({vote.present}/{vote.members} thành viên có mặt);"),
        "groups": groups,
        "total": total,
        "total_words": in_words(total),
        "signer_lines": [upper_vi(title)] if title else [],
        "signer_name": clean(vote.signer_name),
        "recipients": ["Như Điều 3", "Lưu: VT, TĐKT."],
        "year": vote.year,
    }


def _count(members: list) -> str:
    people = sum(1 for c in members if not c.is_collective)
    collectives = len(members) - people
    parts = ([f"{people} cá nhân"] if people else []) + ([f"{collectives} tập thể"] if collectives else [])
    return " và ".join(parts)


def _articles(doc, ctx):
    decided = [(code, members) for code, members in ctx["groups"].items() if code in DECIDED_BY_THE_UNIT]
    upward = [(code, members) for code, members in ctx["groups"].items() if code in PROPOSED_UPWARD]
    if decided:
        bt.para(doc, [("Điều 1. ", {"bold": True}),
                      (f"Công nhận danh hiệu thi đua năm {ctx['year']} (có danh sách kèm theo):", {})])
        for index, (code, members) in enumerate(decided, start=1):
            end = "." if index == len(decided) else ";"
            bt.para(doc, f"{index}. Danh hiệu “{honour_label(code)}” cho {_count(members)}{end}")
    bt.para(doc, [("Điều 2. ", {"bold": True}), (
        f"Tiền thưởng kèm theo thực hiện theo quy định tại {ctx['reward_decree']}; mỗi cá nhân, tập thể đạt nhiều "
        f"danh hiệu trong năm được thưởng theo danh hiệu cao nhất; tổng số tiền thưởng là {money(ctx['total'])} "
        f"đồng {ctx['total_words']}, trích từ Quỹ thi đua, khen thưởng của {ctx['issuer_name']}.", {})])
    bt.para(doc, [("Điều 3. ", {"bold": True}), (
        "Quyết định này có hiệu lực kể từ ngày ký. Các phòng, đơn vị trực thuộc và các cá nhân, tập thể có tên tại "
        "Điều 1 chịu trách nhiệm thi hành Quyết định này./.", {})])
    for code, members in upward:
        names = ", ".join(clean(c.name) for c in members)
        bt.para(doc, [("Điều 4. ", {"bold": True}), (
            f"Đề nghị cấp có thẩm quyền xét tặng danh hiệu “{honour_label(code)}” năm {ctx['year']} cho "
            f"{_count(members)}: {names}.", {})])


def _rows(ctx) -> list[str]:
    rows = [_tr("".join(_tc(t, w, align="center", bold=True) for t, w in zip(HEAD, COLUMNS_MM, strict=True)),
                header=True)]
    for index, (code, members) in enumerate(ctx["groups"].items()):
        head = f"{ROMAN[index] if index < len(ROMAN) else index + 1}. {upper_vi(honour_label(code))}"
        if code in PROPOSED_UPWARD:
            head += " (đề nghị cấp trên)"
        rows.append(_tr(_tc(head, sum(COLUMNS_MM), bold=True, span=len(COLUMNS_MM))))
        for number, c in enumerate(members, start=1):
            values = ((str(number), "center"), (clean(c.name), "left"), (clean(c.position), "left"),
                      (clean(c.organization_name), "left"), (money(c.amount) if c.amount else "—", "right"))
            rows.append(_tr("".join(_tc(t, w, align=al) for (t, al), w in zip(values, COLUMNS_MM, strict=True))))
    total = _tc("Tổng cộng", sum(COLUMNS_MM[:4]), align="center", bold=True, span=4)
    rows.append(_tr(total + _tc(money(ctx["total"]), COLUMNS_MM[4], align="right", bold=True)))
    return rows


def decision_docx(vote) -> bytes:
    ctx = _context(vote)
    doc = bt.new_document(f"Quyết định {ctx['reference']}")
    doc.core_properties.comments = ""
    _header(doc, ctx)
    bt.title_block(doc, "QUYẾT ĐỊNH", f"Về việc công nhận danh hiệu thi đua năm {ctx['year']}")
    bt.para(doc, ctx["authority"], bold=True, align=bt.CENTER, indent=False, before=0, after=12, keep_next=True)
    for line in [*ctx["bases"], ctx["meeting"]]:
        bt.para(doc, line, italic=True)
    bt.para(doc, "QUYẾT ĐỊNH:", bold=True, align=bt.CENTER, indent=False, before=6, after=6, keep_next=True)
    _articles(doc, ctx)
    _closing(doc, ctx)
    doc.add_section(WD_SECTION.NEW_PAGE)
    bt.para(doc, "DANH SÁCH", size=14, bold=True, align=bt.CENTER, indent=False, after=0, keep_next=True)
    bt.para(doc, f"Cá nhân, tập thể đạt danh hiệu thi đua năm {ctx['year']}", size=14, bold=True, align=bt.CENTER,
            indent=False, after=0, keep_next=True)
    bt.para(doc, f"(Kèm theo Quyết định số {ctx['reference']} ngày {ctx['date_short']} của {ctx['authority']})",
            size=13, italic=True, align=bt.CENTER, indent=False, after=8, keep_next=True)
    table = bt._table(doc, COLUMNS_MM, borders=True, rows=0)
    for tr in list(parse_xml(f"<w:tbl {_W}>{''.join(_rows(ctx))}</w:tbl>")):
        table._tbl.append(tr)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


__all__ = ["decision_docx", "award_docs"]
