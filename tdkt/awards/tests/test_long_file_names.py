"""A file name of about 1,000 bytes (issue 12, 1e): never a 500 and never Django's English page.

Django's multipart parser refuses a part whose headers pass 1,024 bytes (MultiPartParserError):
that request gets the site's Vietnamese 400 page. Below the limit the file is attached, its
name kept shortened to what the database holds."""

import pytest
from django.test import Client
from django.urls import reverse

from tdkt.awards.models import Attachment
from tdkt.awards.services.dossiers import dossier_create, nominee_add

from .conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(awards):
    officer = awards.world.users["unit_officer"]
    dossier = dossier_create(actor=officer, round=awards.round, organization=awards.world.orgs["FIN"],
                             title="Tờ trình đề nghị khen thưởng năm 2025")
    nominee_add(actor=officer, dossier=dossier, award=awards.forms["GK_STC"], person=awards.world.people["fin"])
    return dossier


def _post(client, dossier, name: str, csrf_token: str = ""):
    """The multipart body written out: the test client's SimpleUploadedFile cuts names to 255 characters."""
    boundary = "----tdkt-probe"
    fields = {"component": "to_trinh", "csrfmiddlewaretoken": csrf_token}
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ) + (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
         "Content-Type: application/pdf\r\n\r\n").encode() + PDF + f"\r\n--{boundary}--\r\n".encode()
    return client.generic("POST", reverse("awards:attachment_add", args=[dossier.pk]), body,
                          content_type=f"multipart/form-data; boundary={boundary}")


@pytest.mark.parametrize("repeat", [20, 60, 75])
def test_a_long_name_below_the_parser_limit_is_attached(client, awards, dossier, repeat):
    client.force_login(awards.world.users["unit_officer"])
    name = "Tờ trình " * repeat + ".pdf"  # 12 bytes a time: 244 to 904 bytes
    response = _post(client, dossier, name)
    assert response.status_code == 302
    attachment = Attachment.objects.get(dossier=dossier)
    assert len(attachment.original_name) <= 255
    assert attachment.original_name.endswith(".pdf")
    download = client.get(reverse("awards:attachment", args=[attachment.pk]))
    assert download.status_code == 200  # and the long name goes into a header again


@pytest.mark.parametrize("csrf", [False, True])
def test_a_name_past_the_parser_limit_gets_the_vietnamese_400_page(awards, dossier, csrf):
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(awards.world.users["unit_officer"])
    token = ""
    if csrf:  # as a browser would: the cookie and the form's token from the dossier page
        page = client.get(reverse("awards:dossier", args=[dossier.pk]))
        token = page.context["csrf_token"]
    response = _post(client, dossier, "Tờ trình " * 90 + ".pdf", token)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Bad Request" not in text
    assert 'lang="vi"' in text
    assert "Yêu cầu không hợp lệ" in text
    assert not Attachment.objects.filter(dossier=dossier).exists()
    assert client.get(reverse("awards:dossier", args=[dossier.pk])).status_code == 200  # still answering
