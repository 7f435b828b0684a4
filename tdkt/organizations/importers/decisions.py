"""Files of past decisions (issue 13.4): decisions issued before the system was used, with the people
and collectives each one awarded, so that the engine sees the history from the first day (a Bằng khen
of the Prime Minister needs a provincial one five years back, read from the records).

A file has two sheets: "Quyết định" (one row per decision) and "Danh sách khen thưởng" (one row per
awardee, naming its decision by number). An awardee is found by staff or unit code, or else by name,
date of birth and organisation among those the importing user manages the records of. A name that
fits several people (or a unit name several units) is not guessed: the check lists the candidates and
the clerk picks one per row before confirming; a name found only without its tone marks (Hà, Hạ) is
shown for confirmation too, even alone. Nothing is written until the whole file is clean and confirmed.
"""

import datetime
import unicodedata
from collections import namedtuple
from dataclasses import dataclass, field

from django.utils import timezone

from tdkt.accounts.scope import scope_for
from tdkt.core.domain.text import fold_vi
from tdkt.records.domain.codes import HONOURS, HonourKind, Target
from tdkt.records.models import HonourRecord, PastDecision
from tdkt.records.signals import send_facts_changed

from ..models import Organization, Person
from .bulk import insert_rows
from .columns import (
    AWARDEE_COLUMNS,
    COLLECTIVE_TARGET,
    DECISION_SHEET_COLUMNS,
    DECISION_SHEETS,
    HONOUR_ACCEPTED,
    PERSON_TARGET,
    fold_key,
)
from .reading import ImportFileError, Table, read_named_tables
from .rows import CodeLookup, RowErrors, parse_rows, rows_text

DCOL = {c.key: c for c in DECISION_SHEET_COLUMNS}
ACOL = {c.key: c for c in AWARDEE_COLUMNS}
DECISION_SHEET, AWARDEE_SHEET = DECISION_SHEETS
MIN_YEAR = 1945
MAX_CANDIDATES = 20  # beyond that a name tells nothing: the row must give a code or a date of birth
MAX_AMBIGUOUS = 1000  # rows a clerk can settle one by one on a page
QUERY_CHUNK = 500
HONOUR_LOOKUP = {fold_key(spelling): code for spelling, code in HONOUR_ACCEPTED.items()}
PersonRef = namedtuple("PersonRef", "pk code full_name date_of_birth organization_id")
UnitRef = namedtuple("UnitRef", "pk code name path")


def number_key(number: str) -> str:
    """Decision numbers as compared: "312/QĐ-SNV" and "312 / qđ-snv" are the same number."""
    return "".join(unicodedata.normalize("NFC", number).split()).casefold()


