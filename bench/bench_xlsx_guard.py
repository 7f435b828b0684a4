"""Benchmark: what a hostile Excel file costs the process, with and without the extent check.

    .venv/bin/python bench/bench_xlsx_guard.py [--rows 100000]

Each case runs in a fresh subprocess (peak resident memory is per process) with a 4 GB address
space cap, so the unguarded far cell aborts the child, not this script. Cases:

- raw XFD1048576 / raw Z400000: the 1.7 KB probe files handed straight to python-calamine, as
  the importers did before the check (tdkt/core/xlsx_extent.py);
- guarded XFD1048576 / Z400000: the same files through the people import's read_table(), refused
  by the check before the reader runs;
- legit N rows × 12: an ordinary people file (openpyxl), the check alone and the whole read_table();
- widest allowed: 30 columns as tall as the importers' cap of 2 million cells allows, read_table().

No database is used.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HEADERS = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Loại", "Chức vụ", "Lãnh đạo quản lý", "Mã đơn vị",
           "Ngày bắt đầu công tác", "Email"]
CAP = 4 * 1024 ** 3


def _file(case: str, rows: int) -> bytes:
    from tdkt.core.tests import hostile_xlsx

    if case.endswith("XFD1048576"):
        return hostile_xlsx.far_cell(HEADERS, "XFD1048576")
    if case.endswith("Z400000"):
        return hostile_xlsx.far_cell(HEADERS, "Z400000")
    from openpyxl import Workbook

    width = 30 if case == "widest allowed" else len(HEADERS)
    if case == "widest allowed":
        rows = min(rows, 2_000_000 // width - 1)  # tdkt.organizations.importers.reading.MAX_SHEET_CELLS
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cán bộ")
    sheet.append(HEADERS + [None] * (width - len(HEADERS)))  # notes without a heading are ignored
    for i in range(rows):
        sheet.append([f"CB{i:06d}", "Nguyễn Văn An", "Nam", "01/02/1980", "Công chức", "Chuyên viên", "Không", "FIN",
                      "01/01/2005", f"a{i}@example.vn"] + [f"x{i % 97}"] * (width - len(HEADERS)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def child(case: str, rows: int) -> None:
    content = _file(case, rows)
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
    if case.startswith(("guarded", "legit", "widest")):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
        os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
        import django

        django.setup()
        from tdkt.organizations.importers.columns import COLUMNS
        from tdkt.organizations.importers.reading import ImportFileError, read_table
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    outcome = "read"
    if case.startswith("raw"):
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet = workbook.get_sheet_by_name(workbook.sheets_metadata[0].name)
        outcome = f"grid {sheet.height:,} × {sheet.width:,}"
    elif case == "check only":
        from tdkt.core.xlsx_extent import check_sheet

        extent = check_sheet(io.BytesIO(content), "Cán bộ", max_rows=101_010, max_columns=100, max_cells=3_000_000)
        outcome = f"within {extent.rows:,} × {extent.columns:,}"
    else:
        try:
            table = read_table(io.BytesIO(content), COLUMNS["people"])
            outcome = f"{table.row_count:,} rows"
        except ImportFileError as exc:
            outcome = "refused: " + exc.messages[0][:70] + "…"
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"size": len(content), "seconds": seconds, "peak_mb": peak / 1024,
                      "added_mb": (peak - base) / 1024, "outcome": outcome}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--case")
    args = parser.parse_args()
    if args.case:
        child(args.case, args.rows)
        return
    print(f"load average {os.getloadavg()[0]:.2f}; {args.rows:,} rows for the ordinary files; 4 GB cap per case")
    print(f"{'case':<28} {'file':>10} {'seconds':>8} {'peak MB':>8} {'added MB':>9}  outcome")
    cases = ["raw XFD1048576", "raw Z400000", "guarded XFD1048576", "guarded Z400000", "check only",
             f"legit {args.rows:,} × {len(HEADERS)}", "widest allowed"]
    for case in cases:
        name = "legit" if case.startswith("legit") else case
        run = subprocess.run([sys.executable, __file__, "--case", name, "--rows", str(args.rows)],
                             capture_output=True, text=True, check=False)
        if run.returncode != 0:
            last = (run.stderr.strip().splitlines() or ["?"])[-1][:60]
            print(f"{case:<28} {'':>10} {'':>8} {'':>8} {'':>9}  process died (exit {run.returncode}): {last}")
            continue
        r = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"{case:<28} {r['size']:>10,} {r['seconds']:>8.2f} {r['peak_mb']:>8.0f} {r['added_mb']:>9.0f}  "
              f"{r['outcome']}")


if __name__ == "__main__":
    main()
