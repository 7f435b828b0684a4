"""Dates are dd/mm/yyyy both ways, numbers group thousands with dots."""

import datetime

from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from tdkt.core.forms import VNDateInput


class _DateForm(forms.Form):
    day = forms.DateField(widget=VNDateInput())


def test_date_input_is_day_first():
    with translation.override("vi"):
        form = _DateForm({"day": "05/06/2026"})
        assert form.is_valid()
        assert form.cleaned_data["day"] == datetime.date(2026, 6, 5)


def test_month_first_date_is_refused_in_vietnamese():
    with translation.override("vi"):
        form = _DateForm({"day": "06/25/2026"})
        assert not form.is_valid()
        assert "ngày" in form.errors["day"][0].lower()


def test_date_widget_shows_day_first():
    with translation.override("vi"):
        rendered = _DateForm(initial={"day": datetime.date(2026, 6, 5)})["day"].as_widget()
        assert 'value="05/06/2026"' in rendered


def test_template_dates_and_numbers():
    with translation.override("vi"):
        out = Template('{{ d|date:"SHORT_DATE_FORMAT" }} {{ n }}').render(
            Context({"d": datetime.date(2022, 3, 15), "n": 1234567})
        )
        assert out == "15/03/2022 1.234.567"
        assert formats.number_format(1234567.5, 1, use_l10n=True) == "1.234.567,5"


def test_ids_in_links_are_never_grouped(client, world):
    """Thousands separators are for numbers people read, not for ids in addresses (16256, not 16.256)."""
    from conftest import make_org

    big = make_org("BIG", "Sở Tư pháp", parent=world.orgs["P"])
    Organization = type(big)
    Organization.objects.filter(pk=big.pk).update(id=16256, path=f"{world.orgs['P'].path}16256/")
    client.force_login(world.users["admin"])
    page = client.get("/organizations/16256/")
    assert page.status_code == 200
    assert "org=16256" in page.text
    assert "16.256" not in page.text
