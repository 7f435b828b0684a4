"""The TĐKT columns of the people and organisations exports (Biểu 0604, 0605 of Thông tư 02/2023/TT-BNV),
with the importers' own headers and Vietnamese values, so that an exported file's TĐKT cells can be
imported back as they are (tests: test_tdkt_columns.py)."""

from .columns import EDUCATION_LABELS, ORGANIZATION_COLUMNS, PEOPLE_COLUMNS, TDKT_UNIT_LABELS, YES_NO_LABELS

_PEOPLE = {c.key: c for c in PEOPLE_COLUMNS}
TDKT_PERSON_KEYS = ("education_level", "is_tdkt_officer", "in_tdkt_work_since")
TDKT_PERSON_HEADERS = tuple(_PEOPLE[key].header for key in TDKT_PERSON_KEYS)
TDKT_UNIT_HEADER = next(c.header for c in ORGANIZATION_COLUMNS if c.key == "tdkt_unit_kind")
_EDUCATION = {code: label for label, code in EDUCATION_LABELS.items()}
_UNIT = {code: label for label, code in TDKT_UNIT_LABELS.items()}
_YES, _NO = (next(label for label, value in YES_NO_LABELS.items() if value == v) for v in ("1", "0"))


def tdkt_person_cells(person) -> tuple:
    """Trình độ đào tạo, Làm công tác TĐKT (Có/Không), Làm công tác TĐKT từ (a date)."""
    return (_EDUCATION.get(person.education_level, ""), _YES if person.is_tdkt_officer else _NO,
            person.in_tdkt_work_since)


def tdkt_unit_cell(organization) -> str:
    return _UNIT.get(organization.tdkt_unit_kind, "")
