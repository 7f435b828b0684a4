"""Generation of a movement's documents — the Kế hoạch, the Chương trình công tác and the Giao ước
thi đua — as DOCX from templates a clerk can edit (docxtpl), and as PDF through LibreOffice.

Templates
---------
The templates ship in `tdkt/documents/docx_templates/` (built by `build_templates.py`):

    ke_hoach.docx                 Kế hoạch tổ chức phong trào thi đua
    chuong_trinh_cong_tac.docx    Chương trình công tác (table by quarter)
    giao_uoc.docx                 Giao ước thi đua (content, registrations, signing table)
    bao_cao_tong_hop_khoi.docx    Báo cáo tổng hợp of a milestone by the block head   } variables in
    bao_cao_tong_hop_thuong_truc.docx   … by the standing office (thường trực)     } tdkt/reports/
    bao_cao_tong_ket_nam.docx     Báo cáo tổng kết công tác TĐKT năm N                 } drafts.py

To change a document's wording or layout, a clerk (through the system administrator) downloads
the template in use from /documents/templates/<kind>.docx, edits it in Word or LibreOffice Writer
and places the result, under the same file name, in the file storage (settings.STORAGES["default"])
under

    document_templates/       e.g. var/media/document_templates/ke_hoach.docx on the filesystem,
                              the key document_templates/ke_hoach.docx in the bucket with S3

A file there replaces the shipped template for every later generation, on every web node; deleting
it restores the shipped one. Text, fonts, margins, tables and paragraphs can be changed freely; the tags must stay
intact (type them in one go, so that Word keeps each tag in one run of text):

    {{ variable }}                a value, e.g. {{ movement.title }}, {{ header.place_date }}
    {%p for x in list %} … {%p endfor %}     repeat paragraphs (each tag alone in its paragraph)
    {%p if condition %} … {%p else %} … {%p endif %}
    {%tr for x in list %} … {%tr endfor %}   repeat table rows (each tag alone in its row)

The variables (all text is NFC-normalised Unicode):

    header.parent        governing body, capitals ("UBND TỈNH QUẢNG TRỊ"), may be empty
    header.issuer        issuing body, capitals ("KHỐI CÁC CƠ QUAN THAM MƯU, TỔNG HỢP")
    header.number        the plan's number and symbol ("01/KH-KTĐ"; blanks to fill in if none)
    header.program_number   number of the work program ("      /CTr-KTĐ", filled in by the văn thư)
    header.plan_reference   " số 01/KH-KTĐ ngày 24/01/2022" or empty
    header.place_date    "Quảng Trị, ngày 24 tháng 01 năm 2022" (NĐ 30: 0 before days < 10 and months 1, 2)
    issuer_name          issuing body as written ("Khối các cơ quan tham mưu, tổng hợp")
    year                 the plan's year
    movement.title       the plan's title as entered ("Kế hoạch tổ chức thực hiện phong trào …")
    movement.plan_title  the title without a leading "Kế hoạch" ("Tổ chức thực hiện phong trào …"),
                         for the heading under KẾ HOẠCH
    movement.title_lower the same in lower case, to write after "Kế hoạch" ("Căn cứ Kế hoạch
                         tổ chức thực hiện …"), never "Kế hoạch kế hoạch …"
    movement.theme, movement.kind, movement.start, movement.end
    purposes             paragraphs of "Mục đích, yêu cầu"
    plan_items           the plan's contents (text; "\\n" inside is a line break)
    covenant_items       the covenant's contents (the plan's when the covenant has none)
    targets              the plan's targets (text)
    phases               name, start, end, celebrates, celebrates_suffix
    milestones           name, deadline, meeting, window_suffix, meeting_suffix
    registration_deadline   "15/03/2022" or empty
    participants         names of the participating organisations
    quarters             roman ("I" … "IV"), number, tasks: content, lead, executing, due
    program_subtitle, covenant_subtitle, covenant_subtitle_upper, covenant_date, place_or_blank
    registrations        name, honours (titles and forms registered)
    members              name, name_upper, signed, signer_name, signer_title, signed_on, signature
    signer.title_lines   the signer's authority and post, in capitals, one line each
    signer.name          the signer's name
    recipients           lines of "Nơi nhận" (without the leading dash)

A template is rendered in a Jinja sandbox with autoescaping: a template cannot call methods that
change data, and "&" or "<" in the data cannot break the document. An unknown variable is an error
naming it, not a silent blank.
"""

import datetime
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone

from tdkt.records.domain.codes import honour_label

SOFFICE_TIMEOUT = 120
TEMPLATES_DIR = Path(__file__).resolve().parent / "docx_templates"
OVERRIDE_SUBDIR = "document_templates"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"


