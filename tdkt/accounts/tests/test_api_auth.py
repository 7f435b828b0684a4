"""POST /api/v1/auth/token and the two ways in: Bearer token, or the page session with CSRF."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from tdkt.accounts.models import ApiToken, LoginFailure
from tdkt.accounts.services import api_token_issue
from tdkt.audit.models import AuditEvent, AuditEventType

TOKEN_URL = "/api/v1/auth/token"
PEOPLE_URL = "/api/v1/people"
# A letter only Vietnamese uses: an English message ("Unauthorized", "Not Found") has none.
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


def assert_vietnamese_error(response, status):
    assert response.status_code == status, response.content
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert VIETNAMESE.search(detail), detail
    return detail


def post_json(client, url, data, **kwargs):
    body = data if isinstance(data, str) else json.dumps(data)
    return client.post(url, body, content_type="application/json", **kwargs)


def new_person(world) -> dict:
    return {"organization_id": world.orgs["FIN"].pk, "full_name": "Đỗ Văn Mới", "sex": "nam", "category": "vien_chuc"}


@pytest.fixture
def officer(world):
    return world.users["unit_officer"]


def test_good_credentials_give_a_token_that_works_as_bearer(client, world, officer):
    response = post_json(client, TOKEN_URL, {"username": "canbo", "password": "pw-canbo"})
    assert response.status_code == 200
    token = response.json()["token"]
    assert len(token) >= 40
    listed = client.get(PEOPLE_URL, headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200
    assert {p["id"] for p in listed.json()["items"]} == {world.people["fin"].pk, world.people["fin-ns"].pk}
    assert AuditEvent.objects.filter(event_type=AuditEventType.API_TOKEN_ISSUED, actor=officer).count() == 1
    # Only the hash is stored.
    assert not ApiToken.objects.filter(token_hash=token).exists()


def test_token_writes_as_its_user(client, world, officer):
    token = post_json(client, TOKEN_URL, {"username": "canbo", "password": "pw-canbo"}).json()["token"]
    response = post_json(client, PEOPLE_URL, new_person(world), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201
    event = AuditEvent.objects.get(event_type=AuditEventType.PERSON_CREATED)
    assert event.actor == officer


def test_wrong_password_is_401_in_vietnamese(client, world):
    response = post_json(client, TOKEN_URL, {"username": "canbo", "password": "sai-mat-khau"})
    detail = assert_vietnamese_error(response, 401)
    assert "token" not in response.json()
    # An unknown name gets the very same answer: the API does not tell which names exist.
    unknown = post_json(client, TOKEN_URL, {"username": "khong-co-ai", "password": "sai-mat-khau"})
    assert assert_vietnamese_error(unknown, 401) == detail
    assert AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN_FAILED).count() == 2


def test_failures_past_the_free_ones_are_429_at_that_address(client, world, settings):
    settings.LOGIN_DELAY_BASE_SECONDS = 60
    for _ in range(settings.LOGIN_FREE_FAILURES + 1):
        response = post_json(client, TOKEN_URL, {"username": "canbo", "password": "sai"})
        assert response.status_code == 401
    response = post_json(client, TOKEN_URL, {"username": "canbo", "password": "sai"})
    detail = assert_vietnamese_error(response, 429)
    assert "thử lại sau 1 phút" in detail
    # Waiting: even the right password waits at this address...
    right = post_json(client, TOKEN_URL, {"username": "canbo", "password": "pw-canbo"})
    assert_vietnamese_error(right, 429)
    # ...but not from another address, and another name is not held back.
    elsewhere = post_json(client, TOKEN_URL, {"username": "canbo", "password": "pw-canbo"}, REMOTE_ADDR="10.1.1.1")
    assert elsewhere.status_code == 200
    other = post_json(client, TOKEN_URL, {"username": "lanhdao", "password": "pw-lanhdao"})
    assert other.status_code == 200


def test_username_case_does_not_dodge_the_throttle(client, world, settings):
    settings.LOGIN_DELAY_BASE_SECONDS = 60
    for name in ["canbo", "CANBO", "CanBo", "canBO"]:
        post_json(client, TOKEN_URL, {"username": name, "password": "sai"})
    assert post_json(client, TOKEN_URL, {"username": "cAnbo", "password": "sai"}).status_code == 429


def test_failures_older_than_the_memory_do_not_count(client, world, settings):
    settings.LOGIN_DELAY_BASE_SECONDS = 60
    for _ in range(5):
        post_json(client, TOKEN_URL, {"username": "canbo", "password": "sai"})
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS + 60)
    LoginFailure.objects.update(created_at=long_ago)
    assert post_json(client, TOKEN_URL, {"username": "canbo", "password": "pw-canbo"}).status_code == 200


def test_success_clears_earlier_failures(client, world):
    for _ in range(3):
        post_json(client, TOKEN_URL, {"username": "canbo", "password": "sai"})
    assert post_json(client, TOKEN_URL, {"username": "canbo", "password": "pw-canbo"}).status_code == 200
    for _ in range(4):
        assert post_json(client, TOKEN_URL, {"username": "canbo", "password": "sai"}).status_code == 401


def test_deactivated_user_gets_no_token(client, world, officer):
    officer.is_active = False
    officer.save()
    assert_vietnamese_error(post_json(client, TOKEN_URL, {"username": "canbo", "password": "pw-canbo"}), 401)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("{", 400),
        ("", 422),
        ("[]", 422),
        ({"username": "canbo"}, 422),
        ({"username": "", "password": "x"}, 422),
        ({"username": "can\x00bo", "password": "x"}, 422),
        ({"username": 12, "password": "x"}, 422),
        ({"username": "a" * 151, "password": "x"}, 422),
    ],
)
def test_malformed_token_requests_are_4xx_in_vietnamese(client, world, body, status):
    assert_vietnamese_error(post_json(client, TOKEN_URL, body), status)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer ",
        "Bearer khong-phai-token",
        "Bearer " + "x" * 5000,
        "Token abc",
        "Basic Y2FuYm86cHctY2FuYm8=",
    ],
)
def test_missing_or_garbage_token_is_401(client, world, header):
    headers = {"Authorization": header} if header is not None else {}
    response = client.get(PEOPLE_URL, headers=headers)
    assert_vietnamese_error(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"


def test_garbage_token_on_a_write_is_401_not_a_csrf_403(client, world):
    response = post_json(client, PEOPLE_URL, new_person(world), headers={"Authorization": "Bearer sai"})
    assert_vietnamese_error(response, 401)


def test_expired_token_is_401(client, world, officer):
    token = api_token_issue(user=officer)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(PEOPLE_URL, headers=headers).status_code == 200
    ApiToken.objects.filter(user=officer).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert_vietnamese_error(client.get(PEOPLE_URL, headers=headers), 401)


def test_token_of_a_deactivated_user_is_401(client, world, officer):
    token = api_token_issue(user=officer)
    officer.is_active = False
    officer.save()
    assert_vietnamese_error(client.get(PEOPLE_URL, headers={"Authorization": f"Bearer {token}"}), 401)


def test_token_of_a_user_without_roles_sees_nothing(client, world):
    token = api_token_issue(user=world.users["nobody"])
    response = client.get(PEOPLE_URL, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json() == {"count": 0, "limit": 50, "offset": 0, "items": []}


def test_session_reads_work_without_csrf(world, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.get(PEOPLE_URL).status_code == 200


def test_session_write_without_csrf_is_403(world, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = post_json(client, PEOPLE_URL, new_person(world))
    detail = assert_vietnamese_error(response, 403)
    assert "CSRF" in detail
    assert not AuditEvent.objects.filter(event_type=AuditEventType.PERSON_CREATED).exists()


def test_session_write_with_csrf_passes(world, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    secret = "a" * 32
    client.cookies["csrftoken"] = secret
    response = post_json(client, PEOPLE_URL, new_person(world), headers={"X-CSRFToken": secret})
    assert response.status_code == 201


def test_bearer_write_needs_no_csrf(world, officer):
    client = Client(enforce_csrf_checks=True)
    response = post_json(
        client, PEOPLE_URL, new_person(world), headers={"Authorization": f"Bearer {api_token_issue(user=officer)}"}
    )
    assert response.status_code == 201


def test_api_does_not_redirect_to_the_login_page(client, db):
    response = client.get(PEOPLE_URL)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
