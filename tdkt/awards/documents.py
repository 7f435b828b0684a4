"""The decision (quyết định khen thưởng) as DOCX in the layout of NĐ 30/2020 and LAW.md §G2, and as
PDF through LibreOffice (``tdkt.documents.generation.docx_to_pdf``).

The document is built directly with python-docx from the blocks of ``tdkt.documents.build_templates``
(header with the national motto, title, closing with Nơi nhận and signature). The appendix DANH SÁCH
is one table whose rows are written as XML in one go, so a decision with 1,000 awardees stays quick.
"""

import re
from collections import OrderedDict
from io import BytesIO
from xml.sax.saxutils import escape

from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tdkt.documents import build_templates as bt
from tdkt.documents import generation
from tdkt.documents.generation import clean, date_long, date_short, lines, lower_first, upper_vi, without_bullet
from tdkt.rules.domain.legal_bases import legal_bases_on

from .domain.words import amount_in_words

APPENDIX_COLUMNS_MM = (10, 44, 30, 38, 18, 25)  # TT, name, position, unit, golden book, money = 165 mm
APPENDIX_HEAD = ("TT", "Họ và tên / Tập thể", "Chức vụ", "Đơn vị", "Số sổ vàng", "Tiền thưởng (đồng)")
_PROVINCE_PREFIX = re.compile(r"^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+(tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)


def money(amount: int) -> str:
    """1234000 → "1.234.000" (Vietnamese grouping)."""
    return f"{int(amount):,}".replace(",", ".")


def in_words(amount: int) -> str:
    """ "(Bằng chữ: Một triệu năm trăm nghìn đồng)": written after a sum of money in figures, as
    financial documents do, so that the figures cannot be altered unnoticed."""
    return f"(Bằng chữ: {amount_in_words(int(amount))})"


def place_of(organization) -> str:
    """The place written before the date: the province of the issuer ("UBND tỉnh Quảng Trị" → "Quảng Trị")."""
    from tdkt.organizations.models import Organization

    ids = [int(p) for p in organization.path.strip("/").split("/") if p] or [organization.pk]
    by_id = Organization.objects.in_bulk(ids)
    for pk in ids:
        org = by_id.get(pk)
        if org is not None and (org.kind == "province" or pk == ids[0]):
            name = clean(org.name)
            stripped = _PROVINCE_PREFIX.sub("", name)
            return stripped if stripped != name else name
    return "…………"


def _basis(line: str) -> str:
    line = line.rstrip(" ;.,")
    if not re.match(r"^(căn cứ|xét)\b", line, re.IGNORECASE):
        line = f"Căn cứ {line}"  # "Luật …", "Nghị định …" keep their capital
    return f"{line};"


def achievement_phrase(dossier) -> str:
    """ "đã có thành tích …" for Điều 1."""
    round_ = dossier.round
    if round_.kind == "regular":
        return f"đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {round_.year}"
    return f"đã có thành tích xuất sắc trong {lower_first(clean(round_.title))}"


def _count_phrase(individuals: int, collectives: int) -> str:
    parts = []
    if collectives:
        parts.append(f"{collectives} tập thể")
    if individuals:
        parts.append(f"{individuals} cá nhân")
    return " và ".join(parts)


def decision_context(decision) -> dict:
    """Plain values for the decision and its certificates (no model instances)."""
    issuer = decision.issuer
    dossier = decision.dossier
    awardees = list(decision.awardees.select_related("award", "nominee").order_by("golden_book_number"))
    groups: OrderedDict = OrderedDict()
    for awardee in awardees:
        groups.setdefault(awardee.award.pk, {"form": awardee.award, "individuals": [], "collectives": []})
        groups[awardee.award.pk]["collectives" if awardee.is_collective else "individuals"].append(awardee)
    place = place_of(issuer)
    authority = next((upper_vi(g["form"].decider_title) for g in groups.values() if g["form"].decider_title.strip()),
                     upper_vi(" ".join(lines(decision.signer_title))))
    proposal = clean(dossier.proposal_number)
    proposer = clean(dossier.organization.name)
    total = sum(a.amount for a in awardees)
    return {
        "parent": upper_vi(issuer.parent.name) if issuer.parent_id else "",
        "issuer": upper_vi(issuer.name),
        "issuer_name": clean(issuer.name),
        "number": f"Số: {decision.number}/{clean(decision.symbol)}",
        "reference": f"{decision.number}/{clean(decision.symbol)}",
        "place": place,
        "place_date": f"{place}, {date_long(decision.date)}",
        "date_short": date_short(decision.date),
        "subject": clean(decision.subject),
        "authority": authority,
        "bases": [_basis(line) for line in map(without_bullet, lines(decision.legal_bases)) if line],
        # The decree in force on the decision's date (312/QĐ-SNV of 27/12/2024: Nghị định 98/2023).
        "reward_decree": legal_bases_on(decision.date).reward_decree,
        "proposal": (f"Xét đề nghị của {proposer}" + (f" tại Tờ trình số {proposal}" if proposal else "") + "."),
        "achievement": achievement_phrase(dossier),
        "groups": list(groups.values()),
        "awardees": awardees,
        "total": total,
        "total_words": in_words(total),
        "proposer": proposer,
        "signer_lines": [upper_vi(line) for line in lines(decision.signer_title)],
        "signer_name": clean(decision.signer_name),
        # The closing prints "- " before each line: a dash the clerk typed is not printed twice.
        "recipients": [line for line in map(without_bullet, lines(decision.recipients)) if line] or ["Lưu: VT."],
    }


# --- the body -------------------------------------------------------------------------------------


def _header(doc, ctx):
    table = bt._table(doc, bt.HEADER_COLUMNS_MM, borders=False, rows=2)
    left_mm = bt.HEADER_COLUMNS_MM[0]
    top_left, top_right = table.rows[0].cells
    first = True
    if ctx["parent"]:
        bt.para(top_left, ctx["parent"], first=True, size=13, align=bt.CENTER, indent=False, after=0)
        first = False
    bt.para(top_left, ctx["issuer"], first=first, size=13, bold=True, align=bt.CENTER, indent=False, after=0)
    bt.rule(top_left, width_mm=26, container_mm=left_mm - 3, after=4)
    bt.para(top_right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", first=True, size=13, bold=True, align=bt.CENTER,
            after=0)
    bt.para(top_right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, underline=True, align=bt.CENTER, after=4)
    bottom_left, bottom_right = table.rows[1].cells
    bt.para(bottom_left, ctx["number"], first=True, size=13, align=bt.CENTER, indent=False, before=4, after=0)
    bt.para(bottom_right, ctx["place_date"], first=True, size=14, italic=True, align=bt.CENTER, before=4, after=0)
    for row in table.rows:
        bt._row_props(row)


def _article_one(doc, ctx):
    groups = ctx["groups"]
    tail = f" (có danh sách kèm theo), {ctx['achievement']}."
    if len(groups) == 1:
        g = groups[0]
        count = _count_phrase(len(g["individuals"]), len(g["collectives"]))
        bt.para(doc, [("Điều 1. ", {"bold": True}), (f"Tặng {clean(g['form'].name)} cho {count}{tail}", {})])
        return
    bt.para(doc, [("Điều 1. ", {"bold": True}), ("Tặng:", {})])
    for index, g in enumerate(groups, start=1):
        count = _count_phrase(len(g["individuals"]), len(g["collectives"]))
        end = tail if index == len(groups) else ";"
        bt.para(doc, f"{index}. {clean(g['form'].name)} cho {count}{end}")


def _closing(doc, ctx):
    table = bt._table(doc, bt.FOOTER_COLUMNS_MM, borders=False, rows=1)
    bt._row_props(table.rows[0])
    left, right = table.rows[0].cells
    bt.para(left, "Nơi nhận:", first=True, size=12, bold=True, italic=True, align=bt.LEFT, indent=False, before=2,
            after=0)
    for line in ctx["recipients"]:
        bt.para(left, f"- {line}", size=11, align=bt.LEFT, indent=False, after=0)
    signer = ctx["signer_lines"] or [ctx["authority"]]
    for index, line in enumerate(signer):
        bt.para(right, line, first=index == 0, size=14, bold=True, align=bt.CENTER, indent=False, after=0)
    for _ in range(4):
        bt.para(right, "", size=14, align=bt.CENTER, indent=False, after=0)
    bt.para(right, ctx["signer_name"], size=14, bold=True, align=bt.CENTER, indent=False, after=0)
    table._tbl.addprevious(bt.para(doc, "", size=6, after=0, keep_next=True)._p)


# --- the appendix: one table, rows written as XML ---------------------------------------------------

_W = nsdecls("w")


def _tc(text: str, width_mm: float, *, align="left", bold=False, italic=False, span=1, size=12) -> str:
    marks = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    rpr = f'<w:rPr>{marks}<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/></w:rPr>'
    runs = ""
    if text:
        runs = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{bt._twips(width_mm)}" w:type="dxa"/>{grid}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="40" w:after="40"/><w:ind w:firstLine="0"/><w:jc w:val="{align}"/>'
        f"{rpr}</w:pPr>{runs}</w:p></w:tc>"
    )