class DocumentError(Exception):
    """A document could not be produced; the message is Vietnamese and meant for the user."""

    def __init__(self, message: str, *, status: int = 500):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class DocumentKind:
    slug: str  # in URLs
    template: str  # file name of the template
    label: str  # Vietnamese name of the document


KINDS = {
    kind.slug: kind
    for kind in (
        DocumentKind("ke-hoach", "ke_hoach.docx", "Kế hoạch"),
        DocumentKind("chuong-trinh-cong-tac", "chuong_trinh_cong_tac.docx", "Chương trình công tác"),
        DocumentKind("giao-uoc", "giao_uoc.docx", "Giao ước thi đua"),
    )
}


# The consolidated reports (issue 14.3), drafted from figures rather than from one movement's plan: their
# context is built by tdkt.reports.drafts (see there for the variables); the same storage override applies.
REPORT_KINDS = {
    kind.slug: kind
    for kind in (
        DocumentKind("bao-cao-tong-hop-khoi", "bao_cao_tong_hop_khoi.docx", "Báo cáo tổng hợp của khối, cụm thi đua"),
        DocumentKind(
            "bao-cao-tong-hop-thuong-truc",
            "bao_cao_tong_hop_thuong_truc.docx",
            "Báo cáo tổng hợp của cơ quan thường trực",
        ),
        DocumentKind(
            "bao-cao-tong-ket-nam", "bao_cao_tong_ket_nam.docx", "Báo cáo tổng kết công tác thi đua, khen thưởng"
        ),
    )
}
ALL_KINDS = {**KINDS, **REPORT_KINDS}


def get_kind(kind: str | DocumentKind) -> DocumentKind:
    if isinstance(kind, DocumentKind):
        return kind
    try:
        return ALL_KINDS[kind]
    except KeyError:
        raise DocumentError(f"Không có loại văn bản “{kind}”.", status=404) from None


def override_name(kind: str | DocumentKind) -> str:
    """Where a clerk's template is kept in the file storage (the same name on every backend)."""
    return f"{OVERRIDE_SUBDIR}/{get_kind(kind).template}"


@dataclass(frozen=True)
class TemplateSource:
    data: bytes
    custom: bool  # the clerk's own template, not the shipped one
    file_name: str


def load_template(kind: str | DocumentKind) -> TemplateSource:
    """The clerk's template from the file storage if there is one, else the shipped one. Read through
    the storage API (not a path under MEDIA_ROOT) so that every web node sees the same template."""
    kind = get_kind(kind)
    try:
        with default_storage.open(override_name(kind), "rb") as handle:
            return TemplateSource(handle.read(), True, kind.template)
    except FileNotFoundError:
        return TemplateSource((TEMPLATES_DIR / kind.template).read_bytes(), False, kind.template)


# --- text and dates ---------------------------------------------------------------------------------

_CONTROL = {c: None for c in range(32) if c not in (9, 10)} | {127: None, 0xFFFE: None, 0xFFFF: None}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def clean(text) -> str:
    """NFC Unicode without the control characters that break XML or that docxtpl reads as
    paragraph and page breaks (\\a, \\f); tabs become spaces, line ends become "\\n"."""
    if text is None:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return unicodedata.normalize("NFC", text.translate(_CONTROL)).strip()


def lines(text) -> list[str]:
    return [line.strip() for line in clean(text).split("\n") if line.strip()]


def upper_vi(text) -> str:
    return unicodedata.normalize("NFC", clean(text).upper())


def upper_first(text: str) -> str:
    """ "tổ chức thực hiện …" → "Tổ chức thực hiện …"."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """ "Tổ chức thực hiện …" → "tổ chức thực hiện …", leaving acronyms ("UBND …") alone."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


_PLAN_WORD = re.compile(r"^kế\s+hoạch\b[\s:,.–—-]*", re.IGNORECASE)


def plan_subject(title: str) -> str:
    """What the plan is about: its title without a leading "Kế hoạch" ("Kế hoạch tổ chức thực hiện
    …" → "tổ chức thực hiện …"). The documents write "Kế hoạch" themselves ("Căn cứ Kế hoạch …",
    the heading KẾ HOẠCH), and most plans are titled with the word: it must not appear twice."""
    rest = _PLAN_WORD.sub("", unicodedata.normalize("NFC", title), count=1)
    return rest or title


