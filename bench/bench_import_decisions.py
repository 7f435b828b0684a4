"""Benchmark: import 100,000 awardees of 2,000 past decisions from Excel (issue 13.4).

    .venv/bin/python bench/bench_import_decisions.py            # BENCH_SIZE=100000 awardee rows
    BENCH_SIZE=5000 .venv/bin/python bench/bench_import_decisions.py

Without DATABASE_URL it runs on a throwaway SQLite file; with DATABASE_URL=postgres://… on a
throwaway test database next to the named one (bench/throwaway.py). The province: 600 units (100
departments of 5 divisions) and BENCH_PEOPLE people (default half the rows, so most have two
awards), each with a staff code and a date of birth. The file: one decision per 50 awardees; 80% of
the rows name their person by staff code, 15% by name and date of birth (a fifth of those with the
unit's name too), 5% are collectives by unit code, and 20 rows name one of two people of the same
name, so the clerk's choice is part of the run (the first candidate is taken).

It times the real path: the upload check (reads both sheets), the check run (everything but the
write, ending "checked" with the preview), then the confirmed run (checked again with the choices,
and written in one transaction), and prints seconds and the process's peak memory after each.
"""

import datetime
import os
import random
import resource
import time
from pathlib import Path

from bootstrap import WORKDIR  # noqa: F401 - sets Django up; before any Django import
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import override_settings  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from throwaway import throwaway_database  # noqa: E402

