"""A local S3-compatible server for the storage tests (moto's server, from PyPI): one per test session,
a new bucket per test, the application's storage pointed at it through settings.STORAGES."""

import logging
import socket
import uuid
from dataclasses import dataclass

import pytest
from django.test import override_settings

S3_KEYS = {"AWS_ACCESS_KEY_ID": "tdkt-test-key", "AWS_SECRET_ACCESS_KEY": "tdkt-test-secret"}  # moto's, not AWS's
S3_REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class S3Store:
    endpoint: str
    bucket: str
    client: object

    @property
    def storage(self) -> dict:
        """settings.STORAGES["default"] as config/settings/base.py builds it for TDKT_STORAGE=s3."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": self.bucket,
                "endpoint_url": self.endpoint,
                "region_name": S3_REGION,
                "addressing_style": "path",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
                "max_memory_size": 4 * 1024 * 1024,
                "access_key": S3_KEYS["AWS_ACCESS_KEY_ID"],
                "secret_key": S3_KEYS["AWS_SECRET_ACCESS_KEY"],
            },
        }

    @property
    def environment(self) -> dict:
        """What a server process needs in its environment to use this bucket."""
        return {
            "TDKT_STORAGE": "s3",
            "TDKT_S3_BUCKET": self.bucket,
            "TDKT_S3_ENDPOINT_URL": self.endpoint,
            "TDKT_S3_REGION": S3_REGION,
            **S3_KEYS,
        }

    def keys(self, prefix: str = "") -> list[str]:
        answer = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for item in answer.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's threaded server on a free loopback port, for the whole session (it starts in half a
    second). A missing moto is an import error here: the tests fail, never skip."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(s3_endpoint, tmp_path_factory):
    """A fresh private bucket, and the default storage pointed at it for the test. MEDIA_ROOT is an
    empty folder of its own, so "nothing written to the local disk" does not see the files earlier
    tests of the run left in the session's MEDIA_ROOT."""
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
    )
    store = S3Store(endpoint=s3_endpoint, bucket=f"tdkt-{uuid.uuid4().hex[:12]}", client=client)
    client.create_bucket(Bucket=store.bucket)
    from django.conf import settings

    media_root = tmp_path_factory.mktemp("media")
    with override_settings(STORAGES={**settings.STORAGES, "default": store.storage}, MEDIA_ROOT=media_root):
        yield store
