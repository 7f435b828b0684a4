"""The content security policy forbids inline styles and scripts: templates must not rely on them."""

import re
from pathlib import Path

from django.conf import settings

INLINE_STYLE = re.compile(r"""\sstyle\s*=\s*["']""")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""")
JS_URL = re.compile(r"javascript:", re.IGNORECASE)


def test_no_inline_style_script_or_handler_in_templates():
    root = Path(settings.BASE_DIR)
    offenders = []
    for path in [*root.glob("templates/**/*.html"), *root.glob("tdkt/**/templates/**/*.html")]:
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_STYLE, INLINE_SCRIPT, INLINE_HANDLER, JS_URL):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(root)}: {pattern.pattern}")
    assert not offenders, offenders
