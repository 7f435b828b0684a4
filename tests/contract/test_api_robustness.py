"""Whatever a client sends, the API answers below 500, and every 4xx is JSON with a Vietnamese
`detail`. Hypothesis throws random JSON, random field values, random bodies and random query
strings at every write and list endpoint, as users with different scopes.

Each example runs in a transaction that is rolled back, so examples do not see each other's
writes and the fixture's data stays as conftest.py builds it.
"""

import json
import os
import re
from urllib.parse import quote, urlencode

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tdkt.accounts.services import api_token_issue
from tdkt.awards.tests.conftest import awards  # noqa: F401 (the commendation world, a fixture)
from tdkt.organizations import selectors
from tdkt.signing.testing import pki  # noqa: F401 (a test CA and signers, a fixture)

VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
FUZZ = hypothesis_settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
huge_ints = st.sampled_from([0, -1, 2**31, 2**63 - 1, 2**63, 2**64, 10**30, -(10**30)])
odd_text = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\x1b[0m",
        "🙂",
        "Đ" * 300,
        "' OR 1=1 --",
        "../../etc",
        "2025-02-30",
        "9999-12-31",
        "0001-01-01",
        "NaN",
        "null",
        "true",
        "1e400",
    ]
)


@pytest.fixture
def ids(world):
    """Values that exist, so that some examples get past validation and reach the services."""
    return [
        world.orgs["P"].pk,
        world.orgs["FIN"].pk,
        world.orgs["HOME-TDKT"].pk,
        world.orgs["Q-CA"].pk,
        world.people["fin"].pk,
        world.block.pk,
        world.block.memberships.first().pk,
    ]


def plausible(ids):
    return st.one_of(
        st.sampled_from(ids),
        huge_ints,
        odd_text,
        st.sampled_from(
            [
                "2025-01-01",
                "2019-06-30",
                "01/02/2025",
                "province",
                "division",
                "unit",
                "nam",
                "nu",
                "cong_chuc",
                "vien_chuc",
                "head",
                "deputy",
                "member",
                "khoi",
                "cum",
                "FIN",
                "P",
            ]
        ),
        st.integers(min_value=1990, max_value=2110),
        st.booleans(),
        st.none(),
        json_values,
    )


FIELDS = {
    "organization": ["code", "name", "short_name", "kind", "level", "parent_id", "active_from"],
    "close": ["closed_on", "successor_id", "note"],
    "person": [
        "organization_id",
        "full_name",
        "sex",
        "category",
        "code",
        "date_of_birth",
        "ethnicity",
        "position",
        "is_manager",
        "service_start",
        "left_on",
        "email",
        "phone",
        "start_date",
    ],
    "move": ["organization_id", "on_date", "position"],
    "block": ["organizer_id", "name", "kind", "year", "basis"],
    "member": ["organization_id", "role"],
    "token": ["username", "password"],
}
WRITES = [
    ("post", "/organizations", "organization"),
    ("patch", "/organizations/{org}", "organization"),
    ("post", "/organizations/{org}/close", "close"),
    ("post", "/people", "person"),
    ("patch", "/people/{person}", "person"),
    ("post", "/people/{person}/move", "move"),
    ("post", "/blocks", "block"),
    ("post", "/blocks/{block}/members", "member"),
    ("post", "/auth/token", "token"),
]
LISTS = {
    "/organizations": ["q", "kind", "include_closed", "parent_id", "limit", "offset"],
    "/people": ["q", "organization_id", "include_subunits", "category", "sex", "include_left", "limit", "offset"],
    "/blocks": ["year", "q", "limit", "offset"],
}
USERS = ["admin", "standing_office", "unit_officer", "viewer"]


def valid_bodies(world) -> dict:
    """A body each write accepts; the fuzzer changes a field or two of it to reach the services."""
    org = world.orgs
    return {
        "organization": {
            "code": "MOI",
            "name": "Đơn vị mới",
            "kind": "division",
            "level": "unit",
            "parent_id": org["FIN"].pk,
        },
        "close": {"closed_on": "2025-07-01", "successor_id": org["FIN"].pk},
        "person": {"organization_id": org["FIN"].pk, "full_name": "Người Mới", "sex": "nam", "category": "cong_chuc"},
        "move": {"organization_id": org["FIN"].pk, "on_date": "2025-07-01"},
        "block": {"organizer_id": org["P"].pk, "name": "Khối mới", "year": 2026},
        "member": {"organization_id": org["HOME-TDKT"].pk},
        "token": {"username": "canbo", "password": "pw-canbo"},
    }


def bodies(fields, ids, valid):
    """Random JSON; objects of the endpoint's own fields with odd values; a valid body with a field or
    two changed; and bytes that are not JSON."""
    shaped = st.dictionaries(st.sampled_from(fields), plausible(ids), max_size=len(fields))
    changes = st.dictionaries(st.sampled_from(fields), plausible(ids), min_size=1, max_size=2)
    mutated = changes.map(lambda change: {**valid, **change})
    as_json = st.one_of(json_values, shaped, mutated, mutated, mutated, mutated).map(json.dumps)
    return st.one_of(as_json, as_json, as_json, st.binary(max_size=40), st.text(max_size=40))


def check(response):
    assert response.status_code < 500, response.content
    if response.status_code == 204:
        return
    body = response.json()
    if response.status_code >= 400:
        assert isinstance(body.get("detail"), str), body
        assert VIETNAMESE.search(body["detail"]), body


def _url(template, world, path_value=None):
    values = {"org": world.orgs["FIN-NS"].pk, "person": world.people["fin"].pk, "block": world.block.pk}
    if path_value is not None:
        values = dict.fromkeys(values, path_value)
    return "/api/v1" + template.format(**values)


def _request(client, method, url, body, headers):
    with transaction.atomic():
        if method == "get":
            response = client.get(url, headers=headers)
        else:
            response = getattr(client, method)(url, body, content_type="application/json", headers=headers)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize(("method", "template", "kind"), WRITES, ids=[f"{m} {t}" for m, t, _ in WRITES])
def test_writes_never_fail_with_500(client, world, ids, method, template, kind):
    tokens = {role: api_token_issue(user=world.users[role]) for role in USERS}

    @FUZZ
    @given(body=bodies(FIELDS[kind], ids, valid_bodies(world)[kind]), role=st.sampled_from(USERS))
    def run(body, role):
        check(_request(client, method, _url(template, world), body, {"Authorization": f"Bearer {tokens[role]}"}))

    run()


@pytest.mark.parametrize("path", list(LISTS))
def test_lists_never_fail_with_500(client, world, ids, path):
    tokens = {role: api_token_issue(user=world.users[role]) for role in USERS}
    params = st.dictionaries(
        st.sampled_from(LISTS[path]) | st.text(max_size=8),
        plausible(ids).map(lambda v: v if isinstance(v, str) else json.dumps(v)),
        max_size=5,
    )

    @FUZZ
    @given(query=params, raw=st.text(max_size=30), role=st.sampled_from(USERS))
    def run(query, raw, role):
        headers = {"Authorization": f"Bearer {tokens[role]}"}
        response = client.get(f"/api/v1{path}?{urlencode(query)}", headers=headers)
        check(response)
        if response.status_code == 200:
            assert response.json()["count"] >= len(response.json()["items"])
        check(client.get(f"/api/v1{path}?{quote(raw, safe='=&')}", headers=headers))

    run()


DETAIL_PATHS = [
    ("get", "/organizations/{org}"),
    ("get", "/people/{person}"),
    ("get", "/blocks/{block}"),
    ("patch", "/people/{person}"),
    ("delete", "/blocks/{block}/members/{block}"),
]


