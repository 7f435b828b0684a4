"""Separation of duties (issue 12, 1c): a discipline record or a review withholds commendation, so
the unit whose staff it names must not lift it. Only the organisation that recorded it, or one
above it, may close or remove it; the unit sees it. Checked by page and by API.

Fixture (conftest.py): P ⊃ FIN ⊃ FIN-NS; Q apart. Here Văn phòng Sở Tài chính (a standing office
on FIN) records about a person of FIN-NS; FIN-NS's officer is refused, another officer of FIN's
office and the province's office may, Q's office does not even see it.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from conftest import VIETNAMESE, Api, make_user
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.records import services
from tdkt.records.models import ReviewFlag

# Who acts, and what each gets when closing or removing what FIN's office recorded.
EXPECTED = {
    "unit_officer_fin_ns": 403,  # the subject's own unit: sees it, may not lift it
    "office_fin_2": 200,  # the recording organisation's office
    "office_p": 200,  # an organisation above it
    "office_q": 404,  # another province: not even seen
}


@pytest.fixture
def actors(world):
    return {
        "office_fin": make_user("vp-stc", "standing_office", world.orgs["FIN"]),
        "unit_officer_fin_ns": make_user("canbo-ns", "unit_officer", world.orgs["FIN-NS"]),
        "office_fin_2": make_user("vp-stc-2", "standing_office", world.orgs["FIN"]),
        "office_p": world.users["standing_office"],
        "office_q": make_user("vp-q", "standing_office", world.orgs["Q"]),
    }


def _record(world, actors, kind):
    person = world.people["fin-ns"]
    if kind == "discipline":
        return services.discipline_add(
            actor=actors["office_fin"], person=person, form="canh_cao", start_date=datetime.date(2025, 1, 10)
        )
    return services.review_flag_open(
        actor=actors["office_fin"], person=person, reason="thanh_tra", opened_on=datetime.date(2025, 1, 10)
    )


def _lifted(record) -> bool:
    """Removed, or (a review) closed."""
    kept = type(record).objects.filter(pk=record.pk).first()
    return kept is None or getattr(kept, "closed_on", None) is not None


def test_the_recording_organisation_is_kept(world, actors):
    record = _record(world, actors, "discipline")
    assert record.recorded_by_organization == world.orgs["FIN"]
    # An officer of the unit itself records for the unit, which may then lift it.
    own = services.review_flag_open(
        actor=actors["unit_officer_fin_ns"],
        person=world.people["fin-ns"],
        reason="khieu_nai",
        opened_on=datetime.date(2025, 2, 1),
    )
    assert own.recorded_by_organization == world.orgs["FIN-NS"]
    services.review_flag_close(actor=actors["unit_officer_fin_ns"], flag=own, closed_on=datetime.date(2025, 3, 1))
    # A system administrator records for the subject's province.
    admin_made = services.discipline_add(
        actor=world.users["admin"], person=world.people["fin"], form="khien_trach", start_date=datetime.date(2025, 1, 1)
    )
    assert admin_made.recorded_by_organization == world.orgs["P"]


def test_a_user_with_grants_at_two_levels_records_for_the_higher(world, actors):
    from tdkt.accounts.models import RoleGrant

    both = make_user("hai-cap", "unit_officer", world.orgs["FIN-NS"])
    RoleGrant.objects.create(user=both, role="unit_leader", organization=world.orgs["FIN"])
    record = services.discipline_add(
        actor=both, person=world.people["fin-ns"], form="canh_cao", start_date=datetime.date(2025, 1, 1)
    )
    assert record.recorded_by_organization == world.orgs["FIN"]


def test_an_old_record_without_its_recorder_is_lifted_only_by_the_province(world, actors):
    record = _record(world, actors, "review")
    ReviewFlag.objects.filter(pk=record.pk).update(recorded_by_organization=None)
    record.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.review_flag_close(actor=actors["office_fin_2"], flag=record, closed_on=datetime.date(2025, 2, 1))
    services.review_flag_close(actor=actors["office_p"], flag=record, closed_on=datetime.date(2025, 2, 1))


# API ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize(("kind", "action"), [("discipline", "delete"), ("review", "delete"), ("review", "close")])
def test_api_only_the_recorder_or_above_lifts(client, world, actors, who, kind, action):
    record = _record(world, actors, kind)
    caller = Api(client, actors[who])
    if action == "close":
        response = caller.post(f"/reviews/{record.pk}/close", {"closed_on": "2025-03-01"})
    else:
        response = caller.delete(f"/records/{kind}/{record.pk}")
    expected = EXPECTED[who]
    if expected == 200:
        assert response.status_code == (200 if action == "close" else 204), response.content
        assert _lifted(record)
        return
    assert response.status_code == expected, response.content
    detail = response.json()["detail"]
    assert VIETNAMESE.search(detail)
    if expected == 403:
        assert "Sở Tài chính" in detail
        assert "cấp trên" in detail
    else:
        assert world.people["fin-ns"].full_name not in response.content.decode()
    assert not _lifted(record)
    assert not AuditEvent.objects.filter(
        event_type__in=[AuditEventType.RECORD_DELETED, AuditEventType.RECORD_CHANGED]
    ).exists()


def test_api_the_unit_sees_who_recorded_it(client, world, actors):
    _record(world, actors, "discipline")
    _record(world, actors, "review")
    body = Api(client, actors["unit_officer_fin_ns"]).get(f"/people/{world.people['fin-ns'].pk}/records").json()
    assert body["can_manage"] is True
    fin = {"id": world.orgs["FIN"].pk, "name": "Sở Tài chính"}
    assert body["discipline"][0]["recorded_by"] == fin
    assert body["reviews"][0]["recorded_by"] == fin


# Pages -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("kind", ["discipline", "review"])
def test_page_only_the_recorder_or_above_lifts(client, world, actors, who, kind):
    record = _record(world, actors, kind)
    client.force_login(actors[who])
    if kind == "review":
        response = client.post(reverse("records:close_review", args=[record.pk]), {"close-closed_on": "01/03/2025"})
    else:
        response = client.post(reverse("records:delete", args=["discipline", record.pk]))
    expected = EXPECTED[who]
    if expected == 200:
        assert response.status_code == 302
        assert _lifted(record)
        return
    assert response.status_code == expected
    if expected == 403:
        assert "Sở Tài chính" in response.text
        assert "cấp trên" in response.text
    assert not _lifted(record)


def test_page_shows_the_unit_the_record_without_the_buttons(client, world, actors):
    discipline = _record(world, actors, "discipline")
    review = _record(world, actors, "review")
    url = reverse("records:subject", args=["person", world.people["fin-ns"].pk])
    delete_url = reverse("records:delete", args=["discipline", discipline.pk])
    close_url = reverse("records:close_review", args=[review.pk])

    client.force_login(actors["unit_officer_fin_ns"])
    page = client.get(url)
    assert page.status_code == 200
    # "recorded by …", in Vietnamese once the catalogue has it
    assert "recorded by Sở Tài chính" in page.text or "do Sở Tài chính ghi nhận" in page.text
    assert delete_url not in page.text
    assert close_url not in page.text

    client.force_login(actors["office_p"])
    page = client.get(url)
    assert delete_url in page.text
    assert close_url in page.text
