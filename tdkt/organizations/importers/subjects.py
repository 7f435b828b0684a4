"""Who a row of a records file is about: a person or a collective of the chosen organisation.

Only the organisation and the units below it are searched, and only people in service at some time
during the year. A name is compared with its tone marks, since Vietnamese names may differ by a mark
alone (Hà, Hạ); a near miss without the marks is offered as a hint, never taken.
"""

import datetime
import unicodedata
from collections import namedtuple
from dataclasses import dataclass

from tdkt.core.domain.text import fold_vi

from ..models import Organization, Person
from .columns import RECORD_COLUMNS
from .rows import CodeLookup, RowErrors, rows_text

COL = {c.key: c for c in RECORD_COLUMNS}
IDENTITY = frozenset({"person_code", "full_name", "date_of_birth", "unit"})
PERSON, COLLECTIVE = "person", "organization"
QUERY_CHUNK = 500
SHOWN = 5
PersonRef = namedtuple("PersonRef", "pk code full_name date_of_birth organization_id left_on")
UnitRef = namedtuple("UnitRef", "pk code name path active_from active_to")


@dataclass(frozen=True)
class Subject:
    kind: str  # PERSON or COLLECTIVE
    pk: int
    label: str  # how a message names it: "cán bộ “Nguyễn Văn An” (mã CB-1)", "tập thể “Phòng Ngân sách”"

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.pk


def name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "chưa ghi"