@pytest.mark.parametrize(("method", "template"), DETAIL_PATHS, ids=[f"{m} {t}" for m, t in DETAIL_PATHS])
def test_ids_in_the_path_never_fail_with_500(client, world, method, template):
    token = api_token_issue(user=world.users["admin"])
    segment = st.one_of(st.integers().map(str), huge_ints.map(str), odd_text, st.text(min_size=1, max_size=20))

    @FUZZ
    @given(value=segment)
    def run(value):
        url = _url(template, world, quote(value, safe=""))
        response = _request(client, method, url, "{}", {"Authorization": f"Bearer {token}"})
        # A segment with an encoded "/" may fall outside the API's routes: Django's own 404.
        if response.status_code == 404 and not response["Content-Type"].startswith("application/json"):
            return
        check(response)

    run()


# Answers outside the operations: still JSON, still Vietnamese -----------------------------------


@pytest.fixture
def bearer(world):
    return {"Authorization": f"Bearer {api_token_issue(user=world.users['admin'])}"}


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v1/people/1/nothing", "/api/v1/people/"])
def test_unknown_api_address_is_a_json_404(client, bearer, path):
    for response in (client.get(path, headers=bearer), client.post(path, "{}", content_type="application/json")):
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert VIETNAMESE.search(response.json()["detail"])


def test_wrong_method_is_a_json_405(client, world, bearer):
    response = client.put(
        f"/api/v1/people/{world.people['fin'].pk}", "{}", content_type="application/json", headers=bearer
    )
    assert response.status_code == 405
    assert "PATCH" in response["Allow"]
    assert VIETNAMESE.search(response.json()["detail"])


def test_body_too_large_is_413(client, world, bearer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"full_name": "x" * 2000})
    response = client.post("/api/v1/people", body, content_type="application/json", headers=bearer)
    assert response.status_code == 413
    assert VIETNAMESE.search(response.json()["detail"])