ROWS = int(os.environ.get("BENCH_SIZE", "100000"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", str(max(1000, ROWS // 2))))
PER_DECISION = 50
TWINS = 20
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam"]
DECISION_HEADERS = ["Số quyết định", "Ngày quyết định", "Cơ quan ban hành", "Người ký", "Trích yếu"]
AWARDEE_HEADERS = ["Số quyết định", "Danh hiệu, hình thức", "Năm xét tặng", "Đối tượng", "Mã cán bộ", "Họ và tên",
                   "Ngày sinh", "Mã đơn vị", "Đơn vị", "Ghi chú"]
# (code as the file writes it, title?) per decision, in turn
HONOURS = [("Lao động tiên tiến", True), ("CSTĐCS", True), ("Bằng khen cấp bộ, ngành, tỉnh", False), ("GK", False)]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def build_province(people: int):
    from tdkt.accounts.models import RoleGrant, User
    from tdkt.core.domain.text import fold_vi
    from tdkt.organizations.importers.bulk import insert_rows
    from tdkt.organizations.models import Organization, Person

    def org(code, name, kind, level, parent):
        unit = Organization(code=code, name=name, kind=kind, level=level, parent=parent)
        unit.refresh_search_text()
        unit.save()
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.depth = unit.path.count("/") - 2
        unit.save(update_fields=["path", "depth"])
        return unit

    province = org("BD", "UBND tỉnh Bench", "province", "province", None)
    units = []
    for d in range(100):
        department = org(f"BD-S{d:02d}", f"Sở số {d + 1}", "department", "department", province)
        units += [department] + [org(f"BD-S{d:02d}-P{p}", f"Phòng {p + 1} Sở {d + 1}", "division", "unit", department)
                                 for p in range(5)]
    rows = []
    for n in range(people):
        twin = n < 2 * TWINS  # people 0..39: pairs of the same name, in two units
        name = f"{FAMILY[n % 14]} {MIDDLE[n // 14 % 8]} {GIVEN[n // 112 % 14]}" + ("" if twin else f" {n}")
        if twin:
            name = f"Trùng Tên Số {n // 2}"
        rows.append({
            "code": f"CB{n:06d}", "full_name": name, "search_text": fold_vi(name), "sex": "nam",
            "category": "cong_chuc", "date_of_birth": datetime.date(1960, 1, 1) + datetime.timedelta(days=n % 14000),
            "organization_id": units[n % len(units)].pk, "ethnicity": "", "position": "", "is_manager": False,
            "email": "", "phone": "",
        })
    for start in range(0, len(rows), 5000):
        insert_rows(Person, rows[start:start + 5000])
    user = User.objects.create_user(username="bench", password="bench-password-1", organization=province)
    RoleGrant.objects.create(user=user, role="standing_office", organization=province)
    people_rows = list(Person.objects.order_by("pk").values_list("code", "full_name", "date_of_birth",
                                                                  "organization__name"))
    return user, units, people_rows


def write_file(path: Path, rows: int, people: list[tuple], units) -> tuple[int, int]:
    """The workbook; returns (decisions, ambiguous rows)."""
    rng = random.Random(2026)
    decisions = -(-rows // PER_DECISION)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Quyết định")
    sheet.append(DECISION_HEADERS)
    dates = []
    for d in range(decisions):
        decided = datetime.date(2010 + d % 15, 1 + d % 12, 1 + d % 28)
        dates.append(decided)
        sheet.append([f"{d + 1}/QĐ-BD", decided.strftime("%d/%m/%Y"), "UBND tỉnh Bench", "Người Ký",
                      f"Về việc khen thưởng năm {decided.year}"])
    sheet = workbook.create_sheet("Danh sách khen thưởng")
    sheet.append(AWARDEE_HEADERS)
    taken, ambiguous, person = set(), 0, 2 * TWINS
    for i in range(rows):
        d = i // PER_DECISION
        number, decided = f"{d + 1}/QĐ-BD", dates[d]
        honour, is_title = HONOURS[d % len(HONOURS)]
        kind = rng.random()
        if i % PER_DECISION == 0 and d < TWINS:
            name = people[2 * d][1]  # one of a pair of the same name: the clerk chooses
            sheet.append([number, honour, "", "", "", name, "", "", "", ""])
            ambiguous += 1
            continue
        if kind < 0.05:  # a collective: each unit once per decision
            unit = units[(i % PER_DECISION + d * 7) % len(units)]
            sheet.append([number, "Bằng khen cấp bộ, ngành, tỉnh", "", "Tập thể", "", "", "", unit.code, "", ""])
            continue
        while True:  # the next person who has not had this award this year (or by this decision)
            key = (person, honour, decided.year if is_title else number)
            if key not in taken:
                taken.add(key)
                break
            person = 2 * TWINS + (person + 1 - 2 * TWINS) % (len(people) - 2 * TWINS)
        code, name, born, unit_name = people[person]
        person = 2 * TWINS + (person + 1 - 2 * TWINS) % (len(people) - 2 * TWINS)
        if kind < 0.85:
            sheet.append([number, honour, "", "Cá nhân", code, "", "", "", "", ""])
        else:
            born_cell = born if i % 2 else born.strftime("%d/%m/%Y")  # date cells and dd/mm/yyyy text, mixed
            sheet.append([number, honour, str(decided.year), "", "", name, born_cell, "",
                          unit_name if kind > 0.97 else "", ""])
    workbook.save(path)
    return decisions, ambiguous


def main() -> None:
    with throwaway_database("decisions", WORKDIR) as vendor:
        from tdkt.organizations.importers import services
        from tdkt.records.models import HonourRecord, PastDecision

        print(f"{vendor}: {ROWS:,} awardee rows, {PEOPLE:,} people", flush=True)
        start = time.perf_counter()
        user, units, people = build_province(PEOPLE)
        print(f"province built: {time.perf_counter() - start:.1f} s", flush=True)
        path = WORKDIR / "quyet-dinh.xlsx"
        start = time.perf_counter()
        decisions, ambiguous = write_file(path, ROWS, people, units)
        print(f"workbook written: {decisions:,} decisions, {path.stat().st_size / 1e6:.1f} MB, "
              f"{time.perf_counter() - start:.1f} s", flush=True)
        del people
        before = HonourRecord.objects.count()
        figures = []
        with override_settings(TDKT_IMPORT_BACKGROUND_ROWS=10**9, TDKT_IMPORT_MAX_BYTES=200 * 1024 * 1024):
            start = time.perf_counter()
            job = services.import_job_create(actor=user, kind="decisions",
                                             upload=SimpleUploadedFile(path.name, path.read_bytes()))
            figures.append(("upload check (both sheets read)", time.perf_counter() - start, peak_mb()))
            start = time.perf_counter()
            job = services.import_job_start(job=job)
            figures.append(("check run → checked, preview", time.perf_counter() - start, peak_mb()))
            if job.status != "checked":
                raise SystemExit(f"check failed: {job.error_count} errors, first {job.errors[:5]}")
            preview = job.preview
            choices = {item["row"]: item["candidates"][0]["id"] for item in preview["ambiguous"]}
            start = time.perf_counter()
            job = services.import_job_confirm(actor=user, job=job, choices=choices)
            figures.append(("confirmed run: check again + write", time.perf_counter() - start, peak_mb()))
        if job.status != "done":
            raise SystemExit(f"import failed: {job.error_count} errors, first {job.errors[:5]}")
        written = HonourRecord.objects.count() - before
        assert written == ROWS, (written, ROWS)
        assert PastDecision.objects.count() == decisions
        print(f"\npreview: {preview['decisions']:,} decisions, {preview['records']:,} awards found, "
              f"{len(preview['ambiguous'])} rows to choose ({ambiguous} written as such), "
              f"{preview['people']:,} people, {preview['collectives']:,} collectives")
        print(f"{'step':<40} {'seconds':>8} {'peak MB':>8}")
        for label, seconds, peak in figures:
            print(f"{label:<40} {seconds:>8.1f} {peak:>8.0f}")
        total = sum(seconds for _l, seconds, _p in figures)
        print(f"{'total':<40} {total:>8.1f}\n{written:,} records and {decisions:,} decisions written.")


if __name__ == "__main__":
    main()
