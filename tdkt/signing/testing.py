"""Helpers for tests that need signatures: a test certification authority and signers made with
``cryptography``, configured as the settings would configure them, and PDFs to sign.

Import the ``pki`` fixture into a test module: ``from tdkt.signing.testing import pki  # noqa: F401``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign import signers as pyhanko_signers

from .pki import Issued, make_ca, make_signer, to_pkcs12
from .signers import ConfiguredSigner

PASSWORD_ENV = "TDKT_TEST_SIGNER_PASSWORD"  # noqa: S105 - the variable's name, not a password


def page_pdf(*, body: str = "GIAO ƯỚC THI ĐUA", title: str = "GIÁM ĐỐC", name: str = "Ngô Quang Chiền") -> bytes:
    """A one-page A4 PDF with a Vietnamese signing block at the bottom right."""
    from weasyprint import HTML

    return HTML(string=f"""<html lang="vi"><meta charset="utf-8"><body style="font-family: 'Liberation Serif'">
      <p>{body}</p><div style="margin-left:55%;text-align:center;margin-top:240pt"><b>{title}</b>
      <div style="height:64pt"></div><b>{name}</b></div></body></html>""").write_pdf()


def asn1(issued: Issued) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(issued.certificate.public_bytes(serialization.Encoding.DER))


@dataclass
class TestPki:
    root: Issued
    directory: Path
    signers: dict[str, Issued] = field(default_factory=dict)

    @property
    def root_asn1(self) -> asn1_x509.Certificate:
        return asn1(self.root)

    def signer(self, organization_name: str, *, common_name: str | None = None, root: Issued | None = None,
               unit: str = "") -> ConfiguredSigner:
        """A ConfiguredSigner for a certificate naming the organisation (O), issued by ``root``."""
        issued = make_signer(root or self.root, common_name or organization_name, organization=organization_name,
                             unit=unit)
        chain = [(root or self.root).certificate]
        signer = pyhanko_signers.SimpleSigner.load_pkcs12_data(to_pkcs12(issued, chain, b"x"), other_certs=[],
                                                                passphrase=b"x")
        return ConfiguredSigner(code="", signer=signer, certificate=signer.signing_cert)

    def configure(self, settings, monkeypatch, code: str, organization_name: str) -> Path:
        """Configure a PKCS#12 signer for an organisation code, its password in the environment."""
        issued = make_signer(self.root, organization_name, organization=organization_name)
        self.signers[code] = issued
        path = self.directory / f"{code}.p12"
        path.write_bytes(to_pkcs12(issued, [self.root.certificate], b"mat-khau-thu"))
        monkeypatch.setenv(PASSWORD_ENV, "mat-khau-thu")
        settings.TDKT_SIGNERS = {**settings.TDKT_SIGNERS, code: {"pkcs12": str(path), "password_env": PASSWORD_ENV}}
        return path


@pytest.fixture
def pki(tmp_path, settings) -> TestPki:
    """A test root trusted through settings.TDKT_TRUST_ROOTS; no signer configured yet; the demo's
    PKI directory moved to the test's own folder."""
    root = make_ca("TDKT Test Root CA", organization="Kiểm thử",
                   now=datetime.datetime.now(datetime.UTC))
    (tmp_path / "root.pem").write_bytes(root.pem)
    settings.TDKT_TRUST_ROOTS = [str(tmp_path / "root.pem")]
    settings.TDKT_SIGNERS = {}
    settings.TDKT_SIGNERS_FILE = ""
    settings.TDKT_DEMO_PKI_DIR = tmp_path / "demo-pki"
    return TestPki(root=root, directory=tmp_path)
