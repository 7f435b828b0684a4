"""Reading generated documents back: DOCX text with python-docx, PDF text and fonts with poppler."""

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tdkt.documents import generation

# TDKT_TEST_ARTIFACTS: .ci/run gives the PostgreSQL run its own folder, since it runs beside the SQLite one.
_ROOT = os.environ.get("TDKT_TEST_ARTIFACTS") or Path(__file__).resolve().parents[3] / "test-artifacts"
ARTIFACTS = Path(_ROOT) / "documents"


def squash(text: str) -> str:
    """NFC with runs of white space as one space, so line wrapping does not matter."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def docx_paragraphs(data: bytes) -> list[str]:
    """Every paragraph of the body, tables included, in document order."""
    document = Document(BytesIO(data))
    out = []
    for p in document.element.body.iter(qn("w:p")):
        parts = []
        for node in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
            parts.append(node.text or "" if node.tag == qn("w:t") else ("\n" if node.tag == qn("w:br") else " "))
        out.append("".join(parts))
    return out


def docx_text(data: bytes) -> str:
    return squash("\n".join(docx_paragraphs(data)))


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (Debian package poppler-utils); `make test` installs it.")
    return path


def pdf_text(data: bytes) -> str:
    """The text in content-stream order (-raw), so that a table cell wrapped over lines stays together."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        result = subprocess.run(  # noqa: S603
            [require_tool("pdftotext"), "-raw", "-enc", "UTF-8", handle.name, "-"], capture_output=True, check=True
        )
    return squash(result.stdout.decode("utf-8"))


def pdf_fonts(data: bytes) -> list[dict]:
    """pdffonts rows: name, type, embedded ("yes"/"no")."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        result = subprocess.run([require_tool("pdffonts"), handle.name], capture_output=True, check=True, text=True)  # noqa: S603
    rows = []
    for line in result.stdout.splitlines()[2:]:
        # name type [type…] encoding emb sub uni object ID
        match = re.match(r"^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line)
        if match:
            rows.append({"name": match[1], "type": match[2], "embedded": match[4]})
    return rows


def pdf_info(data: bytes) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        result = subprocess.run([require_tool("pdfinfo"), handle.name], capture_output=True, check=True, text=True)  # noqa: S603
    return dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)


def pdf_pages_gray(data: bytes, *, dpi: int = 40) -> list[tuple[int, int, bytes]]:
    """Every page as (width, height, 8-bit gray pixels) from pdftoppm -gray."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(data)
        subprocess.run(  # noqa: S603
            [require_tool("pdftoppm"), "-gray", "-r", str(dpi), str(source), str(Path(tmp) / "page")], check=True
        )
        pages = []
        for path in sorted(Path(tmp).glob("page*.pgm")):
            raw = path.read_bytes()
            header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", raw)
            width, height = int(header[1]), int(header[2])
            pages.append((width, height, raw[header.end() :]))
    return pages


def ink(page: tuple[int, int, bytes], *, left: float, top: float, right: float, bottom: float) -> int:
    """Dark pixels in a region given as fractions of the page."""
    width, height, pixels = page
    count = 0
    for y in range(int(top * height), int(bottom * height)):
        row = pixels[y * width + int(left * width) : y * width + int(right * width)]
        count += sum(1 for value in row if value < 128)
    return count


def save_png(data: bytes, name: str) -> list[Path]:
    """The PDF's pages as PNG in test-artifacts/documents/ (to look at; the folder is git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    (ARTIFACTS / f"{name}.pdf").write_bytes(data)
    subprocess.run(  # noqa: S603
        [require_tool("pdftoppm"), "-png", "-r", "80", str(ARTIFACTS / f"{name}.pdf"), str(ARTIFACTS / name)],
        check=True,
    )
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


def require_soffice() -> str:
    """LibreOffice tests fail, never skip, when soffice is missing: PDFs are a feature."""
    path = generation.soffice_path()
    if path is None:
        pytest.fail(
            "LibreOffice (soffice) is not installed: the PDF documents cannot be tested. "
            "Install the Debian package libreoffice-writer-nogui (`make test` does it)."
        )
    return path
