"""The site's own error pages (tdkt/core/errors.py): Vietnamese, inside the layout, with a way back,
and never Django's technical pages with DEBUG off."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client

from tdkt.core import errors

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def test_unknown_address_is_a_vietnamese_404_in_the_layout(client):
    response = client.get("/khong-co-trang-nay/")
    page = response.content.decode()
    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "errors/page.html"]
    assert "Không tìm thấy trang" in page
    assert "<code>/khong-co-trang-nay/</code>" in page
    assert 'id="site-footer"' in page  # base.html's layout
    assert 'id="error-home"' in page
    assert "URLconf" not in page


def test_404_for_a_signed_in_user_keeps_the_menu(client, django_user_model):
    user = django_user_model.objects.create_user(username="nguoi-dung", password="mat-khau-dai-123")
    client.force_login(user)
    page = client.get("/khong-co/").content.decode()
    assert 'id="nav-user"' in page


def test_way_back_only_to_this_site(rf):
    request = rf.get("/x/", HTTP_REFERER="http://testserver/movements/")
    assert 'href="http://testserver/movements/"' in errors.page_not_found(request, None).content.decode()
    request = rf.get("/x/", HTTP_REFERER="https://evil.example/phish")
    assert "evil.example" not in errors.page_not_found(request, None).content.decode()


def test_403_says_why_in_the_services_words(rf):
    request = rf.get("/x/")
    response = errors.permission_denied(request, PermissionDenied("Bạn không có quyền quản lý phong trào thi đua này."))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện việc này" in page
    assert "Bạn không có quyền quản lý phong trào thi đua này." in page
    plain = errors.permission_denied(request, PermissionDenied()).content.decode()
    assert "Bạn không có quyền thực hiện việc này" in plain
    assert 'id="error-reason"' not in plain


def test_400_page(rf):
    response = errors.bad_request(rf.get("/x/"), None)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_bad_host_is_a_vietnamese_400(client):
    response = client.get("/accounts/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_refused_form_is_a_vietnamese_csrf_page():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in page
    assert "CSRF verification failed" not in page
    assert 'id="error-home"' in page


def test_500_page_renders_without_any_context(rf):
    page = render_to_string("500.html")
    assert "Hệ thống gặp lỗi" in page
    assert 'id="site-footer"' in page
    response = errors.server_error(rf.get("/x/"))
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()


def test_500_answers_even_when_its_template_fails(rf, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("Missing staticfiles manifest entry for 'css/tdkt.css'")

    monkeypatch.setattr(errors.loader, "render_to_string", broken)
    response = errors.server_error(rf.get("/x/"))
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()


def test_an_uncaught_error_in_a_view_is_the_500_page(client, monkeypatch):
    def boom(request):
        raise RuntimeError("boom")

    monkeypatch.setattr("tdkt.accounts.views.LoginView.get", lambda self, request, *a, **k: boom(request))
    client.raise_request_exception = False
    response = client.get("/accounts/login/")
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()
    assert "boom" not in response.content.decode()
