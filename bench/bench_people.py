"""Benchmark: import 50,000 people from Excel, then list them with filters.

    .venv/bin/python bench/bench_people.py [--rows 50000] [--runs 5]

Without DATABASE_URL it runs on a throwaway SQLite file (same options as production: WAL,
IMMEDIATE transactions). With DATABASE_URL=postgres://… it creates a throwaway test database
next to the named one (test_<name>) and drops it at the end. Nothing else is touched.

It times the real import path (upload check → read → validate → write in one transaction) and
the people list page through the Django test client as a standing-office user who sees all of
them, and prints a table: median of --runs runs per page.
"""

import argparse
import datetime
import os
import random
import resource
import statistics
import time
from pathlib import Path

import search_extras  # noqa: E402
from bootstrap import ROOT, WORKDIR  # noqa: F401 - sets Django up; before any Django import
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from throwaway import throwaway_database  # noqa: E402

HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
      "Dương", "Lý", "Đinh", "Trương", "Mai", "Cao"]
DEM = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Xuân", "Công", "Kim", ""]
TEN = ["An", "Anh", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh",
       "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn",
       "Vân", "Yến"]
CATEGORIES = ["Cán bộ", "Công chức", "Viên chức", "Viên chức", "Người lao động"]
HEADERS = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Loại", "Chức vụ", "Lãnh đạo quản lý",
           "Mã đơn vị", "Ngày bắt đầu công tác", "Email", "Điện thoại"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def build_organisations():
    from tdkt.accounts.models import RoleGrant, User
    from tdkt.organizations.models import Organization

    def org(code, name, kind, level, parent):
        o = Organization(code=code, name=name, kind=kind, level=level, parent=parent)
        o.refresh_search_text()
        o.save()
        o.path = f"{parent.path if parent else '/'}{o.pk}/"
        o.depth = o.path.count("/") - 2
        o.save(update_fields=["path", "depth"])
        return o

    province = org("BT", "UBND tỉnh Bench", "province", "province", None)
    leaves = []
    for d in range(10):
        dept = org(f"BT-S{d:02d}", f"Sở số {d + 1}", "department", "department", province)
        leaves.append(dept)
        leaves += [org(f"BT-S{d:02d}-P{p}", f"Phòng {p + 1} Sở {d + 1}", "division", "unit", dept) for p in range(5)]
    user = User.objects.create_user(username="bench", password="bench-password-1", organization=province)
    RoleGrant.objects.create(user=user, role="standing_office", organization=province)
    return province, leaves, user


def write_people_file(path: Path, rows: int, codes: list[str]) -> None:
    rng = random.Random(2026)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cán bộ")
    sheet.append(HEADERS)
    for i in range(rows):
        name = " ".join(p for p in (rng.choice(HO), rng.choice(DEM), rng.choice(TEN)) if p)
        born = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(16000))
        start = born + datetime.timedelta(days=rng.randrange(8000, 12000))
        # Half the dates as real date cells, half as dd/mm/yyyy text, as real files mix them.
        born_cell = born if i % 2 else born.strftime("%d/%m/%Y")
        sheet.append([f"CB{i:06d}", name, "Nữ" if "Thị" in name or rng.random() < 0.4 else "Nam", born_cell, "Kinh",
                      rng.choice(CATEGORIES), "Chuyên viên", "Không", rng.choice(codes),
                      start.strftime("%d/%m/%Y"), "", f"09{rng.randrange(10**8):08d}"])
    workbook.save(path)


def time_import(user, path: Path) -> dict:
    from tdkt.organizations.importers import services

    timings = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timings[name] = timings.get(name, 0) + time.perf_counter() - start
        return wrapper

    originals = {n: getattr(services, n) for n in ("read_table", "validate_people", "write_people")}
    services.read_table = timed("read", originals["read_table"])
    services.validate_people = timed("validate", originals["validate_people"])
    services.write_people = timed("write", originals["write_people"])
    try:
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        start = time.perf_counter()
        job = services.import_job_create(actor=user, kind="people", upload=upload)
        timings["upload check (incl. one read)"] = time.perf_counter() - start
        timings.pop("read", None)
        start = time.perf_counter()
        with override_settings(TDKT_IMPORT_BACKGROUND_ROWS=10**9):  # run here, not in a worker
            job = services.import_job_start(job=job)
        timings["job total (read+validate+write)"] = time.perf_counter() - start
    finally:
        for name, function in originals.items():
            setattr(services, name, function)
    if job.status != "done":
        raise SystemExit(f"import failed: {job.errors[:5]}")
    timings["rows"] = job.created_count
    return timings


def print_plans(label: str, queries, table: str = "organizations_person") -> None:
    """The database's plan for each query of the page that reads `table` (EXPLAIN ANALYZE on PostgreSQL)."""
    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    for query in queries.captured_queries:
        sql = query["sql"]
        if table not in sql or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            plan = "\n    ".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
        print(f"\n-- {label} ({query['time']} s)\n{sql}\n    {plan}")


