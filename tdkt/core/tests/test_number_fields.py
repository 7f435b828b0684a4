"""The shared number box: text typed the Vietnamese way, values shown back the same way, messages
naming the field; and the ``vn_number`` filter."""

from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from tdkt.core.numbers_form import NumberField, integer_field


class _Form(forms.Form):
    score = NumberField(label="Điểm tự chấm", min_value=0, max_value=100, max_digits=5, required=False)
    money = integer_field(label="Tiền thưởng", min_value=0, max_digits=12, required=False)
    delta = NumberField(label="Chênh lệch", decimals=1, required=False)
    count = integer_field(label="Số lượng", min_value=1, max_value=20)


def _clean(**data):
    form = _Form({"count": "1", **data})
    with translation.override("vi"):
        valid = form.is_valid()
        return valid, form


@pytest.mark.parametrize(
    ("name", "typed", "value"),
    [
        ("score", "2,5", Decimal("2.5")),
        ("score", "27,5", Decimal("27.5")),
        ("score", "100", Decimal(100)),
        ("score", "", None),
        ("money", "1.234.000", 1234000),
        ("money", "1 234 000", 1234000),
        ("money", "2.500", 2500),
        ("money", "1234000", 1234000),
        ("delta", "-1,5", Decimal("-1.5")),
        ("count", "20", 20),
    ],
)
def test_typed_the_vietnamese_way(name, typed, value):
    valid, form = _clean(**{name: typed})
    assert valid, form.errors
    assert form.cleaned_data[name] == value
    assert type(form.cleaned_data[name]) is type(value)


@pytest.mark.parametrize(
    ("name", "typed", "words"),
    [
        ("score", "2.5", ["Điểm tự chấm", "“2,5”"]),
        ("score", "2.500", ["Điểm tự chấm", "“2,5”", "“2500”"]),
        ("score", "2,555", ["Điểm tự chấm", "2"]),
        ("score", "abc", ["Điểm tự chấm", "“abc”"]),
        ("score", "100,5", ["Điểm tự chấm", "100"]),
        ("score", "-1", ["Điểm tự chấm", "âm"]),
        ("money", "1,234,000", ["Tiền thưởng", "“1.234.000”"]),
        ("money", "1,5", ["Tiền thưởng", "số nguyên"]),
        ("money", "1.000.000.000.000", ["Tiền thưởng", "quá lớn"]),
        ("delta", "1,25", ["Chênh lệch", "1"]),
        ("count", "", ["Số lượng"]),
        ("count", "0", ["Số lượng", "1"]),
        ("count", "21", ["Số lượng", "20"]),
    ],
)
def test_refused_with_a_message_naming_the_field(name, typed, words):
    valid, form = _clean(**{name: typed})
    assert not valid
    message = form.errors[name][0]
    for word in words:
        assert word in message, message
    assert form[name].value() == typed  # the typing stays in the box


def test_the_box_is_text_with_a_number_pad_and_shows_values_the_vietnamese_way():
    form = _Form(initial={"score": Decimal("2.50"), "money": 1234000, "delta": Decimal("2500"), "count": 3})
    score, money, delta = str(form["score"]), str(form["money"]), str(form["delta"])
    assert 'type="text"' in score
    assert 'inputmode="decimal"' in score
    assert 'value="2,5"' in score
    assert 'inputmode="numeric"' in money
    assert 'value="1.234.000"' in money
    assert 'value="2500"' in delta  # "2.500" would be ambiguous in a box that takes decimals
    assert 'type="number"' not in score + money + delta


def test_a_refused_number_is_shown_back_as_typed():
    valid, form = _clean(score="2.5")
    assert not valid
    assert 'value="2.5"' in str(form["score"])


def test_vn_number_filter():
    template = Template(
        "{% load vn_numbers %}"
        "{{ a|vn_number }}|{{ b|vn_number }}|{{ c|vn_number:1 }}|{{ d|vn_number }}|{{ e|vn_number }}"
    )
    out = template.render(Context({"a": Decimal("2.50"), "b": 1234000, "c": Decimal("2.25"), "d": None, "e": "—"}))
    assert out == "2,5|1.234.000|2,3||—"


def test_a_disabled_box_keeps_its_initial_value():
    class Locked(forms.Form):
        share = NumberField(label="Tỷ lệ", disabled=True, required=False)
        count = integer_field(label="Số lượng", disabled=True, required=False)

    form = Locked({"share": "9,9", "count": "9"}, initial={"share": 2.5, "count": 3})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"share": Decimal("2.5"), "count": 3}
