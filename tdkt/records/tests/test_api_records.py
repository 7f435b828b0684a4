"""The records API: the role × organisation matrix (out of scope 404, in scope without
"record.manage" 403), the data each record carries, one audit event per write, and the services'
refusals answered 400 in Vietnamese.

Fixture (conftest.py): P ⊃ FIN ⊃ FIN-NS, P ⊃ HOME ⊃ HOME-TDKT; Q ⊃ Q-CA apart.
"""

import datetime
import json

import pytest
from django.utils import timezone

from conftest import COVERS, ORGS, PEOPLE, PERSON_ORG, ROLES, VIETNAMESE, Api
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.records import services
from tdkt.records.models import AnnualRating, DisciplineRecord, HonourRecord, Initiative, ReviewFlag

YEAR = timezone.localdate().year - 1
# "record.manage" (accounts/domain/roles.py); every role has "record.view".
MANAGES_RECORDS = {"admin", "standing_office", "unit_officer", "unit_leader"}
MISSING_ID = 987654321


def api(client, world, role) -> Api:
    return Api(client, world.users[role])


@pytest.fixture
def as_officer(client, world):
    return Api(client, world.users["unit_officer"])


@pytest.fixture
def as_office(client, world):
    return Api(client, world.users["standing_office"])


def refused(response, status, *secrets) -> dict:
    """A refusal says why in Vietnamese and carries none of the object's data."""
    assert response.status_code == status, response.content
    body = response.json()
    assert isinstance(body["detail"], str), body
    assert VIETNAMESE.search(body["detail"]), body
    for secret in secrets:
        assert secret not in response.content.decode()
    return body


def events(event_type, **filters):
    return AuditEvent.objects.filter(event_type=event_type, **filters)


@pytest.fixture
def history(world):
    """Some of everything on the person of FIN and on FIN as a collective."""
    admin, person, fin = world.users["admin"], world.people["fin"], world.orgs["FIN"]
    services.rating_set(actor=admin, person=person, year=YEAR - 1, rating="HTTNV")
    services.rating_set(actor=admin, person=person, year=YEAR, rating="HTXSNV", note="Nhiều đóng góp")
    ldtt = services.honour_add(actor=admin, person=person, code="LDTT", year=YEAR - 1, decision_number="12/QĐ-STC")
    bk = services.honour_add(
        actor=admin,
        person=person,
        code="BK_TINH",
        year=YEAR - 1,
        decision_number="345/QĐ-UBND",
        decision_date=datetime.date(YEAR - 1, 5, 4),
        issuer="UBND tỉnh",
    )
    services.honour_revoke(actor=admin, honour=bk, revoked_on=datetime.date(YEAR, 2, 1), reason="Khai man thành tích")
    services.initiative_add(actor=admin, person=person, title="Số hóa hồ sơ", scope="co_so", year=YEAR)
    services.discipline_add(
        actor=admin, person=person, form="khien_trach", start_date=datetime.date(2019, 3, 1), end_date=None
    )
    services.review_flag_open(actor=admin, person=person, reason="thanh_tra", opened_on=datetime.date(YEAR, 6, 1))
    services.rating_set(actor=admin, organization=fin, year=YEAR, rating="HTXSNV")
    services.honour_add(actor=admin, organization=fin, code="TTLDXS", year=YEAR - 1)
    return {"ldtt": ldtt, "bk": bk}


# Reading: scope ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
def test_person_records_visible_only_in_scope(client, world, role, person_key):
    person = world.people[person_key]
    services.rating_set(
        actor=world.users["admin"], person=person, year=YEAR, rating="HTTNV", note="bí mật-" + person_key
    )
    response = api(client, world, role).get(f"/people/{person.pk}/records")
    if PERSON_ORG[person_key] in COVERS[role]:
        assert response.status_code == 200
        body = response.json()
        assert body["subject"]["name"] == person.full_name
        assert [r["note"] for r in body["ratings"]] == ["bí mật-" + person_key]
        assert body["can_manage"] is (role in MANAGES_RECORDS)
    else:
        refused(response, 404, person.full_name, "bí mật-" + person_key)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("org_key", ORGS)
