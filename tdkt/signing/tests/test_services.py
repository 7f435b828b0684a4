"""Signing a PDF for an organisation and checking signatures (issue 15): a test CA made with
``cryptography``, validation by pyHanko against its root, one altered byte, an untrusted root, no
signature, the size bound, the configuration (PKCS#12 + password from the environment), the remote
signer over HTTP against a small server the test starts, and the demo's certificates refused
outside the demo."""

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.signing import services
from tdkt.signing.demo import ensure_demo_pki
from tdkt.signing.pki import make_ca, make_signer
from tdkt.signing.signers import HttpRemoteSigner, SigningError, remote_signer, signer_for, signer_for_code
from tdkt.signing.testing import page_pdf, pki  # noqa: F401

pytestmark = pytest.mark.django_db
ORG = "Sở Nội vụ tỉnh Quảng Trị"


class Org:
    pk = None
    name = ORG
    code = "QT-SNV"


def _sign(pki, pdf=None, **kw):  # noqa: F811
    return services.sign_pdf(actor=None, pdf=pdf or page_pdf(), organization=Org(), signer_name="Ngô Quang Chiền",
                             signer_title="GIÁM ĐỐC", configured=pki.signer(ORG), **kw)


def test_signed_pdf_validates_against_the_test_root(pki):  # noqa: F811
    started = time.perf_counter()
    signed = _sign(pki)
    took = time.perf_counter() - started
    verdict = services.verify_pdf(signed)
    assert verdict.summary == "Chữ ký hợp lệ"
    [report] = verdict.signatures
    assert report.is_valid
    assert report.intact
    assert report.trusted
    assert report.signer == ORG
    assert report.organization == ORG
    assert report.coverage == "entire_file"
    assert report.signed_at is not None
    assert report.issuer == "TDKT Test Root CA"
    assert took < 10
    event = AuditEvent.objects.get(event_type=AuditEventType.DOCUMENT_GENERATED)
    assert event.after["signed"] is True
    assert event.after["signer_name"] == "Ngô Quang Chiền"


def test_the_visible_block_sits_over_the_signers_name(pki):  # noqa: F811
    from tdkt.signing import placement

    pdf = page_pdf()
    where = placement.find(pdf, "Ngô Quang Chiền")
    x1, y1, x2, y2 = where.box
    assert where.page == 0
    assert x1 > 595 * 0.3
    assert x2 <= 595
    assert 200 < y1 < 700
    assert y2 - y1 > 40
    signed = _sign(pki, pdf=pdf)
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    [embedded] = PdfFileReader(BytesIO(signed)).embedded_signatures
    assert embedded.field_name == "ChuKySo"
    rect = [round(float(v)) for v in embedded.sig_field["/Rect"]]
    assert rect == list(where.box)


def test_one_altered_byte_is_flagged(pki):  # noqa: F811
    signed = bytearray(_sign(pki))
    # A byte inside the signed range (the original document, before the signature's update).
    at = signed.index(b"/MediaBox") + 12
    signed[at] = ord("7") if signed[at] != ord("7") else ord("8")
    verdict = services.verify_pdf(bytes(signed))
    [report] = verdict.signatures
    assert report.status == "altered"
    assert not report.intact
    assert verdict.summary == "Tệp đã bị sửa sau khi ký"


def test_a_change_appended_after_signing_is_flagged(pki):  # noqa: F811
    """An incremental update after the signature that changes the page (not a form fill)."""
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = _sign(pki)
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/MediaBox"] = generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 300, 300)])
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    [report] = services.verify_pdf(out.getvalue()).signatures
    assert report.status == "altered"
    assert report.intact  # the signed bytes are there, unchanged; what follows them changes the page


def test_a_signature_from_an_untrusted_root_is_flagged(pki):  # noqa: F811
    other = make_ca("Some Other CA")
    signed = services.sign_pdf(actor=None, pdf=page_pdf(), organization=Org(), signer_name="Ngô Quang Chiền",
                               signer_title="GIÁM ĐỐC", configured=pki.signer(ORG, root=other))
    [report] = services.verify_pdf(signed).signatures
    assert report.status == "untrusted"
    assert report.intact
    assert report.text == "Chứng thư không thuộc nguồn tin cậy"
    # The same file against that root: valid.
    from tdkt.signing.testing import asn1

    assert services.verify_pdf(signed, trust_roots=[asn1(other)]).all_valid