class Subjects:
    """The people and units of one organisation's subtree, loaded once for the whole file."""

    def __init__(self, root: Organization, year: int, errors: RowErrors):
        self.root, self.year, self.errors = root, year, errors
        self.year_start, self.year_end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        units = map(
            UnitRef._make, Organization.objects.filter(path__startswith=root.path).values_list(*UnitRef._fields)
        )
        self.units = CodeLookup((unit.code, unit) for unit in units)
        self.unit_by_pk = {unit.pk: unit for unit in self.units.exact.values()}
        codes, self.by_name, self.by_folded_name = [], {}, {}
        people = Person.objects.filter(organization__path__startswith=root.path).values_list(*PersonRef._fields)
        for ref in map(PersonRef._make, people.iterator(chunk_size=5000)):
            if ref.code:
                codes.append((ref.code, ref))
            if ref.left_on is None or ref.left_on >= self.year_start:
                self.by_name.setdefault(name_key(ref.full_name), []).append(ref)
                self.by_folded_name.setdefault(fold_vi(ref.full_name), []).append(ref)
        self.people = CodeLookup(codes)
        self.missing_people: dict[str, list[int]] = {}  # codes not in the subtree, told apart after the loop
        self.missing_units: dict[str, list[int]] = {}
        self.where = f"“{root.name}” ({root.code}) và các đơn vị trực thuộc"

    def resolve(self, row: int, values: dict, failed: set[str]) -> Subject | None:
        """The subject of a row, or None after adding the reason (or when an identity cell was unreadable)."""
        if failed & IDENTITY:
            return None
        code, name, born = values.get("person_code", ""), values.get("full_name", ""), values.get("date_of_birth")
        unit = None
        if values.get("unit"):
            unit = self._unit(row, values["unit"])
            if unit is None:
                return None
        if code:
            return self._person_by_code(row, code, name, born, unit)
        if name:
            return self._person_by_name(row, name, born, unit)
        if born:
            self.errors.add(row, COL["date_of_birth"], "Có Ngày sinh nhưng thiếu Họ và tên hoặc Mã cán bộ.")
            return None
        if unit is not None:
            return Subject(COLLECTIVE, unit.pk, f"tập thể “{unit.name}”")
        self.errors.add(
            row,
            COL["full_name"],
            "Thiếu thông tin để biết dòng này của ai: ghi Mã cán bộ hoặc Họ và "
            "tên cho cá nhân; chỉ ghi Mã đơn vị cho tập thể.",
        )
        return None

    def _unit(self, row: int, code: str) -> UnitRef | None:
        unit = self.units.get(code)
        if unit is None:
            self.missing_units.setdefault(code, []).append(row)
        elif unit.active_to is not None and unit.active_to < self.year_start:
            self.errors.add(
                row,
                COL["unit"],
                f"Đơn vị “{unit.name}” ({unit.code}) đã giải thể hoặc sáp nhập từ "
                f"{unit.active_to:%d/%m/%Y}, trước năm {self.year}.",
            )
            unit = None
        elif unit.active_from is not None and unit.active_from > self.year_end:
            self.errors.add(
                row,
                COL["unit"],
                f"Đơn vị “{unit.name}” ({unit.code}) bắt đầu hoạt động từ "
                f"{unit.active_from:%d/%m/%Y}, sau năm {self.year}.",
            )
            unit = None
        return unit

    def _label(self, person: PersonRef) -> str:
        return f"cán bộ “{person.full_name}”" + (f" (mã {person.code})" if person.code else "")

    def _unit_name(self, pk: int) -> str:
        unit = self.unit_by_pk[pk]
        return f"“{unit.name}” ({unit.code})"

    def _person_by_code(self, row, code, name, born, unit) -> Subject | None:
        person = self.people.get(code)
        if person is None:
            self.missing_people.setdefault(code, []).append(row)
            return None
        before = len(self.errors)
        label = self._label(person)
        if person.left_on is not None and person.left_on < self.year_start:
            self.errors.add(
                row,
                COL["person_code"],
                f"{cap(label)} đã thôi công tác từ {person.left_on:%d/%m/%Y}, trước năm {self.year}.",
            )
        if name and name_key(name) != name_key(person.full_name):
            self.errors.add(
                row, COL["full_name"], f"Mã cán bộ “{code}” là của “{person.full_name}”, không phải “{name}”."
            )
        elif born and person.date_of_birth and born != person.date_of_birth:
            self.errors.add(
                row,
                COL["date_of_birth"],
                f"{cap(label)} sinh ngày {_day(person.date_of_birth)}, không phải {_day(born)}.",
            )
        if unit is not None and person.organization_id != unit.pk:
            self.errors.add(
                row,
                COL["unit"],
                f"{cap(label)} đang công tác ở "
                f"{self._unit_name(person.organization_id)}, không phải ở "
                f"“{unit.name}” ({unit.code}).",
            )
        return Subject(PERSON, person.pk, label) if len(self.errors) == before else None

    def _person_by_name(self, row, name, born, unit) -> Subject | None:
        same_name = self.by_name.get(name_key(name), [])
        candidates = [p for p in same_name if born is None or p.date_of_birth == born]
        in_unit = [p for p in candidates if unit is None or p.organization_id == unit.pk]
        if len(in_unit) == 1:
            return Subject(PERSON, in_unit[0].pk, self._label(in_unit[0]))
        born_text = f" sinh ngày {born:%d/%m/%Y}" if born else ""
        if in_unit:
            listed = "; ".join(
                f"{p.code or 'chưa có mã'}, sinh ngày {_day(p.date_of_birth)}, {self._unit_name(p.organization_id)}"
                for p in in_unit[:SHOWN]
            )
            place = f"“{unit.name}”" if unit is not None else self.where
            tell_apart = "Mã cán bộ" if born else "Mã cán bộ hoặc Ngày sinh"
            self.errors.add(
                row,
                COL["full_name"],
                f"Có {len(in_unit)} cán bộ “{name}”{born_text} trong {place} "
                f"({listed}). Hãy ghi {tell_apart} để phân biệt.",
            )
        elif candidates:
            places = ", ".join(sorted({self._unit_name(p.organization_id) for p in candidates}))
            self.errors.add(
                row, COL["unit"], f"Không có cán bộ “{name}”{born_text} ở “{unit.name}” ({unit.code}); có ở {places}."
            )
        elif same_name:
            days = ", ".join(sorted({_day(p.date_of_birth) for p in same_name}))
            self.errors.add(
                row,
                COL["date_of_birth"],
                f"Không có cán bộ “{name}”{born_text} trong {self.where}; cán bộ cùng họ tên có ngày sinh: {days}.",
            )
        else:
            near = sorted({p.full_name for p in self.by_folded_name.get(fold_vi(name), [])})
            hint = f" Có phải: {', '.join(f'“{n}”' for n in near[:SHOWN])}?" if near else ""
            self.errors.add(
                row, COL["full_name"], f"Không tìm thấy cán bộ “{name}”{born_text} trong {self.where}." + hint
            )
        return None

    def report_missing(self) -> None:
        """Codes not found in the subtree: elsewhere in the system, or nowhere (one query per 500 codes)."""
        where = self.where
        self._report(
            self.missing_people,
            Person,
            COL["person_code"],
            lambda code: f"Cán bộ mã “{code}” không công tác ở {where}.",
            lambda code: f"Không có cán bộ nào mã “{code}” trong hệ thống.",
        )
        self._report(
            self.missing_units,
            Organization,
            COL["unit"],
            lambda code: f"Đơn vị mã “{code}” nằm ngoài {where}.",
            lambda code: f"Không có đơn vị nào mã “{code}” trong hệ thống.",
        )

    def _report(self, missing: dict[str, list[int]], model, column, elsewhere, nowhere) -> None:
        codes = list(missing)
        known = set()
        for start in range(0, len(codes), QUERY_CHUNK):
            known.update(
                model.objects.filter(code__in=codes[start : start + QUERY_CHUNK]).values_list("code", flat=True)
            )
        for code, rows in missing.items():
            message = elsewhere(code) if code in known else nowhere(code)
            for row in rows:
                self.errors.add(row, column, message)


def duplicate_rows_message(subject: Subject, rows: list[int]) -> str:
    return f"{cap(subject.label)} có ở nhiều dòng ({rows_text(rows)}): mỗi người, mỗi tập thể một dòng."
