"""Files of one organisation's year: ratings and titles of its people and collectives.

The rules are those of tdkt.records.services: one rating per subject and year (a rating already
recorded is corrected by the file), a title once per subject, code and year, and a title only for
the kind of subject it is meant for (individual or collective). Every row is checked, against the
file and the database, before anything is written.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from tdkt.records.domain.codes import HONOURS, HonourKind, Target
from tdkt.records.models import TITLE_CODES, AnnualRating, HonourRecord
from tdkt.records.signals import send_facts_changed

from ..models import Organization
from .bulk import insert_rows
from .columns import RECORD_COLUMNS, fold_key
from .reading import ImportFileError, Table
from .rows import RowErrors, parse_rows
from .subjects import COLLECTIVE, PERSON, Subject, Subjects, cap, duplicate_rows_message

COL = {c.key: c for c in RECORD_COLUMNS}
MIN_YEAR = 2000
DECISION_KEYS = ("decision_number", "decision_date", "issuer")
UPDATE_CHUNK = 900  # ids per UPDATE, under SQLite's limit of bound parameters
MAX_AUDITED_CHANGES = 500
TITLES = COL["title"].choice_lookup()
FORMS = {
    fold_key(spelling): code
    for code, (name, kind, _t) in HONOURS.items()
    if kind == HonourKind.FORM
    for spelling in (code, name)
}


def max_year(today: datetime.date | None = None) -> int:
    return (today or timezone.localdate()).year + 1


def records_period_problem(organization: Organization, year: int, *, today: datetime.date | None = None) -> str:
    """Why this organisation's year cannot be imported ("" when it can), in Vietnamese."""
    if not MIN_YEAR <= year <= max_year(today):
        return f"Năm {year} không hợp lệ: chọn một năm từ {MIN_YEAR} đến {max_year(today)}."
    if organization.active_to is not None and organization.active_to.year < year:
        return (
            f"Đơn vị “{organization.name}” đã giải thể hoặc sáp nhập từ {organization.active_to:%d/%m/%Y}, "
            f"trước năm {year}."
        )
    if organization.active_from is not None and organization.active_from.year > year:
        return f"Đơn vị “{organization.name}” bắt đầu hoạt động từ {organization.active_from:%d/%m/%Y}, sau năm {year}."
    return ""


def check_columns(table: Table) -> None:
    """A records file needs a way to name its subjects and at least one of rating and title."""
    keys = {column.key for _, column in table.columns}
    problems = []
    if not keys & {"person_code", "full_name", "unit"}:
        problems.append("Thiếu cột để biết mỗi dòng của ai: cần cột “Mã cán bộ”, “Họ và tên” hoặc “Mã đơn vị”.")
    if not keys & {"rating", "title"}:
        problems.append("Thiếu cột “Xếp loại” và cột “Danh hiệu”: tệp phải có ít nhất một trong hai cột.")
    if problems:
        raise ImportFileError(*problems)


