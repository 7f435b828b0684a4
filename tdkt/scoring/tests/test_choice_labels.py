"""The round form names the criteria template as people know it, not by its code (KTMTH-2022)."""

from django.urls import reverse

from tdkt.scoring.forms_rounds import RoundForm
from tdkt.scoring.models import CriteriaTemplate


def test_template_choice_is_the_name_and_version(scoring):
    form = RoundForm(templates=CriteriaTemplate.objects.all())
    labels = [str(label) for value, label in form.fields["template"].choices if value != ""]
    assert len(labels) == 1
    assert labels[0].startswith("Tiêu chí chấm điểm Khối các cơ quan tham mưu, tổng hợp (")
    assert "1" in labels[0]
    assert "KTMTH-2022" not in labels[0]


def test_round_edit_page_shows_no_code_in_the_drop_down(client, scoring):
    client.force_login(scoring.users["block_head"])
    page = client.get(reverse("scoring:round_edit", args=[scoring.round.pk])).content.decode()
    assert "Tiêu chí chấm điểm Khối các cơ quan tham mưu, tổng hợp (" in page
    assert "KTMTH-2022 —" not in page


def test_round_pages_lead_with_the_templates_name(client, scoring):
    client.force_login(scoring.users["block_head"])
    for url in (reverse("scoring:round", args=[scoring.round.pk]), reverse("scoring:rounds")):
        page = client.get(url).content.decode()
        assert "Tiêu chí chấm điểm Khối các cơ quan tham mưu, tổng hợp" in page
        assert "KTMTH-2022 —" not in page
