"""Where the visible signature goes: as a Vietnamese administrative document places it (NĐ 30/2020,
Phụ lục I), in the signing block at the bottom right, over the signer's name, between the signer's
title and the name.

The name is found on the page with poppler's ``pdftotext -bbox`` (the decision's PDF comes from
LibreOffice and its layout moves with the text above it). Without poppler, or when the name is not
found, the box goes at the bottom right of the first page's text area."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path

A4 = (595.0, 842.0)
BOX_W, BOX_H = 210.0, 56.0


@dataclass(frozen=True)
class Placement:
    page: int  # 0-based
    box: tuple[int, int, int, int]  # PDF user space (origin bottom left): x1, y1, x2, y2


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _default(width: float = A4[0]) -> Placement:
    x2 = width - 60
    return Placement(0, (int(x2 - BOX_W), 90, int(x2), int(90 + BOX_H)))


def find(pdf: bytes, signer_name: str, *, timeout: int = 20) -> Placement:
    words = [_norm(w) for w in signer_name.split() if w.strip()]
    pdftotext = shutil.which("pdftotext")
    if not words or pdftotext is None:
        return _default()
    with tempfile.TemporaryDirectory(prefix="tdkt-sig-") as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        try:
            out = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [pdftotext, "-bbox", "-l", "20", str(source), "-"], capture_output=True, timeout=timeout,
                check=False,
            ).stdout.decode("utf-8", "replace")
        except (OSError, subprocess.SubprocessError):
            return _default()
    for index, (width, height, body) in enumerate(_PAGE.findall(out)):
        width, height = float(width), float(height)
        found = [(float(a), float(b), float(c), float(d), _norm(unescape(t))) for a, b, c, d, t in _WORD.findall(body)]
        # The last run of the name's words in the right half of the page: the signing block.
        for start in range(len(found) - len(words), -1, -1):
            run = found[start:start + len(words)]
            if [w[4] for w in run] == words and run[0][0] > width * 0.4:
                x1, top = min(w[0] for w in run), min(w[1] for w in run)
                x2 = max(w[2] for w in run)
                centre = (x1 + x2) / 2
                bottom = height - top + 4  # just above the name, PDF space
                left = max(min(centre - BOX_W / 2, width - BOX_W - 20), 20)
                return Placement(index, (int(left), int(bottom), int(left + BOX_W), int(bottom + BOX_H)))
    return _default()