def test_organisation_records_visible_only_in_scope(client, world, role, org_key):
    org = world.orgs[org_key]
    services.rating_set(actor=world.users["admin"], organization=org, year=YEAR, rating="HTTNV", note="bí mật")
    response = api(client, world, role).get(f"/organizations/{org.pk}/records")
    if org_key in COVERS[role]:
        assert response.status_code == 200
        assert response.json()["subject"] == {
            "type": "organization",
            "id": org.pk,
            "name": org.name,
            "organization": {"id": org.pk, "name": org.name},
        }
        assert response.json()["ratings"][0]["note"] == "bí mật"
    else:
        refused(response, 404, org.name, "bí mật")


def test_missing_subject_is_not_found(client, world):
    admin = api(client, world, "admin")
    refused(admin.get(f"/people/{MISSING_ID}/records"), 404)
    refused(admin.get(f"/organizations/{MISSING_ID}/records"), 404)


# Reading: content --------------------------------------------------------------------------------


def test_person_records_hold_every_kind_of_record(as_officer, world, history):
    body = as_officer.get(f"/people/{world.people['fin'].pk}/records").json()
    assert body["subject"] == {
        "type": "person",
        "id": world.people["fin"].pk,
        "name": "Nguyễn Văn Đức",
        "organization": {"id": world.orgs["FIN"].pk, "name": "Sở Tài chính"},
    }
    assert [(r["year"], r["rating"]) for r in body["ratings"]] == [(YEAR, "HTXSNV"), (YEAR - 1, "HTTNV")]
    assert body["ratings"][0]["rating_label"] == "Hoàn thành xuất sắc nhiệm vụ"
    assert body["ratings"][0]["note"] == "Nhiều đóng góp"
    honours = {h["code"]: h for h in body["honours"]}
    assert set(honours) == {"LDTT", "BK_TINH"}
    assert honours["LDTT"]["kind"] == "title"
    assert honours["LDTT"]["revoked"] is False
    assert honours["LDTT"]["revoked_on"] is None
    assert honours["BK_TINH"] == {
        "id": history["bk"].pk,
        "code": "BK_TINH",
        "name": "Bằng khen cấp bộ, ngành, tỉnh",
        "kind": "form",
        "year": YEAR - 1,
        "decision_number": "345/QĐ-UBND",
        "decision_date": f"{YEAR - 1}-05-04",
        "issuer": "UBND tỉnh",
        "note": "",
        "revoked": True,
        "revoked_on": f"{YEAR}-02-01",
        "revocation_reason": "Khai man thành tích",
    }
    assert [(i["title"], i["scope"], i["kind"], i["year"]) for i in body["initiatives"]] == [
        ("Số hóa hồ sơ", "co_so", "sang_kien", YEAR)
    ]
    assert [(d["form"], d["form_label"], d["start_date"], d["end_date"]) for d in body["discipline"]] == [
        ("khien_trach", "Khiển trách", "2019-03-01", None)
    ]
    assert [(r["reason"], r["opened_on"], r["is_open"]) for r in body["reviews"]] == [
        ("thanh_tra", f"{YEAR}-06-01", True)
    ]


def test_collective_records_have_no_discipline(as_officer, world, history):
    body = as_officer.get(f"/organizations/{world.orgs['FIN'].pk}/records").json()
    assert "discipline" not in body
    assert [(r["year"], r["rating"]) for r in body["ratings"]] == [(YEAR, "HTXSNV")]
    assert [h["code"] for h in body["honours"]] == ["TTLDXS"]
    assert body["initiatives"] == body["reviews"] == []


def test_a_viewer_reads_but_may_not_manage(client, world):
    body = api(client, world, "viewer").get(f"/people/{world.people['home'].pk}/records").json()
    assert body["can_manage"] is False
    assert body["ratings"] == body["honours"] == body["discipline"] == []