def validate_records(
    table: Table, *, organization: Organization, year: int, on_progress=None, today: datetime.date | None = None
):
    """Check the whole file. Returns (records ready to write, errors); write only if no errors."""
    today = today or timezone.localdate()
    problem = records_period_problem(organization, year, today=today)
    if problem:
        raise ImportFileError(problem)
    check_columns(table)
    errors = RowErrors()
    subjects = Subjects(organization, year, errors)
    recorded = _recorded_titles(organization, year)
    records, rows_by_subject = [], {}
    for parsed in parse_rows(table, errors, on_progress=on_progress):
        row, values, before = parsed.row, parsed.values, len(errors)
        subject = subjects.resolve(row, values, parsed.failed)
        title = _title(row, values.get("title", ""), errors)
        if not values.get("rating") and not values.get("title") and not {"rating", "title"} & parsed.failed:
            errors.add(row, COL["rating"], "Thiếu Xếp loại và Danh hiệu: dòng phải có ít nhất một trong hai.")
        _check_decision(row, values, bool(values.get("title")) or "title" in parsed.failed, year, today, errors)
        if subject is not None:
            rows_by_subject.setdefault(subject.key, (subject, []))[1].append(row)
            if title:
                _check_title(row, subject, title, year, recorded, errors)
        if parsed.ok and subject is not None and len(errors) == before:
            records.append(
                {
                    "row": row,
                    "subject": subject,
                    "rating": values.get("rating", ""),
                    "title": title,
                    **{key: values.get(key) or ("" if key != "decision_date" else None) for key in DECISION_KEYS},
                    "note": values.get("note", ""),
                }
            )
    for subject, rows in rows_by_subject.values():
        if len(rows) > 1:
            column = COL["unit"] if subject.kind == COLLECTIVE else COL["full_name"]
            for row in rows:
                errors.add(row, column, duplicate_rows_message(subject, rows))
    subjects.report_missing()
    return records, errors.sorted(RECORD_COLUMNS)


def _title(row: int, text: str, errors: RowErrors) -> str:
    if not text:
        return ""
    code = TITLES.get(fold_key(text))
    if code is None:
        if fold_key(text) in FORMS:
            errors.add(
                row,
                COL["title"],
                f"“{text}” là hình thức khen thưởng, không phải danh hiệu thi đua: "
                "ghi ở trang hồ sơ thi đua, khen thưởng của người hoặc tập thể.",
            )
        else:
            errors.add(
                row,
                COL["title"],
                f"“{text}” không phải danh hiệu thi đua; chọn một trong: " + ", ".join(COL["title"].labels) + ".",
            )
        return ""
    return code


def _check_decision(row, values, has_title: bool, year, today, errors) -> None:
    given = [key for key in DECISION_KEYS if values.get(key)]
    if given and not has_title:
        errors.add(row, COL[given[0]], f"Chỉ ghi {COL[given[0]].header} khi dòng có Danh hiệu.")
        return
    decided = values.get("decision_date")
    if decided and decided > today:
        errors.add(row, COL["decision_date"], f"Ngày quyết định {decided:%d/%m/%Y} ở tương lai.")
    elif decided and decided.year < year:
        errors.add(
            row,
            COL["decision_date"],
            f"Ngày quyết định {decided:%d/%m/%Y} trước năm {year}: danh hiệu "
            f"của năm {year} không thể được công nhận trước năm đó.",
        )


def _check_title(row, subject: Subject, code: str, year: int, recorded: dict, errors: RowErrors) -> None:
    name, _kind, targets = HONOURS[code]
    target = Target.INDIVIDUAL if subject.kind == PERSON else Target.COLLECTIVE
    if target not in targets:
        meant = "tập thể" if target == Target.INDIVIDUAL else "cá nhân"
        errors.add(row, COL["title"], f"Danh hiệu “{name}” chỉ dành cho {meant}, không ghi cho {subject.label}.")
        return
    existing = recorded.get((*subject.key, code))
    if existing is not None:
        number, revoked_on = existing
        detail = (f" (quyết định số {number})" if number else "") + (", đã bị hủy bỏ" if revoked_on else "")
        errors.add(
            row,
            COL["title"],
            f"{cap(subject.label)} đã có danh hiệu “{name}” "
            f"năm {year} trong hệ thống{detail}; mỗi danh hiệu chỉ công nhận một lần "
            "trong năm.",
        )


def _recorded_titles(root: Organization, year: int) -> dict[tuple, tuple]:
    """(kind, subject pk, code) -> (decision number, revoked on) of the titles of the year already
    recorded for the people and collectives of the subtree (revoked ones still block a second one)."""
    titles = HonourRecord.objects.filter(year=year, code__in=TITLE_CODES)
    found = {}
    for kind, lookup in ((PERSON, "person__organization__path"), (COLLECTIVE, "organization__path")):
        rows = titles.filter(**{f"{lookup}__startswith": root.path}).values_list(
            f"{kind}_id", "code", "decision_number", "revoked_on"
        )
        for pk, code, number, revoked_on in rows:
            found[(kind, pk, code)] = (number, revoked_on)
    return found


