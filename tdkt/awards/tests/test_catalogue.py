"""The catalogue: everyone with dossier.view reads it; only the admin adds a form or a new version
from a later date (the previous version then ends the day before)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.awards.forms_catalogue import parse_components
from tdkt.awards.models import AwardForm
from tdkt.awards.services.catalogue import current_version, form_create, form_new_version

from .conftest import COMPONENTS


def _fields(**extra):
    return {
        "code": "GK_SNV", "effective_from": datetime.date(2025, 1, 1), "name": "Giấy khen của Giám đốc Sở Nội vụ",
        "certificate_title": "GIẤY KHEN", "record_code": "GK", "for_individual": True, "for_collective": True,
        "for_household": False, "level": "department", "decider_title": "GIÁM ĐỐC SỞ NỘI VỤ",
        "needs_ballot": False, "ballot_threshold": Decimal(80), "needs_notice": False, "notice_working_days": 10,
        "coefficient_individual": Decimal("0.3"), "coefficient_collective": Decimal("0.6"),
        "components": COMPONENTS, "copies": 2, "legal_ref": "Nghị định 152/2025/NĐ-CP", **extra,
    }


def _post_data(**extra):
    data = {
        "code": "GK_SNV", "effective_from": "01/01/2025", "name": "Giấy khen của Giám đốc Sở Nội vụ",
        "certificate_title": "GIẤY KHEN", "record_code": "GK", "for_individual": "on", "level": "department",
        "decider_title": "GIÁM ĐỐC SỞ NỘI VỤ", "ballot_threshold": "80", "notice_working_days": "10",
        "coefficient_individual": "0,3", "coefficient_collective": "0,6", "copies": "3",
        "components": "to_trinh | Tờ trình | yes\nbien_ban | Biên bản họp | no\n", "legal_ref": "",
        **extra,
    }
    return {k: v for k, v in data.items() if v is not None}


def test_admin_creates_and_versions_a_form(world):
    admin = world.users["admin"]
    form = form_create(actor=admin, issuer=world.orgs["HOME"], **_fields())
    assert form.code == "GK_SNV"
    assert form.effective_to is None
    with pytest.raises(ValidationError) as caught:  # the same code again: a version, not a new form
        form_create(actor=admin, issuer=world.orgs["HOME"], **_fields())
    assert "code" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # not after the current version
        form_new_version(actor=admin, form=form, effective_from=datetime.date(2025, 1, 1))
    assert "effective_from" in caught.value.message_dict
    new = form_new_version(actor=admin, form=form, effective_from=datetime.date(2026, 1, 1),
                           coefficient_individual=Decimal("0.5"))
    form.refresh_from_db()
    assert form.effective_to == datetime.date(2025, 12, 31)
    assert new.coefficient_individual == Decimal("0.5")
    assert new.copies == 2
    assert new.issuer == world.orgs["HOME"]
    assert new.components == COMPONENTS
    assert current_version("GK_SNV", datetime.date(2025, 6, 1)) == form
    assert current_version("GK_SNV", datetime.date(2026, 6, 1)) == new
    # A version of an older version is based on the latest one and must start after it.
    with pytest.raises(ValidationError):
        form_new_version(actor=admin, form=form, effective_from=datetime.date(2025, 7, 1))
    assert AuditEvent.objects.filter(event_type=AuditEventType.AWARD_FORM_CHANGED).count() == 2


def test_only_the_admin_changes_the_catalogue(world):
    for role in ("standing_office", "approver", "unit_officer", "nobody"):
        with pytest.raises(PermissionDenied):
            form_create(actor=world.users[role], issuer=world.orgs["HOME"], **_fields())
    form = form_create(actor=world.users["admin"], issuer=world.orgs["HOME"], **_fields())
    with pytest.raises(PermissionDenied):
        form_new_version(actor=world.users["standing_office"], form=form, effective_from=datetime.date(2026, 1, 1))


def test_values_are_checked_in_vietnamese(world):
    admin = world.users["admin"]
    with pytest.raises(ValidationError) as caught:
        form_create(actor=admin, issuer=None, **_fields(name=" ", ballot_threshold=Decimal(120), copies=0,
                                                        for_individual=False, for_collective=False))
    errors = caught.value.message_dict
    assert {"name", "ballot_threshold", "copies", "for_individual", "issuer"} <= set(errors)
    assert errors["name"] == ["Hãy nhập tên."]
    with pytest.raises(ValidationError) as caught:
        form_create(actor=admin, issuer=world.orgs["HOME"],
                    **_fields(components=[{"code": "a", "label": "A"}, {"code": "a", "label": "B"}]))
    assert "trùng" in caught.value.message_dict["components"][0]
    assert not AwardForm.objects.exists()


def test_components_lines():
    assert parse_components("a | Tờ trình | yes\n\nb | Biên bản | không\nc | Báo cáo") == [
        {"code": "a", "label": "Tờ trình", "required": True},
        {"code": "b", "label": "Biên bản", "required": False},
        {"code": "c", "label": "Báo cáo", "required": True},
    ]
    for bad in ("just text", "a | A | maybe", "a | A\na | B"):
        with pytest.raises(ValidationError):
            parse_components(bad)


def test_catalogue_pages(client, awards):
    world = awards.world
    client.force_login(world.users["viewer"])
    response = client.get(reverse("awards:catalogue"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "BK_CT" in body
    assert "Bằng khen của Chủ tịch UBND tỉnh" in body
    assert reverse("awards:form_new") not in body
    detail = client.get(reverse("awards:form", args=[awards.forms["BK_CT"].pk]))
    assert detail.status_code == 200
    assert "Tờ trình đề nghị khen thưởng" in detail.content.decode()
    assert client.get(reverse("awards:form_new")).status_code == 403

    client.force_login(world.users["nobody"])
    assert client.get(reverse("awards:catalogue")).status_code == 403

    client.force_login(world.users["standing_office"])
    assert client.get(reverse("awards:form_new")).status_code == 403
    assert client.post(reverse("awards:form_new"), _post_data(issuer=str(world.orgs["HOME"].pk))).status_code == 403
    assert client.post(reverse("awards:form_version", args=[awards.forms["BK_CT"].pk]), {}).status_code == 403
    assert not AwardForm.objects.filter(code="GK_SNV").exists()


def test_admin_adds_a_form_and_a_version_by_page(client, awards):
    world = awards.world
    client.force_login(world.users["admin"])
    assert client.get(reverse("awards:form_new")).status_code == 200
    response = client.post(reverse("awards:form_new"), _post_data(issuer=str(world.orgs["HOME"].pk)))
    assert response.status_code == 302
    form = AwardForm.objects.get(code="GK_SNV")
    assert form.components[1] == {"code": "bien_ban", "label": "Biên bản họp", "required": False}
    assert form.copies == 3
    assert form.for_individual
    assert not form.for_collective

    page = client.get(reverse("awards:form_version", args=[form.pk]))
    assert page.status_code == 200
    assert "bien_ban | Biên bản họp | no" in page.content.decode()  # prefilled with the current values
    data = _post_data(issuer=str(world.orgs["HOME"].pk), code=None, effective_from="01/01/2025")
    response = client.post(reverse("awards:form_version", args=[form.pk]), data)
    assert response.status_code == 400  # not after the current version
    assert AwardForm.objects.filter(code="GK_SNV").count() == 1
    data.update(effective_from="01/07/2026", copies="4")
    response = client.post(reverse("awards:form_version", args=[form.pk]), data)
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.effective_to == datetime.date(2026, 6, 30)
    new = AwardForm.objects.get(code="GK_SNV", effective_from=datetime.date(2026, 7, 1))
    assert new.copies == 4
    body = client.get(reverse("awards:catalogue"), {"all": "1"}).content.decode()
    assert "30/06/2026" in body
    assert "01/07/2026" in body
    detail = client.get(reverse("awards:form", args=[new.pk])).content.decode()
    assert "01/01/2025" in detail
    assert "01/07/2026" in detail


def test_catalogue_numbers_are_typed_and_shown_the_vietnamese_way(client, awards):
    world = awards.world
    client.force_login(world.users["admin"])
    data = _post_data(issuer=str(world.orgs["HOME"].pk), coefficient_individual="1,5", ballot_threshold="66,67")
    assert client.post(reverse("awards:form_new"), data).status_code == 302
    form = AwardForm.objects.get(code="GK_SNV")
    assert form.coefficient_individual == Decimal("1.5")
    assert form.ballot_threshold == Decimal("66.67")
    page = client.get(reverse("awards:form_version", args=[form.pk])).content.decode()
    assert 'value="1,5"' in page
    assert 'value="66,67"' in page
    assert 'type="number"' not in page

    data = _post_data(issuer=str(world.orgs["HOME"].pk), code=None, effective_from="01/07/2026",
                      coefficient_individual="1.5", copies="2,5")
    response = client.post(reverse("awards:form_version", args=[form.pk]), data)
    assert response.status_code in (200, 400)
    errors = response.context["form"].errors
    assert "Hệ số tiền thưởng cá nhân" in errors["coefficient_individual"][0]
    assert "“1,5”" in errors["coefficient_individual"][0]
    assert "số nguyên" in errors["copies"][0]
    assert AwardForm.objects.filter(code="GK_SNV").count() == 1


def test_catalogue_shows_coefficients_like_they_are_typed(client, awards):
    """'1,5 / 3', never '1,50 / 3' (floatformat kept two decimals once any were needed)."""
    client.force_login(awards.world.users["viewer"])
    body = client.get(reverse("awards:catalogue")).content.decode()
    detail = client.get(reverse("awards:form", args=[awards.forms["BK_CT"].pk])).content.decode()
    for text in (body, detail):
        assert "1,5 / 3" in text
        assert "1,50" not in text
        assert "0,30" not in text
