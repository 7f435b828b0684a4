"""Builds the DOCX templates in `docx_templates/` (Kế hoạch, Chương trình công tác, Giao ước
thi đua; the consolidated reports of a milestone — the block's and the standing office's — and the
yearly Báo cáo tổng kết công tác thi đua, khen thưởng) in the layout of Nghị định 30/2020/NĐ-CP on
administrative documents.

The committed .docx files are what the application reads; this script only exists so that they
can be rebuilt from source after a change of layout:

    .venv/bin/python -m tdkt.documents.build_templates [output folder]

A clerk does not need it: he opens a .docx in Word or LibreOffice, edits the wording around the
{{ … }} and {% … %} tags and keeps it in the file storage under document_templates/ (see generation.py).

Layout (NĐ 30/2020, Phụ lục I): A4 portrait; margins top and bottom 20 mm, left 30 mm, right
15 mm; Times New Roman (Liberation Serif on the server) 14 pt body with a 1.27 cm first-line indent,
6 pt between paragraphs; the header in a two-column table without borders — issuing body on the
left (governing body in capitals, issuing body in bold capitals with a short rule under it, then
"Số: …"), the national motto on the right (bold capitals 13 pt, the tiêu ngữ bold and underlined,
then place and date in italics); the document type and title centred in bold; at the end a table
with "Nơi nhận:" on the left (bold italic 12 pt, list 11 pt) and the signature block on the right
(authority and post in bold capitals, room to sign, the name in bold); page numbers from page 2,
centred in the top margin.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TEMPLATES_DIR = Path(__file__).resolve().parent / "docx_templates"
FONT = "Times New Roman"
BODY_PT = 14
TEXT_WIDTH_MM = 210 - 30 - 15  # A4 minus the left and right margins
HEADER_COLUMNS_MM = (66, 104)  # the motto needs ~95 mm at 13 pt; the table reaches 5 mm into the right margin
FOOTER_COLUMNS_MM = (80, 90)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


# --- low-level helpers -------------------------------------------------------------------------

# Schema order of the property elements this script writes (Word rejects out-of-order children).
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd "
    "tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange"
).split()
TRPR_ORDER = (
    "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden".split()
)


def _put(parent, child, order):
    """Insert `child` into `parent` at its schema position, replacing an element of the same tag."""
    name = child.tag.split("}")[1]
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        parent.remove(old)
    later = set(order[order.index(name) + 1 :])
    for index, sibling in enumerate(parent):
        if sibling.tag.split("}")[-1] in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def _set_run_font(run, *, size=None, bold=False, italic=False, underline=False):
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    run.font.underline = underline or None


def _mark_size(paragraph, size):
    """The size of the paragraph mark, which decides the height of an empty paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = _put(ppr, OxmlElement("w:rPr"), PPR_ORDER)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(size * 2)))
        rpr.append(el)


def para(
    container,
    text="",
    *,
    first=False,
    size=BODY_PT,
    bold=False,
    italic=False,
    underline=False,
    align=JUSTIFY,
    indent=True,
    before=0,
    after=6,
    keep_next=False,
):
    """A paragraph of one run. `first` reuses the empty paragraph a new table cell comes with."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.first_line_indent = Mm(12.7) if indent and align == JUSTIFY else Mm(0)
    fmt.keep_with_next = keep_next or None
    _mark_size(paragraph, size)
    # `text` is a string, or a list of (text, {"bold": …, "italic": …}) for runs formatted apart.
    runs = [(text, {})] if isinstance(text, str) else text
    for run_text, style in runs:
        if run_text:
            run = paragraph.add_run(run_text)
            _set_run_font(
                run,
                size=size,
                bold=style.get("bold", bold),
                italic=style.get("italic", italic),
                underline=style.get("underline", underline),
            )
    return paragraph


def tag(container, text, *, first=False):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); docxtpl removes it."""
    return para(container, text, first=first, size=10, align=LEFT, indent=False, after=0)


def heading(container, text, *, before=6):
    return para(container, text, bold=True, indent=True, before=before, keep_next=True)