def _tr(cells: str, *, header=False) -> str:
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr {_W}><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def _appendix_rows(ctx) -> list[str]:
    widths = APPENDIX_COLUMNS_MM
    rows = [_tr("".join(_tc(t, w, align="center", bold=True) for t, w in zip(APPENDIX_HEAD, widths, strict=True)),
                header=True)]
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    sections = []
    for g in ctx["groups"]:
        for key, label in (("individuals", "CÁ NHÂN"), ("collectives", "TẬP THỂ")):
            if g[key]:
                sections.append((f"{label}: {clean(g['form'].name)}" if len(ctx["groups"]) > 1 else label, g[key]))
    for index, (label, members) in enumerate(sections):
        head = f"{roman[index] if index < len(roman) else index + 1}. {label}"
        rows.append(_tr(_tc(head, sum(widths), bold=True, span=len(widths))))
        for number, a in enumerate(members, start=1):
            values = (
                (str(number), "center"), (clean(a.name), "left"), (clean(a.position), "left"),
                (clean(a.organization_name), "left"), (str(a.golden_book_number), "center"),
                (money(a.amount), "right"),
            )
            rows.append(_tr("".join(_tc(t, w, align=al) for (t, al), w in zip(values, widths, strict=True))))
    total = _tc("Tổng cộng", sum(widths[:5]), align="center", bold=True, span=5)
    total += _tc(money(ctx["total"]), widths[5], align="right", bold=True)
    rows.append(_tr(total))
    rows.append(_tr(_tc(ctx["total_words"], sum(widths), align="center", italic=True, span=len(widths))))
    return rows


