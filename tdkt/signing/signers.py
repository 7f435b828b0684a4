"""Who signs for an issuing organisation, and with what key.

Configuration, per organisation code (``Organization.code``), in ``settings.TDKT_SIGNERS`` or in the
JSON file named by the environment variable ``TDKT_SIGNERS_FILE``::

    {
      "QT-SNV": {"pkcs12": "/etc/tdkt/ky-so/snv.p12", "password_env": "TDKT_SIGNER_QT_SNV_PASSWORD"},
      "QT":     {"remote": "https://127.0.0.1:9443/", "token_env": "TDKT_SIGNER_QT_TOKEN", "timeout": 20}
    }

A PKCS#12 file's password is never written here: only the NAME of the environment variable holding
it (``password_env``), of a key of the secrets file named by ``TDKT_SECRETS_FILE`` (a JSON object,
readable by the service account only: ``password_secret``), or of a file holding only it
(``password_file``, e.g. a mounted secret). Nothing about a key is kept in the database.

A USB token or an HSM signs through a *remote signer*: a small bridge on the machine where the token is
plugged in, which answers two calls (``RemoteSigner`` below; ``HttpRemoteSigner`` speaks to it over
HTTP). The private key never leaves the token; the system sends the digest to sign and receives the
signature.

Certificates from the demo's PKI (``DEMO_MARK`` in their subject) are refused unless ``TDKT_DEMO``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko.sign import signers as pyhanko_signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from .pki import DEMO_MARK

log = logging.getLogger(__name__)


class SigningError(Exception):
    """A signer cannot be used (its file, password, bridge); the message is Vietnamese."""


@runtime_checkable
class RemoteSigner(Protocol):
    """The interface of a signing bridge for a USB token or an HSM.

    ``certificates()`` returns the signer's certificate first, then its chain (DER bytes).
    ``sign(digest, algorithm)`` returns the raw signature of an already computed ``digest``
    (``algorithm``: "sha256", "sha384", "sha512"): for an EC key the DER-encoded ECDSA signature,
    for an RSA key the PKCS#1 v1.5 signature of the DigestInfo. The bridge never sees the document."""

    def certificates(self) -> list[bytes]: ...

    def sign(self, digest: bytes, algorithm: str) -> bytes: ...


class HttpRemoteSigner:
    """A bridge over HTTP(S), JSON both ways:

    ``GET  {url}certificates`` → ``{"certificates": [base64 DER, …]}``
    ``POST {url}sign`` with ``{"digest": base64, "algorithm": "sha256"}`` → ``{"signature": base64}``

    Sent with ``Authorization: Bearer <token>`` when a token is configured. A bridge that does not
    answer within ``timeout`` seconds fails the signing (nothing is issued half-signed)."""

    def __init__(self, url: str, *, token: str = "", timeout: float = 20):
        if not url.startswith(("http://", "https://")):
            raise SigningError("Địa chỉ dịch vụ ký số phải bắt đầu bằng http:// hoặc https://.")
        self.url = url if url.endswith("/") else url + "/"
        self.token = token
        self.timeout = timeout

    def _call(self, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method="POST" if body is not None else "GET")  # noqa: S310 - scheme checked
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310 - scheme checked
                return json.loads(answer.read(1024 * 1024))
        except (OSError, ValueError) as error:
            raise SigningError(f"Không gọi được dịch vụ ký số ({self.url}): {error}") from None

    def certificates(self) -> list[bytes]:
        answer = self._call("certificates")
        try:
            return [base64.b64decode(c) for c in answer["certificates"]]
        except (KeyError, TypeError, ValueError):
            raise SigningError("Dịch vụ ký số trả lời không đúng định dạng (certificates).") from None

    def sign(self, digest: bytes, algorithm: str) -> bytes:
        answer = self._call("sign", {"digest": base64.b64encode(digest).decode(), "algorithm": algorithm})
        try:
            return base64.b64decode(answer["signature"])
        except (KeyError, TypeError, ValueError):
            raise SigningError("Dịch vụ ký số trả lời không đúng định dạng (signature).") from None


