"""The plan file (tệp kế hoạch): one emulation plan as JSON, the format a province imports and the
plan page exports. Pure Python: it reads and checks the file and answers a `PlanFile`, or every
mistake at once, each naming its place in the file ("milestones[2].report_deadline: ...") in
Vietnamese, so that a clerk can fix the file in one go. Whether the organisations, the block and the
plan's rules hold in the database is the import service's part (services/plan_import.py).

Dates are written as a clerk writes them, dd/mm/yyyy; numbers are JSON numbers or Vietnamese text
("2,5"); codes are the system's (organisation codes, honour codes such as "CO_TINH").
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from tdkt.records.domain.codes import HONOURS, RATINGS

FORMAT = "tdkt-ke-hoach/1"
MAX_BYTES = 2 * 1024 * 1024  # a plan's text is tens of kilobytes; 2 MB leaves room and no more
MAX_TEXT = 20_000  # one purpose, theme or content: the seeds' longest is under 3,000
LIST_CAPS = {
    "participants": 500,
    "award_codes": 30,
    "phases": 20,
    "milestones": 60,
    "targets": 60,
    "tasks": 200,
    "plan_contents": 100,
    "covenant_contents": 100,
}

# The models' choices (tdkt/movements/models.py), repeated here so this module stays pure; a test
# checks that they agree.
MOVEMENT_KINDS = ("regular", "thematic", "special")
MOVEMENT_STATUSES = ("draft", "issued", "closed")
MILESTONE_KINDS = ("mid_year", "year_end", "mid_term", "final", "phase_end", "yearly")
TARGET_KINDS = ("award_share", "award_count", "rating_share")
TARGET_SUBJECTS = ("individual", "collective")
TASK_STATUSES = ("planned", "in_progress", "done")

DATE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Vietnamese writing of a number: "1.234", "2,5", "-3".
VN_NUMBER_RE = re.compile(r"-?\d{1,3}(\.\d{3})+(,\d+)?|-?\d+(,\d+)?")
MAX_VALUE = 100_000  # Target.value has 7 digits, 2 after the comma
CODE_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")


@dataclass
class PhaseRow:
    name: str
    start_date: datetime.date
    end_date: datetime.date
    celebrates: str = ""


@dataclass
class MilestoneRow:
    kind: str
    name: str
    report_deadline: datetime.date
    data_from: datetime.date | None = None
    data_to: datetime.date | None = None
    phase: str = ""  # the name of one of the file's phases
    meeting: str = ""


@dataclass
class TargetRow:
    label: str
    kind: str
    subject: str
    value: Decimal
    year: int
    award_code: str = ""
    min_rating: str = ""


@dataclass
class TaskRow:
    quarter: int
    content: str
    lead: str
    executing: str = ""
    due_date: datetime.date | None = None
    lead_organization: str = ""  # an organisation code
    status: str = "planned"


@dataclass
class PlanFile:
    organization: str
    title: str
    kind: str
    start_date: datetime.date
    end_date: datetime.date
    status: str = "draft"
    block: dict | None = None  # {"name", "year", "organizer"?}
    movement_fields: dict = field(default_factory=dict)  # the rest of the Movement's own fields
    participants: list[str] = field(default_factory=list)
    phases: list[PhaseRow] = field(default_factory=list)
    milestones: list[MilestoneRow] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    plan_contents: list[str] = field(default_factory=list)
    covenant_contents: list[str] = field(default_factory=list)


class PlanFileError(Exception):
    """Every mistake found in a file: {path: [message, ...]} in the file's order."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{path}: {' '.join(msgs)}" for path, msgs in errors.items()))
        self.errors = errors


# Writing ---------------------------------------------------------------------------------------


def format_date(day: datetime.date | None) -> str | None:
    return f"{day:%d/%m/%Y}" if day else None


def format_number(value: Decimal) -> int | float:
    """A JSON number: whole values as integers (100, not 100.00)."""
    return int(value) if value == value.to_integral_value() else float(value)


