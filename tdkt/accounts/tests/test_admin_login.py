"""Django's admin signs nobody in: its own password form would skip the throttling, the audit and the
second factor of the site's login page."""

import pytest


@pytest.mark.django_db
def test_the_admin_login_form_sends_to_the_sites_login_page(client, django_user_model):
    django_user_model.objects.create_user("root1", password="pw-123456789", is_staff=True, is_superuser=True)
    response = client.post("/admin/login/?next=/admin/", {"username": "root1", "password": "pw-123456789"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still signed out


@pytest.mark.django_db
def test_the_admin_login_redirect_keeps_no_foreign_next(client):
    response = client.get("/admin/login/", {"next": "https://evil.example/"})
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
