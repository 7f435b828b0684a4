"""Drop-downs name the titles and forms as people know them ("Bằng khen của Chủ tịch UBND tỉnh"),
not by the catalogue's internal codes ("BK_CT — …"); the code follows only to tell apart two
choices with the same name."""

import datetime

from django.urls import reverse

from tdkt.awards.forms_dossiers import NomineeForm
from tdkt.awards.forms_rounds import RoundForm
from tdkt.awards.models import AwardForm
from tdkt.awards.services.dossiers import dossier_create


def _labels(field) -> list[str]:
    return [str(label) for value, label in field.choices if value != ""]


def test_round_form_lists_forms_by_name(client, awards):
    client.force_login(awards.world.users["standing_office"])
    page = client.get(reverse("awards:round_new")).content.decode()
    assert ">Bằng khen của Chủ tịch UBND tỉnh</option>" in page
    assert "BK_CT —" not in page
    assert "GK_STC" not in page


def test_nominee_form_lists_forms_by_name_with_whom_they_are_for(awards):
    dossier = dossier_create(actor=awards.world.users["unit_officer"], round=awards.round,
                             organization=awards.world.orgs["FIN"], title="Tờ trình")
    form = NomineeForm(dossier=dossier, award_forms=AwardForm.objects.filter(code__in=["GK_STC", "CSTDCS"]))
    labels = _labels(form.fields["award"])
    assert any(label.startswith("Giấy khen của Giám đốc Sở Tài chính — ") for label in labels), labels
    assert any(label.startswith("Chiến sĩ thi đua cơ sở — ") for label in labels), labels
    assert not any("GK_STC" in label or "CSTDCS" in label for label in labels), labels


def test_a_shared_name_is_told_apart_by_its_code(awards):
    AwardForm.objects.create(
        code="GK_STC_2", name="Giấy khen của Giám đốc Sở Tài chính", record_code="GK", issuer=awards.world.orgs["FIN"],
        level="department", decider_title="GIÁM ĐỐC", effective_from=datetime.date(2024, 1, 1),
    )
    form = RoundForm(authorities=awards.world.orgs["P"].__class__.objects.all(), movements=None,
                     award_forms=AwardForm.objects.order_by("code"))
    labels = _labels(form.fields["forms"])
    assert "Giấy khen của Giám đốc Sở Tài chính (GK_STC)" in labels
    assert "Giấy khen của Giám đốc Sở Tài chính (GK_STC_2)" in labels
    assert "Bằng khen của Chủ tịch UBND tỉnh" in labels


def test_round_page_lists_the_forms_by_name(client, awards):
    awards.round.forms.set([awards.forms["GK_STC"]])
    client.force_login(awards.world.users["unit_officer"])
    page = client.get(reverse("awards:round", args=[awards.round.pk])).content.decode()
    assert "Giấy khen của Giám đốc Sở Tài chính" in page
    assert "GK_STC" not in page
