"""Formula injection (issue 12, 1b): the score table, a unit's sheet and the criteria form write
names and titles as text, never as formulas; scores stay numbers."""

import copy
from io import BytesIO

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tdkt.core.tests.hostile_xlsx import FORMULA_LIKE, assert_text_not_formulas
from tdkt.organizations.models import EmulationBlock, Organization
from tdkt.scoring.export_docs import HEADER_ROW
from tdkt.scoring.models import CriteriaTemplate

from .test_exports import scored  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
HYPERLINK, PLUS, MINUS, AT, TAB, CR = FORMULA_LIKE


def _content(client, user, name, pk) -> bytes:
    client.force_login(user)
    response = client.get(reverse(f"scoring:{name}", args=[pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_table_title_lines_and_unit_names(client, scored):  # noqa: F811
    EmulationBlock.objects.filter(pk=scored.world.block.pk).update(name="=1+2 khối")
    Organization.objects.filter(pk=scored.orgs["HOME"].pk).update(name=AT)
    Organization.objects.filter(pk=scored.orgs["MEM"].pk).update(name=MINUS)  # named in the notes
    content = _content(client, scored.users["block_head"], "round_table_xlsx", scored.round.pk)
    cells = assert_text_not_formulas(content, "=1+2 KHỐI", AT, MINUS)
    scores = [c for c in cells if c.row == HEADER_ROW + 1 and 3 <= c.column <= 6]
    assert scores
    assert all(c.data_type == "n" for c in scores)


def test_sheet_titles_from_the_template(client, scored):  # noqa: F811
    template = CriteriaTemplate.objects.get(pk=scored.template.pk)
    definition = copy.deepcopy(template.definition)
    definition["items"][0]["title"] = HYPERLINK
    definition["items"][0]["children"][0]["title"] = PLUS
    CriteriaTemplate.objects.filter(pk=template.pk).update(definition=definition)
    content = _content(client, scored.users["unit_officer"], "sheet_xlsx", scored.fin.pk)
    cells = assert_text_not_formulas(content, HYPERLINK, PLUS)
    assert any(c.data_type == "n" for c in cells if c.column == 3 and c.row > HEADER_ROW)


def test_criteria_form_export_round_trips_formula_like_titles(client, scored):  # noqa: F811
    template = CriteriaTemplate.objects.get(pk=scored.template.pk)
    definition = copy.deepcopy(template.definition)
    definition["items"][0]["title"] = HYPERLINK
    definition["items"][1]["title"] = AT
    definition["bands"][0]["label"] = "=Xuất sắc"
    CriteriaTemplate.objects.filter(pk=template.pk).update(definition=definition)
    content = _content(client, scored.users["standing_office"], "template_export", template.pk)
    cells = assert_text_not_formulas(content, HYPERLINK, AT, "=Xuất sắc")
    assert any(c.data_type == "n" for c in cells if c.column == 4 and c.row > 1)  # maximum points
    values = {v for row in CalamineWorkbook.from_filelike(BytesIO(content)).get_sheet_by_name("Tiêu chí").to_python()
              for v in row}
    assert {HYPERLINK, AT} <= values
