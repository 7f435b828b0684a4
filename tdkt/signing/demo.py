"""The demo's PKI: a certification authority and a signer for each demo issuer, made at demo load in
``settings.TDKT_DEMO_PKI_DIR`` (var/demo-pki/) and reused when present. Nothing here is committed:
the keys are made on the machine that runs the demo.

    demo-root.pem          the root certificate (public: README, /cong-khai/chung-thu-demo.pem)
    demo-root-key.pem      its key (owner-only)
    signer-<code>.p12      each issuer's signer, PKCS#12; its password in signer-<code>.pass (owner-only)
    signers.json           the signers' configuration, read by tdkt.signing.signers under the demo
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings

from .pki import DEMO_MARK, Issued, make_ca, make_signer, to_pkcs12

ROOT_NAME = "TDKT Demo Root CA"


def _private(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    os.chmod(path, 0o600)


def _root(directory: Path) -> Issued:
    cert_path, key_path = directory / "demo-root.pem", directory / "demo-root-key.pem"
    if cert_path.exists() and key_path.exists():
        return Issued(serialization.load_pem_private_key(key_path.read_bytes(), password=None),
                      x509.load_pem_x509_certificate(cert_path.read_bytes()))
    root = make_ca(ROOT_NAME, organization="TĐKT demo", unit=DEMO_MARK)
    _private(key_path, root.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()))
    cert_path.write_bytes(root.pem)
    return root


def ensure_demo_pki(organizations, directory: Path | None = None) -> Path:
    """A signer for each organisation (by code), made once; returns the directory."""
    directory = Path(directory or settings.TDKT_DEMO_PKI_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    # Two processes loading the demo at once (a test run on each database) make one PKI, not two halves.
    with open(directory / ".lock", "w") as lock:  # noqa: PTH123
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return _ensure(organizations, directory)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _ensure(organizations, directory: Path) -> Path:
    config_path = directory / "signers.json"
    config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.exists() else {}
    root = None
    for org in organizations:
        entry = config.get(org.code)
        if entry and Path(entry["pkcs12"]).exists() and Path(entry["password_file"]).exists():
            continue
        root = root or _root(directory)
        signer = make_signer(root, org.name, organization=org.name, unit=DEMO_MARK)
        password = secrets.token_urlsafe(18)
        p12, secret = directory / f"signer-{org.code}.p12", directory / f"signer-{org.code}.pass"
        _private(p12, to_pkcs12(signer, [root.certificate], password.encode(), name=org.code))
        _private(secret, password.encode())
        config[org.code] = {"pkcs12": str(p12), "password_file": str(secret)}
    if root is not None or not config_path.exists():
        config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    return directory


def demo_root_pem() -> bytes | None:
    path = Path(settings.TDKT_DEMO_PKI_DIR) / "demo-root.pem"
    return path.read_bytes() if path.exists() else None
