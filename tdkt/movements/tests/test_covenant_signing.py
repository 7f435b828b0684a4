"""The covenant signed for real (issue 15.3): an uploaded PDF signed by the organisation's own
certificate, or the signing service with the organisation's configured signer; refused when the file
has no signature, was altered, comes from an untrusted root, or is signed by another organisation;
the historical typed-name rows stay, marked as not digitally signed."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Api
from tdkt.movements.models import CovenantSignature
from tdkt.movements.services.covenant import belongs_to, covenant_sign_service, covenant_sign_upload
from tdkt.movements.services.participation import covenant_record
from tdkt.signing import services as signing
from tdkt.signing.domain.reports import SignatureReport, SignatureStatus
from tdkt.signing.pki import make_ca
from tdkt.signing.testing import page_pdf, pki  # noqa: F401

from .test_participation_views import make_plan, url

pytestmark = pytest.mark.django_db
FIN = "Sở Tài chính"


@pytest.fixture
def plan(world):
    return make_plan(world)


def _signed(pki, organization=FIN, *, root=None, unit=""):  # noqa: F811
    configured = pki.signer(organization, common_name="Nguyễn Văn Đức", root=root, unit=unit)
    return signing.sign_pdf(actor=None, pdf=page_pdf(name="Nguyễn Văn Đức"), organization=None,
                            signer_name="Nguyễn Văn Đức", signer_title="Giám đốc Sở", configured=configured)


def _upload(world, plan, data, name="giao-uoc.pdf"):
    return covenant_sign_upload(actor=world.users["unit_officer"], movement=plan.movement,
                                organization=world.orgs["FIN"],
                                upload=SimpleUploadedFile(name, data, content_type="application/pdf"))


def test_an_uploaded_covenant_signed_by_the_organisation_is_accepted(world, plan, pki, client):  # noqa: F811
    signature = _upload(world, plan, _signed(pki))
    assert signature.method == "upload"
    assert signature.digitally_signed
    assert signature.signer_name == "Nguyễn Văn Đức"
    assert signature.certificate == FIN
    assert signature.signature_verdict.all_valid
    client.force_login(world.users["block_head"])
    page = client.get(url("covenant", plan)).content.decode()
    assert "Chữ ký hợp lệ" in page
    download = client.get(url("covenant_file", plan, signature.pk))
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    assert signing.verify_pdf(data).all_valid


@pytest.mark.parametrize("case", ["unsigned", "altered", "untrusted", "other_organisation"])
def test_uploads_that_are_not_the_organisations_valid_signature_are_refused(world, plan, pki, case):  # noqa: F811
    data = {
        "unsigned": lambda: page_pdf(),
        "untrusted": lambda: _signed(pki, root=make_ca("Lạ CA")),
        "other_organisation": lambda: _signed(pki, "Sở Nội vụ"),
        "altered": lambda: _altered(_signed(pki)),
    }[case]()
    with pytest.raises(ValidationError) as refused:
        _upload(world, plan, data)
    message = " ".join(refused.value.messages)
    assert {
        "unsigned": "Tệp không có chữ ký số",
        "altered": "Tệp đã bị sửa sau khi ký",
        "untrusted": "Chứng thư không thuộc nguồn tin cậy",
        "other_organisation": "không phải của Sở Tài chính",
    }[case] in message
    assert not CovenantSignature.objects.exists()


def _altered(data: bytes) -> bytes:
    out = bytearray(data)
    at = out.index(b"/MediaBox") + 12
    out[at] = ord("7") if out[at] != ord("7") else ord("8")
    return bytes(out)


def test_the_organisation_is_read_from_o_or_ou_or_the_configured_names(world, settings):
    fin = world.orgs["FIN"]
    report = SignatureReport(status=SignatureStatus.VALID, organization="UBND tỉnh, SỞ TÀI CHÍNH")
    assert belongs_to(report, fin)  # the OU, without accents or case
    other = SignatureReport(status=SignatureStatus.VALID, organization="STC QT")
    assert not belongs_to(other, fin)
    settings.TDKT_CERTIFICATE_ORGANIZATIONS = {"FIN": ["STC QT"]}
    assert belongs_to(other, fin)
    assert not belongs_to(SignatureReport(status=SignatureStatus.VALID, organization=""), fin)


def test_the_signing_service_signs_with_the_organisations_signer(world, plan, pki, settings, monkeypatch):  # noqa: F811
    with pytest.raises(ValidationError, match="chưa được cấu hình chữ ký số"):
        covenant_sign_service(actor=world.users["unit_leader"], movement=plan.movement, organization=world.orgs["FIN"],
                              signer_name="Nguyễn Văn Đức", signer_title="Giám đốc Sở")
    pki.configure(settings, monkeypatch, "FIN", FIN)
    signature = covenant_sign_service(actor=world.users["unit_leader"], movement=plan.movement,
                                      organization=world.orgs["FIN"], signer_name="Nguyễn  Văn Đức",
                                      signer_title="Giám đốc Sở")
    assert signature.method == "service"
    assert signature.signer_name == "Nguyễn Văn Đức"
    assert signature.certificate == FIN
    assert signing.verify_pdf(signature.file.read()).all_valid
    with pytest.raises(ValidationError, match="đã ký giao ước"):
        covenant_sign_service(actor=world.users["unit_leader"], movement=plan.movement,
                              organization=world.orgs["FIN"], signer_name="X", signer_title="Y")


def test_the_page_offers_the_service_only_where_a_signer_is_configured(world, plan, pki, settings, monkeypatch,  # noqa: F811
                                                                        client):
    client.force_login(world.users["unit_leader"])
    page = client.get(url("sign", plan)).content.decode()
    assert 'id="sign-upload"' in page
    assert 'id="sign-service"' not in page
    assert 'name="signer_name"' not in page  # no typed name alone
    pki.configure(settings, monkeypatch, "FIN", FIN)
    page = client.get(url("sign", plan)).content.decode()
    assert 'id="sign-service"' in page
    response = client.post(url("sign", plan), {"how": "service", "organization": world.orgs["FIN"].pk,
                                               "signer_name": "Nguyễn Văn Đức", "signer_title": "Giám đốc Sở"})
    assert response.status_code == 302
    assert CovenantSignature.objects.get().method == "service"


def test_a_refused_upload_says_why_on_the_page(world, plan, pki, client):  # noqa: F811
    client.force_login(world.users["unit_leader"])
    response = client.post(url("sign", plan), {"how": "upload", "organization": world.orgs["FIN"].pk,
                                               "file": SimpleUploadedFile("g.pdf", page_pdf())})
    assert response.status_code == 200
    assert "Tệp không có chữ ký số" in response.content.decode()


def test_the_api_signs_by_upload_and_by_the_service(world, plan, pki, settings, monkeypatch, client):  # noqa: F811
    api = Api(client, world.users["unit_leader"])
    path = f"/api/v1/movements/{plan.movement.pk}/covenant/signatures"
    refused = client.post(path, {"organization_id": world.orgs["FIN"].pk,
                                 "file": SimpleUploadedFile("g.pdf", page_pdf())}, headers=api.headers)
    assert refused.status_code == 400
    assert "không có chữ ký số" in refused.content.decode()
    created = client.post(path, {"organization_id": world.orgs["FIN"].pk,
                                 "file": SimpleUploadedFile("g.pdf", _signed(pki))}, headers=api.headers)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["method"] == "upload"
    assert body["digitally_signed"] is True
    assert body["signatures"]["summary"] == "Chữ ký hợp lệ"
    # The service, for IND with a signer configured (its officer acts for it).
    pki.configure(settings, monkeypatch, "IND", "Sở Công Thương")
    ind = Api(client, plan.ind_officer)
    answer = client.post(path + "/service", json.dumps({
        "organization_id": plan.ind_officer.organization_id, "signer_name": "Lê Văn B", "signer_title": "Giám đốc"}),
        content_type="application/json", headers=ind.headers)
    assert answer.status_code == 201, answer.content
    assert answer.json()["method"] == "service"
    listed = client.get(f"/api/v1/movements/{plan.movement.pk}/covenant", headers=api.headers).json()
    assert {s["method"] for s in listed["signatures"]} == {"upload", "service"}


def test_historical_typed_rows_stay_marked_not_digitally_signed(world, plan, client):
    signature = covenant_record(actor=world.users["unit_leader"], movement=plan.movement,
                                organization=world.orgs["FIN"], signer_name="Nguyễn Văn Đức",
                                signer_title="Giám đốc Sở")
    assert signature.method == "paper"
    assert not signature.digitally_signed
    client.force_login(world.users["block_head"])
    page = client.get(url("covenant", plan)).content.decode()
    assert 'data-method="paper"' in page
    body = client.get(f"/api/v1/movements/{plan.movement.pk}/covenant",
                      headers=Api(client, world.users["block_head"]).headers).json()
    assert body["signatures"][0]["digitally_signed"] is False
    assert body["signatures"][0]["signatures"] is None
