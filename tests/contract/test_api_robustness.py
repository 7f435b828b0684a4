"""Whatever a client sends, the API answers below 500, and every 4xx is JSON with a Vietnamese
`detail`. Hypothesis throws random JSON, random field values, random bodies and random query
strings at every write and list endpoint, as users with different scopes.

Each example runs in a transaction that is rolled back, so examples do not see each other's
writes and the fixture's data stays as conftest.py builds it.
"""

import json
import re
from urllib.parse import quote, urlencode

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tdkt.accounts.services import api_token_issue
from tdkt.organizations import selectors

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
    ("post", "/movements/{movement}/covenant/signatures", "signature"),
    ("post", "/submissions/{submission}/review", "review"),
]


@pytest.fixture
def movements_world(world):
    """The block's 2022 plan (seed 000's shape), issued by HOME for HOME and FIN: a phase, a
    milestone, a task, a late registration waiting for the head and a report waiting for review."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tdkt.movements.demo import report_pdf
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
    plans.movement_set_status(actor=admin, movement=movement, status="issued")
    registration = participation.registration_submit(
        actor=admin, movement=movement, organization=home, items=[("CO_TINH", "")]
    )
    submission = participation.report_submit(
        actor=admin,
        milestone=milestone,
        organization=home,
        upload=SimpleUploadedFile("bao-cao.pdf", report_pdf("Bao cao")),
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


def test_valid_movement_writes_succeed_for_the_admin(client, world, movements_world):
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

        data = {"organization_id": str(org), "file": SimpleUploadedFile(name or "x", content)}
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