# Writing: scope ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
def test_person_rating_needs_record_manage_in_scope(client, world, role, person_key):
    person = world.people[person_key]
    response = api(client, world, role).post(f"/people/{person.pk}/ratings", {"year": YEAR, "rating": "HTTNV"})
    saved = AnnualRating.objects.filter(person=person).exists()
    if PERSON_ORG[person_key] in COVERS[role] and role in MANAGES_RECORDS:
        assert response.status_code == 200, response.content
        assert response.json()["rating"] == "HTTNV"
        assert saved
    else:
        refused(response, 403 if PERSON_ORG[person_key] in COVERS[role] else 404, person.full_name)
        assert not saved


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("org_key", ORGS)
def test_organisation_rating_needs_record_manage_in_scope(client, world, role, org_key):
    org = world.orgs[org_key]
    response = api(client, world, role).post(f"/organizations/{org.pk}/ratings", {"year": YEAR, "rating": "HTXSNV"})
    saved = AnnualRating.objects.filter(organization=org).exists()
    if org_key in COVERS[role] and role in MANAGES_RECORDS:
        assert response.status_code == 200, response.content
        assert saved
    else:
        refused(response, 403 if org_key in COVERS[role] else 404, org.name)
        assert not saved


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
@pytest.mark.parametrize("kind", ["rating", "honour", "initiative", "discipline", "review"])
def test_record_delete_needs_record_manage_in_scope(client, world, role, person_key, kind):
    admin, person = world.users["admin"], world.people[person_key]
    record = {
        "rating": lambda: services.rating_set(actor=admin, person=person, year=YEAR, rating="HTNV"),
        "honour": lambda: services.honour_add(actor=admin, person=person, code="LDTT", year=YEAR),
        "initiative": lambda: services.initiative_add(actor=admin, person=person, title="SK", scope="tinh", year=YEAR),
        "discipline": lambda: services.discipline_add(
            actor=admin, person=person, form="canh_cao", start_date=datetime.date(YEAR, 1, 1)
        ),
        "review": lambda: services.review_flag_open(
            actor=admin, person=person, reason="dieu_tra", opened_on=datetime.date(YEAR, 1, 1)
        ),
    }[kind]()
    response = api(client, world, role).delete(f"/records/{kind}/{record.pk}")
    still_there = type(record).objects.filter(pk=record.pk).exists()
    # The administrator enters discipline and reviews for the province: a unit may not lift them
    # (test_separation_of_duties.py); only a grant covering the province may.
    lifts = kind not in ("discipline", "review") or role in ("admin", "standing_office")
    if PERSON_ORG[person_key] in COVERS[role] and role in MANAGES_RECORDS and lifts:
        assert response.status_code == 204, response.content
        assert not still_there
    else:
        refused(response, 403 if PERSON_ORG[person_key] in COVERS[role] else 404, person.full_name)
        assert still_there


@pytest.mark.parametrize("role", ROLES)
def test_collective_record_delete_needs_record_manage_in_scope(client, world, role):
    """A record of the collective FIN-NS: scoped by FIN-NS itself."""
    rating = services.rating_set(
        actor=world.users["admin"], organization=world.orgs["FIN-NS"], year=YEAR, rating="HTNV"
    )
    response = api(client, world, role).delete(f"/records/rating/{rating.pk}")
    if "FIN-NS" in COVERS[role] and role in MANAGES_RECORDS:
        assert response.status_code == 204
    else:
        refused(response, 403 if "FIN-NS" in COVERS[role] else 404)
        assert AnnualRating.objects.filter(pk=rating.pk).exists()


WRITES_ON_A_SUBJECT = [
    ("people", "honours", {"code": "LDTT", "year": YEAR}),
    ("people", "initiatives", {"title": "Sáng kiến", "scope": "co_so", "year": YEAR}),
    ("people", "discipline", {"form": "canh_cao", "start_date": f"{YEAR}-01-01"}),
    ("people", "reviews", {"reason": "khieu_nai", "opened_on": f"{YEAR}-01-01"}),
    ("organizations", "honours", {"code": "TTLDTT", "year": YEAR}),
    ("organizations", "initiatives", {"title": "Sáng kiến", "scope": "co_so", "year": YEAR}),
    ("organizations", "reviews", {"reason": "thanh_tra", "opened_on": f"{YEAR}-01-01"}),
]


@pytest.mark.parametrize("role", ["viewer", "unit_officer", "block_head"])
@pytest.mark.parametrize(("subjects", "what", "body"), WRITES_ON_A_SUBJECT)
def test_every_write_on_a_subject_is_scoped(client, world, role, subjects, what, body):
    """HOME (and its person): the viewer and the block head see it but may not write (403); the
    unit officer of FIN does not see it (404). Nothing is written either way."""
    subject = world.people["home"] if subjects == "people" else world.orgs["HOME"]
    response = api(client, world, role).post(f"/{subjects}/{subject.pk}/{what}", body)
    refused(response, 404 if role == "unit_officer" else 403, str(subject))
    for model in (HonourRecord, Initiative, DisciplineRecord, ReviewFlag):
        assert not model.objects.exists()
    assert not events(AuditEventType.RECORD_ADDED).exists()


