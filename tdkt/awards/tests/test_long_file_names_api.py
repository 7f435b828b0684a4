"""The API given a part whose headers pass the multipart parser's limit (issue 12, 1e): a 400, never a 500."""

import pytest

from conftest import Api

pytestmark = pytest.mark.django_db


def test_api_multipart_past_the_header_limit_is_a_400(client, awards):
    api = Api(client, awards.world.users["standing_office"])
    boundary = "----tdkt-probe"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{"a" * 1100}.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n" f"--{boundary}--\r\n").encode()
    response = client.generic("POST", "/api/v1/awards/dossiers/1/ballot-tally", body,
                              content_type=f"multipart/form-data; boundary={boundary}", headers=api.headers)
    assert response.status_code == 400
    assert response.json() == {"detail": "Nội dung gửi lên không đọc được (tên tệp quá dài hoặc dữ liệu hỏng)."}
