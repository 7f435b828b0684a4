"""The Vietnamese catalogue is complete: every UI string in code and templates is translated."""

import re
from pathlib import Path

import polib
from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PATTERNS = [
    re.compile(r"""\{%\s*translate\s+"((?:[^"\\]|\\.)*)"(?:\s+[^%]*)?%\}"""),
    re.compile(r"""\{%\s*translate\s+'((?:[^'\\]|\\.)*)'(?:\s+[^%]*)?%\}"""),
    re.compile(r"""\b(?:_|gettext|gettext_lazy|pgettext_lazy)\(\s*"((?:[^"\\]|\\.)*)"\s*\)"""),
]


def _sources():
    root = Path(settings.BASE_DIR)
    for path in [
        *root.glob("tdkt/**/*.py"),
        *root.glob("tdkt/**/*.html"),
        *root.glob("templates/**/*.html"),
        *root.glob("config/**/*.py"),
    ]:
        if "/tests/" in str(path) or "/migrations/" in str(path):
            continue
        yield path


def test_every_catalogue_entry_is_translated():
    po = polib.pofile(str(PO))
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()][:20]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()][:20]


def test_compiled_catalogue_matches_the_source():
    po = {e.msgid: e.msgstr or e.msgstr_plural.get(0) for e in polib.pofile(str(PO)) if not e.obsolete}
    mo = {e.msgid: e.msgstr or e.msgstr_plural.get(0) for e in polib.mofile(str(MO))}
    assert {k: v for k, v in po.items() if k} == {k: v for k, v in mo.items() if k}


def test_every_ui_string_is_in_the_catalogue():
    known = {e.msgid for e in polib.pofile(str(PO))}
    missing = set()
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for match in pattern.finditer(text):
                msgid = match.group(1).replace('\\"', '"').replace("\\'", "'")
                if msgid not in known:
                    missing.add(f"{path.name}: {msgid}")
    assert not missing, sorted(missing)[:30]
