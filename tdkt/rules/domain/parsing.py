"""The contract's JSON cases → ``Case`` facts, with precise validation errors.

Malformed input (not JSON, a missing field, an unknown code, a bad date, a value of the wrong
type or outside its list) raises ``MalformedInput``, whose one-line text names the case (id and
position) and the field (a JSON path such as ``subject.titles[1].code``). Validation happens once
here, so the engine never re-checks or re-parses. Unknown extra keys (e.g. ``expect`` in the
examples file) are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from .types import (
    AWARD_CODES,
    DISCIPLINE_BY_NAME,
    POST_LEVELS,
    RATING_BY_NAME,
    SCOPE_BY_NAME,
    SEXES,
    Basis,
    Case,
    Discipline,
    Initiative,
    InitiativeKind,
    Kind,
    Members,
    Post,
    Record,
    SubjectFacts,
)

MIN_YEAR, MAX_YEAR = 1000, 9999
_BASES = {b.value: b for b in Basis}
_KINDS = {k.value: k for k in Kind}
_INITIATIVE_KINDS = {k.value: k for k in InitiativeKind}
_SEXES = {s: s for s in SEXES}
_POST_LEVELS = {level: level for level in POST_LEVELS}
_MEMBER_FIELDS = ("total", "completed", "ldtt", "cstdcs", "disciplined_canh_cao_or_above")


class MalformedInput(ValueError):
    """Input that does not follow the contract; ``str()`` is one line naming the case and field."""

    def __init__(
        self, detail: str, *, case_id: str | None = None, index: int | None = None, field: str | None = None,
    ) -> None:
        self.detail = detail
        self.case_id = case_id
        self.index = index
        self.field = field
        super().__init__(self.one_line())

    def one_line(self) -> str:
        parts = []
        if self.index is not None:
            who = f"hồ sơ thứ {self.index + 1}"
            if self.case_id is not None:
                who += f" (id {json.dumps(self.case_id, ensure_ascii=False)})"
            parts.append(who)
        if self.field:
            parts.append(f"trường {self.field}")
        text = ", ".join(parts)
        text = f"{text}: {self.detail}" if text else self.detail
        return " ".join(text.split())  # one line, whatever the input held


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


class _Reader:
    """Validates one case; every error names the case and the JSON path of the field."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.case_id: str | None = None

    def fail(self, field: str, detail: str) -> MalformedInput:
        return MalformedInput(detail, case_id=self.case_id, index=self.index, field=field)

    def obj(self, value: Any, field: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(field, f"phải là một đối tượng JSON, nhận được {_show(value)}")
        return value

    def get(self, obj: Mapping[str, Any], key: str, path: str) -> Any:
        if key not in obj:
            raise self.fail(path, "thiếu trường bắt buộc")
        return obj[key]

    def string(self, value: Any, field: str) -> str:
        if not isinstance(value, str):
            raise self.fail(field, f"phải là chuỗi, nhận được {_show(value)}")
        return value

    def integer(self, value: Any, field: str, *, low: int | None = None, high: int | None = None) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, f"phải là số nguyên, nhận được {_show(value)}")
        if (low is not None and value < low) or (high is not None and value > high):
            raise self.fail(field, f"giá trị {value} nằm ngoài khoảng {low}..{high}")
        return value

    def year(self, value: Any, field: str) -> int:
        return self.integer(value, field, low=MIN_YEAR, high=MAX_YEAR)

    def boolean(self, value: Any, field: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(field, f"phải là true hoặc false, nhận được {_show(value)}")
        return value

    def choice(self, value: Any, field: str, choices: Mapping[str, Any], what: str) -> Any:
        if not isinstance(value, str) or value not in choices:
            raise self.fail(field, f"{what} không xác định {_show(value)} (hợp lệ: {', '.join(choices)})")
        return choices[value]

    def day(self, value: Any, field: str) -> date:
        """A calendar date written exactly YYYY-MM-DD."""
        if not isinstance(value, str):
            raise self.fail(field, f"ngày phải là chuỗi YYYY-MM-DD, nhận được {_show(value)}")
        if len(value) != 10 or value[4] != "-" or value[7] != "-" or not (
            value[:4].isdigit() and value[5:7].isdigit() and value[8:].isdigit() and value.isascii()
        ):
            raise self.fail(field, f"ngày không hợp lệ {_show(value)} (cần YYYY-MM-DD)")
        try:
            return date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            raise self.fail(field, f"ngày không tồn tại {_show(value)}") from None

    def array(self, value: Any, field: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(field, f"phải là một mảng JSON, nhận được {_show(value)}")
        return value

    def records(self, value: Any, field: str) -> tuple[Record, ...]:
        items = self.array(value, field)
        out = []
        for item in items:  # fast path for valid input; the checked path below names any error
            if item.__class__ is not dict:
                break
            code, year = item.get("code"), item.get("year")
            if code.__class__ is not str or code not in AWARD_CODES or year.__class__ is not int or not (
                MIN_YEAR <= year <= MAX_YEAR
            ):
                break
            out.append(Record(code, year))
        else:
            return tuple(out)
        return self._checked_records(items, field)

    def _checked_records(self, items: list[Any], field: str) -> tuple[Record, ...]:
        out = []
        for i, item in enumerate(items):
            path = f"{field}[{i}]"
            item = self.obj(item, path)
            code = self.choice(
                self.get(item, "code", f"{path}.code"), f"{path}.code", _AWARD_CHOICES, "mã danh hiệu/hình thức",
            )
            out.append(Record(code, self.year(self.get(item, "year", f"{path}.year"), f"{path}.year")))
        return tuple(out)


_AWARD_CHOICES = {code: code for code in sorted(AWARD_CODES)}


def parse_case(value: Any, index: int = 0) -> Case:
    """One JSON case → ``Case``; raises ``MalformedInput``."""
    if not isinstance(value, dict):
        raise MalformedInput(f"mỗi hồ sơ phải là một đối tượng JSON, nhận được {_show(value)}", index=index)
    r = _Reader(index)
    case = value
    r.case_id = r.string(r.get(case, "id", "id"), "id")
    award = r.choice(r.get(case, "award", "award"), "award", _AWARD_CHOICES, "mã danh hiệu/hình thức")
    year = r.year(r.get(case, "year", "year"), "year")
    on_date = r.day(r.get(case, "on_date", "on_date"), "on_date")
    basis = r.choice(case["basis"], "basis", _BASES, "cơ sở khen thưởng") if "basis" in case else Basis.REGULAR
    subject = parse_subject(r, r.get(case, "subject", "subject"))
    return Case(award=award, year=year, on_date=on_date, subject=subject, basis=basis, id=r.case_id)


def parse_subject(r: _Reader, value: Any) -> SubjectFacts:
    s = r.obj(value, "subject")
    kind = r.choice(r.get(s, "kind", "subject.kind"), "subject.kind", _KINDS, "loại đối tượng")

    ratings = {}
    for key, rating in r.obj(r.get(s, "ratings", "subject.ratings"), "subject.ratings").items():
        if len(key) == 4 and key.isdigit() and key.isascii() and rating.__class__ is str and rating in RATING_BY_NAME:
            ratings[int(key)] = RATING_BY_NAME[rating]
            continue
        path = f"subject.ratings.{key}"
        if not (len(key) == 4 and key.isdigit() and key.isascii()):
            raise r.fail(path, f"khóa phải là năm 4 chữ số, nhận được {_show(key)}")
        ratings[int(key)] = r.choice(rating, path, RATING_BY_NAME, "xếp loại")

    titles = r.records(r.get(s, "titles", "subject.titles"), "subject.titles")
    awards = r.records(r.get(s, "awards", "subject.awards"), "subject.awards")

    initiatives = _initiatives(r, r.array(r.get(s, "initiatives", "subject.initiatives"), "subject.initiatives"))

    discipline = []
    field = "subject.discipline"
    for i, item in enumerate(r.array(r.get(s, "discipline", field), field)):
        path = f"{field}[{i}]"
        item = r.obj(item, path)
        form = r.choice(r.get(item, "form", f"{path}.form"), f"{path}.form", DISCIPLINE_BY_NAME, "hình thức kỷ luật")
        start = r.day(r.get(item, "from", f"{path}.from"), f"{path}.from")
        end_value = r.get(item, "to", f"{path}.to")
        end = None if end_value is None else r.day(end_value, f"{path}.to")
        if end is not None and end < start:
            raise r.fail(f"{path}.to", f"ngày kết thúc {end.isoformat()} trước ngày bắt đầu {start.isoformat()}")
        discipline.append(Discipline(form=form, start=start, end=end))

    pending = r.boolean(r.get(s, "pending_review", "subject.pending_review"), "subject.pending_review")

    members = None
    if s.get("members") is not None:
        m = r.obj(s["members"], "subject.members")
        counts = {
            name: r.integer(r.get(m, name, f"subject.members.{name}"), f"subject.members.{name}", low=0)
            for name in _MEMBER_FIELDS
        }
        for name in _MEMBER_FIELDS[1:]:
            if counts[name] > counts["total"]:
                raise r.fail(f"subject.members.{name}", f"{counts[name]} lớn hơn tổng số thành viên {counts['total']}")
        members = Members(**counts)
    leads_block = None
    if s.get("leads_block") is not None:
        leads_block = r.boolean(s["leads_block"], "subject.leads_block")
    founded_year = None
    if s.get("founded_year") is not None:
        founded_year = r.year(s["founded_year"], "subject.founded_year")

    # Optional facts of the cống hiến and niên hạn bases (absent or null: not known).
    sex = None
    if s.get("sex") is not None:
        sex = r.choice(s["sex"], "subject.sex", _SEXES, "giới tính")
    service_start = None
    if s.get("service_start") is not None:
        service_start = r.day(s["service_start"], "subject.service_start")
    posts = None
    if s.get("posts") is not None:
        posts = _posts(r, r.array(s["posts"], "subject.posts"))

    return SubjectFacts(
        kind=kind, ratings=ratings, titles=titles, awards=awards, initiatives=initiatives,
        discipline=tuple(discipline), pending_review=pending, members=members, leads_block=leads_block,
        founded_year=founded_year, sex=sex, service_start=service_start, posts=posts,
    )


def _posts(r: _Reader, items: list[Any]) -> tuple[Post, ...]:
    """Leadership posts held: ``{"level": "vu_truong", "from": "2015-01-01", "to": null}`` (``to``
    absent or null: still held)."""
    out = []
    for i, item in enumerate(items):
        path = f"subject.posts[{i}]"
        item = r.obj(item, path)
        level = r.choice(r.get(item, "level", f"{path}.level"), f"{path}.level", _POST_LEVELS, "cấp chức vụ")
        start = r.day(r.get(item, "from", f"{path}.from"), f"{path}.from")
        end = None if item.get("to") is None else r.day(item["to"], f"{path}.to")
        if end is not None and end < start:
            raise r.fail(f"{path}.to", f"ngày kết thúc {end.isoformat()} trước ngày bắt đầu {start.isoformat()}")
        out.append(Post(level=level, start=start, end=end))
    return tuple(out)


def _initiatives(r: _Reader, items: list[Any]) -> tuple[Initiative, ...]:
    out = []
    for item in items:  # fast path for valid input; the checked loop below names any error
        if item.__class__ is not dict:
            break
        year, scope, kind = item.get("year"), item.get("scope"), item.get("kind")
        if year.__class__ is not int or not (MIN_YEAR <= year <= MAX_YEAR) or scope.__class__ is not str or (
            scope not in SCOPE_BY_NAME or kind.__class__ is not str or kind not in _INITIATIVE_KINDS
        ):
            break
        out.append(Initiative(year, SCOPE_BY_NAME[scope], _INITIATIVE_KINDS[kind]))
    else:
        return tuple(out)
    out = []
    field = "subject.initiatives"
    for i, item in enumerate(items):
        path = f"{field}[{i}]"
        item = r.obj(item, path)
        out.append(Initiative(
            year=r.year(r.get(item, "year", f"{path}.year"), f"{path}.year"),
            scope=r.choice(r.get(item, "scope", f"{path}.scope"), f"{path}.scope", SCOPE_BY_NAME, "phạm vi"),
            kind=r.choice(r.get(item, "kind", f"{path}.kind"), f"{path}.kind", _INITIATIVE_KINDS, "loại sáng kiến"),
        ))
    return tuple(out)


def parse_cases(data: Any) -> list[Case]:
    """The contract's input (a JSON array, already decoded) → cases, in order."""
    if not isinstance(data, list):
        raise MalformedInput(f"đầu vào phải là một mảng JSON các hồ sơ, nhận được {_show(data)}")
    return [parse_case(item, i) for i, item in enumerate(data)]


def _reject_constant(name: str) -> Any:
    raise MalformedInput(f"không phải JSON hợp lệ: {name} không được phép")


def load_cases(text: str | bytes) -> list[Case]:
    """JSON text (or UTF-8 bytes) → cases; raises ``MalformedInput``."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise MalformedInput(f"không đọc được: không phải UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"không phải JSON hợp lệ: {exc.msg} (dòng {exc.lineno}, cột {exc.colno})") from None
    except RecursionError:
        raise MalformedInput("không phải JSON hợp lệ: lồng nhau quá sâu") from None
    return parse_cases(data)