@pytest.mark.parametrize("role", ["viewer", "unit_officer"])
def test_revoke_and_close_are_scoped(client, world, role):
    admin, person = world.users["admin"], world.people["home"]
    honour = services.honour_add(actor=admin, person=person, code="LDTT", year=YEAR)
    flag = services.review_flag_open(actor=admin, person=person, reason="dieu_tra", opened_on=datetime.date(YEAR, 1, 1))
    caller = api(client, world, role)
    status = 404 if role == "unit_officer" else 403
    refused(caller.post(f"/honours/{honour.pk}/revoke", {"revoked_on": f"{YEAR}-03-01", "reason": "Sai"}), status)
    refused(caller.post(f"/reviews/{flag.pk}/close", {"closed_on": f"{YEAR}-03-01"}), status)
    honour.refresh_from_db()
    flag.refresh_from_db()
    assert honour.revoked_on is None
    assert flag.closed_on is None


def test_missing_and_out_of_scope_records_get_the_same_answer(as_officer, world):
    other = services.honour_add(actor=world.users["admin"], person=world.people["q"], code="LDTT", year=YEAR)
    for url in ("/records/honour/{}", "/honours/{}/revoke"):
        if url.startswith("/records"):
            out_of_scope, missing = as_officer.delete(url.format(other.pk)), as_officer.delete(url.format(MISSING_ID))
        else:
            body = {"revoked_on": f"{YEAR}-03-01", "reason": "Sai"}
            out_of_scope = as_officer.post(url.format(other.pk), body)
            missing = as_officer.post(url.format(MISSING_ID), body)
        assert out_of_scope.status_code == missing.status_code == 404
        assert out_of_scope.json() == missing.json()


def test_a_record_of_another_kind_is_not_found(as_officer, world):
    """The kind in the address picks the table: a rating's id given as a honour is not that rating."""
    rating = services.rating_set(actor=world.users["admin"], person=world.people["fin"], year=YEAR, rating="HTNV")
    assert not HonourRecord.objects.filter(pk=rating.pk).exists()
    refused(as_officer.delete(f"/records/honour/{rating.pk}"), 404)
    assert AnnualRating.objects.filter(pk=rating.pk).exists()


def test_unknown_record_kind_is_422(as_officer, world):
    body = refused(as_officer.delete("/records/award/1"), 422)
    assert body["errors"][0]["field"] == "kind"


def test_collectives_have_no_discipline_address(as_officer, world):
    response = as_officer.post(
        f"/organizations/{world.orgs['FIN'].pk}/discipline", {"form": "canh_cao", "start_date": "2024-01-01"}
    )
    refused(response, 404)


# Writing: content and audit ----------------------------------------------------------------------


def test_rating_is_set_then_corrected(as_officer, world):
    person = world.people["fin-ns"]
    first = as_officer.post(f"/people/{person.pk}/ratings", {"year": YEAR, "rating": "HTNV", "note": " Lần đầu "})
    assert first.status_code == 200
    assert first.json() == {
        "id": first.json()["id"],
        "year": YEAR,
        "rating": "HTNV",
        "rating_label": "Hoàn thành nhiệm vụ",
        "note": "Lần đầu",
    }
    second = as_officer.post(f"/people/{person.pk}/ratings", {"year": YEAR, "rating": "HTTNV"})
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert AnnualRating.objects.get(person=person).rating == "HTTNV"
    added = events(AuditEventType.RECORD_ADDED).get()
    changed = events(AuditEventType.RECORD_CHANGED).get()
    assert (added.actor, added.organization) == (world.users["unit_officer"], world.orgs["FIN-NS"])
    assert changed.before["rating"] == "HTNV"
    assert changed.after["rating"] == "HTTNV"