def _appendix(doc, ctx):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    bt.para(doc, "DANH SÁCH", size=14, bold=True, align=bt.CENTER, indent=False, after=0, keep_next=True)
    forms = "; ".join(clean(g["form"].name) for g in ctx["groups"])
    bt.para(doc, f"Được tặng {forms}", size=14, bold=True, align=bt.CENTER, indent=False, after=0, keep_next=True)
    bt.para(doc, f"(Kèm theo Quyết định số {ctx['reference']} ngày {ctx['date_short']} của {ctx['authority']})",
            size=13, italic=True, align=bt.CENTER, indent=False, after=2, keep_next=True)
    bt.rule(doc, width_mm=40, container_mm=bt.TEXT_WIDTH_MM, after=8)
    table = bt._table(doc, APPENDIX_COLUMNS_MM, borders=True, rows=0)
    tbl = table._tbl
    # One parse for all rows: far quicker than python-docx's add_row for 1,000 awardees.
    wrapper = parse_xml(f"<w:tbl {_W}>{''.join(_appendix_rows(ctx))}</w:tbl>")
    for tr in list(wrapper):
        tbl.append(tr)


def decision_docx(decision) -> bytes:
    ctx = decision_context(decision)
    doc = bt.new_document(f"Quyết định {ctx['reference']}")
    doc.core_properties.comments = ""
    _header(doc, ctx)
    bt.title_block(doc, "QUYẾT ĐỊNH", ctx["subject"])
    bt.para(doc, ctx["authority"], bold=True, align=bt.CENTER, indent=False, before=0, after=12, keep_next=True)
    for basis in ctx["bases"]:
        bt.para(doc, basis, italic=True)
    bt.para(doc, ctx["proposal"], italic=True)
    bt.para(doc, "QUYẾT ĐỊNH:", bold=True, align=bt.CENTER, indent=False, before=6, after=6, keep_next=True)
    _article_one(doc, ctx)
    bt.para(doc, [
        ("Điều 2. ", {"bold": True}),
        (f"Tiền thưởng kèm theo thực hiện theo quy định tại {ctx['reward_decree']}; tổng số tiền thưởng là "
         f"{money(ctx['total'])} đồng {ctx['total_words']}, trích từ Quỹ thi đua, khen thưởng của "
         f"{ctx['issuer_name']}.", {}),
    ])
    bt.para(doc, [
        ("Điều 3. ", {"bold": True}),
        ("Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan, "
         f"{ctx['proposer']} và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
         {}),
    ])
    _closing(doc, ctx)
    _appendix(doc, ctx)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def decision_files(decision) -> tuple[bytes, bytes]:
    """The decision as (DOCX, PDF). Raises DocumentError (status 503) when LibreOffice cannot convert."""
    docx = decision_docx(decision)
    return docx, generation.docx_to_pdf(docx)