def date_long(value: datetime.date | None, *, year: int | None = None) -> str:
    """ "ngày 24 tháng 01 năm 2022". NĐ 30/2020 (Phụ lục I): a 0 before days below 10 and before
    months 1 and 2 ("ngày 05 tháng 3"). Without a date: blanks for the văn thư to fill in."""
    if value is None:
        return f"ngày     tháng     năm {year or ''}".rstrip()
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def date_short(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def sentence(text: str) -> str:
    """The text ending with a full stop unless it already ends with punctuation."""
    return text if not text or text[-1] in ".;:!?…" else f"{text}."


def without_bullet(line: str) -> str:
    """A clerk's line without the dash or bullet typed before it ("- Như Điều 3;" → "Như Điều 3;"):
    the documents print their own dash, and two would read "- - Như Điều 3"."""
    return line.lstrip("-–—•·*+ \t").strip()


# --- context ----------------------------------------------------------------------------------------


def _participants(movement):
    """Participants in the block's order (head, deputy, members by position), others by name."""
    order = {}
    if movement.block_id:
        for membership in movement.block.memberships.all():
            order[membership.organization_id] = (0, membership.position, "")
    participants = [p.organization for p in movement.participants.select_related("organization")]
    return sorted(participants, key=lambda o: order.get(o.pk, (1, 0, o.name)))


def _program_number(document_number: str) -> str:
    """The work program's number: the plan's issuer symbol with "CTr" ("01/KH-KTĐ" → "/CTr-KTĐ")."""
    symbol = document_number.split("/", 1)[1] if "/" in document_number else ""
    issuer = symbol.split("-", 1)[1] if "-" in symbol else ""
    return f"        /CTr-{issuer}" if issuer else "        /CTr"


def build_context(movement) -> dict:
    """Everything a template may use, as plain values (no model instances reach the template)."""
    organization = movement.organization
    block = movement.block
    if block is not None:
        parent_name, issuer_name = block.organizer.name, block.name
    else:
        parent_name = organization.parent.name if organization.parent_id else ""
        issuer_name = organization.name
    issuer_name = clean(issuer_name)
    year = (movement.document_date or movement.start_date).year
    place = clean(movement.place)
    number = clean(movement.document_number)
    title = clean(movement.title)

    items = list(movement.content_items.all())
    plan_items = [clean(i.text) for i in items if i.part == "plan"]
    covenant_items = [clean(i.text) for i in items if i.part == "covenant"] or plan_items

    quarters = []
    for task in movement.tasks.all():
        if not quarters or quarters[-1]["number"] != task.quarter:
            quarters.append({"number": task.quarter, "roman": ROMAN.get(task.quarter, str(task.quarter)), "tasks": []})
        quarters[-1]["tasks"].append(
            {
                "content": clean(task.content),
                "lead": clean(task.lead),
                "executing": clean(task.executing),
                "due": date_short(task.due_date) or f"Quý {ROMAN.get(task.quarter, task.quarter)}",
            }
        )

    participants = _participants(movement)
    signatures = {s.organization_id: s for s in movement.signatures.all()}
    members = []
    for org in participants:
        signature = signatures.get(org.pk)
        members.append(
            {
                "name": clean(org.name),
                "name_upper": upper_vi(org.name),
                "signed": signature is not None,
                "signer_name": clean(signature.signer_name) if signature else "",
                "signer_title": clean(signature.signer_title) if signature else "",
                "signed_on": date_short(timezone.localtime(signature.signed_at).date()) if signature else "",
                "signature": "(Đã ký)" if signature else "",
            }
        )
    registrations = [
        {
            "name": clean(r.organization.name),
            # In the order the unit registered them (PostgreSQL keeps no order without one).
            "honours": "; ".join(clean(honour_label(i.award_code)) for i in sorted(r.items.all(), key=lambda i: i.pk)),
        }
        for r in movement.registrations.exclude(status="refused_late")
        .select_related("organization")
        .prefetch_related("items")
        .order_by("organization__name")
    ]

    subtitle = f"{issuer_name} năm {year}" if block is not None else title
    recipients = [line for line in map(without_bullet, lines(movement.recipients)) if line]
    recipients = recipients or ["Các đơn vị tham gia;", "Lưu: VT."]

    return {
        "header": {
            "parent": upper_vi(parent_name),
            "issuer": upper_vi(issuer_name),
            "number": number or "        /KH",
            "program_number": _program_number(number),
            "plan_reference": (
                f" số {number}" + (f" ngày {date_short(movement.document_date)}" if movement.document_date else "")
                if number
                else ""
            ),
            "place_date": f"{place or '…………'}, {date_long(movement.document_date, year=year)}",
        },
        "issuer_name": issuer_name,
        "year": year,
        "movement": {
            "title": title,
            "plan_title": upper_first(plan_subject(title)),
            "title_lower": lower_first(plan_subject(title)),
            "theme": clean(movement.theme).strip('“”"'),
            "kind": clean(movement.get_kind_display()),
            "start": date_short(movement.start_date),
            "end": date_short(movement.end_date),
        },
        "purposes": lines(movement.purposes)
        or [f"Tổ chức thực hiện phong trào thi đua sâu rộng, thiết thực, hiệu quả, hoàn thành nhiệm vụ năm {year}."],
        "plan_items": plan_items,
        "covenant_items": covenant_items,
        "targets": [sentence(clean(t.label)) for t in movement.targets.all()],
        "phases": [
            {
                "name": clean(p.name),
                "start": date_short(p.start_date),
                "end": date_short(p.end_date),
                "celebrates": clean(p.celebrates),
                "celebrates_suffix": f": {sentence(clean(p.celebrates))}" if p.celebrates.strip() else ".",
            }
            for p in movement.phases.all()
        ],
        "milestones": [
            {
                "name": clean(m.name),
                "deadline": date_short(m.report_deadline),
                "meeting": clean(m.meeting),
                "window_suffix": (
                    f" (số liệu từ ngày {date_short(m.data_from)} đến ngày {date_short(m.data_to)})"
                    if m.data_from and m.data_to
                    else ""
                ),
                "meeting_suffix": f"; {clean(m.meeting)}" if m.meeting.strip() else "",
            }
            for m in movement.milestones.all()
        ],
        "registration_deadline": date_short(movement.registration_deadline),
        "participants": [clean(o.name) for o in participants],
        "quarters": quarters,
        "program_subtitle": subtitle,
        "covenant_subtitle": subtitle,
        "covenant_subtitle_upper": upper_vi(subtitle),
        "covenant_date": date_long(movement.document_date, year=year),
        "place_or_blank": place or "…………",
        "registrations": registrations,
        "members": members,
        "signer": {
            "title_lines": [upper_vi(line) for line in lines(movement.signer_title)],
            "name": clean(movement.signer_name),
        },
        "recipients": recipients,
    }


# --- DOCX -------------------------------------------------------------------------------------------


def _jinja_env():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def render_docx(
    kind: str | DocumentKind, movement, *, context: dict | None = None, source: TemplateSource | None = None
) -> bytes:
    """The document of `kind` ("ke-hoach", "chuong-trinh-cong-tac", "giao-uoc") for `movement`, as
    DOCX bytes. Raises DocumentError with a Vietnamese message if the template is broken."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    kind = get_kind(kind)
    source = source or load_template(kind)
    context = build_context(movement) if context is None else context
    where = "mẫu riêng" if source.custom else "mẫu gốc"
    try:
        template = DocxTemplate(BytesIO(source.data))
        template.render(context, jinja_env=_jinja_env(), autoescape=True)
        out = BytesIO()
        template.save(out)
    except TemplateError as exc:
        raise DocumentError(
            f"Mẫu {kind.label} ({where} {source.file_name}) có lỗi: {exc}. "
            "Hãy sửa thẻ trong mẫu, hoặc xóa mẫu riêng để dùng lại mẫu gốc."
        ) from exc
    except Exception as exc:  # a file that is not a Word document, a damaged archive, …
        raise DocumentError(
            f"Không đọc được mẫu {kind.label} ({where} {source.file_name}): {exc.__class__.__name__}. "
            "Mẫu phải là tệp Word (.docx)."
        ) from exc
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------------------


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes: bytes, *, timeout: int = SOFFICE_TIMEOUT) -> bytes:
    """Convert a DOCX to PDF with LibreOffice headless.

    Each call has its own temporary folder and its own LibreOffice profile
    (-env:UserInstallation), so conversions can run side by side; the whole process group is
    killed after `timeout` seconds. Either the complete PDF is returned or DocumentError is raised:
    nothing half-written is ever returned or left behind."""
    soffice = soffice_path()
    if soffice is None:
        raise DocumentError(
            "Máy chủ chưa cài LibreOffice (lệnh soffice) nên không tạo được tệp PDF. "
            "Hãy tải bản Word (.docx) hoặc báo quản trị hệ thống cài gói libreoffice-writer-nogui.",
            status=503,
        )
    with tempfile.TemporaryDirectory(prefix="tdkt-pdf-") as tmp:
        work = Path(tmp)
        source = work / "van-ban.docx"
        source.write_bytes(docx_bytes)
        outdir = work / "out"
        outdir.mkdir()
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work)}
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
        )
        try:
            _stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise DocumentError(
                f"LibreOffice không chuyển xong văn bản sang PDF trong {timeout} giây. Hãy thử lại sau "
                "hoặc tải bản Word (.docx).",
                status=503,
            ) from None
        pdf = outdir / "van-ban.pdf"
        data = pdf.read_bytes() if pdf.is_file() else b""
        if process.returncode != 0 or not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"mã lỗi {process.returncode}"]
            raise DocumentError(
                f"LibreOffice không chuyển được văn bản sang PDF ({detail[0][:200]}). Hãy tải bản Word (.docx).",
                status=503,
            )
        return data


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


def render(kind: str | DocumentKind, movement, fmt: str, *, source: TemplateSource | None = None) -> bytes:
    docx_bytes = render_docx(kind, movement, source=source)
    return docx_bytes if fmt == "docx" else docx_to_pdf(docx_bytes)