def dumps(document: dict) -> str:
    """The file's text: UTF-8 as a person reads it (no \\u escapes), indented for review."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# Reading ---------------------------------------------------------------------------------------


def loads(data: bytes | str) -> PlanFile:
    """Read a plan file's bytes (or text); raise PlanFileError listing every mistake."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise PlanFileError({"tệp": [f"Tệp quá lớn: tối đa {MAX_BYTES // (1024 * 1024)} MB."]})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError({"tệp": ["Tệp phải là văn bản JSON mã hóa UTF-8."]}) from None
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except ValueError as exc:
        where = f" (dòng {exc.lineno}, cột {exc.colno})" if hasattr(exc, "lineno") else ""
        raise PlanFileError({"tệp": [f"Tệp không phải JSON hợp lệ{where}."]}) from None
    return parse(document)


def _no_constant(name):
    raise ValueError(name)  # NaN, Infinity: not JSON a person writes


def parse(document) -> PlanFile:
    reader = _Reader()
    plan = reader.plan(document)
    if reader.errors:
        raise PlanFileError(reader.errors)
    return plan


_MISSING = object()

TOP_KEYS = {
    "format", "organization", "block", "title", "kind", "status", "document_number", "document_date", "place",
    "signer_title", "signer_name", "start_date", "end_date", "registration_deadline", "theme", "purposes",
    "for_collectives", "for_individuals", "award_codes", "recipients", "participants", "phases", "milestones",
    "targets", "tasks", "plan_contents", "covenant_contents",
}  # fmt: skip
# The Movement's short text fields and their lengths (models.py).
SHORT_TEXTS = {"document_number": 60, "place": 100, "signer_title": 200, "signer_name": 150}
LONG_TEXTS = ("theme", "purposes", "recipients")