def rule(container, *, width_mm, container_mm, first=False, after=0):
    """A short centred horizontal line: the bottom border of an empty, 2 pt high paragraph whose
    indents leave `width_mm` between them (under the issuing body and under the title)."""
    paragraph = para(container, "", first=first, size=2, align=CENTER, indent=False, after=after)
    side = Mm(max(container_mm - width_mm, 0) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = side, side
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    _put(paragraph._p.get_or_add_pPr(), borders, PPR_ORDER)
    return paragraph


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _table(doc, widths_mm, *, borders: bool, rows=1, indent_mm=0):
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _put(tblpr, layout, TBLPR_ORDER)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(_twips(sum(widths_mm))))
    total.set(qn("w:type"), "dxa")
    _put(tblpr, total, TBLPR_ORDER)
    if indent_mm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(_twips(indent_mm)))
        ind.set(qn("w:type"), "dxa")
        _put(tblpr, ind, TBLPR_ORDER)
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if borders:
            for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
                el.set(qn(key), value)
        else:
            el.set(qn("w:val"), "nil")
        edges.append(el)
    _put(tblpr, edges, TBLPR_ORDER)
    margins = OxmlElement("w:tblCellMar")
    for edge, mm in (("left", 1.5), ("right", 1.5)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(_twips(mm)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    _put(tblpr, margins, TBLPR_ORDER)
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
    for row in table.rows:
        for index, width in enumerate(widths_mm):
            row.cells[index].width = Mm(width)
    return table


def _row_props(row, *, header=False, cant_split=True, min_height_mm=None):
    trpr = row._tr.get_or_add_trPr()
    if cant_split:
        _put(trpr, OxmlElement("w:cantSplit"), TRPR_ORDER)
    if header:
        _put(trpr, OxmlElement("w:tblHeader"), TRPR_ORDER)
    if min_height_mm:
        row.height = Mm(min_height_mm)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _add_row(table, widths_mm):
    row = table.add_row()
    for index, width in enumerate(widths_mm):
        row.cells[index].width = Mm(width)
    return row


def _cell(cell, text="", *, bold=False, italic=False, align=CENTER, size=13):
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return para(
        cell, text, first=True, size=size, bold=bold, italic=italic, align=align, indent=False, before=3, after=3
    )


def _page_number(section):
    """Page numbers from page 2, centred at the top (NĐ 30: "từ trang thứ hai")."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run("2")
    _set_run_font(run, size=13)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run._element.addprevious(field)
    field.append(run._element)


def new_document(title: str):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)

    # Defaults for every style: Times New Roman 14 pt, Vietnamese.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr_default):
        if child.tag in (qn("w:rFonts"), qn("w:lang"), qn("w:sz"), qn("w:szCs")):
            rpr_default.remove(child)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    rpr_default.insert(0, fonts)
    for tag_name in ("w:sz", "w:szCs"):
        el = OxmlElement(tag_name)
        el.set(qn("w:val"), str(BODY_PT * 2))
        rpr_default.append(el)
    lang = OxmlElement("w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "vi-VN")
    rpr_default.append(lang)

    ppr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "240")

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE

    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "TĐKT", "TĐKT"
    props.comments = "Mẫu văn bản của hệ thống TĐKT (docxtpl): giữ nguyên các thẻ trong ngoặc nhọn."
    props.keywords, props.subject, props.category = "", "", ""
    props.revision = 1

    _page_number(section)
    return doc


# --- shared blocks ------------------------------------------------------------------------------


def header_block(doc, *, number: str | None):
    """Issuing body and number on the left, the national motto and place/date on the right.

    Two rows so that "Số: …" and the place and date sit on the same line."""
    left_mm, right_mm = HEADER_COLUMNS_MM
    table = _table(doc, HEADER_COLUMNS_MM, borders=False, rows=2)
    top_left, top_right = table.rows[0].cells
    tag(top_left, "{%p if header.parent %}", first=True)
    para(top_left, "{{ header.parent }}", size=13, align=CENTER, indent=False, after=0)
    tag(top_left, "{%p endif %}")
    para(top_left, "{{ header.issuer }}", size=13, bold=True, align=CENTER, indent=False, after=0)
    rule(top_left, width_mm=26, container_mm=left_mm - 3, after=4)

    para(top_right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", first=True, size=13, bold=True, align=CENTER, after=0)
    para(top_right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, underline=True, align=CENTER, after=4)

    bottom_left, bottom_right = table.rows[1].cells
    if number:
        para(bottom_left, number, first=True, size=13, align=CENTER, indent=False, before=4, after=0)
    else:
        para(bottom_left, "", first=True, size=13, align=CENTER, indent=False, before=4, after=0)
    para(bottom_right, "{{ header.place_date }}", first=True, size=14, italic=True, align=CENTER, before=4, after=0)
    for row in table.rows:
        _row_props(row)
    return table


def title_block(doc, kind_title: str, subtitle: str):
    para(doc, kind_title, size=14, bold=True, align=CENTER, indent=False, before=18, after=0, keep_next=True)
    para(doc, subtitle, size=14, bold=True, align=CENTER, indent=False, after=2, keep_next=True)
    rule(doc, width_mm=40, container_mm=TEXT_WIDTH_MM, after=12)


def closing_block(doc):
    """Nơi nhận on the left, the signature block on the right; one row that never splits."""
    table = _table(doc, FOOTER_COLUMNS_MM, borders=False, rows=1)
    _row_props(table.rows[0])
    left, right = table.rows[0].cells
    para(left, "Nơi nhận:", first=True, size=12, bold=True, italic=True, align=LEFT, indent=False, before=2, after=0)
    tag(left, "{%p for recipient in recipients %}")
    para(left, "- {{ recipient }}", size=11, align=LEFT, indent=False, after=0)
    tag(left, "{%p endfor %}")

    tag(right, "{%p for line in signer.title_lines %}", first=True)
    para(right, "{{ line }}", size=14, bold=True, align=CENTER, indent=False, after=0)
    tag(right, "{%p endfor %}")
    for _ in range(4):  # room for the signature and the seal
        para(right, "", size=14, align=CENTER, indent=False, after=0)
    para(right, "{{ signer.name }}", size=14, bold=True, align=CENTER, indent=False, after=0)
    # A little space before the block, kept on the page of the block.
    table._tbl.addprevious(para(doc, "", size=6, after=0, keep_next=True)._p)
    return table


# --- the three documents -------------------------------------------------------------------------


def build_ke_hoach(path: Path) -> None:
    doc = new_document("Mẫu Kế hoạch tổ chức phong trào thi đua")
    header_block(doc, number="Số: {{ header.number }}")
    title_block(doc, "KẾ HOẠCH", "{{ movement.plan_title }}")

    para(
        doc,
        "Thực hiện nhiệm vụ công tác thi đua, khen thưởng năm {{ year }}; {{ issuer_name }} xây dựng Kế hoạch "
        "{{ movement.title_lower }}, như sau:",
    )

    heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    tag(doc, "{%p for text in purposes %}")
    para(doc, "{{ text }}")
    tag(doc, "{%p endfor %}")

    heading(doc, "II. NỘI DUNG")
    tag(doc, "{%p if movement.theme %}")
    para(doc, [("1. Chủ đề thi đua: ", {}), ("“{{ movement.theme }}”", {"italic": True})], bold=True)
    tag(doc, "{%p else %}")
    para(doc, "1. Chủ đề thi đua: thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm {{ year }}.", bold=True)
    tag(doc, "{%p endif %}")
    heading(doc, "2. Nội dung thi đua", before=0)
    tag(doc, "{%p for item in plan_items %}")
    para(doc, "2.{{ loop.index }}. {{ item }}")
    tag(doc, "{%p endfor %}")
    heading(doc, "3. Thời gian và các đợt thi đua", before=0)
    para(doc, "Thời gian thực hiện: từ ngày {{ movement.start }} đến ngày {{ movement.end }}.")
    tag(doc, "{%p for phase in phases %}")
    para(doc, "- {{ phase.name }} (từ ngày {{ phase.start }} đến ngày {{ phase.end }}){{ phase.celebrates_suffix }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if targets %}")
    heading(doc, "4. Chỉ tiêu thi đua", before=0)
    tag(doc, "{%p for target in targets %}")
    para(doc, "- {{ target }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    heading(doc, "III. TỔ CHỨC THỰC HIỆN")
    heading(doc, "1. Đơn vị tham gia", before=0)
    tag(doc, "{%p if participants %}")
    para(doc, "Các cơ quan, đơn vị tham gia phong trào thi đua ({{ participants|length }} đơn vị):")
    tag(doc, "{%p for name in participants %}")
    para(doc, "- {{ name }}{% if loop.last %}.{% else %};{% endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "Các cơ quan, đơn vị thuộc {{ issuer_name }}.")
    tag(doc, "{%p endif %}")
    heading(doc, "2. Đăng ký thi đua", before=0)
    tag(doc, "{%p if registration_deadline %}")
    para(
        doc,
        "Các cơ quan, đơn vị đăng ký danh hiệu thi đua, hình thức khen thưởng năm {{ year }} gửi về "
        "{{ issuer_name }} trước ngày {{ registration_deadline }} để tổng hợp.",
    )
    tag(doc, "{%p else %}")
    para(doc, "Các cơ quan, đơn vị đăng ký danh hiệu thi đua, hình thức khen thưởng năm {{ year }} theo hướng dẫn.")
    tag(doc, "{%p endif %}")
    heading(doc, "3. Sơ kết, tổng kết", before=0)
    tag(doc, "{%p for milestone in milestones %}")
    para(
        doc,
        "- {{ milestone.name }}: các đơn vị gửi báo cáo trước ngày {{ milestone.deadline }}"
        "{{ milestone.window_suffix }}{{ milestone.meeting_suffix }}.",
    )
    tag(doc, "{%p else %}")
    para(doc, "Các đơn vị sơ kết, tổng kết phong trào thi đua và gửi báo cáo theo hướng dẫn.")
    tag(doc, "{%p endfor %}")

    para(
        doc,
        "Trên đây là Kế hoạch {{ movement.title_lower }}. Đề nghị các cơ quan, đơn vị triển khai thực hiện, "
        "phấn đấu hoàn thành xuất sắc nhiệm vụ năm {{ year }}./.",
        before=6,
        keep_next=True,
    )
    closing_block(doc)
    doc.save(path)


PROGRAM_COLUMNS_MM = (11, 68, 30, 30, 26)


def build_chuong_trinh(path: Path) -> None:
    doc = new_document("Mẫu Chương trình công tác")
    header_block(doc, number="Số: {{ header.program_number }}")
    title_block(doc, "CHƯƠNG TRÌNH CÔNG TÁC", "{{ program_subtitle }}")
    para(
        doc,
        "Căn cứ Kế hoạch {{ movement.title_lower }}{{ header.plan_reference }}, {{ issuer_name }} xây dựng "
        "Chương trình công tác năm {{ year }} với những nội dung như sau:",
        after=8,
    )

    widths = PROGRAM_COLUMNS_MM
    table = _table(doc, widths, borders=True, rows=1)
    head = table.rows[0]
    _row_props(head, header=True)
    for cell, text in zip(
        head.cells, ("TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị thực hiện", "Thời gian"), strict=True
    ):
        _cell(cell, text, bold=True)

    def tag_row(text):
        row = _add_row(table, widths)
        _cell(row.cells[0], text, align=LEFT, size=10)

    tag_row("{%tr for quarter in quarters %}")
    quarter_row = _add_row(table, widths)
    _row_props(quarter_row)
    _cell(quarter_row.cells[0], "{{ quarter.roman }}", bold=True)
    merged = quarter_row.cells[1].merge(quarter_row.cells[4])
    _cell(merged, "QUÝ {{ quarter.roman }}/{{ year }}", bold=True, align=LEFT)
    tag_row("{%tr for task in quarter.tasks %}")
    task_row = _add_row(table, widths)
    _row_props(task_row)
    _cell(task_row.cells[0], "{{ loop.index }}")
    _cell(task_row.cells[1], "{{ task.content }}", align=JUSTIFY)
    _cell(task_row.cells[2], "{{ task.lead }}")
    _cell(task_row.cells[3], "{{ task.executing }}")
    _cell(task_row.cells[4], "{{ task.due }}")
    tag_row("{%tr endfor %}")
    tag_row("{%tr endfor %}")

    para(
        doc,
        "Trên đây là Chương trình công tác của {{ issuer_name }} năm {{ year }}. Đề nghị lãnh đạo các cơ quan, "
        "đơn vị quan tâm chỉ đạo và phối hợp tổ chức thực hiện các nội dung Chương trình công tác đã đề ra./.",
        before=8,
        keep_next=True,
    )
    closing_block(doc)
    doc.save(path)


REGISTRATION_COLUMNS_MM = (11, 74, 80)
SIGNING_COLUMNS_MM = (11, 58, 44, 26, 26)


def build_giao_uoc(path: Path) -> None:
    doc = new_document("Mẫu Giao ước thi đua")
    header_block(doc, number=None)
    title_block(doc, "GIAO ƯỚC THI ĐUA", "{{ covenant_subtitle }}")
    tag(doc, "{%p if movement.theme %}")
    para(
        doc,
        "Hưởng ứng các phong trào thi đua yêu nước năm {{ year }} với chủ đề “{{ movement.theme }}”, nhằm nâng "
        "cao nhận thức của cán bộ, công chức, viên chức và người lao động về vị trí, vai trò của công tác thi đua, "
        "khen thưởng; đồng thời tổ chức thực hiện có hiệu quả công tác thi đua, khen thưởng trong cơ quan, đơn vị.",
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Hôm nay, {{ covenant_date }}, tại {{ place_or_blank }}, chúng tôi, đại diện các cơ quan, đơn vị thuộc "
        "{{ issuer_name }} cam kết cùng nhau tổ chức thực hiện, đẩy mạnh các phong trào thi đua yêu nước, phấn "
        "đấu hoàn thành các chỉ tiêu, nhiệm vụ, kế hoạch được giao và tiến hành ký kết giao ước thi đua năm "
        "{{ year }}, gồm những nội dung sau:",
    )

    heading(doc, "I. NỘI DUNG THI ĐUA")
    tag(doc, "{%p for item in covenant_items %}")
    para(doc, "{{ loop.index }}. {{ item }}")
    tag(doc, "{%p endfor %}")

    heading(doc, "II. TỔ CHỨC THỰC HIỆN")
    para(
        doc,
        "Trên cơ sở Bản Giao ước thi đua này, tùy theo chức năng, nhiệm vụ, mỗi cơ quan, đơn vị cụ thể hóa "
        "thành mục tiêu, xây dựng chương trình, kế hoạch hành động, đẩy mạnh phong trào thi đua yêu nước nhằm "
        "hoàn thành tốt mọi nhiệm vụ được giao.",
    )
    para(
        doc,
        "Toàn thể cán bộ, công chức, viên chức và người lao động trong các cơ quan, đơn vị tăng cường đoàn kết, "
        "thống nhất, tích cực hưởng ứng các phong trào thi đua và các nội dung giao ước thi đua đã ký kết, quyết "
        "tâm thực hiện thắng lợi nhiệm vụ năm {{ year }}./.",
    )

    tag(doc, "{%p if registrations %}")
    heading(doc, "III. ĐĂNG KÝ DANH HIỆU THI ĐUA NĂM {{ year }}")
    reg = _table(doc, REGISTRATION_COLUMNS_MM, borders=True, rows=1)
    _row_props(reg.rows[0], header=True)
    for cell, text in zip(
        reg.rows[0].cells, ("TT", "Cơ quan, đơn vị", "Danh hiệu thi đua, hình thức khen thưởng đăng ký"), strict=True
    ):
        _cell(cell, text, bold=True)
    row = _add_row(reg, REGISTRATION_COLUMNS_MM)
    _cell(row.cells[0], "{%tr for registration in registrations %}", align=LEFT, size=10)
    row = _add_row(reg, REGISTRATION_COLUMNS_MM)
    _row_props(row)
    _cell(row.cells[0], "{{ loop.index }}")
    _cell(row.cells[1], "{{ registration.name }}", align=LEFT)
    _cell(row.cells[2], "{{ registration.honours }}", align=LEFT)
    row = _add_row(reg, REGISTRATION_COLUMNS_MM)
    _cell(row.cells[0], "{%tr endfor %}", align=LEFT, size=10)
    tag(doc, "{%p endif %}")

    para(doc, "PHẦN KÝ KẾT GIAO ƯỚC THI ĐUA", bold=True, align=CENTER, indent=False, before=12, after=0, keep_next=True)
    para(doc, "{{ covenant_subtitle_upper }}", bold=True, align=CENTER, indent=False, after=8, keep_next=True)
    sign = _table(doc, SIGNING_COLUMNS_MM, borders=True, rows=1)
    _row_props(sign.rows[0], header=True)
    for cell, text in zip(
        sign.rows[0].cells, ("TT", "Cơ quan, đơn vị", "Đại diện ký (họ tên, chức vụ)", "Ngày ký", "Chữ ký"), strict=True
    ):
        _cell(cell, text, bold=True)
    row = _add_row(sign, SIGNING_COLUMNS_MM)
    _cell(row.cells[0], "{%tr for member in members %}", align=LEFT, size=10)
    row = _add_row(sign, SIGNING_COLUMNS_MM)
    _row_props(row, min_height_mm=14)
    _cell(row.cells[0], "{{ loop.index }}", size=12)
    _cell(row.cells[1], "{{ member.name_upper }}", bold=True, size=12)
    _cell(row.cells[2], "{{ member.signer_name }}", bold=True, size=12)
    para(row.cells[2], "{{ member.signer_title }}", size=11, align=CENTER, indent=False, after=3)
    _cell(row.cells[3], "{{ member.signed_on }}", size=12)
    _cell(row.cells[4], "{{ member.signature }}", italic=True, size=12)
    row = _add_row(sign, SIGNING_COLUMNS_MM)
    _cell(row.cells[0], "{%tr endfor %}", align=LEFT, size=10)
    doc.save(path)


# --- the consolidated reports (issue 14.3) ----------------------------------------------------------


def _loop_table(doc, widths, heads, loop: str, cells, *, total=None):
    """A bordered table: a header row, one row repeated for each item of ``loop`` ("x in items"),
    and, if ``total`` is given, a last row of totals (cells as for the repeated row)."""
    table = _table(doc, widths, borders=True, rows=1)
    _row_props(table.rows[0], header=True)
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell(cell, text, bold=True, size=12)
    row = _add_row(table, widths)
    _cell(row.cells[0], "{%tr for " + loop + " %}", align=LEFT, size=10)
    row = _add_row(table, widths)
    _row_props(row)
    for cell, (text, align) in zip(row.cells, cells, strict=True):
        _cell(cell, text, align=align, size=12)
    row = _add_row(table, widths)
    _cell(row.cells[0], "{%tr endfor %}", align=LEFT, size=10)
    if total:
        row = _add_row(table, widths)
        _row_props(row)
        for cell, (text, align) in zip(row.cells, total, strict=True):
            _cell(cell, text, bold=True, align=align, size=12)
    para(doc, "", size=6, after=0)  # the heading that follows does not touch the table
    return table


def _bases(doc):
    """The legal acts in force on the report's date ("Căn cứ …;"), one paragraph each."""
    tag(doc, "{%p for line in bases %}")
    para(doc, "{{ line }}", italic=True)
    tag(doc, "{%p endfor %}")


def _names(doc, intro: str, names: str, *, none: str):
    """ "intro (n đơn vị): A; B; C." or the sentence ``none`` when the list is empty."""
    tag(doc, "{%p if " + names + " %}")
    para(doc, intro + " ({{ " + names + "|length }} đơn vị): {{ " + names + '|join("; ") }}.')
    tag(doc, "{%p else %}")
    para(doc, none)
    tag(doc, "{%p endif %}")


def _for_the_clerk(doc, count=3):
    """Paragraphs of dots for the clerk to write in (the assessment, the shortcomings, the way ahead)."""
    for _ in range(count):
        para(doc, "…" * 32, indent=False)  # one line of 165 mm in Times New Roman 14 pt (an ellipsis is 1 em)


FIGURE_COLUMNS_MM = (11, 94, 30, 30)
RANK_COLUMNS_MM = (15, 90, 30, 30)
PROPOSAL_COLUMNS_MM = (11, 84, 24, 23, 23)
AWARD_COLUMNS_MM = (11, 90, 32, 32)


def _milestone_report(path: Path, *, office: bool) -> None:
    who = "cơ quan thường trực" if office else "khối, cụm thi đua"
    doc = new_document(f"Mẫu Báo cáo tổng hợp của {who}")
    header_block(doc, number="Số: {{ header.number }}")
    title_block(doc, "BÁO CÁO", "{{ report_title }}")
    _bases(doc)
    para(
        doc,
        "Thực hiện Kế hoạch {{ movement.title_lower }}{{ header.plan_reference }}; trên cơ sở báo cáo của các "
        "cơ quan, đơn vị, {{ issuer_name }} báo cáo tổng hợp kết quả {{ milestone.name_lower }}"
        + (" với vai trò cơ quan thường trực Hội đồng Thi đua - Khen thưởng" if office else "")
        + " như sau:",
    )

    heading(doc, "I. TÌNH HÌNH ĐĂNG KÝ THI ĐUA VÀ BÁO CÁO")
    heading(doc, "1. Đăng ký thi đua", before=0)
    para(
        doc,
        "Tổng số đơn vị tham gia: {{ participants|length }}; đã đăng ký: {{ registrations.registered|length }} "
        "(đúng hạn: {{ registrations.on_time }}, muộn: {{ registrations.late }}); chưa đăng ký: "
        "{{ registrations.missing|length }}.",
    )
    _names(doc, "Các đơn vị đã đăng ký", "registrations.registered", none="Chưa có đơn vị nào đăng ký thi đua.")
    _names(doc, "Các đơn vị chưa đăng ký", "registrations.missing", none="Tất cả các đơn vị đã đăng ký thi đua.")
    heading(doc, "2. Báo cáo {{ milestone.name_lower }}", before=0)
    para(
        doc,
        "Hạn gửi báo cáo: {{ milestone.deadline }}. Đã nhận {{ reports.counted }} báo cáo (đúng hạn: "
        "{{ reports.on_time }}, muộn: {{ reports.late }}); chưa gửi: {{ reports.missing|length }}.",
    )
    _names(doc, "Các đơn vị gửi báo cáo đúng hạn", "reports.on_time_units", none="Không có đơn vị nào gửi đúng hạn.")
    _names(doc, "Các đơn vị gửi báo cáo muộn", "reports.late_units", none="Không có đơn vị nào gửi báo cáo muộn.")
    _names(doc, "Các đơn vị chưa gửi báo cáo", "reports.missing", none="Tất cả các đơn vị đã gửi báo cáo.")

    heading(doc, "II. SỐ LIỆU TỔNG HỢP TỪ BÁO CÁO CỦA CÁC ĐƠN VỊ")
    tag(doc, "{%p if figures %}")
    _loop_table(
        doc, FIGURE_COLUMNS_MM, ("TT", "Nội dung", "Tổng số", "Số đơn vị báo cáo"), "figure in figures",
        (("{{ loop.index }}", CENTER), ("{{ figure.label }}", LEFT), ("{{ figure.total }}", CENTER),
         ("{{ figure.units }}", CENTER)),
    )
    tag(doc, "{%p else %}")
    para(doc, "Các báo cáo đã nhận không kèm số liệu.")
    tag(doc, "{%p endif %}")

    heading(doc, "III. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG")
    tag(doc, "{%p if scoring.rows %}")
    para(doc, "{{ scoring.note }}")
    _loop_table(
        doc, RANK_COLUMNS_MM, ("Xếp hạng", "Cơ quan, đơn vị", "Tổng điểm", "Xếp loại"), "row in scoring.rows",
        (("{{ row.rank }}", CENTER), ("{{ row.name }}", LEFT), ("{{ row.total }}", CENTER),
         ("{{ row.band }}", CENTER)),
    )
    tag(doc, "{%p else %}")
    para(doc, "{{ scoring.note }}")
    tag(doc, "{%p endif %}")

    heading(doc, "IV. ĐỀ NGHỊ KHEN THƯỞNG")
    tag(doc, "{%p if proposals.rows %}")
    para(
        doc,
        "Các đơn vị đã gửi {{ proposals.dossiers }} hồ sơ đề nghị khen thưởng, đề nghị khen thưởng "
        "{{ proposals.individuals }} cá nhân và {{ proposals.collectives }} tập thể:",
    )
    _loop_table(
        doc, PROPOSAL_COLUMNS_MM, ("TT", "Đơn vị đề nghị", "Số hồ sơ", "Cá nhân", "Tập thể"), "row in proposals.rows",
        (("{{ loop.index }}", CENTER), ("{{ row.name }}", LEFT), ("{{ row.dossiers }}", CENTER),
         ("{{ row.individuals }}", CENTER), ("{{ row.collectives }}", CENTER)),
        total=(("", CENTER), ("Tổng cộng", LEFT), ("{{ proposals.dossiers }}", CENTER),
               ("{{ proposals.individuals }}", CENTER), ("{{ proposals.collectives }}", CENTER)),
    )
    tag(doc, "{%p else %}")
    para(doc, "Chưa có hồ sơ đề nghị khen thưởng trong phong trào thi đua này.")
    tag(doc, "{%p endif %}")

    heading(doc, "V. KẾT QUẢ KHEN THƯỞNG")
    tag(doc, "{%p if awards.rows %}")
    para(
        doc,
        "Đã có {{ awards.decisions }} quyết định khen thưởng cho {{ awards.individuals }} cá nhân và "
        "{{ awards.collectives }} tập thể:",
    )
    _loop_table(
        doc, AWARD_COLUMNS_MM, ("TT", "Danh hiệu, hình thức khen thưởng", "Cá nhân", "Tập thể"), "row in awards.rows",
        (("{{ loop.index }}", CENTER), ("{{ row.name }}", LEFT), ("{{ row.individuals }}", CENTER),
         ("{{ row.collectives }}", CENTER)),
        total=(("", CENTER), ("Tổng cộng", LEFT), ("{{ awards.individuals }}", CENTER),
               ("{{ awards.collectives }}", CENTER)),
    )
    tag(doc, "{%p else %}")
    para(doc, "Chưa có quyết định khen thưởng trong phong trào thi đua này.")
    tag(doc, "{%p endif %}")

    heading(doc, "VI. ĐÁNH GIÁ CHUNG")
    _for_the_clerk(doc)
    heading(doc, "VII. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    _for_the_clerk(doc)
    para(doc, "Trên đây là báo cáo tổng hợp kết quả {{ milestone.name_lower }} của {{ issuer_name }}./.",
         before=6, keep_next=True)
    closing_block(doc)
    doc.save(path)


def build_bao_cao_khoi(path: Path) -> None:
    _milestone_report(path, office=False)


def build_bao_cao_thuong_truc(path: Path) -> None:
    _milestone_report(path, office=True)


MOVEMENT_KIND_COLUMNS_MM = (11, 58, 24, 24, 24, 24)
HONOUR_COLUMNS_MM = (11, 74, 26, 18, 18, 18)
STEP_COLUMNS_MM = (11, 84, 24, 23, 23)


def build_bao_cao_nam(path: Path) -> None:
    doc = new_document("Mẫu Báo cáo tổng kết công tác thi đua, khen thưởng năm")
    header_block(doc, number="Số: {{ header.number }}")
    title_block(doc, "BÁO CÁO", "Tổng kết công tác thi đua, khen thưởng năm {{ year }}")
    _bases(doc)
    para(
        doc,
        "{{ issuer_name }} báo cáo tổng kết công tác thi đua, khen thưởng năm {{ year }} (số liệu từ ngày "
        "01/01/{{ year }} đến ngày {{ data_to }}) như sau:",
    )

    heading(doc, "I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM {{ year }}")
    heading(doc, "1. Tổ chức các phong trào thi đua", before=0)
    para(
        doc,
        "Trong năm {{ year }}, các cơ quan, đơn vị đã phát động, triển khai {{ movements.total }} phong trào thi "
        "đua (thường xuyên: {{ movements.regular }}; chuyên đề: {{ movements.thematic }}; đợt thi đua đặc biệt: "
        "{{ movements.special }}).",
    )
    tag(doc, "{%p if movements.rows %}")
    _loop_table(
        doc, MOVEMENT_KIND_COLUMNS_MM, ("TT", "Phạm vi phát động", "Thường xuyên", "Chuyên đề", "Đặc biệt", "Tổng"),
        "row in movements.rows",
        (("{{ loop.index }}", CENTER), ("{{ row.label }}", LEFT), ("{{ row.regular }}", CENTER),
         ("{{ row.thematic }}", CENTER), ("{{ row.special }}", CENTER), ("{{ row.total }}", CENTER)),
        total=(("", CENTER), ("Tổng cộng", LEFT), ("{{ movements.regular }}", CENTER),
               ("{{ movements.thematic }}", CENTER), ("{{ movements.special }}", CENTER),
               ("{{ movements.total }}", CENTER)),
    )
    tag(doc, "{%p endif %}")
    heading(doc, "2. Đăng ký thi đua và chế độ báo cáo", before=0)
    para(
        doc,
        "Đăng ký thi đua: {{ participation.participants }} lượt đơn vị tham gia; đăng ký đúng hạn "
        "{{ participation.on_time }}, đăng ký muộn {{ participation.late }}, chưa đăng ký "
        "{{ participation.missing }}.",
    )
    para(
        doc,
        "Báo cáo sơ kết, tổng kết: {{ punctuality.milestones }} kỳ báo cáo, {{ punctuality.expected }} lượt báo "
        "cáo phải gửi; gửi đúng hạn {{ punctuality.on_time }}, gửi muộn {{ punctuality.late }}, chưa gửi "
        "{{ punctuality.missing }}.",
    )
    heading(doc, "3. Kết quả khen thưởng", before=0)
    para(
        doc,
        "Trong năm {{ year }}, có {{ honours.total }} lượt danh hiệu thi đua, hình thức khen thưởng "
        "({{ honours.individuals }} cá nhân, {{ honours.collectives }} tập thể), trong đó:",
    )
    tag(doc, "{%p for level in honours.levels %}")
    para(doc, "- {{ level.label }}: {{ level.total }} ({{ level.individuals }} cá nhân, "
              "{{ level.collectives }} tập thể);")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if honours.rows %}")
    _loop_table(
        doc, HONOUR_COLUMNS_MM, ("TT", "Danh hiệu, hình thức", "Cấp", "Cá nhân", "Tập thể", "Tổng"),
        "row in honours.rows",
        (("{{ loop.index }}", CENTER), ("{{ row.label }}", LEFT), ("{{ row.level }}", CENTER),
         ("{{ row.individuals }}", CENTER), ("{{ row.collectives }}", CENTER), ("{{ row.total }}", CENTER)),
        total=(("", CENTER), ("Tổng cộng", LEFT), ("", CENTER), ("{{ honours.individuals }}", CENTER),
               ("{{ honours.collectives }}", CENTER), ("{{ honours.total }}", CENTER)),
    )
    tag(doc, "{%p endif %}")
    heading(doc, "4. Tiếp nhận, xử lý hồ sơ đề nghị khen thưởng", before=0)
    para(
        doc,
        "Tổng số hồ sơ đề nghị khen thưởng: {{ dossiers.total }} (đã có quyết định: {{ dossiers.decided }}; "
        "đang xử lý: {{ dossiers.pending }}). Thời gian từ khi gửi hồ sơ đến khi có quyết định: bình quân "
        "{{ dossiers.mean_days }} ngày, trung vị {{ dossiers.median_days }} ngày.",
    )
    para(
        doc,
        "Số lần trả lại hồ sơ để bổ sung, hoàn thiện: {{ dossiers.returns }} (ở {{ dossiers.returned }} hồ sơ)"
        "{% if dossiers.reasons %}; lý do chủ yếu: {{ dossiers.reasons|join('; ') }}{% endif %}.",
    )

    heading(doc, "II. HẠN CHẾ, NGUYÊN NHÂN")
    _for_the_clerk(doc)
    heading(doc, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ next_year }}")
    _for_the_clerk(doc)
    para(doc, "Trên đây là báo cáo tổng kết công tác thi đua, khen thưởng năm {{ year }} của {{ issuer_name }}./.",
         before=6, keep_next=True)
    closing_block(doc)
    doc.save(path)


BUILDERS = {
    "ke_hoach.docx": build_ke_hoach,
    "chuong_trinh_cong_tac.docx": build_chuong_trinh,
    "giao_uoc.docx": build_giao_uoc,
    "bao_cao_tong_hop_khoi.docx": build_bao_cao_khoi,
    "bao_cao_tong_hop_thuong_truc.docx": build_bao_cao_thuong_truc,
    "bao_cao_tong_ket_nam.docx": build_bao_cao_nam,
}


def build_all(directory: Path = TEMPLATES_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in BUILDERS.items():
        builder(directory / name)
        written.append(directory / name)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES_DIR
    for written_path in build_all(target):
        print(written_path)
