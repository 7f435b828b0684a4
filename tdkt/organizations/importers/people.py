"""People files: check every row against the user's scope and the database, then write in bulk."""

import datetime
from collections import namedtuple
from types import SimpleNamespace

from django.utils import timezone

from tdkt.core.domain.text import fold_vi

from ..models import Person, PersonAssignment
from ..selectors import OrganizationFilters, organization_list
from .bulk import insert_rows
from .columns import PEOPLE_COLUMNS
from .reading import Table
from .rows import CodeLookup, RowErrors, parse_rows, rows_text

COL = {c.key: c for c in PEOPLE_COLUMNS}
MIN_AGE = 15
WRITE_BATCH = 1000
QUERY_CHUNK = 500
OrgRef = namedtuple("OrgRef", "pk code name path active_to")
# The columns a file may fill, with the value of an absent optional column.
PERSON_DEFAULTS = {
    "code": "", "full_name": None, "sex": None, "date_of_birth": None, "ethnicity": "", "category": None,
    "position": "", "is_manager": False, "service_start": None, "email": "", "phone": "",
    "education_level": "", "is_tdkt_officer": False, "in_tdkt_work_since": None,
}


def _age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _scope_lookup(actor) -> CodeLookup:
    # Closed organisations in scope are loaded too, to say "closed" rather than "not found".
    refs = organization_list(actor, filters=OrganizationFilters(include_closed=True), permission="person.manage")
    return CodeLookup((ref.code, ref) for ref in map(OrgRef._make, refs.values_list(*OrgRef._fields)))


def validate_people(table: Table, *, actor, on_progress=None, today: datetime.date | None = None):
    """Check the whole file. Returns (records ready to write, errors); write only if no errors."""
    today = today or timezone.localdate()
    errors = RowErrors()
    organizations = _scope_lookup(actor)
    records, codes, same_person = [], {}, {}
    for parsed in parse_rows(table, errors, on_progress=on_progress):
        row, values, before = parsed.row, parsed.values, len(errors)
        org = None
        org_code = values.get("organization")
        if org_code:
            org = organizations.get(org_code)
            if org is None:
                errors.add(row, COL["organization"],
                           f"Mã đơn vị “{org_code}” không tìm thấy hoặc ngoài phạm vi quản lý của bạn.")
            elif org.active_to is not None:
                errors.add(row, COL["organization"],
                           f"Đơn vị “{org.name}” ({org.code}) đã giải thể hoặc sáp nhập, không thể nhận người mới.")
                org = None
        born = values.get("date_of_birth")
        if born and born > today:
            errors.add(row, COL["date_of_birth"], f"Ngày sinh {born:%d/%m/%Y} ở tương lai.")
        elif born and _age(born, today) < MIN_AGE:
            errors.add(row, COL["date_of_birth"], f"Sinh ngày {born:%d/%m/%Y}: chưa đủ {MIN_AGE} tuổi.")
        start = values.get("service_start")
        if start and born and start <= born:
            errors.add(row, COL["service_start"], f"Ngày bắt đầu công tác {start:%d/%m/%Y} không sau ngày sinh.")
        since = values.get("in_tdkt_work_since")
        if since and since > today:
            errors.add(row, COL["in_tdkt_work_since"], f"Ngày làm công tác TĐKT {since:%d/%m/%Y} ở tương lai.")
        elif since and born and since <= born:
            errors.add(row, COL["in_tdkt_work_since"],
                       f"Ngày làm công tác TĐKT {since:%d/%m/%Y} không sau ngày sinh.")
        code = values.get("code")
        if code:
            codes.setdefault(code, []).append(row)
        if org is not None and values.get("full_name"):
            same_person.setdefault((fold_vi(values["full_name"]), born, org.pk), []).append((row, code))
        if parsed.ok and len(errors) == before:
            records.append({**values, "organization_id": org.pk, "row": row})
    _check_codes(codes, errors)
    _check_same_person(same_person, errors)
    return records, errors.sorted(PEOPLE_COLUMNS)


def _check_codes(codes: dict[str, list[int]], errors: RowErrors) -> None:
    for code, rows in codes.items():
        if len(rows) > 1:
            for row in rows:
                errors.add(row, COL["code"], f"Mã cán bộ “{code}” bị trùng trong tệp (các dòng {rows_text(rows)}).")
    all_codes = list(codes)
    for start in range(0, len(all_codes), QUERY_CHUNK):
        for code in Person.objects.filter(code__in=all_codes[start:start + QUERY_CHUNK]).values_list("code", flat=True):
            for row in codes[code]:
                errors.add(row, COL["code"], f"Mã cán bộ “{code}” đã có trong hệ thống.")


def _check_same_person(same_person: dict[tuple, list], errors: RowErrors) -> None:
    """The same name, date of birth and organisation twice is one person typed twice, unless both
    rows carry (different) staff codes; the same against people already in the system."""
    for entries in same_person.values():
        if len(entries) > 1 and not all(code for _, code in entries):
            rows = [row for row, _ in entries]
            for row in rows:
                errors.add(row, COL["full_name"],
                           f"Trùng người ở các dòng {rows_text(rows)}: cùng họ tên, ngày sinh và đơn vị.")
    org_ids = sorted({key[2] for key in same_person})
    reported = set()
    existing = (Person.objects.filter(organization_id__in=org_ids, left_on__isnull=True)
                .values_list("full_name", "date_of_birth", "organization_id", "code"))
    for name, born, org_id, existing_code in existing.iterator(chunk_size=5000):
        for row, code in same_person.get((fold_vi(name), born, org_id), ()):
            if row not in reported and not (code and existing_code):
                reported.add(row)
                known = f" (mã {existing_code})" if existing_code else ""
                errors.add(row, COL["full_name"],
                           f"Đã có {name}{known} cùng ngày sinh, cùng đơn vị trong hệ thống.")


def write_people(records: list[dict]) -> int:
    """Insert the checked rows with one assignment each; the caller holds the transaction."""
    for start in range(0, len(records), WRITE_BATCH):
        chunk = records[start:start + WRITE_BATCH]
        people = []
        for record in chunk:
            values = {field: record.get(field, default) for field, default in PERSON_DEFAULTS.items()}
            values["organization_id"] = record["organization_id"]
            # The model's own rule for search_text, applied to the plain values.
            holder = SimpleNamespace(**values)
            Person.refresh_search_text(holder)
            values["search_text"] = holder.search_text
            people.append(values)
        ids = insert_rows(Person, people, return_ids=True)
        insert_rows(PersonAssignment, [
            {"person_id": pk, "organization_id": values["organization_id"], "position": values["position"],
             "start_date": values["service_start"]}
            for pk, values in zip(ids, people, strict=True)
        ])
    return len(records)