class _Reader:
    def __init__(self):
        self.errors: dict[str, list[str]] = {}

    def error(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    # Values --------------------------------------------------------------------------------------

    def object(self, value, path: str, keys: set[str]) -> dict | None:
        if not isinstance(value, dict):
            self.error(path or "tệp", "phải là một đối tượng JSON {…}.")
            return None
        for key in value:
            if key not in keys:
                self.error(_join(path, key), "không có trường này trong tệp kế hoạch.")
        return value

    def text(self, obj: dict, key: str, path: str, *, max_length: int = MAX_TEXT, required=False) -> str:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None:
            if required:
                self.error(where, "thiếu, phải có.")
            return ""
        if not isinstance(value, str):
            self.error(where, "phải là chuỗi ký tự.")
            return ""
        value = value.strip()
        if required and not value:
            self.error(where, "không được để trống.")
        elif len(value) > max_length:
            self.error(where, f"quá dài (tối đa {max_length} ký tự, tệp có {len(value)}).")
        elif _bad_character(value):
            self.error(where, "chứa ký tự điều khiển không được phép.")
        return value

    def date(self, obj: dict, key: str, path: str, *, required=False) -> datetime.date | None:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None or value == "":
            if required:
                self.error(where, "thiếu ngày, phải có (dạng dd/mm/yyyy).")
            return None
        match = DATE_RE.match(value.strip()) if isinstance(value, str) else None
        if match is None:
            self.error(where, "ngày phải dạng dd/mm/yyyy (ví dụ 15/03/2022).")
            return None
        day, month, year = (int(g) for g in match.groups())
        try:
            parsed = datetime.date(year, month, day)
        except ValueError:
            self.error(where, f"ngày {value.strip()} không có thật.")
            return None
        if not 1900 <= year <= 2100:
            self.error(where, "năm phải từ 1900 đến 2100.")
            return None
        return parsed

    def choice(self, obj: dict, key: str, path: str, choices, *, required=True, default="") -> str:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None or value == "":
            if required:
                self.error(where, f"thiếu, phải là một trong: {', '.join(choices)}.")
            return default
        if not isinstance(value, str) or value not in choices:
            self.error(where, f"giá trị “{_show(value)}” không được phép (chọn một trong: {', '.join(choices)}).")
            return default
        return value

    def boolean(self, obj: dict, key: str, path: str, default: bool) -> bool:
        value = obj.get(key, _MISSING)
        if value is _MISSING or value is None:
            return default
        if not isinstance(value, bool):
            self.error(_join(path, key), "phải là true hoặc false.")
            return default
        return value

    def integer(self, obj: dict, key: str, path: str, low: int, high: int) -> int | None:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None:
            self.error(where, "thiếu, phải có.")
            return None
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(where, "phải là số nguyên.")
            return None
        if not low <= value <= high:
            self.error(where, f"phải từ {low} đến {high}.")
            return None
        return value

    def number(self, obj: dict, key: str, path: str) -> Decimal | None:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None or value == "":
            self.error(where, "thiếu, phải có.")
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(repr(value))
        elif isinstance(value, str) and VN_NUMBER_RE.fullmatch(value.strip()):
            number = Decimal(value.strip().replace(".", "").replace(",", "."))
        else:
            self.error(where, 'phải là số (ví dụ 20, 2.5 hoặc "2,5").')
            return None
        if abs(number) >= MAX_VALUE:
            self.error(where, f"số quá lớn (nhỏ hơn {MAX_VALUE:,}).".replace(",", "."))
            return None
        if number != number.quantize(Decimal("0.01")):
            self.error(where, "tối đa hai chữ số thập phân.")
            return None
        return number

    def items(self, obj: dict, key: str, path: str) -> list:
        value = obj.get(key, _MISSING)
        where = _join(path, key)
        if value is _MISSING or value is None:
            return []
        if not isinstance(value, list):
            self.error(where, "phải là một danh sách […].")
            return []
        cap = LIST_CAPS[key]
        if len(value) > cap:
            self.error(where, f"quá nhiều mục: tối đa {cap}, tệp có {len(value)}.")
            return []
        return value

    def codes(self, obj: dict, key: str, path: str) -> list[str]:
        out = []
        for i, value in enumerate(self.items(obj, key, path)):
            where = f"{_join(path, key)}[{i}]"
            if not isinstance(value, str) or not CODE_RE.match(value.strip()):
                self.error(where, "phải là một mã (chữ, số, “-”, “_”, “.”; tối đa 40 ký tự).")
                continue
            if value.strip() in out:
                self.error(where, f"mã “{value.strip()}” bị lặp.")
                continue
            out.append(value.strip())
        return out

    # The plan ------------------------------------------------------------------------------------

    def plan(self, document) -> PlanFile | None:
        doc = self.object(document, "", TOP_KEYS)
        if doc is None:
            return None
        fmt = doc.get("format", FORMAT)
        if fmt != FORMAT:
            self.error("format", f"phải là “{FORMAT}” (tệp có “{_show(fmt)}”).")
        organization = self.text(doc, "organization", "", max_length=40, required=True)
        title = self.text(doc, "title", "", max_length=500, required=True)
        kind = self.choice(doc, "kind", "", MOVEMENT_KINDS)
        status = self.choice(doc, "status", "", MOVEMENT_STATUSES, required=False, default="draft")
        start = self.date(doc, "start_date", "", required=True)
        end = self.date(doc, "end_date", "", required=True)
        if start and end and end < start:
            self.error("end_date", "ngày kết thúc phải bằng hoặc sau ngày bắt đầu.")
        fields = {name: self.text(doc, name, "", max_length=size) for name, size in SHORT_TEXTS.items()}
        fields |= {name: self.text(doc, name, "") for name in LONG_TEXTS}
        fields["document_date"] = self.date(doc, "document_date", "")
        fields["registration_deadline"] = self.date(doc, "registration_deadline", "")
        fields["for_collectives"] = self.boolean(doc, "for_collectives", "", True)
        fields["for_individuals"] = self.boolean(doc, "for_individuals", "", True)
        fields["award_codes"] = self.codes(doc, "award_codes", "")
        for i, code in enumerate(fields["award_codes"]):
            if code not in HONOURS:
                self.error(f"award_codes[{i}]", f"không có danh hiệu, hình thức khen thưởng mã “{code}”.")
        plan = PlanFile(
            organization=organization,
            title=title,
            kind=kind,
            status=status,
            start_date=start,
            end_date=end,
            block=self.block(doc.get("block")),
            movement_fields=fields,
            participants=self.codes(doc, "participants", ""),
            plan_contents=self.contents(doc, "plan_contents"),
            covenant_contents=self.contents(doc, "covenant_contents"),
        )
        period = (start, end) if start and end and start <= end else None
        plan.phases = [self.phase(row, f"phases[{i}]", period) for i, row in enumerate(self.items(doc, "phases", ""))]
        names = [p.name for p in plan.phases if p]
        for i, phase in enumerate(plan.phases):
            if phase and phase.name and names.count(phase.name) > 1 and names.index(phase.name) != i:
                self.error(f"phases[{i}].name", f"tên đợt “{phase.name}” bị lặp; mỗi đợt một tên.")
        rows = self.items(doc, "milestones", "")
        plan.milestones = [self.milestone(row, f"milestones[{i}]", set(names)) for i, row in enumerate(rows)]
        rows = self.items(doc, "targets", "")
        plan.targets = [self.target(row, f"targets[{i}]", period) for i, row in enumerate(rows)]
        plan.tasks = [self.task(row, f"tasks[{i}]") for i, row in enumerate(self.items(doc, "tasks", ""))]
        return plan

    def block(self, value) -> dict | None:
        if value is None:
            return None
        obj = self.object(value, "block", {"name", "year", "organizer"})
        if obj is None:
            return None
        name = self.text(obj, "name", "block", max_length=200, required=True)
        year = self.integer(obj, "year", "block", 1900, 2100)
        organizer = self.text(obj, "organizer", "block", max_length=40)
        return {"name": name, "year": year, "organizer": organizer}

    def contents(self, doc: dict, key: str) -> list[str]:
        out = []
        for i, value in enumerate(self.items(doc, key, "")):
            where = f"{key}[{i}]"
            if not isinstance(value, str) or not value.strip():
                self.error(where, "phải là một đoạn văn bản, không để trống.")
            elif len(value.strip()) > MAX_TEXT:
                self.error(where, f"quá dài (tối đa {MAX_TEXT} ký tự).")
            elif _bad_character(value):
                self.error(where, "chứa ký tự điều khiển không được phép.")
            else:
                out.append(value.strip())
        return out

    def phase(self, value, path: str, period) -> PhaseRow | None:
        obj = self.object(value, path, {"name", "start_date", "end_date", "celebrates"})
        if obj is None:
            return None
        name = self.text(obj, "name", path, max_length=200, required=True)
        start = self.date(obj, "start_date", path, required=True)
        end = self.date(obj, "end_date", path, required=True)
        if start and end and end < start:
            self.error(f"{path}.end_date", "ngày kết thúc đợt phải bằng hoặc sau ngày bắt đầu.")
        elif start and end and period and (start < period[0] or end > period[1]):
            self.error(
                f"{path}.start_date",
                f"đợt phải nằm trong thời gian của phong trào ({period[0]:%d/%m/%Y} – {period[1]:%d/%m/%Y}).",
            )
        return PhaseRow(name=name, start_date=start, end_date=end, celebrates=self.text(obj, "celebrates", path))

    def milestone(self, value, path: str, phase_names: set[str]) -> MilestoneRow | None:
        keys = {"kind", "name", "report_deadline", "data_from", "data_to", "phase", "meeting"}
        obj = self.object(value, path, keys)
        if obj is None:
            return None
        row = MilestoneRow(
            kind=self.choice(obj, "kind", path, MILESTONE_KINDS),
            name=self.text(obj, "name", path, max_length=200, required=True),
            report_deadline=self.date(obj, "report_deadline", path, required=True),
            data_from=self.date(obj, "data_from", path),
            data_to=self.date(obj, "data_to", path),
            phase=self.text(obj, "phase", path, max_length=200),
            meeting=self.text(obj, "meeting", path, max_length=300),
        )
        if row.data_from and row.data_to and row.data_to < row.data_from:
            self.error(f"{path}.data_to", "khoảng số liệu không hợp lệ: ngày kết thúc trước ngày bắt đầu.")
        if row.phase and row.phase not in phase_names:
            self.error(f"{path}.phase", f"không có đợt thi đua tên “{row.phase}” trong phases.")
        return row

    def target(self, value, path: str, period) -> TargetRow | None:
        keys = {"label", "kind", "subject", "award_code", "min_rating", "value", "year"}
        obj = self.object(value, path, keys)
        if obj is None:
            return None
        row = TargetRow(
            label=self.text(obj, "label", path, max_length=300, required=True),
            kind=self.choice(obj, "kind", path, TARGET_KINDS),
            subject=self.choice(obj, "subject", path, TARGET_SUBJECTS),
            award_code=self.choice(obj, "award_code", path, tuple(HONOURS), required=False),
            min_rating=self.choice(obj, "min_rating", path, tuple(RATINGS), required=False),
            value=self.number(obj, "value", path),
            year=self.integer(obj, "year", path, 1900, 2100),
        )
        if row.kind in ("award_share", "award_count") and not row.award_code and "award_code" not in self._at(path):
            self.error(f"{path}.award_code", "chỉ tiêu này cần danh hiệu hoặc hình thức khen thưởng.")
        if row.kind == "rating_share" and not row.min_rating and "min_rating" not in self._at(path):
            self.error(f"{path}.min_rating", "chỉ tiêu này cần mức xếp loại tối thiểu.")
        if row.value is not None and row.kind in ("award_share", "rating_share") and not 0 <= row.value <= 100:
            self.error(f"{path}.value", "tỷ lệ phải từ 0 đến 100 (%).")
        if row.value is not None and row.kind == "award_count" and row.value < 0:
            self.error(f"{path}.value", "số lượng không được âm.")
        if row.award_code in HONOURS and row.subject and row.subject not in HONOURS[row.award_code][2]:
            who = "tập thể" if row.subject == "collective" else "cá nhân"
            self.error(f"{path}.award_code", f"{HONOURS[row.award_code][0]} không xét tặng cho {who}.")
        if row.year is not None and period and not period[0].year <= row.year <= period[1].year:
            self.error(
                f"{path}.year", f"năm đánh giá phải trong thời gian của phong trào ({period[0].year}–{period[1].year})."
            )
        return row

    def task(self, value, path: str) -> TaskRow | None:
        keys = {"quarter", "content", "lead", "lead_organization", "executing", "due_date", "status"}
        obj = self.object(value, path, keys)
        if obj is None:
            return None
        lead_organization = self.text(obj, "lead_organization", path, max_length=40)
        return TaskRow(
            quarter=self.integer(obj, "quarter", path, 1, 4),
            content=self.text(obj, "content", path, required=True),
            lead=self.text(obj, "lead", path, max_length=200, required=True),
            executing=self.text(obj, "executing", path, max_length=200),
            due_date=self.date(obj, "due_date", path),
            lead_organization=lead_organization,
            status=self.choice(obj, "status", path, TASK_STATUSES, required=False, default="planned"),
        )

    def _at(self, path: str) -> set[str]:
        """The fields of `path` that already have an error (so one mistake is told once)."""
        prefix = f"{path}."
        return {key[len(prefix) :] for key in self.errors if key.startswith(prefix)}


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _show(value) -> str:
    return str(value)[:60]


def _bad_character(value: str) -> bool:
    """NUL and other control characters (tabs and line breaks are text), which PostgreSQL or the
    documents built from the plan cannot hold."""
    return any((ord(ch) < 32 and ch not in "\t\n\r") or ch in "\x7f\ufffe\uffff" for ch in value) or any(
        0xD800 <= ord(ch) <= 0xDFFF for ch in value
    )