class _RemoteSignerAdapter(pyhanko_signers.Signer):
    """pyHanko's Signer over a RemoteSigner: pyHanko builds the CMS, the bridge signs its digest."""

    def __init__(self, remote: RemoteSigner, certificate, chain):
        self.remote = remote
        super().__init__(signing_cert=certificate, cert_registry=SimpleCertificateStore.from_certs(chain))

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
        if dry_run:  # only the size matters: the largest signature this key can give
            key = self.signing_cert.public_key
            return bytes(72 if key.algorithm == "ec" else key.bit_size // 8 + 16)
        digest = hashlib.new(digest_algorithm, data).digest()
        return self.remote.sign(digest, digest_algorithm)


@dataclass
class ConfiguredSigner:
    """What signs for one organisation, ready for pyHanko."""

    code: str
    signer: pyhanko_signers.Signer
    certificate: asn1_x509.Certificate

    @property
    def subject(self) -> str:
        return self.certificate.subject.human_friendly

    @property
    def common_name(self) -> str:
        return self.certificate.subject.native.get("common_name", "") or self.subject

    @property
    def display(self) -> str:
        """The certificate's holder as a reader names it: "CN" or "CN (O)"."""
        organization = self.certificate.subject.native.get("organization_name", "")
        organization = ", ".join(organization) if isinstance(organization, list) else organization
        name = self.common_name
        return name if not organization or organization == name else f"{name} ({organization})"

    @property
    def serial(self) -> str:
        return format(self.certificate.serial_number, "X")


def _secrets() -> dict:
    path = os.environ.get("TDKT_SECRETS_FILE", "")
    if not path:
        return {}
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SigningError(f"Không đọc được tệp bí mật TDKT_SECRETS_FILE: {error}") from None


def _secret(entry: dict, code: str, *, env_key: str, key_name: str) -> str | None:
    if entry.get(env_key):
        value = os.environ.get(entry[env_key])
        if value is None:
            raise SigningError(f"Chưa đặt biến môi trường {entry[env_key]} cho chữ ký số của {code}.")
        return value
    file_key = env_key.replace("_env", "_file")
    if entry.get(file_key):  # a secret mounted as a file (e.g. /run/secrets/…), readable by the service only
        try:
            return Path(entry[file_key]).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise SigningError(f"Không đọc được tệp mật khẩu chữ ký số của {code}: {error}") from None
    if entry.get(key_name):
        secrets = _secrets()
        if entry[key_name] not in secrets:
            raise SigningError(f"Tệp bí mật không có khóa {entry[key_name]} cho chữ ký số của {code}.")
        return secrets[entry[key_name]]
    return None


def configuration() -> dict[str, dict]:
    """Organisation code → its entry: settings.TDKT_SIGNERS, then the file TDKT_SIGNERS_FILE; under
    the demo, the demo's own signers (var/demo-pki/signers.json, written when the demo loads)."""
    entries: dict[str, dict] = {}
    sources = []
    path = getattr(settings, "TDKT_SIGNERS_FILE", "") or os.environ.get("TDKT_SIGNERS_FILE", "")
    if getattr(settings, "TDKT_DEMO", False):
        demo = Path(settings.TDKT_DEMO_PKI_DIR) / "signers.json"
        if demo.exists():
            sources.append(demo)
    if path:
        sources.append(Path(path))
    for source in sources:
        try:
            entries.update(json.loads(source.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise SigningError(f"Không đọc được cấu hình chữ ký số {source}: {error}") from None
    entries.update(getattr(settings, "TDKT_SIGNERS", {}) or {})
    return entries


def _refuse_demo(certificate: asn1_x509.Certificate, code: str) -> None:
    units = certificate.subject.native.get("organizational_unit_name") or ""
    units = units if isinstance(units, list) else [units]
    if DEMO_MARK in units and not getattr(settings, "TDKT_DEMO", False):
        raise SigningError(f"Chứng thư ký số của {code} là chứng thư demo: không dùng được ngoài bản demo.")


def signer_for_code(code: str) -> ConfiguredSigner | None:
    """The configured signer of an organisation code, or None when it has none."""
    entry = configuration().get(code)
    if not entry:
        return None
    if entry.get("pkcs12"):
        password = _secret(entry, code, env_key="password_env", key_name="password_secret")
        try:
            data = Path(entry["pkcs12"]).read_bytes()
        except OSError as error:
            raise SigningError(f"Không đọc được tệp chứng thư ký số của {code}: {error}") from None
        try:
            signer = pyhanko_signers.SimpleSigner.load_pkcs12_data(
                data, other_certs=[], passphrase=password.encode() if password is not None else None)
        except Exception as error:  # noqa: BLE001 - wrong password and damaged file alike
            raise SigningError(f"Không mở được tệp chứng thư ký số của {code} (sai mật khẩu?): {error}") from None
        if signer is None:
            raise SigningError(f"Không mở được tệp chứng thư ký số của {code}.")
        _refuse_demo(signer.signing_cert, code)
        return ConfiguredSigner(code=code, signer=signer, certificate=signer.signing_cert)
    if entry.get("remote"):
        token = _secret(entry, code, env_key="token_env", key_name="token_secret") or ""
        remote = HttpRemoteSigner(entry["remote"], token=token, timeout=float(entry.get("timeout", 20)))
        return remote_signer(remote, code=code)
    raise SigningError(f"Cấu hình chữ ký số của {code} cần pkcs12 hoặc remote.")


def remote_signer(remote: RemoteSigner, *, code: str = "") -> ConfiguredSigner:
    """A ConfiguredSigner over any RemoteSigner (the HTTP bridge, or another implementation)."""
    ders = remote.certificates()
    if not ders:
        raise SigningError("Dịch vụ ký số không trả về chứng thư nào.")
    try:
        chain = [asn1_x509.Certificate.load(der) for der in ders]
        chain[0].native  # noqa: B018 - parse now: a broken certificate fails here, not mid-signing
    except ValueError:
        raise SigningError("Dịch vụ ký số trả về chứng thư không đọc được.") from None
    _refuse_demo(chain[0], code)
    return ConfiguredSigner(code=code, signer=_RemoteSignerAdapter(remote, chain[0], chain), certificate=chain[0])


def signer_for(organization) -> ConfiguredSigner | None:
    """The signer configured for an organisation (by its code), or None."""
    return signer_for_code(organization.code) if organization is not None else None


def configured_codes() -> set[str]:
    """The organisation codes that have a signer (empty, and logged, when the configuration is broken:
    a page offering the signing service then offers only the upload)."""
    try:
        return set(configuration())
    except SigningError:
        log.exception("signers configuration")
        return set()