def test_a_pdf_without_signature(pki):  # noqa: F811
    verdict = services.verify_pdf(page_pdf())
    assert verdict.signatures == []
    assert not verdict.signed
    assert verdict.summary == "Không có chữ ký số"


def test_not_a_pdf_and_the_size_bound(pki):  # noqa: F811
    assert services.verify_pdf(b"%PDF-1.4 /ByteRange broken").error.startswith("Không đọc được tệp PDF")
    assert services.verify_pdf(b"%PDF-1.4 no xref at all").summary == "Không có chữ ký số"
    with pytest.raises(SigningError, match="quá lớn"):
        services.verify_pdf(b"%PDF-" + b"0" * 100, max_bytes=50)


def test_configured_signer_from_pkcs12_and_environment(pki, settings, monkeypatch):  # noqa: F811
    pki.configure(settings, monkeypatch, "QT-SNV", ORG)
    configured = signer_for(Org())
    assert configured.common_name == ORG
    assert configured.display == ORG
    signed = services.sign_pdf(actor=None, pdf=page_pdf(), organization=Org(), signer_name="Ngô Quang Chiền",
                               signer_title="GIÁM ĐỐC")
    assert services.verify_pdf(signed).all_valid
    assert signer_for_code("NOBODY") is None
    monkeypatch.setenv("TDKT_TEST_SIGNER_PASSWORD", "sai")
    with pytest.raises(SigningError, match="sai mật khẩu"):
        signer_for(Org())
    monkeypatch.delenv("TDKT_TEST_SIGNER_PASSWORD")
    with pytest.raises(SigningError, match="Chưa đặt biến môi trường TDKT_TEST_SIGNER_PASSWORD"):
        signer_for(Org())


def test_password_from_the_secrets_file(pki, settings, monkeypatch, tmp_path):  # noqa: F811
    path = pki.configure(settings, monkeypatch, "QT-SNV", ORG)
    secrets = tmp_path / "secrets.json"
    secrets.write_text(json.dumps({"snv": "mat-khau-thu"}))
    monkeypatch.setenv("TDKT_SECRETS_FILE", str(secrets))
    settings.TDKT_SIGNERS = {"QT-SNV": {"pkcs12": str(path), "password_secret": "snv"}}
    assert signer_for(Org()).common_name == ORG


class _Bridge(BaseHTTPRequestHandler):
    """A USB-token bridge as a test: holds an EC key, answers /certificates and /sign."""

    key = None
    chain: list[bytes] = []
    calls: list[str] = []

    def log_message(self, *args):
        pass

    def _answer(self, body: dict, status=200):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802
        self.calls.append(self.path)
        self._answer({"certificates": [base64.b64encode(c).decode() for c in self.chain]})

    def do_POST(self):  # noqa: N802
        self.calls.append(self.path)
        if self.headers.get("Authorization") != "Bearer token-thu":
            return self._answer({"error": "no"}, 401)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        assert body["algorithm"] == "sha256"
        digest = base64.b64decode(body["digest"])
        signature = self.key.sign(digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
        return self._answer({"signature": base64.b64encode(signature).decode()})


@pytest.fixture
def bridge(pki):  # noqa: F811
    issued = make_signer(pki.root, ORG, organization=ORG)
    _Bridge.key = issued.key
    _Bridge.chain = [c.public_bytes(serialization.Encoding.DER) for c in (issued.certificate, pki.root.certificate)]
    _Bridge.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Bridge)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_remote_signer_through_the_http_bridge(pki, bridge, settings, monkeypatch):  # noqa: F811
    monkeypatch.setenv("TDKT_TEST_BRIDGE_TOKEN", "token-thu")
    settings.TDKT_SIGNERS = {"QT-SNV": {"remote": bridge, "token_env": "TDKT_TEST_BRIDGE_TOKEN", "timeout": 5}}
    configured = signer_for(Org())
    assert configured.common_name == ORG
    signed = services.sign_pdf(actor=None, pdf=page_pdf(), organization=Org(), signer_name="Ngô Quang Chiền",
                               signer_title="GIÁM ĐỐC")
    verdict = services.verify_pdf(signed)
    assert verdict.all_valid, verdict
    assert "/sign" in _Bridge.calls
    assert "/certificates" in _Bridge.calls


def test_remote_signer_refusing_fails_the_signing(pki, bridge):  # noqa: F811
    configured = remote_signer(HttpRemoteSigner(bridge, token="wrong", timeout=5))
    with pytest.raises(SigningError, match="dịch vụ ký số"):
        services.sign_pdf(actor=None, pdf=page_pdf(), organization=Org(), signer_name="Ngô Quang Chiền",
                          signer_title="GIÁM ĐỐC", configured=configured)