def time_url(client, label: str, url: str, runs: int, explain: bool, table: str = "organizations_person") -> tuple:
    """Median, min and max ms of `runs` gets of `url`, its number of queries and their SQL ms."""
    response = client.get(url)  # warm-up
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    if explain:
        print_plans(label, queries, table)
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    return label, statistics.median(samples), min(samples), max(samples), len(queries), sql_ms


def time_pages(user, org, runs: int, explain: bool = False) -> list[tuple]:
    from tdkt.organizations.selectors import PersonFilters, person_list

    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    last = -(-person_list(user).count() // 50)  # the list shows 50 a page
    code = person_list(user).order_by("code").values_list("code", flat=True)[last * 25]
    cases = [
        ("no filter", "/people/", PersonFilters()),
        ("?q=nguyen", "/people/?q=nguyen", PersonFilters(query="nguyen")),
        ("?category=vien_chuc&sex=nu", "/people/?category=vien_chuc&sex=nu",
         PersonFilters(category="vien_chuc", sex="nu")),
        (f"?org=<department {org.code}>", f"/people/?org={org.pk}", PersonFilters(organization_id=org.pk)),
        (f"?q={code.lower()} (one staff code)", f"/people/?q={code.lower()}", PersonFilters(query=code)),
        ("?page=500", "/people/?page=500", PersonFilters()),
        (f"?page={last // 2} (the middle)", f"/people/?page={last // 2}", PersonFilters()),
        (f"?page={last} (the last)", f"/people/?page={last}", PersonFilters()),
    ]
    results = []
    for label, url, filters in cases:
        results.append((*time_url(client, label, url, runs, explain), person_list(user, filters=filters).count()))
    return results


def time_other_searches(user, runs: int, explain: bool = False) -> list[tuple]:
    """The organisations list's search (logged in) and the public golden-book search (no login)."""
    from tdkt.awards.selectors import public_decisions
    from tdkt.organizations.selectors import OrganizationFilters, organization_list

    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    results = []
    for q in ("truong tieu hoc", "hai lang so 17"):
        url = f"/organizations/?q={q.replace(' ', '+')}"
        count = organization_list(user, filters=OrganizationFilters(query=q)).count()
        results.append((*time_url(client, url, url, runs, explain, "organizations_organization"), count))
    public = Client(SERVER_NAME="localhost")
    for q in ("nguyen", "khanh"):
        url = f"/cong-khai/?q={q.replace(' ', '+')}"
        count = public_decisions(query=q).count()  # decisions with a match
        results.append((*time_url(public, url, url, runs, explain, "awards_awardee"), count))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--explain", action="store_true", help="print the query plans of the list pages")
    parser.add_argument("--organisations", type=int, default=3000, help="organisations added for their search")
    parser.add_argument("--awardees", type=int, default=20_000, help="golden-book awardees for the public search")
    args = parser.parse_args()
    with throwaway_database("people", WORKDIR) as vendor:
        with override_settings(MEDIA_ROOT=WORKDIR / "media", ALLOWED_HOSTS=["localhost"]):
            province, leaves, user = build_organisations()
            if vendor == "postgresql":  # an established database has statistics (autovacuum)
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            path = WORKDIR / "people.xlsx"
            start = time.perf_counter()
            write_people_file(path, args.rows, [o.code for o in leaves])
            generated = time.perf_counter() - start
            rss_before = peak_rss_mb()
            timings = time_import(user, path)
            rss_after = peak_rss_mb()
            pages = time_pages(user, leaves[0], args.runs, args.explain)
            extra_orgs = search_extras.build_more_organisations(leaves[::6], args.organisations)
            awardees = search_extras.build_awardees(province, user, args.awardees)
            if vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            print(f"\n(then {extra_orgs:,} more organisations and {awardees:,} awardees for the searches below)")
            pages += time_other_searches(user, args.runs, args.explain)
        report(vendor, args, path, generated, timings, rss_before, rss_after, pages)


def report(vendor, args, path, generated, timings, rss_before, rss_after, pages) -> None:
    rows = timings.pop("rows")
    if vendor == "sqlite":
        version = connection.Database.sqlite_version
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
    print(f"\n== {vendor} {version}: {rows:,} people, file {path.stat().st_size / 1024 / 1024:.1f} MB "
          f"(generated in {generated:.1f} s); load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs ==")
    print(f"{'import phase':<36}{'seconds':>9}{'rows/s':>10}")
    for name in ("upload check (incl. one read)", "read", "validate", "write", "job total (read+validate+write)"):
        seconds = timings[name]
        print(f"{name:<36}{seconds:>9.2f}{rows / seconds:>10,.0f}")
    print(f"peak RSS: {rss_after:,.0f} MB (before the import {rss_before:,.0f} MB)")
    print(f"\n{'list page':<36}{'median ms':>10}{'min':>8}{'max':>8}{'queries':>9}{'SQL ms':>8}{'matches':>9}")
    for label, median, low, high, queries, sql_ms, count in pages:
        print(f"{label:<36}{median:>10.1f}{low:>8.1f}{high:>8.1f}{queries:>9}{sql_ms:>8.1f}{count:>9}")
    print("(SQL ms: the database time of one extra run, from the query log)")


if __name__ == "__main__":
    main()