def test_collective_rating(as_office, world):
    response = as_office.post(f"/organizations/{world.orgs['HOME'].pk}/ratings", {"year": YEAR, "rating": "HTXSNV"})
    assert response.status_code == 200
    assert AnnualRating.objects.get(organization=world.orgs["HOME"]).rating == "HTXSNV"
    assert events(AuditEventType.RECORD_ADDED, organization=world.orgs["HOME"]).count() == 1


def test_add_honour(as_officer, world):
    person = world.people["fin"]
    response = as_officer.post(
        f"/people/{person.pk}/honours",
        {
            "code": "CSTDCS",
            "year": YEAR,
            "decision_number": " 15/QĐ-STC ",
            "decision_date": f"{YEAR}-12-20",
            "issuer": "Giám đốc Sở Tài chính",
        },
    )
    assert response.status_code == 201
    body = response.json()
    honour = HonourRecord.objects.get(pk=body["id"])
    assert (honour.person, honour.code, honour.decision_number) == (person, "CSTDCS", "15/QĐ-STC")
    assert body["name"] == "Chiến sĩ thi đua cơ sở"
    assert body["revoked"] is False
    event = events(AuditEventType.RECORD_ADDED).get()
    assert (event.target_id, event.organization) == (str(honour.pk), world.orgs["FIN"])


def test_title_not_meant_for_the_subject_is_400(as_officer, world):
    body = refused(as_officer.post(f"/people/{world.people['fin'].pk}/honours", {"code": "TTLDTT", "year": YEAR}), 400)
    assert list(body["errors"]) == ["code"]
    body = refused(
        as_officer.post(f"/organizations/{world.orgs['FIN'].pk}/honours", {"code": "LDTT", "year": YEAR}), 400
    )
    assert list(body["errors"]) == ["code"]
    assert not HonourRecord.objects.exists()
    assert not events(AuditEventType.RECORD_ADDED).exists()


def test_same_title_twice_in_a_year_is_400(as_officer, world):
    url = f"/people/{world.people['fin'].pk}/honours"
    assert as_officer.post(url, {"code": "LDTT", "year": YEAR}).status_code == 201
    refused(as_officer.post(url, {"code": "LDTT", "year": YEAR}), 400)
    assert HonourRecord.objects.count() == 1
    # A form may come twice in a year (e.g. the regular one and a movement's).
    assert as_officer.post(url, {"code": "GK", "year": YEAR}).status_code == 201
    assert as_officer.post(url, {"code": "GK", "year": YEAR}).status_code == 201


def test_year_the_service_refuses_is_400_on_the_field(as_officer, world):
    body = refused(
        as_officer.post(f"/people/{world.people['fin'].pk}/ratings", {"year": YEAR + 5, "rating": "HTNV"}), 400
    )
    assert list(body["errors"]) == ["year"]
    assert not AnnualRating.objects.exists()


def test_schema_errors_are_422_in_vietnamese(as_officer, world):
    url = f"/people/{world.people['fin'].pk}/ratings"
    body = refused(as_officer.post(url, {"year": YEAR, "rating": "XUAT_SAC"}), 422)
    assert "HTXSNV" in body["detail"]
    refused(as_officer.post(url, {"year": 1800, "rating": "HTNV"}), 422)
    refused(as_officer.post(url, {"year": YEAR, "rating": "HTNV", "eligible": True}), 422)
    refused(
        as_officer.post(
            f"/people/{world.people['fin'].pk}/initiatives", {"title": " ", "scope": "co_so", "year": YEAR}
        ),
        422,
    )
    refused(
        as_officer.post(f"/people/{world.people['fin'].pk}/reviews", {"reason": "x", "opened_on": "2025-02-30"}), 422
    )
    assert not AnnualRating.objects.exists()


def test_add_initiative(as_officer, world):
    response = as_officer.post(
        f"/organizations/{world.orgs['FIN-NS'].pk}/initiatives",
        {"title": "  Quy trình   một cửa ", "kind": "de_tai", "scope": "tinh", "year": YEAR, "recognized_by": "QĐ 9"},
    )
    assert response.status_code == 201
    assert response.json()["title"] == "Quy trình một cửa"
    initiative = Initiative.objects.get()
    assert (initiative.organization, initiative.kind, initiative.scope) == (world.orgs["FIN-NS"], "de_tai", "tinh")
    assert events(AuditEventType.RECORD_ADDED, organization=world.orgs["FIN-NS"]).count() == 1


