import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.records import services
from tdkt.records.models import AnnualRating, HonourRecord, Initiative

YEAR = timezone.localdate().year - 1


def _verdict(response, award):
    item = next(i for i in response.context["eligibility"].results if i.result.award == award)
    return item.result


def test_adding_a_rating_and_an_initiative_makes_cstdcs_eligible(client, world):
    person = world.people["fin"]
    client.force_login(world.users["unit_officer"])
    url = reverse("records:subject", args=["person", person.pk])
    before = _verdict(client.get(url), "CSTDCS")
    assert before.verdict == "ineligible"

    response = client.post(
        reverse("records:add", args=["person", person.pk, "rating"]), {"rating-year": YEAR, "rating-rating": "HTTNV"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("records:add", args=["person", person.pk, "initiative"]),
        {
            "initiative-title": "Số hóa hồ sơ thi đua",
            "initiative-kind": "sang_kien",
            "initiative-scope": "co_so",
            "initiative-year": YEAR,
        },
    )
    assert response.status_code == 302

    page = client.get(url)
    after = _verdict(page, "CSTDCS")
    assert after.verdict == "eligible"
    assert any("sáng kiến" in c.message.lower() for c in after.conditions if c.passed)
    assert "Số hóa hồ sơ thi đua" in page.text
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.RECORD_ADDED, organization=world.orgs["FIN"]).count() == 2
    )


def test_bad_record_input_is_explained_and_nothing_saved(client, world):
    person = world.people["fin"]
    client.force_login(world.users["unit_officer"])
    response = client.post(
        reverse("records:add", args=["person", person.pk, "discipline"]),
        {"discipline-form": "canh_cao", "discipline-start_date": "31/02/2024"},
    )
    assert response.status_code == 400
    assert "ngày" in response.text.lower()
    assert not person.discipline_records.exists()


def test_rating_twice_for_a_year_corrects_it(world):
    actor, person = world.users["unit_officer"], world.people["fin"]
    services.rating_set(actor=actor, person=person, year=2023, rating="HTNV")
    services.rating_set(actor=actor, person=person, year=2023, rating="HTXSNV")
    assert list(AnnualRating.objects.filter(person=person).values_list("rating", flat=True)) == ["HTXSNV"]
    assert AuditEvent.objects.filter(event_type=AuditEventType.RECORD_CHANGED).count() == 1


def test_collective_title_is_refused_for_a_person(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.honour_add(actor=world.users["admin"], person=world.people["fin"], code="TTLDTT", year=2023)


@pytest.mark.parametrize(
    ("role", "person_key", "status"),
    [
        ("unit_officer", "fin", 200),
        ("unit_officer", "home", 404),
        ("viewer", "home", 200),
        ("nobody", "fin", 404),
    ],
)
def test_record_page_is_scoped(client, world, role, person_key, status):
    client.force_login(world.users[role])
    response = client.get(reverse("records:subject", args=["person", world.people[person_key].pk]))
    assert response.status_code == status


def test_viewer_cannot_add_records(client, world):
    client.force_login(world.users["viewer"])
    response = client.post(
        reverse("records:add", args=["person", world.people["home"].pk, "rating"]),
        {"rating-year": YEAR, "rating-rating": "HTTNV"},
    )
    assert response.status_code == 403
    assert not AnnualRating.objects.exists()


def test_delete_and_revoke_are_scoped_and_audited(client, world):
    honour = services.honour_add(actor=world.users["admin"], person=world.people["home"], code="LDTT", year=2023)
    client.force_login(world.users["unit_officer"])
    assert client.post(reverse("records:delete", args=["honour", honour.pk])).status_code == 404
    assert (
        client.post(
            reverse("records:revoke", args=[honour.pk]), {"revoke-revoked_on": "01/03/2024", "revoke-reason": "x"}
        ).status_code
        == 404
    )
    client.force_login(world.users["standing_office"])
    client.post(
        reverse("records:revoke", args=[honour.pk]),
        {"revoke-revoked_on": "01/03/2024", "revoke-reason": "Khai man thành tích"},
    )
    honour.refresh_from_db()
    assert honour.revoked_on == datetime.date(2024, 3, 1)
    client.post(reverse("records:delete", args=["honour", honour.pk]))
    assert not HonourRecord.objects.filter(pk=honour.pk).exists()
    deleted = AuditEvent.objects.get(event_type=AuditEventType.RECORD_DELETED)
    assert deleted.before["code"] == "LDTT"


def test_collective_record_page_shows_member_based_titles(client, world):
    services.rating_set(actor=world.users["admin"], organization=world.orgs["FIN"], year=YEAR, rating="HTTNV")
    client.force_login(world.users["standing_office"])
    page = client.get(reverse("records:subject", args=["organization", world.orgs["FIN"].pk]))
    assert page.status_code == 200
    ttldtt = _verdict(page, "TTLDTT")
    codes = {c.code for c in ttldtt.conditions}
    assert {"RATING", "MEMBERS_LDTT_RATIO", "MEMBERS_DISCIPLINE"} <= codes


def test_initiative_title_is_normalised(world):
    item = services.initiative_add(
        actor=world.users["admin"], person=world.people["fin"], title="  Cải   tiến  ", scope="tinh", year=2024
    )
    assert Initiative.objects.get(pk=item.pk).title == "Cải tiến"