def test_a_bug_is_a_json_500_and_still_reaches_the_test_client(world, bearer, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("lỗi giả")

    monkeypatch.setattr(selectors, "person_list", broken)
    response = Client(raise_request_exception=False).get("/api/v1/people", headers=bearer)
    assert response.status_code == 500
    assert VIETNAMESE.search(response.json()["detail"])
    assert "lỗi giả" not in response.content.decode()
    assert any(r.levelname == "ERROR" and r.exc_info for r in caplog.records)
    with pytest.raises(RuntimeError):
        Client().get("/api/v1/people", headers=bearer)


# Records and eligibility (issue 3) ---------------------------------------------------------------

RECORD_VALUES = st.sampled_from(
    [
        "HTXSNV",
        "HTTNV",
        "HTNV",
        "KHTNV",
        "LDTT",
        "CSTDCS",
        "TTLDTT",
        "BK_TINH",
        "GK",
        "co_so",
        "tinh",
        "toan_quoc",
        "sang_kien",
        "de_tai",
        "khien_trach",
        "canh_cao",
        "buoc_thoi_viec",
        "thanh_tra",
        "khieu_nai",
        "regular",
        "movement",
        "individual",
        "collective",
        "eligible",
        "marked",
        "2024-12-31",
        "2026-01-01",
    ]
)
RECORD_FIELDS = {
    "rating": ["year", "rating", "note"],
    "honour": ["code", "year", "decision_number", "decision_date", "issuer", "note"],
    "initiative": ["title", "kind", "scope", "year", "recognized_by", "note"],
    "discipline": ["form", "start_date", "end_date", "decision_number", "note"],
    "review": ["reason", "opened_on", "note"],
    "revoke": ["revoked_on", "reason"],
    "close_review": ["closed_on"],
    "mark": ["award", "year", "person_id", "organization_id", "basis", "justification"],
}
RECORD_WRITES = [
    ("post", "/people/{person}/ratings", "rating"),
    ("post", "/organizations/{org}/ratings", "rating"),
    ("post", "/people/{person}/honours", "honour"),
    ("post", "/organizations/{org}/honours", "honour"),
    ("post", "/people/{person}/initiatives", "initiative"),
    ("post", "/organizations/{org}/initiatives", "initiative"),
    ("post", "/people/{person}/discipline", "discipline"),
    ("post", "/people/{person}/reviews", "review"),
    ("post", "/organizations/{org}/reviews", "review"),
    ("post", "/honours/{honour}/revoke", "revoke"),
    ("post", "/reviews/{review}/close", "close_review"),
    ("post", "/eligibility/marks", "mark"),
]


@pytest.fixture
def records_world(world):
    """A honour, a review and a mark that exist (the fuzzed writes act on them), and one earlier
    title so that some examples meet the once-a-year rule."""
    import datetime

    from tdkt.records import services as records
    from tdkt.rules.models import ProposalMark

    admin, person = world.users["admin"], world.people["fin"]
    year = datetime.date.today().year - 1
    records.rating_set(actor=admin, person=person, year=year, rating="HTXSNV")
    honour = records.honour_add(actor=admin, person=person, code="LDTT", year=year)
    review = records.review_flag_open(
        actor=admin, person=person, reason="thanh_tra", opened_on=datetime.date(year, 3, 1)
    )
    mark = ProposalMark.objects.create(
        year=year, award="CSTDCS", person=person, organization=person.organization, eligible=True, marked_by=admin
    )
    return {"year": year, "honour": honour.pk, "review": review.pk, "mark": mark.pk}


def record_valid_bodies(world, year) -> dict:
    return {
        "rating": {"year": year, "rating": "HTTNV"},
        "honour": {"code": "BK_TINH", "year": year, "decision_date": f"{year}-06-01"},
        "initiative": {"title": "Sáng kiến", "scope": "co_so", "year": year},
        "discipline": {"form": "khien_trach", "start_date": f"{year}-01-01", "end_date": f"{year}-12-31"},
        "review": {"reason": "dieu_tra", "opened_on": f"{year}-05-01"},
        "revoke": {"revoked_on": f"{year}-12-01", "reason": "Khai sai thành tích"},
        "close_review": {"closed_on": f"{year}-12-01"},
        "mark": {"award": "CSTDCS", "year": year, "person_id": world.people["fin-ns"].pk, "justification": "Lý do"},
    }


def record_bodies(fields, values, valid):
    shaped = st.dictionaries(st.sampled_from(fields), values, max_size=len(fields))
    changes = st.dictionaries(st.sampled_from(fields), values, min_size=1, max_size=2)
    mutated = changes.map(lambda change: {**valid, **change})
    as_json = st.one_of(json_values, shaped, mutated, mutated, mutated, mutated).map(json.dumps)
    return st.one_of(as_json, as_json, as_json, st.just(json.dumps(valid)), st.binary(max_size=40))


def _record_url(template, world, records_world, path_value=None):
    values = {
        "org": world.orgs["FIN-NS"].pk,
        "person": world.people["fin"].pk,
        "honour": records_world["honour"],
        "review": records_world["review"],
        "mark": records_world["mark"],
    }
    if path_value is not None:
        values = dict.fromkeys(values, path_value)
    return "/api/v1" + template.format(**values)


@pytest.mark.parametrize(("method", "template", "kind"), RECORD_WRITES, ids=[f"{m} {t}" for m, t, _ in RECORD_WRITES])
def test_record_and_mark_writes_never_fail_with_500(client, world, ids, records_world, method, template, kind):
    tokens = {role: api_token_issue(user=world.users[role]) for role in USERS}
    values = st.one_of(plausible(ids), RECORD_VALUES, st.integers(min_value=1940, max_value=2110))
    valid = record_valid_bodies(world, records_world["year"])[kind]
    url = _record_url(template, world, records_world)

    @FUZZ
    @given(body=record_bodies(RECORD_FIELDS[kind], values, valid), role=st.sampled_from(USERS))
    def run(body, role):
        check(_request(client, method, url, body, {"Authorization": f"Bearer {tokens[role]}"}))

    run()


def test_valid_record_writes_succeed_for_the_admin(client, world, records_world):
    """The fuzzer's starting bodies are right: each one passes as is (so the mutations test the
    services, not only the schema)."""
    headers = {"Authorization": f"Bearer {api_token_issue(user=world.users['admin'])}"}
    valid = record_valid_bodies(world, records_world["year"])
    for method, template, kind in RECORD_WRITES:
        url = _record_url(template, world, records_world)
        response = _request(client, method, url, json.dumps(valid[kind]), headers)
        assert response.status_code in (200, 201), (template, response.content)


ELIGIBILITY_READS = {
    "/eligibility/candidates": ["organization_id", "year", "award", "target", "basis", "on_date", "verdict", "q"]
    + ["limit", "offset"],
    "/people/{person}/eligibility": ["year", "on_date", "award"],
    "/organizations/{org}/eligibility": ["year", "on_date", "award"],
    "/people/{person}/records": [],
    "/organizations/{org}/records": [],
}


@pytest.mark.parametrize("template", list(ELIGIBILITY_READS))
def test_eligibility_reads_never_fail_with_500(client, world, ids, records_world, template):
    tokens = {role: api_token_issue(user=world.users[role]) for role in USERS}
    values = st.one_of(plausible(ids), RECORD_VALUES, st.integers(min_value=1940, max_value=2110))
    names = ELIGIBILITY_READS[template] or ["year"]
    params = st.dictionaries(
        st.sampled_from(names) | st.text(max_size=8),
        values.map(lambda v: v if isinstance(v, str) else json.dumps(v)),
        max_size=5,
    )
    base = st.fixed_dictionaries(
        {"organization_id": st.sampled_from(ids).map(str), "year": st.integers(1945, 2100).map(str)}
    )
    url = _record_url(template, world, records_world)

    @FUZZ
    @given(query=params, start=base, role=st.sampled_from(USERS))
    def run(query, start, role):
        headers = {"Authorization": f"Bearer {tokens[role]}"}
        response = client.get(f"{url}?{urlencode({**start, **query})}", headers=headers)
        check(response)
        if response.status_code == 200 and template == "/eligibility/candidates":
            body = response.json()
            assert body["count"] >= len(body["items"])
            assert len(body["items"]) <= body["limit"]

    run()


RECORD_DETAIL_PATHS = [
    ("get", "/people/{person}/records"),
    ("get", "/organizations/{org}/eligibility?year=2024"),
    ("post", "/people/{person}/ratings"),
    ("post", "/honours/{honour}/revoke"),
    ("post", "/reviews/{review}/close"),
    ("delete", "/records/rating/{honour}"),
    ("delete", "/records/{honour}/1"),
    ("delete", "/eligibility/marks/{mark}"),
]


@pytest.mark.parametrize(("method", "template"), RECORD_DETAIL_PATHS, ids=[f"{m} {t}" for m, t in RECORD_DETAIL_PATHS])
def test_record_ids_in_the_path_never_fail_with_500(client, world, records_world, method, template):
    token = api_token_issue(user=world.users["admin"])
    segment = st.one_of(st.integers().map(str), huge_ints.map(str), odd_text, st.text(min_size=1, max_size=20))

    @FUZZ
    @given(value=segment)
    def run(value):
        url = _record_url(template, world, records_world, quote(value, safe=""))
        response = _request(client, method, url, "{}", {"Authorization": f"Bearer {token}"})
        if response.status_code == 404 and not response["Content-Type"].startswith("application/json"):
            return
        check(response)

    run()


# Movements (issue 4) -----------------------------------------------------------------------------

MOVEMENT_VALUES = st.sampled_from(
    [
        "regular",
        "thematic",
        "special",
        "draft",
        "issued",
        "closed",
        "mid_year",
        "year_end",
        "final",
        "award_share",
        "award_count",
        "rating_share",
        "individual",
        "collective",
        "CO_TINH",
        "CO_CP",
        "TTLDXS",
        "HTTNV",
        "planned",
        "done",
        "plan",
        "covenant",
        "2022-01-01",
        "2022-06-30",
        "2022-12-31",
        "2021-12-01",
        "2030-01-01",
    ]
)
MOVEMENT_FIELDS = {
    "movement": [
        "organization_id",
        "block_id",
        "title",
        "kind",
        "start_date",
        "end_date",
        "award_codes",
        "participant_ids",
        "registration_deadline",
        "document_date",
        "theme",
        "for_collectives",
    ],
    "movement_patch": [
        "title",
        "kind",
        "start_date",
        "end_date",
        "award_codes",
        "participant_ids",
        "registration_deadline",
        "document_date",
        "theme",
        "for_individuals",
    ],
    "status": ["status"],
    "phase": ["name", "start_date", "end_date", "celebrates"],
    "milestone": ["kind", "name", "report_deadline", "data_from", "data_to", "phase_id", "meeting"],
    "target": ["label", "kind", "subject", "award_code", "min_rating", "value", "year"],
    "task": ["quarter", "content", "lead", "lead_organization_id", "executing", "due_date"],
    "task_status": ["status"],
    "content": ["part", "text"],
    "registration": ["organization_id", "items", "note"],
    "decision": ["accept", "note"],
    "signature": ["organization_id", "signer_name", "signer_title"],
    "review": ["accept", "reason"],
}
MOVEMENT_WRITES = [
    ("post", "/movements", "movement"),
    ("patch", "/movements/{movement}", "movement_patch"),
    ("post", "/movements/{movement}/status", "status"),
    ("post", "/movements/{movement}/phases", "phase"),
    ("post", "/movements/{movement}/milestones", "milestone"),
    ("post", "/movements/{movement}/targets", "target"),
    ("post", "/movements/{movement}/tasks", "task"),
    ("post", "/movements/{movement}/tasks/{task}/status", "task_status"),
    ("post", "/movements/{movement}/contents", "content"),
    ("post", "/movements/{movement}/registrations", "registration"),
    ("post", "/registrations/{registration}/decision", "decision"),
    # Signing through the signing service (JSON); the upload of a signed PDF is multipart.
    ("post", "/movements/{movement}/covenant/signatures/service", "signature"),
    ("post", "/submissions/{submission}/review", "review"),
]


@pytest.fixture
def movements_world(world):
    """The block's 2022 plan (seed 000's shape), issued by HOME for HOME and FIN: a phase, a
    milestone, a task, a late registration waiting for the head and a report waiting for review."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tdkt.movements.demo import report_pdf
    from tdkt.movements.models import ContentItem
    from tdkt.movements.services import participation, plans

    admin, home, fin = world.users["admin"], world.orgs["HOME"], world.orgs["FIN"]
    movement = plans.movement_create(
        actor=admin,
        organization=home,
        block=world.block,
        title="Kế hoạch thi đua của Khối năm 2022",
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2022, 12, 31),
        registration_deadline=datetime.date(2022, 3, 15),
    )
    phase = plans.phase_add(
        actor=admin,
        movement=movement,
        name="Đợt 1",
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2022, 6, 30),
    )
    milestone = plans.milestone_add(
        actor=admin, movement=movement, kind="mid_year", name="Sơ kết", report_deadline=datetime.date(2022, 6, 30)
    )
    task = plans.task_add(actor=admin, movement=movement, quarter=1, content="Ký giao ước", lead="Trưởng Khối")
    # The Khối's plan states its covenant (as seed 000 does), so its members sign one.
    ContentItem.objects.create(movement=movement, part=ContentItem.COVENANT, position=1,
                               text="Thực hiện tốt nhiệm vụ chính trị được giao")
    plans.movement_set_status(actor=admin, movement=movement, status="issued")
    registration = participation.registration_submit(
        actor=admin, movement=movement, organization=home, items=[("CO_TINH", "")]
    )
    submission = participation.report_submit(
        actor=admin,
        milestone=milestone,
        organization=home,
        upload=SimpleUploadedFile("bao-cao.pdf", report_pdf("Bao cao")),
        confirmed=True,  # the 2022 milestone's deadline has passed: a late sending is confirmed with a reason
        reason="Nộp muộn",
    )
    return {
        "movement": movement.pk,
        "phase": phase.pk,
        "milestone": milestone.pk,
        "task": task.pk,
        "registration": registration.pk,
        "submission": submission.pk,
        "fin": fin.pk,
        "home": home.pk,
    }


def movement_valid_bodies(world, mw) -> dict:
    return {
        "movement": {
            "organization_id": mw["fin"],
            "title": "Kế hoạch thi đua chuyên đề",
            "kind": "thematic",
            "start_date": "2022-01-01",
            "end_date": "2022-12-31",
            "participant_ids": [world.orgs["FIN-NS"].pk],
        },
        "movement_patch": {"theme": "Đoàn kết, sáng tạo", "registration_deadline": "2022-03-31"},
        "status": {"status": "closed"},
        "phase": {"name": "Đợt 2", "start_date": "2022-07-01", "end_date": "2022-12-31"},
        "milestone": {
            "kind": "year_end",
            "name": "Tổng kết",
            "report_deadline": "2022-12-20",
            "data_from": "2021-12-01",
            "data_to": "2022-11-30",
            "phase_id": mw["phase"],
        },
        "target": {
            "label": "20% TTLĐXS",
            "kind": "award_share",
            "subject": "collective",
            "award_code": "TTLDXS",
            "value": 20,
            "year": 2022,
        },
        "task": {"quarter": 4, "content": "Tổng kết", "lead": "Trưởng Khối", "lead_organization_id": mw["home"]},
        "task_status": {"status": "done"},
        "content": {"part": "covenant", "text": "Nội dung giao ước"},
        "registration": {"organization_id": mw["fin"], "items": [{"award_code": "CO_TINH"}], "note": "Cam kết"},
        "decision": {"accept": True},
        "signature": {"organization_id": mw["fin"], "signer_name": "Nguyễn Văn Đức", "signer_title": "Giám đốc"},
        "review": {"accept": False, "reason": "Thiếu số liệu"},
    }


def _movement_url(template, mw, path_value=None):
    values = {k: mw[k] for k in ("movement", "task", "registration", "submission", "milestone")}
    if path_value is not None:
        values = dict.fromkeys(values, path_value)
    return "/api/v1" + template.format(**values)


@pytest.mark.parametrize(
    ("method", "template", "kind"), MOVEMENT_WRITES, ids=[f"{m} {t}" for m, t, _ in MOVEMENT_WRITES]
)
def test_movement_writes_never_fail_with_500(client, world, ids, movements_world, method, template, kind):
    mw = movements_world
    tokens = {role: api_token_issue(user=world.users[role]) for role in USERS}
    values = st.one_of(
        plausible([*ids, *mw.values()]),
        MOVEMENT_VALUES,
        st.lists(st.sampled_from([*mw.values(), 0, -1]), max_size=3),
        st.lists(st.fixed_dictionaries({"award_code": MOVEMENT_VALUES}), max_size=3),
    )
    valid = movement_valid_bodies(world, mw)[kind]
    url = _movement_url(template, mw)

    @FUZZ
    @given(body=record_bodies(MOVEMENT_FIELDS[kind], values, valid), role=st.sampled_from(USERS))
    def run(body, role):
        check(_request(client, method, url, body, {"Authorization": f"Bearer {tokens[role]}"}))

    run()


def test_valid_movement_writes_succeed_for_the_admin(client, world, movements_world, pki, settings, monkeypatch):  # noqa: F811
    pki.configure(settings, monkeypatch, "FIN", world.orgs["FIN"].name)  # FIN signs through the service
    headers = {"Authorization": f"Bearer {api_token_issue(user=world.users['admin'])}"}
    valid = movement_valid_bodies(world, movements_world)
    for method, template, kind in MOVEMENT_WRITES:
        response = _request(client, method, _movement_url(template, movements_world), json.dumps(valid[kind]), headers)
        assert response.status_code in (200, 201), (template, response.content)


def test_report_uploads_never_fail_with_500(client, world, ids, movements_world):
    """Random multipart bodies: organisation ids, figures and file contents and names."""
    mw = movements_world
    tokens = {role: api_token_issue(user=world.users[role]) for role in USERS}
    url = f"/api/v1/milestones/{mw['milestone']}/submissions"
    contents = st.one_of(
        st.binary(max_size=64),
        st.sampled_from([b"%PDF-1.4\n%%EOF", b"PK\x03\x04garbage", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html>"]),
    )
    names = st.one_of(
        st.sampled_from(["a.pdf", "a.docx", "a.xlsx", "a.doc", "a.odt", "a", ".pdf"]), st.text(max_size=20)
    )
    figures = st.one_of(st.none(), json_values.map(json.dumps), odd_text, st.text(max_size=30))

    @FUZZ
    @given(
        org=st.one_of(st.sampled_from([mw["fin"], mw["home"], *ids]), huge_ints, odd_text),
        content=contents,
        name=names,
        figures=figures,
        role=st.sampled_from(USERS),
    )
    def run(org, content, name, figures, role):
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = {"organization_id": str(org), "file": SimpleUploadedFile(_sendable(name), content)}
        if figures is not None:
            data["figures"] = figures
        with transaction.atomic():
            response = client.post(url, data, headers={"Authorization": f"Bearer {tokens[role]}"})
            transaction.set_rollback(True)
        check(response)

    run()


MOVEMENT_LISTS = ["year", "q", "kind", "status", "limit", "offset"]


def test_movement_list_never_fails_with_500(client, world, ids, movements_world):
    tokens = {role: api_token_issue(user=world.users[role]) for role in USERS}
    params = st.dictionaries(
        st.sampled_from(MOVEMENT_LISTS) | st.text(max_size=8),
        st.one_of(plausible(ids), MOVEMENT_VALUES).map(lambda v: v if isinstance(v, str) else json.dumps(v)),
        max_size=5,
    )

    @FUZZ
    @given(query=params, role=st.sampled_from(USERS))
    def run(query, role):
        response = client.get(
            f"/api/v1/movements?{urlencode(query)}", headers={"Authorization": f"Bearer {tokens[role]}"}
        )
        check(response)
        if response.status_code == 200:
            assert response.json()["count"] >= len(response.json()["items"])

    run()


MOVEMENT_DETAIL_PATHS = [
    ("get", "/movements/{movement}"),
    ("get", "/movements/{movement}/registrations"),
    ("get", "/movements/{movement}/covenant"),
    ("get", "/milestones/{milestone}/submissions"),
    ("patch", "/movements/{movement}"),
    ("post", "/movements/{movement}/status"),
    ("post", "/movements/{movement}/tasks/{task}/status"),
    ("post", "/registrations/{registration}/decision"),
    ("post", "/submissions/{submission}/review"),
    ("post", "/registrations/{registration}/signoff/sign_off"),
    ("post", "/submissions/{submission}/signoff/sign_off"),
]


@pytest.mark.parametrize(
    ("method", "template"), MOVEMENT_DETAIL_PATHS, ids=[f"{m} {t}" for m, t in MOVEMENT_DETAIL_PATHS]
)
def test_movement_ids_in_the_path_never_fail_with_500(client, world, movements_world, method, template):
    token = api_token_issue(user=world.users["admin"])
    segment = st.one_of(st.integers().map(str), huge_ints.map(str), odd_text, st.text(min_size=1, max_size=20))

    @FUZZ
    @given(value=segment)
    def run(value):
        url = _movement_url(template, movements_world, quote(value, safe=""))
        response = _request(client, method, url, "{}", {"Authorization": f"Bearer {token}"})
        if response.status_code == 404 and not response["Content-Type"].startswith("application/json"):
            return
        check(response)

    run()


# Commendation (awards) ---------------------------------------------------------------------------
#
# Every operation under /api/v1/awards is fuzzed here: a dossier is prepared in each state the
# operations act on, so that mutated bodies reach the services (the workflow table, the ballot, the
# notice, the decision and its documents) and not only the schemas. The DOCX is really generated
# (python-docx: odd text in a decision reaches the XML); only LibreOffice's PDF and WeasyPrint's
# certificates are faked, for speed. test_every_awards_operation_is_fuzzed keeps the lists complete.

AWARD_USERS = ["admin", "standing_office", "council_member", "approver", "unit_officer", "unit_leader", "viewer",
               "nobody"]
AWARD_VALUES = st.sampled_from(
    [
        "GK_STC",
        "CSTDCS",
        "BK_CT",
        "BK_TTG",
        "KHONG_CO",
        "gk_stc",
        "accepted",
        "rejected",
        "changed",
        "pending",
        "yes",
        "no",
        "abstain",
        "draft",
        "submitted",
        "notice",
        "submit",
        "receive",
        "decide",
        "forward",
        "to_trinh",
        "bien_ban",
        "bao_cao",
        "QĐ-UBND",
        "2025-08-20",
        "1900-01-01",
        "2018-06-30",
        "A\uffff",
        "\ufffe",
        "x" * 10_001,
        "Đ" * 5_001,
        "Căn cứ Luật Thi đua, khen thưởng;\n\n\n",
        "\t\n\r",
    ]
)
AWARD_FIELDS = {
    "dossier": ["round_id", "organization_id", "title"],
    "nominee": ["person_id", "collective_id", "award_code", "achievement", "justification"],
    "appraisal": ["result", "note", "final_award_code"],
    "vote": ["member_id", "vote", "in_writing"],
    "objection": ["text", "sender", "nominee_id"],
    "resolve": ["resolution", "reject_nominee"],
    "action": ["comment"],
    "forward": ["round_id", "comment"],
    "decision": ["issuer_id", "date", "symbol", "subject", "signer_name", "signer_title", "legal_bases",
                 "recipients"],
    "revoke": ["reason"],
    "fund": ["issuer_id", "year", "allocation", "note"],
}
# (method, path, body kind, the user whose valid body must succeed, its status)
AWARD_WRITES = [
    ("post", "/awards/dossiers", "dossier", "unit_officer", 201),
    ("post", "/awards/dossiers/{draft}/nominees", "nominee", "unit_officer", 201),
    ("post", "/awards/nominees/{received_nominee}/appraisal", "appraisal", "standing_office", 200),
    ("post", "/awards/nominees/{voting_nominee}/votes", "vote", "standing_office", 201),
    ("post", "/awards/dossiers/{notice}/objections", "objection", "standing_office", 201),
    ("post", "/awards/dossiers/{notice}/objections/{objection}/resolve", "resolve", "standing_office", 200),
    ("post", "/awards/dossiers/{draft}/actions/submit", "action", "unit_officer", 200),
    ("post", "/awards/dossiers/{received}/actions/return", "action", "standing_office", 200),
    ("post", "/awards/dossiers/{forwardable}/forward", "forward", "standing_office", 201),
    ("post", "/awards/dossiers/{awaiting}/decisions", "decision", "approver", 201),
    ("post", "/awards/decisions/{decision}/revoke", "revoke", "approver", 200),
    ("put", "/awards/funds", "fund", "standing_office", 200),
]
AWARD_LISTS = {
    "/awards/forms": ["all", "on"],
    "/awards/law-forms": ["all", "on"],
    "/awards/funds": ["year", "issuer_id", "limit", "offset"],
    "/awards/rounds": ["year", "limit", "offset"],
    "/awards/dossiers": ["state", "round_id", "q", "limit", "offset"],
    "/awards/decisions": ["year", "q", "limit", "offset"],
}
# Operations with no JSON body: every id in the path fuzzed.
AWARD_DETAIL_PATHS = [
    ("get", "/awards/rounds/{round}"),
    ("get", "/awards/dossiers/{draft}"),
    ("get", "/awards/dossiers/{voting}/votes"),
    ("get", "/awards/decisions/{decision}"),
    ("get", "/awards/funds/{fund}"),
    ("get", "/awards/decisions/{decision}/files/docx"),
    ("get", "/awards/decisions/{decision}/files/pdf"),
    ("get", "/awards/decisions/{decision}/files/certificates"),
    ("get", "/awards/decisions/{decision}/files/{kind}"),
    ("post", "/awards/decisions/{decision}/certificates/retry"),
    ("delete", "/awards/nominees/{draft_nominee}"),
    ("delete", "/awards/attachments/{attachment}"),
    ("post", "/awards/dossiers/{draft}/actions/{action}"),
    ("post", "/awards/nominees/{received_nominee}/appraisal"),
    ("post", "/awards/dossiers/{received}/appraisal/accept-eligible"),
    ("post", "/awards/dossiers/{notice}/objections/{objection}/resolve"),
]
AWARD_UPLOAD = "/awards/dossiers/{draft}/attachments"


def _award_dossier(a, code, *, state, round_=None, person="fin", extra_codes=()):
    """A dossier of FIN proposing `code` for one person, with every component, taken to `state` with
    the services (the same steps as the pages)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
    from tdkt.awards.services.workflow import dossier_act, nominee_appraise, vote_record
    from tdkt.awards.tests.conftest import PDF

    users = a.world.users
    officer, office = users["unit_officer"], users["standing_office"]
    dossier = dossier_create(actor=officer, round=round_ or a.round, organization=a.world.orgs["FIN"],
                             title=f"Hồ sơ {state} {code}")
    for each in (code, *extra_codes):
        nominee_add(actor=officer, dossier=dossier, award=a.forms[each], person=a.world.people[person],
                    achievement="Hoàn thành xuất sắc nhiệm vụ", justification="Đề nghị theo thành tích nổi bật")
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        upload = SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf")
        attachment_add(actor=officer, dossier=dossier, component=component, upload=upload)

    def act(actor, action, reason=""):
        return dossier_act(actor=actor, dossier=dossier, action=action, reason=reason)

    if state == "draft":
        return dossier
    act(officer, "submit")
    if state == "submitted":
        return dossier
    act(office, "receive")
    if state == "received":
        return dossier
    for nominee in dossier.nominees.all():
        nominee_appraise(actor=office, nominee=nominee, result="accepted")
    act(office, "appraise")
    if state == "appraised":
        return dossier
    if code == "CSTDCS":
        act(office, "open_vote")
        if state == "voting":
            return dossier
        for member in a.members:
            vote_record(actor=office, nominee=dossier.nominees.get(), member=member, vote="yes")
        act(office, "close_vote")
    elif code == "BK_CT":
        act(office, "publish_notice")
        if state == "notice":
            return dossier
    assert state == "awaiting", state
    act(office, "send_for_decision")
    return dossier


@pytest.fixture
def awards_api(request, monkeypatch):
    """A dossier in each state the awards operations act on, and the ids they name (on top of the
    awards app's own fixture: catalogue, council, round)."""
    import datetime

    import tdkt.awards.certificates as certificates
    import tdkt.awards.documents as documents
    from tdkt.awards.models import AwardFund, CommendationRound
    from tdkt.awards.services.decisions import decision_issue
    from tdkt.awards.services.workflow import objection_record

    monkeypatch.setattr(documents.generation, "docx_to_pdf", lambda data: b"%PDF-1.4 not converted")
    monkeypatch.setattr(certificates, "certificates_pdf", lambda decision: b"%PDF-1.4 certificates")
    a = request.getfixturevalue("awards")
    users = a.world.users
    draft = _award_dossier(a, "GK_STC", state="draft")
    received = _award_dossier(a, "GK_STC", state="received", person="fin-ns")
    voting = _award_dossier(a, "CSTDCS", state="voting")
    notice = _award_dossier(a, "BK_CT", state="notice")
    objection = objection_record(actor=users["standing_office"], dossier=notice, text="Có ý kiến về thành tích",
                                 sender="Cán bộ Sở", nominee=notice.nominees.get())
    awaiting = _award_dossier(a, "GK_STC", state="awaiting")
    decided = _award_dossier(a, "GK_STC", state="awaiting", person="fin-ns")
    decision = decision_issue(actor=users["approver"], dossier=decided, issuer=a.world.orgs["FIN"],
                              date=datetime.date(2025, 8, 20), signer_name="Hoàng Nam Tiến", signer_title="GIÁM ĐỐC",
                              subject="Về việc tặng Giấy khen", legal_bases="Căn cứ Luật Thi đua, khen thưởng;",
                              symbol="QĐ-STC")
    # The Sở receives its divisions' dossiers: a Bằng khen of the province's chair goes up from there.
    fin_round = CommendationRound.objects.create(authority=a.world.orgs["FIN"], kind="regular",
                                                 title="Khen thưởng Sở Tài chính 2025", year=2025)
    forwardable = _award_dossier(a, "GK_STC", state="appraised", round_=fin_round, extra_codes=("BK_CT",))
    fund = AwardFund.objects.create(issuer=a.world.orgs["FIN"], year=2025, allocation=50_000_000)
    return {
        "fund": fund.pk,
        "round": a.round.pk,
        "fin_round": fin_round.pk,
        "draft": draft.pk,
        "draft_nominee": draft.nominees.get().pk,
        "attachment": draft.attachments.first().pk,
        "submitted": _award_dossier(a, "GK_STC", state="submitted").pk,
        "received": received.pk,
        "received_nominee": received.nominees.get().pk,
        "voting": voting.pk,
        "voting_nominee": voting.nominees.get().pk,
        "member": a.members[1].pk,
        "notice": notice.pk,
        "notice_nominee": notice.nominees.get().pk,
        "objection": objection.pk,
        "awaiting": awaiting.pk,
        "decided": decided.pk,
        "decision": decision.pk,
        "forwardable": forwardable.pk,
        "fin": a.world.orgs["FIN"].pk,
        "fin_ns": a.world.orgs["FIN-NS"].pk,
        "p": a.world.orgs["P"].pk,
        "person": a.world.people["fin"].pk,
        "person_ns": a.world.people["fin-ns"].pk,
        "q_person": a.world.people["q"].pk,
        "kind": "docx",
        "action": "submit",
    }


def award_valid_bodies(aw) -> dict:
    return {
        "dossier": {"round_id": aw["round"], "organization_id": aw["fin"], "title": "Tờ trình khen thưởng năm 2025"},
        "nominee": {"person_id": aw["person_ns"], "award_code": "GK_STC", "achievement": "Hoàn thành xuất sắc",
                    "justification": "Có sáng kiến được công nhận"},
        "appraisal": {"result": "changed", "note": "Thành tích phù hợp hình thức khác", "final_award_code": "BK_CT"},
        "vote": {"member_id": aw["member"], "vote": "no", "in_writing": True},
        "objection": {"text": "Đề nghị xem lại thành tích", "sender": "Ông A", "nominee_id": aw["notice_nominee"]},
        "resolve": {"resolution": "Đã xác minh: ý kiến không có cơ sở", "reject_nominee": False},
        "action": {"comment": "Biên bản họp xét chưa có chữ ký"},
        "forward": {"round_id": aw["round"], "comment": "Vượt thẩm quyền của Sở"},
        "decision": {"issuer_id": aw["fin"], "date": "2025-08-20", "symbol": "QĐ-STC",
                     "subject": "Về việc tặng Giấy khen của Giám đốc Sở Tài chính", "signer_name": "Hoàng Nam Tiến",
                     "signer_title": "GIÁM ĐỐC", "legal_bases": "Căn cứ Luật Thi đua, khen thưởng;"},
        "revoke": {"reason": "Khai sai thành tích"},
        "fund": {"issuer_id": aw["fin"], "year": 2025, "allocation": 60_000_000, "note": "Dự toán năm 2025"},
    }


def _award_url(template, aw, path_value=None):
    values = {key: aw[key] for key in re.findall(r"{(\w+)}", template)}
    if path_value is not None:
        values = dict.fromkeys(values, path_value)
    return "/api/v1" + template.format(**values)


def check_awards(response):
    """`check`, and a file download (2xx, not JSON) is a file with a name."""
    if response.status_code < 300 and not response.get("Content-Type", "").startswith("application/json"):
        assert response.status_code == 200, response
        assert "attachment" in response["Content-Disposition"]
        return
    check(response)


def _award_tokens(world):
    return {role: api_token_issue(user=world.users[role]) for role in AWARD_USERS}


# Text that the documents' XML cannot hold (U+FFFE, U+FFFF), controls, blank lines and Vietnamese.
xml_hostile_text = st.text(alphabet=st.sampled_from("aĐệ ;.\n\t\r\x0b\ufffe\uffff\u200b"), min_size=1, max_size=12)


def _award_values(ids, aw):
    known = [v for v in aw.values() if isinstance(v, int)]
    return st.one_of(
        plausible([*ids, *known]),
        AWARD_VALUES,
        xml_hostile_text,
        st.sampled_from(known),
        st.lists(st.sampled_from(known), max_size=2),
    )


def _award_roles(actor):
    """Half the examples as the user who may act there (so they reach the services), half as anyone."""
    return st.one_of(st.just(actor), st.sampled_from(AWARD_USERS))


@pytest.mark.parametrize(
    ("method", "template", "kind", "actor"),
    [w[:4] for w in AWARD_WRITES],
    ids=[f"{m} {t}" for m, t, *_ in AWARD_WRITES],
)
def test_award_writes_never_fail_with_500(client, world, ids, awards_api, method, template, kind, actor):
    tokens = _award_tokens(world)
    valid = award_valid_bodies(awards_api)[kind]
    url = _award_url(template, awards_api)

    @FUZZ
    @given(body=record_bodies(AWARD_FIELDS[kind], _award_values(ids, awards_api), valid), role=_award_roles(actor))
    def run(body, role):
        check(_request(client, method, url, body, {"Authorization": f"Bearer {tokens[role]}"}))

    run()


def test_valid_award_writes_succeed(client, world, awards_api):
    """The fuzzer's starting bodies are right: each one passes as is for the role that acts there (so
    the mutations test the services, not only the schemas)."""
    valid = award_valid_bodies(awards_api)
    for method, template, kind, user, status in AWARD_WRITES:
        headers = {"Authorization": f"Bearer {api_token_issue(user=world.users[user])}"}
        response = _request(client, method, _award_url(template, awards_api), json.dumps(valid[kind]), headers)
        assert response.status_code == status, (template, response.content.decode())


def test_award_actions_never_fail_with_500(client, world, awards_api):
    """Any action, known or not, on a dossier in any state, by any role, with any comment."""
    from tdkt.awards.domain.workflow import Action

    tokens = _award_tokens(world)
    dossiers = [awards_api[k] for k in ("draft", "submitted", "received", "voting", "notice", "awaiting", "decided",
                                        "forwardable")]
    actions = st.one_of(st.sampled_from([a.value for a in Action]), AWARD_VALUES, st.text(min_size=1, max_size=12))
    comments = st.one_of(st.none(), odd_text, AWARD_VALUES, xml_hostile_text, json_values)

    @FUZZ
    @given(dossier=st.sampled_from(dossiers), action=actions, comment=comments,
           role=st.sampled_from(["unit_officer", "standing_office", *AWARD_USERS]))
    def run(dossier, action, comment, role):
        url = f"/api/v1/awards/dossiers/{dossier}/actions/{quote(action, safe='')}"
        body = json.dumps({} if comment is None else {"comment": comment})
        response = _request(client, "post", url, body, {"Authorization": f"Bearer {tokens[role]}"})
        if response.status_code == 404 and not response["Content-Type"].startswith("application/json"):
            return
        check(response)
        if action not in {a.value for a in Action} and response.status_code != 404:
            assert response.status_code == 422, (action, response.content.decode())

    run()


@pytest.mark.parametrize("path", list(AWARD_LISTS))
def test_award_lists_never_fail_with_500(client, world, ids, awards_api, path):
    tokens = _award_tokens(world)
    params = st.dictionaries(
        st.sampled_from(AWARD_LISTS[path]) | st.text(max_size=8),
        _award_values(ids, awards_api).map(lambda v: v if isinstance(v, str) else json.dumps(v)),
        max_size=5,
    )

    @FUZZ
    @given(query=params, raw=st.text(max_size=30), role=st.sampled_from(AWARD_USERS))
    def run(query, raw, role):
        headers = {"Authorization": f"Bearer {tokens[role]}"}
        response = client.get(f"/api/v1{path}?{urlencode(query)}", headers=headers)
        check(response)
        if response.status_code == 200 and path not in ("/awards/forms", "/awards/law-forms"):
            body = response.json()
            assert body["count"] >= len(body["items"])
            assert len(body["items"]) <= body["limit"]
        check(client.get(f"/api/v1{path}?{quote(raw, safe='=&')}", headers=headers))

    run()


@pytest.mark.parametrize(("method", "template"), AWARD_DETAIL_PATHS, ids=[f"{m} {t}" for m, t in AWARD_DETAIL_PATHS])
def test_award_ids_in_the_path_never_fail_with_500(client, world, awards_api, method, template):
    """First the real ids as each role (files really downloaded; a user without a role gets nothing),
    then random path segments."""
    tokens = _award_tokens(world)
    for role, token in tokens.items():
        headers = {"Authorization": f"Bearer {token}"}
        response = _request(client, method, _award_url(template, awards_api), "{}", headers)
        check_awards(response)
        if role == "nobody":  # nothing in scope (a 422 for an empty body comes before the scope check)
            assert response.status_code in (403, 404, 422), (template, response.status_code)
    segment = st.one_of(st.integers().map(str), huge_ints.map(str), odd_text, st.text(min_size=1, max_size=20))

    @FUZZ
    @given(value=segment, role=st.sampled_from(AWARD_USERS))
    def run(value, role):
        url = _award_url(template, awards_api, quote(value, safe=""))
        response = _request(client, method, url, "{}", {"Authorization": f"Bearer {tokens[role]}"})
        if response.status_code == 404 and not response["Content-Type"].startswith("application/json"):
            return
        check_awards(response)

    run()


def _sendable(name: str) -> str:
    """The test client cannot carry a file name with no file part ("", "/", ".."): Django refuses it
    before any request is made, and no browser sends one."""
    return name if os.path.basename(name) not in {"", ".", ".."} else "x"


def test_award_uploads_never_fail_with_500(client, world, ids, awards_api):
    """Random multipart bodies: components, nominee ids, file contents and names."""
    aw = awards_api
    tokens = _award_tokens(world)
    url = _award_url(AWARD_UPLOAD, aw)
    contents = st.one_of(
        st.binary(max_size=64),
        st.sampled_from([b"%PDF-1.4\n%%EOF", b"PK\x03\x04garbage", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html>"]),
    )
    names = st.one_of(
        st.sampled_from(["a.pdf", "a.docx", "a.xlsx", "a.doc", "a.odt", "a", ".pdf", "../../a.pdf", "a\uffff.pdf"]),
        st.text(max_size=20),
    )
    components = st.one_of(AWARD_VALUES, odd_text, xml_hostile_text, st.text(max_size=45))

    @FUZZ
    @given(component=components, nominee=st.one_of(st.none(), st.sampled_from([aw["draft_nominee"],
                                                                                aw["received_nominee"]]), huge_ints,
                                                    odd_text),
           content=contents, name=names, role=_award_roles("unit_officer"))
    def run(component, nominee, content, name, role):
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = {"component": component, "file": SimpleUploadedFile(_sendable(name), content)}
        if nominee is not None:
            data["nominee_id"] = str(nominee)
        with transaction.atomic():
            response = client.post(url, data, headers={"Authorization": f"Bearer {tokens[role]}"})
            transaction.set_rollback(True)
        check(response)

    run()


AWARD_TALLY = "/awards/dossiers/{voting}/ballot-tally"


def test_award_ballot_tally_never_fails_with_500(client, world, ids, awards_api):
    """Random multipart tallies: the JSON sheet (members, nominees, votes, odd shapes), the meeting
    date and the biên bản file."""
    aw = awards_api
    tokens = _award_tokens(world)
    url = _award_url(AWARD_TALLY, aw)
    known = st.one_of(st.sampled_from([aw["member"], aw["voting_nominee"], aw["notice_nominee"]]), huge_ints,
                      odd_text)
    votes = st.lists(st.fixed_dictionaries({"member_id": known, "nominee_id": known,
                                            "vote": st.one_of(st.sampled_from(["yes", "no", "abstain"]), odd_text)}),
                     max_size=3)
    sheets = st.one_of(
        st.builds(lambda p, w, v: json.dumps({"present": p, "written": w, "votes": v}),
                  st.lists(known, max_size=3), st.lists(known, max_size=2), votes),
        st.text(max_size=30),
        st.sampled_from(["{}", "[]", "null", '{"present": "x"}', '{"votes": [1]}']),
    )
    dates = st.one_of(st.sampled_from(["2025-09-15", "2999-01-01", "15/09/2025", ""]), odd_text)
    # None: no biên bản sent at all (required; the service's message, never a 500).
    contents = st.one_of(st.binary(max_size=32), st.sampled_from([b"%PDF-1.4\n%%EOF", b"<html>", None]))

    @FUZZ
    @given(sheet=sheets, held_on=dates, content=contents, role=_award_roles("standing_office"))
    def run(sheet, held_on, content, role):
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = {"tally": sheet, "held_on": held_on}
        if content is not None:
            data["minutes"] = SimpleUploadedFile("bien-ban.pdf", content)
        with transaction.atomic():
            response = client.post(url, data, headers={"Authorization": f"Bearer {tokens[role]}"})
            transaction.set_rollback(True)
        check(response)

    run()


def test_every_awards_operation_is_fuzzed(client, db):
    """The lists above cover every operation the OpenAPI document lists under /awards: a new endpoint
    fails here until it is added."""
    spec = client.get("/api/v1/openapi.json").json()
    listed = {
        (method, path.removeprefix("/api/v1"))
        for path, methods in spec["paths"].items()
        if path.startswith("/api/v1/awards")
        for method in methods
    }

    def shape(template):
        return re.sub(r"{\w+}", "{}", template)

    covered = {(m, shape(t)) for m, t, *_ in AWARD_WRITES}
    covered |= {("get", shape(p)) for p in AWARD_LISTS}
    covered |= {(m, shape(t)) for m, t in AWARD_DETAIL_PATHS}
    covered.add(("post", shape(AWARD_UPLOAD)))
    covered.add(("post", shape(AWARD_TALLY)))
    covered.add(("post", "/awards/dossiers/{}/actions/{}"))
    missing = {(m, p) for m, p in listed if (m, shape(p)) not in covered}
    assert not missing, missing


def _as(world, user):
    return {"Authorization": f"Bearer {api_token_issue(user=world.users[user])}"}


@pytest.mark.parametrize("field", AWARD_FIELDS["decision"][2:])
@pytest.mark.parametrize("bad", ["Quyết định\uffff", "\ufffeQĐ"])
def test_decision_text_that_xml_cannot_hold_is_refused(client, world, awards_api, field, bad):
    """U+FFFE and U+FFFF cannot be written in a DOCX: refused by the schema (422 naming the field),
    not a 500 from python-docx, and the dossier still awaits its decision."""
    from tdkt.awards.models import Dossier

    body = {**award_valid_bodies(awards_api)["decision"], field: bad}
    url = _award_url("/awards/dossiers/{awaiting}/decisions", awards_api)
    headers = _as(world, "approver")
    response = client.post(url, json.dumps(body), content_type="application/json", headers=headers)
    assert response.status_code == 422, response.content.decode()
    assert field in response.json()["detail"]
    assert VIETNAMESE.search(response.json()["detail"])
    assert Dossier.objects.get(pk=awards_api["awaiting"]).state == "awaiting_decision"


AWARD_EXACT = [
    # (method, path, body, user, status)
    ("get", "/awards/dossiers/0", None, "admin", 422),
    ("get", "/awards/dossiers/{too_big}", None, "admin", 422),
    ("get", "/awards/dossiers/{missing}", None, "admin", 404),
    ("get", "/awards/dossiers/abc", None, "admin", 422),
    ("get", "/awards/decisions/{decision}/files/exe", None, "admin", 422),
    ("get", "/awards/decisions/{missing}/files/docx", None, "admin", 404),
    ("get", "/awards/dossiers?state=nothing", None, "admin", 422),
    ("get", "/awards/dossiers?limit=-1", None, "admin", 422),
    ("get", "/awards/rounds?year=0", None, "admin", 422),
    ("post", "/awards/dossiers/{draft}/actions/explode", {}, "unit_officer", 422),
    ("post", "/awards/dossiers/{draft}/actions/decide", {}, "unit_officer", 400),
    ("post", "/awards/dossiers/{draft}/actions/submit", {"comment": 5}, "unit_officer", 422),
    ("post", "/awards/dossiers/{draft}/actions/submit", {"extra": 1}, "unit_officer", 422),
    ("post", "/awards/dossiers/{draft}/actions/submit", {"comment": "x" * 2001}, "unit_officer", 422),
    ("post", "/awards/dossiers/{draft}/actions/receive", {}, "standing_office", 404),  # drafts are the unit's
    ("post", "/awards/dossiers/{submitted}/actions/receive", {}, "unit_officer", 403),
    ("post", "/awards/dossiers/{received}/actions/return", {}, "standing_office", 400),  # a reason is needed
    ("post", "/awards/dossiers/{draft}/nominees", {"award_code": "GK_STC"}, "unit_officer", 400),
    ("post", "/awards/dossiers/{draft}/nominees", {"person_id": "{q_person}", "award_code": "GK_STC"},
     "unit_officer", 404),
    ("post", "/awards/dossiers/{draft}/nominees", {"person_id": "{person_ns}", "award_code": "KHONG_CO"},
     "unit_officer", 400),
    ("post", "/awards/nominees/{received_nominee}/appraisal", {"result": "pending"}, "standing_office", 422),
    ("post", "/awards/nominees/{received_nominee}/appraisal", {"result": "rejected"}, "standing_office", 400),
    ("post", "/awards/nominees/{received_nominee}/appraisal", {"result": "accepted"}, "unit_officer", 403),
    ("post", "/awards/nominees/{voting_nominee}/votes", {"member_id": "{missing}", "vote": "yes"}, "standing_office",
     404),
    ("post", "/awards/nominees/{voting_nominee}/votes", {"member_id": "{member}", "vote": "maybe"},
     "standing_office", 422),
    ("post", "/awards/dossiers/{notice}/objections", {"text": "  "}, "standing_office", 422),
    ("post", "/awards/dossiers/{notice}/objections", {"text": "Ý kiến", "nominee_id": "{draft_nominee}"},
     "standing_office", 404),
    ("post", "/awards/dossiers/{notice}/objections/{missing}/resolve", {"resolution": "Đã xử lý"},
     "standing_office", 404),
    ("post", "/awards/dossiers/{forwardable}/forward", {"round_id": "{missing}"}, "standing_office", 404),
    ("post", "/awards/dossiers/{forwardable}/forward", {"round_id": "{fin_round}"}, "standing_office", 400),
    ("post", "/awards/dossiers/{awaiting}/decisions", {"date": "2025-02-30"}, "approver", 422),
    ("post", "/awards/dossiers/{awaiting}/decisions", {"date": "2018-06-30"}, "approver", 400),
    ("post", "/awards/dossiers/{awaiting}/decisions", {"issuer_id": "{q_org}"}, "approver", 404),
    ("post", "/awards/dossiers/{awaiting}/decisions", {}, "unit_officer", 403),
    ("post", "/awards/dossiers/{submitted}/decisions", {}, "approver", 400),  # not yet awaiting a decision
    ("post", "/awards/decisions/{decision}/revoke", {"reason": ""}, "approver", 422),
    ("post", "/awards/decisions/{decision}/revoke", {"reason": "Sai"}, "viewer", 404),
    ("delete", "/awards/nominees/{received_nominee}", None, "unit_officer", 400),  # sent: no longer editable
    ("delete", "/awards/attachments/{missing}", None, "unit_officer", 404),
]


@pytest.mark.parametrize(("method", "path", "body", "user", "status"), AWARD_EXACT,
                         ids=[f"{m} {p} {u} {s}" for m, p, _, u, s in AWARD_EXACT])
def test_award_answers_are_the_right_status(client, world, awards_api, method, path, body, user, status):
    """Garbage and refusals answer the status the API's contract names (config/api.py), in Vietnamese;
    a decision body is the valid one with the fields given changed."""
    aw = {**awards_api, "q_org": world.orgs["Q"].pk, "missing": 2**62, "too_big": 2**63}
    url = "/api/v1" + re.sub(r"{(\w+)}", lambda m: str(aw[m.group(1)]), path)
    if body is not None:
        body = {k: (aw[v[1:-1]] if isinstance(v, str) and v.startswith("{") else v) for k, v in body.items()}
        if "/decisions" in path and path.startswith("/awards/dossiers"):
            body = {**award_valid_bodies(aw)["decision"], **body}
    response = _request(client, method, url, json.dumps(body) if body is not None else "", _as(world, user))
    assert response.status_code == status, response.content.decode()
    assert VIETNAMESE.search(response.json()["detail"]), response.json()


def test_a_name_the_docx_cannot_hold_does_not_break_the_decision(client, world, awards_api):
    """U+FFFF cannot be written into XML. The API refuses it in a name (422), and a name that got in
    another way (an old import, the database) is cleaned when the decision's DOCX is built: no 500."""
    from tdkt.organizations.models import Person

    response = client.patch(f"/api/v1/people/{world.people['fin'].pk}", json.dumps({"full_name": "Nguyễn\uffff Đức"}),
                            content_type="application/json", headers=_as(world, "admin"))
    assert response.status_code == 422
    Person.objects.filter(pk=world.people["fin"].pk).update(full_name="Nguyễn\uffff Đức")
    url = _award_url("/awards/dossiers/{awaiting}/decisions", awards_api)
    response = client.post(url, json.dumps(award_valid_bodies(awards_api)["decision"]),
                           content_type="application/json", headers=_as(world, "approver"))
    assert response.status_code == 201, response.content.decode()[:500]
    check(response)