def test_remote_signer_unreachable():
    with pytest.raises(SigningError, match="Không gọi được"):
        HttpRemoteSigner("http://127.0.0.1:9/", timeout=1).certificates()
    with pytest.raises(SigningError):
        HttpRemoteSigner("file:///etc/passwd")


def test_demo_pki_is_made_once_and_refused_outside_the_demo(pki, settings):  # noqa: F811
    settings.TDKT_DEMO = True
    directory = ensure_demo_pki([Org()])
    first = (directory / "demo-root.pem").read_bytes()
    assert (directory / "signers.json").exists()
    assert oct((directory / "demo-root-key.pem").stat().st_mode & 0o777) == "0o600"
    ensure_demo_pki([Org()])
    assert (directory / "demo-root.pem").read_bytes() == first  # reused
    configured = signer_for(Org())
    signed = services.sign_pdf(actor=None, pdf=page_pdf(), organization=Org(), signer_name="Ngô Quang Chiền",
                               signer_title="GIÁM ĐỐC")
    assert services.verify_pdf(signed).all_valid  # the demo root is trusted under the demo
    assert configured.common_name == ORG
    settings.TDKT_DEMO = False
    settings.TDKT_SIGNERS = {"QT-SNV": {"pkcs12": str(directory / "signer-QT-SNV.p12"),
                                        "password_file": str(directory / "signer-QT-SNV.pass")}}
    with pytest.raises(SigningError, match="chứng thư demo"):
        signer_for(Org())
    settings.TDKT_TRUST_ROOTS = [str(directory / "demo-root.pem")]
    with pytest.raises(SigningError, match="demo"):
        services.configured_trust_roots()


def test_production_settings_refuse_the_demo_pki(monkeypatch):
    import subprocess
    import sys

    env = {"DJANGO_SETTINGS_MODULE": "config.settings.prod", "SECRET_KEY": "x" * 50, "DEBUG": "0",
           "DATABASE_URL": "postgres:///nothing", "TDKT_TRUST_ROOTS": "/srv/var/demo-pki/demo-root.pem",
           "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env,  # noqa: S603
                         capture_output=True, text=True, timeout=60, check=False)
    assert "Không dùng chứng thư demo" in run.stderr


def test_checking_inside_a_running_event_loop(pki):  # noqa: F811
    """pyHanko's sync calls start their own loop: inside one (ASGI, Playwright's sync API) they run off
    it. (Signing goes through the same helper; the browser journey signs the demo inside one.)"""
    import asyncio

    signed = _sign(pki)

    async def inside():
        return services.verify_pdf(signed)

    assert asyncio.run(inside()).all_valid


def test_revocation_fetching_is_off_unless_set_and_then_bounded(pki, settings):  # noqa: F811
    """Tests never reach the network: fetching is off by default. Switched on, each request has the
    configured timeout; a certificate naming no OCSP or CRL address still checks (soft-fail)."""
    context = services._validation_context([pki.root_asn1])
    assert context.fetching_allowed is False
    settings.TDKT_SIGNATURE_FETCH_REVOCATION = True
    settings.TDKT_SIGNATURE_FETCH_TIMEOUT = 2
    context = services._validation_context([pki.root_asn1])
    assert context.fetching_allowed is True
    assert services.verify_pdf(_sign(pki)).all_valid


def test_a_signed_document_can_be_signed_again(pki):  # noqa: F811
    """A co-signature goes into the next field; both stay valid (the first covers its revision)."""
    once = _sign(pki)
    twice = _sign(pki, pdf=once)
    verdict = services.verify_pdf(twice)
    assert [s.field for s in verdict.signatures] == ["ChuKySo", "ChuKySo2"]
    assert verdict.all_valid, verdict


def test_without_a_vietnamese_font_the_block_drops_tone_marks(pki, monkeypatch):  # noqa: F811
    """Without Noto (fonts-noto-core) the block is written without tone marks rather than garbled."""
    assert services._without_marks("Ngô Quang Chiền, GIÁM ĐỐC, Sở Nội vụ") == "Ngo Quang Chien, GIAM DOC, So Noi vu"
    monkeypatch.setattr(services, "FONT_CANDIDATES", ())
    assert services.verify_pdf(_sign(pki)).all_valid
