"""Structured logs: each request gets an id (the proxy's when safe), returned in X-Request-ID and
written in every log line of that request, one JSON object a line."""

import io
import json
import logging
import re
from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings

from tdkt.core.logs import JsonFormatter, RequestIdFilter

WITH_IDS = override_settings(MIDDLEWARE=["tdkt.core.logs.RequestIdMiddleware", *settings.MIDDLEWARE])
pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


@WITH_IDS
def test_each_request_gets_an_id_or_keeps_the_proxys(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a-0001")["X-Request-ID"] == "lb-7f3a-0001"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x" level="INFO')["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", forged)


@WITH_IDS
def test_a_log_line_is_json_with_the_requests_id(client, json_log):
    with mock.patch("tdkt.core.health.default_storage.save", side_effect=PermissionError("thư mục không ghi được")):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="req-12345678")
    assert response.status_code == 503
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    entry = next(line for line in lines if line["logger"] == "tdkt.core.health")
    assert entry["request_id"] == "req-12345678"
    assert entry["level"] == "ERROR"
    assert entry["message"] == "Health check storage failed"
    assert "thư mục không ghi được" in entry["exception"]  # Vietnamese kept readable
    assert "Z" in entry["time"] or "+00:00" in entry["time"]


def test_outside_a_request_the_id_is_a_dash(json_log):
    logging.getLogger("tdkt.test").warning("Nhắc hạn: %s người", 3)
    assert json.loads(json_log.getvalue())["request_id"] == "-"
    assert json.loads(json_log.getvalue())["message"] == "Nhắc hạn: 3 người"
