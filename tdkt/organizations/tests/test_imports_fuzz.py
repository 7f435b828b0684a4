"""Damaged Excel files by the hundred (issue 12, 1e): the sheet XML of an ordinary file mutated at
random (cut, characters dropped or doubled, addresses rewritten). Reading it either gives the
table or an ImportFileError with a message: never another exception, which would be a 500."""

import io
import random
import re
import zipfile

import pytest

from tdkt.organizations.importers.columns import COLUMNS
from tdkt.organizations.importers.reading import ImportFileError, read_table
from tdkt.scoring.excel_templates import ExcelFormError, read_template_workbook, template_workbook

from .import_files import PEOPLE_HEADERS, person_row, xlsx_bytes

pytestmark = pytest.mark.django_db
SEEDS = range(120)


def _mutate(xml: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    at = rng.randrange(len(xml))
    if kind == 0:
        return xml[:at]  # cut short
    if kind == 1:
        return xml[:at] + xml[at + rng.randrange(1, 40):]  # a piece dropped
    if kind == 2:
        return xml[:at] + rng.choice([b"<", b">", b'"', b"&", b"<c>", b"</row>", b"\x00", b"\xff"]) + xml[at:]
    if kind == 3:  # an address rewritten
        refs = list(re.finditer(rb'r="[A-Z]+[0-9]+"', xml))
        if not refs:
            return xml[:at]
        ref = rng.choice(refs)
        new = rng.choice([b'r="XFD1048576"', b'r="ZZZZ1"', b'r="A0"', b'r=""', b'r="A99999999"', b"r='B2'"])
        return xml[:ref.start()] + new + xml[ref.end():]
    if kind == 4:  # a shared-string or number value made odd
        return re.sub(rb"<v>[^<]*</v>", rng.choice([b"<v>999999</v>", b"<v>-1</v>", b"<v>x</v>", b"<v>1e999</v>"]),
                      xml, count=1)
    return xml.replace(b"<row ", b"<row r=\"1048576\" ", 1)


def _rezip(content: bytes, member_pattern: str, rng: random.Random) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if re.fullmatch(member_pattern, item.filename):
                data = _mutate(data, rng)
            dst.writestr(item.filename, data)
    return out.getvalue()


def _refusal(expected, read, *args):
    """The expected refusal, or None when the file was read; any other exception fails the test."""
    try:
        read(*args)
    except expected as exc:
        return exc
    return None


@pytest.fixture(scope="module")
def people_file():
    return xlsx_bytes(PEOPLE_HEADERS, [person_row(f"Nguyễn Văn {i}", position=f"=A{i}") for i in range(30)])


@pytest.mark.parametrize("seed", SEEDS)
def test_a_damaged_people_file_is_read_or_refused(people_file, seed):
    rng = random.Random(seed)
    content = _rezip(people_file, r"xl/(worksheets/sheet1|sharedStrings|workbook)\.xml", rng)
    refused = _refusal(ImportFileError, read_table, io.BytesIO(content), COLUMNS["people"])
    assert refused is None or all(message.strip() for message in refused.messages)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_damaged_criteria_form_is_read_or_refused(seed):
    rng = random.Random(seed)
    content = _rezip(template_workbook(), r"xl/(worksheets/sheet[12]|sharedStrings|workbook)\.xml", rng)
    refused = _refusal(ExcelFormError, read_template_workbook, io.BytesIO(content))
    assert refused is None or refused.messages
