"""Scores shown the way the box shows them: a section or total of 2.5 reads "2,5" like the score
typed, never "2,50" (``floatformat:"-2"`` kept two decimals once any were needed), on the sheet,
the review, the ranking and the criteria template; figures past a thousand are grouped."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse

from tdkt.scoring.services.reviews import review_save
from tdkt.scoring.services.sheets import sheet_save, sheet_start, sheet_submit

from .conftest import entries


def cells(html: str, row_id: str) -> list[str]:
    """The text of each cell of the table row with that id."""
    row = re.search(rf'<tr[^>]*id="{re.escape(row_id)}"[^>]*>(.*?)</tr>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_sheet_section_and_total_read_like_the_box(client, scoring):
    s = scoring
    sheet = sheet_start(actor=s.users["unit_officer"], scoring_round=s.round, organization=s.orgs["FIN"])
    sheet_save(actor=s.users["unit_officer"], sheet=sheet, entries=entries(I_2="2.5"))
    client.force_login(s.users["unit_officer"])
    text = client.get(reverse("scoring:sheet", args=[sheet.pk])).text
    assert 'value="2,5"' in text  # the box
    assert cells(text, "item-I")[4] == "2,5"  # the section's self-score
    assert re.search(r'id="self-total"[^>]*>2,5<', text)
    assert ",50" not in text
    assert "mỗi lần được 9 điểm, tối đa 45" in text  # the rule: "9", not "9,00"


def test_review_and_ranking_read_like_the_box(client, scoring):
    s = scoring
    sheet = sheet_start(actor=s.users["unit_officer"], scoring_round=s.round, organization=s.orgs["FIN"])
    sheet_save(actor=s.users["unit_officer"], sheet=sheet, entries=entries(I_1=1, I_2="2.5", II_1="0.5", II_2=0))
    sheet_submit(actor=s.users["unit_officer"], sheet=sheet)
    review_save(actor=s.users["block_head"], sheet=sheet, reviewer=s.orgs["HOME"],
                entries={"I.2": (Decimal("1.5"), "")}, complete=False)
    client.force_login(s.users["block_head"])
    review = client.get(reverse("scoring:review", args=[sheet.pk, s.orgs["HOME"].pk])).text
    assert re.search(r'id="own-total"[^>]*>22<', review)  # 9 + 2,5 + 0,5 + 10
    assert cells(review, "item-II")[4] == "10,5"  # the unit's own score of section II
    assert ",50" not in review
    ranking = client.get(reverse("scoring:round", args=[s.round.pk])).text
    assert ",50" not in ranking
    assert ",00" not in ranking
    template = client.get(reverse("scoring:template", args=[s.template.pk])).text
    assert ",00" not in template


def test_vn_number_filter_groups_and_drops_trailing_zeros():
    out = Template("{% load vn_numbers %}{{ a|vn_number }}|{{ b|vn_number }}|{{ c|vn_number:1 }}").render(
        Context({"a": Decimal("2.50"), "b": 1234000, "c": Decimal("33.333")})
    )
    assert out == "2,5|1.234.000|33,3"


def test_a_score_too_large_is_named_the_way_it_was_typed(scoring):
    s = scoring
    sheet = sheet_start(actor=s.users["unit_officer"], scoring_round=s.round, organization=s.orgs["FIN"])
    with pytest.raises(ValidationError) as caught:
        sheet_save(actor=s.users["unit_officer"], sheet=sheet, entries=entries(I_2="12345678.5"))
    assert caught.value.message_dict["I.2"] == ["Mục I.2: số 12.345.678,5 quá lớn."]
