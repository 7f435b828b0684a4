"""Requests Django itself refuses before a view runs (issue 12, 1e): each gets the site's Vietnamese
400 page (never Django's English "Bad Request (400)" or a 500), and the server keeps answering."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _vietnamese_400(response):
    text = response.content.decode()
    assert response.status_code == 400, text[:500]
    assert "Yêu cầu không hợp lệ" in text
    assert "Bad Request" not in text


@pytest.mark.parametrize(("content_type", "body"), [
    ("multipart/form-data", b"--x\r\n"),  # no boundary
    ("multipart/form-data; boundary=", b"--\r\n"),  # an empty boundary
    ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="file"; filename="'
     + "đ".encode() * 600 + b'.pdf"\r\n\r\n%PDF\r\n--x--\r\n'),  # headers past 1,024 bytes
    ("application/x-www-form-urlencoded; charset=latin-1", b"q=%E9"),  # not UTF-8
    ("application/x-www-form-urlencoded", "&".join(f"f{i}=1" for i in range(1500)).encode()),  # too many fields
])
def test_bodies_django_refuses_get_the_vietnamese_400_page(client, world, content_type, body):
    client.force_login(world.users["standing_office"])
    response = client.generic("POST", reverse("organizations:imports"), body, content_type=content_type)
    _vietnamese_400(response)
    assert client.get(reverse("organizations:imports")).status_code == 200


def test_an_unknown_host_gets_the_vietnamese_400_page(client):
    _vietnamese_400(client.get("/accounts/login/", headers={"host": "evil.example"}))