def name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _day(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "chưa ghi"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class DecisionFile:
    decisions: Table
    awardees: Table

    @property
    def row_count(self) -> int:  # the rows a job counts and its progress follows: the awardees
        return self.awardees.row_count


def read_decision_file(fileobj) -> DecisionFile:
    """The decisions sheet and the awardees sheet; ImportFileError when the file is unusable."""
    return DecisionFile(*read_named_tables(fileobj, DECISION_SHEETS))


@dataclass(frozen=True)
class Subject:
    kind: str  # PERSON_TARGET or COLLECTIVE_TARGET
    pk: int
    label: str


@dataclass
class Checked:
    """What a clean file would write, and the rows whose subject the clerk must still choose."""

    decisions: dict[str, dict] = field(default_factory=dict)  # number key -> decision values (pk if stored)
    records: list[dict] = field(default_factory=list)
    ambiguous: list[dict] = field(default_factory=list)

    def preview(self) -> dict:
        codes: dict[str, int] = {}
        for record in self.records:
            codes[record["code"]] = codes.get(record["code"], 0) + 1
        return {
            "decisions": len(self.decisions),
            "existing_decisions": sum(1 for d in self.decisions.values() if d["pk"] is not None),
            "records": len(self.records),
            "people": len({r["subject"].pk for r in self.records if r["subject"].kind == PERSON_TARGET}),
            "collectives": len({r["subject"].pk for r in self.records if r["subject"].kind == COLLECTIVE_TARGET}),
            "honours": [{"code": code, "name": HONOURS[code][0], "count": n} for code, n in sorted(codes.items())],
            "ambiguous": self.ambiguous,
        }


class Scope:
    """The people and units whose records the importing user may manage, loaded once for the file."""

    def __init__(self, actor):
        scope = scope_for(actor, "record.manage")
        units = Organization.objects.filter(scope.q("path")).values_list(*UnitRef._fields)
        self.unit_list = [UnitRef._make(u) for u in units.iterator(chunk_size=5000)]
        self.units = CodeLookup((u.code, u) for u in self.unit_list)
        self.unit_by_pk = {u.pk: u for u in self.unit_list}
        self.units_by_name: dict[str, list[UnitRef]] = {}
        for unit in self.unit_list:
            self.units_by_name.setdefault(fold_vi(unit.name), []).append(unit)
        people = Person.objects.filter(scope.q("organization__path")).values_list(*PersonRef._fields)
        codes, self.by_name, self.by_folded_name = [], {}, {}
        for ref in map(PersonRef._make, people.iterator(chunk_size=5000)):
            if ref.code:
                codes.append((ref.code, ref))
            self.by_name.setdefault(name_key(ref.full_name), []).append(ref)
            self.by_folded_name.setdefault(fold_vi(ref.full_name), []).append(ref)
        self.people = CodeLookup(codes)
        self.missing_people: dict[str, list[int]] = {}
        self.missing_units: dict[str, list[int]] = {}

    def unit_text(self, pk: int) -> str:
        unit = self.unit_by_pk.get(pk)
        return f"“{unit.name}” ({unit.code})" if unit else ""

    def person_label(self, person: PersonRef) -> str:
        return f"cán bộ “{person.full_name}”" + (f" (mã {person.code})" if person.code else "")

    def person_candidate(self, person: PersonRef) -> dict:
        unit = self.unit_by_pk.get(person.organization_id)
        return {
            "id": person.pk,
            "name": person.full_name,
            "date_of_birth": _day(person.date_of_birth) if person.date_of_birth else "",
            "organization": unit.name if unit else "",
            "code": person.code,
        }

    def unit_candidate(self, unit: UnitRef) -> dict:
        parent = self.unit_by_pk.get(_parent_pk(unit.path))
        return {"id": unit.pk, "name": unit.name, "date_of_birth": "", "organization": parent.name if parent else "",
                "code": unit.code}


def _parent_pk(path: str) -> int | None:
    ids = [part for part in path.strip("/").split("/") if part]
    return int(ids[-2]) if len(ids) > 1 else None


class Matcher:
    """Who an awardee row is about: a Subject, a list of candidates (ambiguous), or None after an error."""

    def __init__(self, scope: Scope, errors: RowErrors):
        self.scope, self.errors = scope, errors

    def resolve(self, row: int, values: dict, failed: set[str]):
        if failed & {"target", "person_code", "full_name", "date_of_birth", "unit", "unit_name"}:
            return None
        code, name = values.get("person_code", ""), values.get("full_name", "")
        target = values.get("target") or (PERSON_TARGET if code or name else COLLECTIVE_TARGET)
        within = self._within(row, values)
        if within is False:
            return None
        self.within_column = ACOL["unit"] if values.get("unit") else ACOL["unit_name"]
        if target == COLLECTIVE_TARGET:
            if code or name or values.get("date_of_birth"):
                self.errors.add(row, ACOL["target"], "Dòng tập thể không ghi Mã cán bộ, Họ và tên, Ngày sinh: "
                                "chỉ ghi Mã đơn vị hoặc tên Đơn vị của tập thể.")
                return None
            return self._collective(row, values)
        if code:
            return self._person_by_code(row, code, name, values.get("date_of_birth"), within)
        if name:
            return self._person_by_name(row, name, values.get("date_of_birth"), within)
        self.errors.add(row, ACOL["full_name"], "Dòng cá nhân thiếu Mã cán bộ và Họ và tên.")
        return None

    def _within(self, row: int, values: dict):
        """For a person row, the units (paths) the person must work in or below: None for anywhere,
        False after an error. A collective row uses the same columns to name the collective itself."""
        if not (values.get("person_code") or values.get("full_name")) or values.get("target") == COLLECTIVE_TARGET:
            return None
        if values.get("unit"):
            unit = self.scope.units.get(values["unit"])
            if unit is None:
                self.scope.missing_units.setdefault(values["unit"], []).append(row)
                return False
            return [unit]
        if values.get("unit_name"):
            units = self.scope.units_by_name.get(fold_vi(values["unit_name"]))
            if not units:
                self.errors.add(row, ACOL["unit_name"], f"Không có đơn vị nào tên “{values['unit_name']}” "
                                "trong phạm vi bạn được cập nhật hồ sơ khen thưởng.")
                return False
            return units
        return None

    @staticmethod
    def _works_in(person: PersonRef, units, scope: Scope) -> bool:
        if units is None:
            return True
        unit = scope.unit_by_pk.get(person.organization_id)
        return unit is not None and any(unit.path.startswith(u.path) for u in units)

    def _person_by_code(self, row, code, name, born, within):
        person = self.scope.people.get(code)
        if person is None:
            self.scope.missing_people.setdefault(code, []).append(row)
            return None
        label, before = self.scope.person_label(person), len(self.errors)
        if name and fold_vi(name) != fold_vi(person.full_name):
            self.errors.add(row, ACOL["full_name"],
                            f"Mã cán bộ “{code}” là của “{person.full_name}”, không phải “{name}”.")
        if born and person.date_of_birth and born != person.date_of_birth:
            self.errors.add(row, ACOL["date_of_birth"],
                            f"{_cap(label)} sinh ngày {_day(person.date_of_birth)}, không phải {_day(born)}.")
        if not self._works_in(person, within, self.scope):
            self.errors.add(row, self.within_column,
                            f"{_cap(label)} công tác ở {self.scope.unit_text(person.organization_id)}, không "
                            "thuộc đơn vị ghi ở dòng này.")
        return Subject(PERSON_TARGET, person.pk, label) if len(self.errors) == before else None

    def _person_by_name(self, row, name, born, within):
        exact = self.scope.by_name.get(name_key(name), [])
        folded = exact or self.scope.by_folded_name.get(fold_vi(name), [])
        by_birth = [p for p in folded if born is None or p.date_of_birth == born]
        found = [p for p in by_birth if self._works_in(p, within, self.scope)]
        born_text = f" sinh ngày {born:%d/%m/%Y}" if born else ""
        if len(found) == 1 and exact:
            return Subject(PERSON_TARGET, found[0].pk, self.scope.person_label(found[0]))
        if len(found) > MAX_CANDIDATES:
            self.errors.add(row, ACOL["full_name"],
                            f"Có {len(found)} cán bộ “{name}”{born_text}: hãy ghi Mã cán bộ, Ngày sinh hoặc Đơn vị "
                            "để phân biệt.")
            return None
        if found:  # several, or one whose name differs by tone marks: the clerk decides
            return [self.scope.person_candidate(p) for p in found]
        if by_birth:
            places = ", ".join(sorted({self.scope.unit_text(p.organization_id) for p in by_birth})[:5])
            self.errors.add(row, self.within_column,
                            f"Không có cán bộ “{name}”{born_text} ở đơn vị ghi ở dòng này; có ở {places}.")
        elif folded:
            days = ", ".join(sorted({_day(p.date_of_birth) for p in folded})[:5])
            self.errors.add(row, ACOL["date_of_birth"],
                            f"Không có cán bộ “{name}”{born_text}; cán bộ cùng họ tên có ngày sinh: {days}.")
        else:
            self.errors.add(row, ACOL["full_name"], f"Không tìm thấy cán bộ “{name}”{born_text} trong phạm vi bạn "
                            "được cập nhật hồ sơ khen thưởng.")
        return None

    def _collective(self, row, values):
        if values.get("unit"):
            unit = self.scope.units.get(values["unit"])
            if unit is None:
                self.scope.missing_units.setdefault(values["unit"], []).append(row)
                return None
            if values.get("unit_name") and fold_vi(values["unit_name"]) != fold_vi(unit.name):
                self.errors.add(row, ACOL["unit_name"],
                                f"Mã đơn vị “{unit.code}” là của “{unit.name}”, không phải “{values['unit_name']}”.")
                return None
            return Subject(COLLECTIVE_TARGET, unit.pk, f"tập thể “{unit.name}”")
        if not values.get("unit_name"):
            self.errors.add(row, ACOL["unit"], "Dòng tập thể thiếu Mã đơn vị và tên Đơn vị.")
            return None
        units = self.scope.units_by_name.get(fold_vi(values["unit_name"]), [])
        exact = [u for u in units if name_key(u.name) == name_key(values["unit_name"])]
        if len(units) == 1 and exact:
            return Subject(COLLECTIVE_TARGET, units[0].pk, f"tập thể “{units[0].name}”")
        if len(units) > MAX_CANDIDATES:
            self.errors.add(row, ACOL["unit_name"], f"Có {len(units)} đơn vị tên “{values['unit_name']}”: hãy ghi "
                            "Mã đơn vị.")
            return None
        if units:
            return [self.scope.unit_candidate(u) for u in units]
        self.errors.add(row, ACOL["unit_name"], f"Không có đơn vị nào tên “{values['unit_name']}” trong phạm vi "
                        "bạn được cập nhật hồ sơ khen thưởng.")
        return None

    def report_missing(self) -> None:
        """Codes not in the user's scope: elsewhere in the system, or nowhere (one query per 500 codes)."""
        for missing, model, column, what in (
            (self.scope.missing_people, Person, ACOL["person_code"], "cán bộ"),
            (self.scope.missing_units, Organization, ACOL["unit"], "đơn vị"),
        ):
            codes, known = list(missing), set()
            for start in range(0, len(codes), QUERY_CHUNK):
                chunk = codes[start:start + QUERY_CHUNK]
                known.update(model.objects.filter(code__in=chunk).values_list("code", flat=True))
            for code, rows in missing.items():
                message = (f"Mã {what} “{code}” nằm ngoài phạm vi bạn được cập nhật hồ sơ khen thưởng."
                           if code in known else f"Không có {what} nào mã “{code}” trong hệ thống.")
                for row in rows:
                    self.errors.add(row, column, message)


def _decision_column(key: str) -> str:
    return f"{DCOL[key].header} (trang “{DECISION_SHEET}”)"


def _check_decisions(table: Table, today: datetime.date) -> tuple[dict[str, dict], RowErrors, set[str]]:
    """The decisions sheet: number key -> values (with the pk of the same decision already stored)."""
    errors, found, broken, rows_of = RowErrors(), {}, set(), {}
    for parsed in parse_rows(table, errors):
        values, row = parsed.values, parsed.row
        before = len(errors)
        number = values.get("number", "")
        if number:
            rows_of.setdefault(number_key(number), []).append(row)
        decided = values.get("decided_on")
        if decided and decided > today:
            errors.add(row, DCOL["decided_on"], f"Ngày quyết định {decided:%d/%m/%Y} ở tương lai.")
        elif decided and decided.year < MIN_YEAR:
            errors.add(row, DCOL["decided_on"], f"Ngày quyết định {decided:%d/%m/%Y} trước năm {MIN_YEAR}.")
        if number and (not parsed.ok or len(errors) > before):
            broken.add(number_key(number))
        elif number:
            found[number_key(number)] = {"row": row, "pk": None, "number": number, "decided_on": decided,
                                         "issuer": values["issuer"], "signer": values.get("signer", ""),
                                         "summary": values.get("summary", "")}
    for key, rows in rows_of.items():
        if len(rows) > 1:
            for row in rows:
                errors.add(row, DCOL["number"], f"Số quyết định bị trùng ở các dòng {rows_text(rows)} của trang "
                           f"“{DECISION_SHEET}”: mỗi quyết định một dòng.")
            found.pop(key, None)
            broken.add(key)
    _stored_decisions(found, errors)
    for item in errors.items:
        item["column"] = f"{item['column']} (trang “{DECISION_SHEET}”)"
    return found, errors, broken


def _stored_decisions(found: dict[str, dict], errors: RowErrors) -> None:
    """A decision already imported (same number, date and issuer) takes the new awardees; one with
    another signer or subject is a different paper, or a typing error: refused."""
    numbers = sorted({d["number"] for d in found.values()})
    by_key = {(d["number"], d["decided_on"], d["issuer"]): d for d in found.values()}
    for start in range(0, len(numbers), QUERY_CHUNK):
        stored = PastDecision.objects.filter(number__in=numbers[start:start + QUERY_CHUNK])
        for pk, number, decided_on, issuer, signer, summary in stored.values_list(
            "pk", "number", "decided_on", "issuer", "signer", "summary"
        ):
            decision = by_key.get((number, decided_on, issuer))
            if decision is None:
                continue
            decision["pk"] = pk
            for key, was in (("signer", signer), ("summary", summary)):
                if decision[key] and was and decision[key] != was:
                    errors.add(decision["row"], DCOL[key],
                               f"Quyết định số {number} ngày {decided_on:%d/%m/%Y} đã được nhập với "
                               f"{DCOL[key].header.lower()} “{was}”, khác “{decision[key]}”.")


def _honour(row: int, text: str, errors: RowErrors) -> str:
    code = HONOUR_LOOKUP.get(fold_key(text))
    if code is None:
        errors.add(row, ACOL["honour"], f"“{text}” không phải danh hiệu thi đua hay hình thức khen thưởng nào; "
                   "ghi tên hoặc mã theo danh sách ở trang “Hướng dẫn” (ví dụ BK_TINH, LĐTT).")
        return ""
    return code


def _year(row: int, text: str, decided: datetime.date | None, errors: RowErrors) -> int | None:
    if not text:
        return decided.year if decided else None
    if not (text.isdigit() and len(text) == 4):
        errors.add(row, ACOL["year"], f"“{text}” không phải một năm: ghi 4 chữ số, ví dụ 2023.")
        return None
    year = int(text)
    if year < MIN_YEAR:
        errors.add(row, ACOL["year"], f"Năm {year} trước năm {MIN_YEAR}.")
        return None
    if decided and year > decided.year:
        errors.add(row, ACOL["year"], f"Năm xét tặng {year} sau năm của quyết định ({decided:%d/%m/%Y}): "
                   "không thể khen thành tích của năm chưa đến.")
        return None
    return year


def validate_decisions(decision_table: Table, awardee_table: Table, *, actor, choices: dict[int, int] | None = None,
                       on_progress=None, today: datetime.date | None = None) -> tuple[Checked, list[dict]]:
    """Check both sheets. Without `choices` (the first check) ambiguous rows are listed for the clerk;
    with them (the confirmed run) each must name one of its candidates. Returns (checked, errors)."""
    today = today or timezone.localdate()
    decisions, decision_errors, broken = _check_decisions(decision_table, today)
    errors = RowErrors()
    matcher = Matcher(Scope(actor), errors)
    checked = Checked(decisions=decisions)
    for parsed in parse_rows(awardee_table, errors, on_progress=on_progress):
        row, values, before = parsed.row, parsed.values, len(errors)
        decision = None
        if values.get("number"):
            decision = decisions.get(number_key(values["number"]))
            if decision is None and number_key(values["number"]) not in broken:
                errors.add(row, ACOL["number"], f"Số quyết định “{values['number']}” không có ở trang tính "
                           f"“{DECISION_SHEET}”.")
        code = _honour(row, values["honour"], errors) if values.get("honour") else ""
        year = _year(row, values.get("year", ""), decision["decided_on"] if decision else None, errors)
        subject = matcher.resolve(row, values, parsed.failed)
        ambiguous = None
        if isinstance(subject, list):
            ambiguous, subject = subject, None
            kind = subject_kind(values)
            if choices is not None:
                chosen = choices.get(row)
                subject = next((_chosen_subject(kind, c) for c in ambiguous if c["id"] == chosen), None)
                if subject is None:
                    errors.add(row, ACOL["full_name"] if kind == PERSON_TARGET else ACOL["unit_name"],
                               "Chưa chọn đúng người hoặc tập thể của dòng này trong danh sách trùng tên.")
        if code and (subject is not None or ambiguous):
            _check_target(row, code, subject.kind if subject else subject_kind(values), errors)
        if not parsed.ok or len(errors) > before or decision is None:
            continue
        record = {"row": row, "subject": subject, "code": code, "year": year,
                  "number_key": number_key(values["number"]), "note": values.get("note", "")}
        if subject is None:  # ambiguous, first check: listed for the clerk, written once chosen
            checked.ambiguous.append({
                "row": row, "kind": subject_kind(values), "given": _given(values), "honour": HONOURS[code][0],
                "number": decision["number"], "candidates": ambiguous,
            })
        else:
            checked.records.append(record)
    if len(checked.ambiguous) > MAX_AMBIGUOUS:
        raise ImportFileError(f"Có {len(checked.ambiguous):,} dòng trùng tên cần chọn người; tối đa "
                              f"{MAX_AMBIGUOUS:,} dòng mỗi lần nhập. Hãy ghi Mã cán bộ, Ngày sinh hoặc Đơn vị để "
                              "phân biệt.".replace(",", "."))
    matcher.report_missing()
    _check_duplicates(checked.records, decisions, errors)
    return checked, decision_errors.sorted(DECISION_SHEET_COLUMNS) + errors.sorted(AWARDEE_COLUMNS)


def subject_kind(values: dict) -> str:
    if values.get("target"):
        return values["target"]
    return PERSON_TARGET if values.get("person_code") or values.get("full_name") else COLLECTIVE_TARGET


def _chosen_subject(kind: str, candidate: dict) -> Subject:
    if kind == PERSON_TARGET:
        code = f" (mã {candidate['code']})" if candidate["code"] else ""
        return Subject(kind, candidate["id"], f"cán bộ “{candidate['name']}”{code}")
    return Subject(kind, candidate["id"], f"tập thể “{candidate['name']}”")


def _given(values: dict) -> str:
    """How the file names the awardee, to show beside the candidates."""
    parts = [values.get("full_name") or values.get("unit_name", "")]
    if values.get("date_of_birth"):
        parts.append(f"sinh ngày {values['date_of_birth']:%d/%m/%Y}")
    if values.get("full_name") and (values.get("unit_name") or values.get("unit")):
        parts.append(values.get("unit_name") or values["unit"])
    return ", ".join(p for p in parts if p)


def _check_target(row: int, code: str, kind: str, errors: RowErrors) -> None:
    name, _kind, targets = HONOURS[code]
    target = Target.INDIVIDUAL if kind == PERSON_TARGET else Target.COLLECTIVE
    if target not in targets:
        meant = "tập thể" if target == Target.INDIVIDUAL else "cá nhân"
        if not targets:
            meant = "hộ gia đình, không ghi cho cá nhân hay tập thể của hệ thống"
        errors.add(row, ACOL["honour"], f"“{name}” chỉ dành cho {meant}.")


def _check_duplicates(records: list[dict], decisions: dict[str, dict], errors: RowErrors) -> None:
    """Twice in the file, or already recorded: a title of the same year (a title is given once a
    year), or the same title or form by the same decision."""
    by_year, by_decision = {}, {}
    for record in records:
        subject, code = record["subject"], record["code"]
        if HONOURS[code][1] == HonourKind.TITLE:
            by_year.setdefault((subject.kind, subject.pk, code, record["year"]), []).append(record)
        by_decision.setdefault((subject.kind, subject.pk, code, record["number_key"]), []).append(record)
    failed = set()
    for groups in (by_year, by_decision):
        for (_k, _pk, code, _x), group in groups.items():
            if len(group) > 1:
                rows = [r["row"] for r in group]
                for record in group:
                    if record["row"] not in failed:
                        failed.add(record["row"])
                        errors.add(record["row"], ACOL["honour"],
                                   f"{_cap(record['subject'].label)} có “{HONOURS[code][0]}” ở nhiều dòng "
                                   f"({rows_text(rows)}) cho cùng năm hoặc cùng quyết định.")
    for kind, lookup in ((PERSON_TARGET, "person_id"), (COLLECTIVE_TARGET, "organization_id")):
        pks = sorted({r["subject"].pk for r in records if r["subject"].kind == kind})
        for start in range(0, len(pks), QUERY_CHUNK):
            stored = HonourRecord.objects.filter(**{f"{lookup}__in": pks[start:start + QUERY_CHUNK]})
            for pk, code, year, number in stored.values_list(lookup, "code", "year", "decision_number"):
                for record in by_year.get((kind, pk, code, year), ()):
                    if record["row"] not in failed:
                        failed.add(record["row"])
                        detail = f" (quyết định số {number})" if number else ""
                        errors.add(record["row"], ACOL["honour"],
                                   f"{_cap(record['subject'].label)} đã có danh hiệu “{HONOURS[code][0]}” năm {year} "
                                   f"trong hệ thống{detail}; mỗi danh hiệu chỉ công nhận một lần trong năm.")
                for record in by_decision.get((kind, pk, code, number_key(number)), ()) if number else ():
                    if record["row"] not in failed:
                        failed.add(record["row"])
                        errors.add(record["row"], ACOL["honour"],
                                   f"{_cap(record['subject'].label)} đã có “{HONOURS[code][0]}” theo quyết định "
                                   f"số {number} trong hệ thống.")


@dataclass
class Written:
    decisions_created: int = 0
    decisions_reused: int = 0
    records_created: int = 0
    person_ids: set[int] = field(default_factory=set)


def write_decisions(checked: Checked, *, actor, job, recorded_by: Organization | None) -> Written:
    """Insert the new decisions and every awardee's record; the caller holds the transaction."""
    written = Written()
    new = [d for d in checked.decisions.values() if d["pk"] is None]
    ids = insert_rows(PastDecision, [
        {"number": d["number"], "decided_on": d["decided_on"], "issuer": d["issuer"], "signer": d["signer"],
         "summary": d["summary"], "recorded_by_organization_id": recorded_by.pk if recorded_by else None,
         "import_job_id": job.pk, "created_by_id": actor.pk}
        for d in new
    ], return_ids=True)
    for decision, pk in zip(new, ids, strict=True):
        decision["pk"] = pk
    written.decisions_created, written.decisions_reused = len(new), len(checked.decisions) - len(new)
    rows = []
    for record in checked.records:
        subject, decision = record["subject"], checked.decisions[record["number_key"]]
        rows.append({
            "person_id": subject.pk if subject.kind == PERSON_TARGET else None,
            "organization_id": subject.pk if subject.kind == COLLECTIVE_TARGET else None,
            "code": record["code"],
            "year": record["year"],
            "decision_number": decision["number"],
            "decision_date": decision["decided_on"],
            "issuer": decision["issuer"],
            "note": record["note"],
            "revoked_on": None,
            "revocation_reason": "",
            "past_decision_id": decision["pk"],
            "created_by_id": actor.pk,
        })
        if subject.kind == PERSON_TARGET:
            written.person_ids.add(subject.pk)
    insert_rows(HonourRecord, rows)
    send_facts_changed(sender=HonourRecord, person_ids=written.person_ids)
    written.records_created = len(rows)
    return written