def test_add_discipline(as_officer, world):
    url = f"/people/{world.people['fin'].pk}/discipline"
    response = as_officer.post(
        url, {"form": "canh_cao", "start_date": "2024-01-10", "end_date": "2025-01-09", "decision_number": "7/QĐ"}
    )
    assert response.status_code == 201
    assert response.json()["form_label"] == "Cảnh cáo"
    assert DisciplineRecord.objects.get().end_date == datetime.date(2025, 1, 9)
    body = refused(
        as_officer.post(url, {"form": "canh_cao", "start_date": "2024-01-10", "end_date": "2023-01-01"}), 400
    )
    assert "end_date" in body["errors"]
    assert DisciplineRecord.objects.count() == 1
    assert events(AuditEventType.RECORD_ADDED).count() == 1


def test_open_and_close_a_review(as_officer, world):
    response = as_officer.post(
        f"/people/{world.people['fin'].pk}/reviews", {"reason": "xem_xet_ky_luat", "opened_on": "2025-03-01"}
    )
    assert response.status_code == 201
    assert response.json()["is_open"] is True
    flag_id = response.json()["id"]
    body = refused(as_officer.post(f"/reviews/{flag_id}/close", {"closed_on": "2025-02-01"}), 400)
    assert "closed_on" in body["errors"]
    response = as_officer.post(f"/reviews/{flag_id}/close", {"closed_on": "2025-04-01"})
    assert response.status_code == 200
    assert (response.json()["closed_on"], response.json()["is_open"]) == ("2025-04-01", False)
    assert ReviewFlag.objects.get().closed_on == datetime.date(2025, 4, 1)
    assert events(AuditEventType.RECORD_ADDED).count() == 1
    assert events(AuditEventType.RECORD_CHANGED).count() == 1


def test_revoke_an_honour(as_officer, world):
    honour = services.honour_add(actor=world.users["admin"], person=world.people["fin"], code="LDTT", year=YEAR)
    refused(as_officer.post(f"/honours/{honour.pk}/revoke", {"revoked_on": "2025-05-01", "reason": "  "}), 422)
    response = as_officer.post(f"/honours/{honour.pk}/revoke", {"revoked_on": "2025-05-01", "reason": "Khai sai"})
    assert response.status_code == 200
    assert (response.json()["revoked"], response.json()["revocation_reason"]) == (True, "Khai sai")
    honour.refresh_from_db()
    assert honour.revoked_on == datetime.date(2025, 5, 1)
    event = events(AuditEventType.RECORD_CHANGED).get()
    assert (event.before["revoked_on"], event.after["revoked_on"]) == (None, "2025-05-01")
    again = refused(
        as_officer.post(f"/honours/{honour.pk}/revoke", {"revoked_on": "2025-06-01", "reason": "Lần 2"}), 400
    )
    assert "revoked_on" in again["errors"]
    assert events(AuditEventType.RECORD_CHANGED).count() == 1


def test_delete_a_record(as_officer, world):
    initiative = services.initiative_add(
        actor=world.users["admin"], person=world.people["fin"], title="Nhập nhầm", scope="co_so", year=YEAR
    )
    response = as_officer.delete(f"/records/initiative/{initiative.pk}")
    assert response.status_code == 204
    assert response.content == b""
    assert not Initiative.objects.exists()
    event = events(AuditEventType.RECORD_DELETED).get()
    assert (event.actor, event.organization) == (world.users["unit_officer"], world.orgs["FIN"])
    assert event.before["title"] == "Nhập nhầm"
    refused(as_officer.delete(f"/records/initiative/{initiative.pk}"), 404)


def test_session_write_needs_csrf(client, world):
    """Calls from the pages use the session; a write without the CSRF token is refused."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.users["unit_officer"])
    response = browser.post(
        f"/api/v1/people/{world.people['fin'].pk}/ratings",
        json.dumps({"year": YEAR, "rating": "HTNV"}),
        content_type="application/json",
    )
    refused(response, 403)
    assert not AnnualRating.objects.exists()
    assert browser.get(f"/api/v1/people/{world.people['fin'].pk}/records").status_code == 200


def test_no_token_is_401(client, world):
    response = client.get(f"/api/v1/people/{world.people['fin'].pk}/records")
    refused(response, 401)