@dataclass
class Written:
    ratings_created: int = 0
    ratings_updated: int = 0
    ratings_unchanged: int = 0
    titles_created: int = 0
    changes: list[dict] = field(default_factory=list)  # the corrected ratings: before and after

    @property
    def created(self) -> int:
        return self.ratings_created + self.titles_created

    def summary(self) -> dict:
        return {
            "ratings_created": self.ratings_created,
            "ratings_updated": self.ratings_updated,
            "ratings_unchanged": self.ratings_unchanged,
            "titles_created": self.titles_created,
            "changes": self.changes[:MAX_AUDITED_CHANGES],
        }


def write_records(records: list[dict], *, actor, organization: Organization, year: int) -> Written:
    """Add the new ratings and titles and correct the ratings already recorded; the caller holds the
    transaction. A rating the file repeats unchanged is left as it is."""
    written = Written()
    existing = _ratings_of_the_year(organization, year)
    new_ratings, titles = [], []
    corrected: dict[tuple[str, str], list[int]] = {}  # (rating, note or "" to keep it) -> rating ids
    for record in records:
        subject: Subject = record["subject"]
        ids = {
            "person_id": subject.pk if subject.kind == PERSON else None,
            "organization_id": subject.pk if subject.kind == COLLECTIVE else None,
        }
        rating = record["rating"]
        old = existing.get(subject.key) if rating else None
        if rating and old is None:
            new_ratings.append(
                {**ids, "year": year, "rating": rating, "note": record["note"], "created_by_id": actor.pk}
            )
        elif old is not None and (old.rating != rating or (record["note"] and record["note"] != old.note)):
            written.changes.append({"id": old.pk, "subject": subject.label, "before": old.rating, "after": rating})
            corrected.setdefault((rating, record["note"]), []).append(old.pk)
        elif old is not None:
            written.ratings_unchanged += 1
        if record["title"]:
            titles.append(
                {
                    **ids,
                    "code": record["title"],
                    "year": year,
                    "note": record["note"],
                    **{key: record[key] for key in DECISION_KEYS},
                    "revoked_on": None,
                    "revocation_reason": "",
                    "created_by_id": actor.pk,
                }
            )
    insert_rows(AnnualRating, new_ratings)
    # Corrections take few distinct values: one UPDATE per value, not a CASE per row (bulk_update).
    for (rating, note), ids in corrected.items():
        values = {"rating": rating, **({"note": note} if note else {})}  # an empty note keeps the old one
        for start in range(0, len(ids), UPDATE_CHUNK):
            AnnualRating.objects.filter(pk__in=ids[start : start + UPDATE_CHUNK]).update(**values)
    insert_rows(HonourRecord, titles)
    touched = [r["subject"].pk for r in records if r["subject"].kind == PERSON]
    send_facts_changed(sender=AnnualRating, person_ids=touched)
    written.ratings_created, written.titles_created = len(new_ratings), len(titles)
    written.ratings_updated = sum(len(ids) for ids in corrected.values())
    return written


def _ratings_of_the_year(root: Organization, year: int) -> dict[tuple, AnnualRating]:
    """The year's ratings of the subtree's people and collectives, locked until the transaction ends."""
    ratings = (
        AnnualRating.objects.select_for_update(of=("self",))
        .filter(year=year)
        .only("person_id", "organization_id", "rating", "note")
    )
    found = {}
    for kind, lookup in ((PERSON, "person__organization__path"), (COLLECTIVE, "organization__path")):
        for rating in ratings.filter(**{f"{lookup}__startswith": root.path}):
            found[(kind, rating.person_id if kind == PERSON else rating.organization_id)] = rating
    return found
