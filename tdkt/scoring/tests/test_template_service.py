"""Template definitions are stored canonical and within what the database holds."""

import copy

import pytest
from django.core.exceptions import ValidationError

from tdkt.scoring.services.templates import template_create

from .conftest import SMALL


def _create(world, definition, code="T-1"):
    return template_create(actor=world.users["standing_office"], owner=world.orgs["P"], code=code, name="Mẫu",
                           definition=definition)


def test_stored_canonical_without_stray_keys(world):
    definition = copy.deepcopy(SMALL)
    definition["items"][0]["children"][1]["colour"] = "đỏ"
    definition["items"][0]["children"][1]["rule"] = {"type": "points"}
    definition["extra"] = True
    template = _create(world, definition)
    assert template.definition == SMALL
    template.refresh_from_db()
    assert str(template.max_total) == "100.00"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["items"][0]["children"][0].update(code="X" * 41), "mã quá 40"),
        (lambda d: d["items"][1]["children"][0].update(max=10**8), "quá lớn"),
        (lambda d: d["bands"][0].update(min=10**9), "Mức xếp loại"),
    ],
)
def test_limits_name_the_item(world, change, words):
    definition = copy.deepcopy(SMALL)
    change(definition)
    with pytest.raises(ValidationError) as error:
        _create(world, definition)
    assert words in error.value.message_dict["definition"][0]


def test_hostile_nesting_is_refused_without_recursion(world):
    leaf = {"code": "L", "title": "x", "max": 1}
    node = leaf
    for depth in range(5000):
        node = {"code": f"N{depth}", "title": "x", "children": [node]}
    with pytest.raises(ValidationError) as error:
        _create(world, {"items": [node], "bands": SMALL["bands"]})
    assert "lồng quá 6 cấp" in error.value.message_dict["definition"][0]
