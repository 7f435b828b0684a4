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
