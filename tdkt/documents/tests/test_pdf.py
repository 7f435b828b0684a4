"""PDF through LibreOffice: the text extracted with pdftotext (quốc hiệu, số hiệu, every tone mark),
the fonts embedded, A4 pages, ink where the header columns are; the pages are also written as PNG
to test-artifacts/documents/ for a person to look at. Without soffice these tests FAIL."""

import os
import stat
import time
from pathlib import Path

import pytest

from tdkt.documents import generation

from .conftest import NUMBER, PANGRAM, TASKS, TITLE
from .helpers import ink, pdf_fonts, pdf_info, pdf_pages_gray, pdf_text, require_soffice, save_png
from .test_generation import PLACE_DATE, QUOC_HIEU, TIEU_NGU

EXPECTED = {
    "ke-hoach": [f"Số: {NUMBER}", "KẾ HOẠCH", TITLE, "TM. KHỐI THI ĐUA", "Nguyễn Cảnh Hưng", "Nơi nhận:"],
    "chuong-trinh-cong-tac": [
        "Số: /CTr-KTĐ",
        "CHƯƠNG TRÌNH CÔNG TÁC",
        "QUÝ I/2022",
        "QUÝ II/2022",
        "QUÝ III/2022",
        "QUÝ IV/2022",
        "Nơi nhận:",
    ],
    "giao-uoc": ["GIAO ƯỚC THI ĐUA", "PHẦN KÝ KẾT GIAO ƯỚC THI ĐUA", "Lê Minh Đạt", "(Đã ký)"],
}


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", list(generation.KINDS))
def test_pdf_text_fonts_and_pages(kind, seed_movement):
    require_soffice()
    docx_bytes = generation.render_docx(kind, seed_movement)
    started = time.perf_counter()
    pdf = generation.docx_to_pdf(docx_bytes)
    elapsed = time.perf_counter() - started
    assert pdf.startswith(b"%PDF-")
    assert elapsed < generation.SOFFICE_TIMEOUT

    text = pdf_text(pdf)
    for expected in [QUOC_HIEU, TIEU_NGU, PLACE_DATE, "UBND TỈNH QUẢNG TRỊ", PANGRAM, *EXPECTED[kind]]:
        assert expected in text, expected
    if kind == "chuong-trinh-cong-tac":
        for _, content, _ in TASKS:
            assert generation.clean(content) in text

    fonts = pdf_fonts(pdf)
    assert fonts, "no fonts listed"
    assert all(font["embedded"] == "yes" for font in fonts), fonts
    # Times New Roman, or the metric-compatible Liberation Serif that replaces it on the server.
    assert any("Liberation" in font["name"] or "Times" in font["name"] for font in fonts), fonts

    info = pdf_info(pdf)
    assert "A4" in info["Page size"], info["Page size"]
    pages = pdf_pages_gray(pdf)
    assert len(pages) == int(info["Pages"]) <= 4
    first = pages[0]
    # The two-column header: the issuing body top left, the national motto top right …
    assert ink(first, left=0.15, top=0.05, right=0.45, bottom=0.13) > 50
    assert ink(first, left=0.5, top=0.05, right=0.95, bottom=0.13) > 50
    # … and nothing in the left margin (30 mm of 210) or above the top margin (20 mm of 297).
    assert ink(first, left=0.0, top=0.0, right=0.12, bottom=1.0) == 0
    assert ink(first, left=0.0, top=0.0, right=1.0, bottom=0.06) == 0

    assert save_png(pdf, kind)


@pytest.mark.libreoffice
def test_conversions_run_side_by_side(seed_movement):
    """Each conversion has its own LibreOffice profile, so two at once do not block each other."""
    from concurrent.futures import ThreadPoolExecutor

    require_soffice()
    docx_bytes = generation.render_docx("giao-uoc", seed_movement)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(generation.docx_to_pdf, [docx_bytes, docx_bytes]))
    assert all(r.startswith(b"%PDF-") for r in results)


# --- failures (no LibreOffice needed) ----------------------------------------------------------------


def test_missing_soffice_is_a_vietnamese_error(monkeypatch):
    monkeypatch.setattr(generation.shutil, "which", lambda name: None)
    with pytest.raises(generation.DocumentError) as caught:
        generation.docx_to_pdf(b"PK")
    assert caught.value.status == 503
    assert "chưa cài LibreOffice" in caught.value.message


def _fake_soffice(tmp_path, body: str) -> str:
    path = tmp_path / "soffice"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_a_failing_conversion_returns_nothing(monkeypatch, tmp_path):
    # Writes half a PDF, then fails: the caller must get an error, not the half file.
    fake = _fake_soffice(
        tmp_path,
        'for a; do last="$a"; done; printf "%%PDF-1.7 half" > "${last%/*}/out/van-ban.pdf"; '
        'echo "Error: source file could not be loaded" >&2; exit 1',
    )
    monkeypatch.setattr(generation, "soffice_path", lambda: fake)
    with pytest.raises(generation.DocumentError) as caught:
        generation.docx_to_pdf(b"PK")
    assert caught.value.status == 503
    assert "không chuyển được" in caught.value.message
    assert "source file could not be loaded" in caught.value.message


def test_an_incomplete_pdf_is_refused_even_with_exit_status_zero(monkeypatch, tmp_path):
    fake = _fake_soffice(
        tmp_path, 'for a; do last="$a"; done; printf "%%PDF-1.7 truncated" > "${last%/*}/out/van-ban.pdf"'
    )
    monkeypatch.setattr(generation, "soffice_path", lambda: fake)
    with pytest.raises(generation.DocumentError, match="không chuyển được"):
        generation.docx_to_pdf(b"PK")


def test_a_hanging_conversion_is_killed_after_the_timeout(monkeypatch, tmp_path):
    marker = tmp_path / "child.pid"
    fake = _fake_soffice(tmp_path, f"sleep 60 & echo $! > {marker}; wait")
    monkeypatch.setattr(generation, "soffice_path", lambda: fake)
    started = time.perf_counter()
    with pytest.raises(generation.DocumentError, match="trong 1 giây"):
        generation.docx_to_pdf(b"PK", timeout=1)
    assert time.perf_counter() - started < 10
    # The whole process group is gone, the grandchild included.
    child = int(marker.read_text())
    deadline = time.monotonic() + 3
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:  # a zombie waiting for its new parent to reap it is gone too
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True
