"""Prometheus metrics at /metrics: requests by view (count and latency), database queries, and the
task queue's and the jobs' state read at each scrape (tdkt/core/metrics_gauges.py).

Built on prometheus_client, the Prometheus project's own client. django-prometheus was the first
choice, but its latest release (2.5.0) declares Django<6.1, so pip refuses it beside Django 6.1
(its 6.1 support is merged upstream, not released); the names follow its prefixes (django_http_,
django_db_), so it can take over when released.

Several gunicorn workers: with PROMETHEUS_MULTIPROC_DIR set (config/gunicorn.conf.py sets it and
empties it when gunicorn starts and stops) every process counts in its own files there and a
scrape adds them all up, those of recycled workers included (folded into one archive file each,
metrics_files.py). Without it (runserver, the tests) the one process's registry is served.

Not public: served only to an address of TDKT_METRICS_ALLOWED_ADDRESSES connecting directly (no
proxy between), or to a scraper sending ``Authorization: Bearer <TDKT_METRICS_TOKEN>``; anyone else
gets the site's 404, as for an address that does not exist. Labels name views, methods, statuses,
queues and job states only: never a user, a person or an organisation.
"""

import contextlib
import hmac
import ipaddress
import os
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connections
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from .metrics_files import folder_lock
from .metrics_gauges import AppGauges

# Up to gunicorn's timeout (120 s): a request slower than that is killed, never observed.
LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
QUERY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# Any other method is counted as "other", so a client inventing methods cannot add series.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNRESOLVED = "<unresolved>"  # no URL pattern matched (a 404, or refused before routing)
# A request that came through a proxy carries one of these: the peer's address is then the proxy's,
# not the client's, so it never opens /metrics by address.
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")

http_requests = Counter(
    "django_http_requests", "Requests answered, by view, method and status.", ["view", "method", "status"]
)
http_latency = Histogram(
    "django_http_requests_latency_seconds_by_view_method",
    "Time from the request's arrival to its response, by view and method.",
    ["view", "method"],
    buckets=LATENCY_BUCKETS,
)
db_execute = Counter("django_db_execute", "SQL statements run by requests.", ["alias", "vendor"])
db_execute_many = Counter("django_db_execute_many", "executemany() calls run by requests.", ["alias", "vendor"])
db_errors = Counter("django_db_errors", "SQL statements that raised, by exception type.", ["alias", "vendor", "type"])
db_duration = Histogram(
    "django_db_query_duration_seconds",
    "Time of each SQL statement run by a request.",
    ["alias", "vendor"],
    buckets=QUERY_BUCKETS,
)


def _count_query(execute, sql, params, many, context):
    connection = context["connection"]
    labels = (connection.alias, connection.vendor)
    (db_execute_many if many else db_execute).labels(*labels).inc()
    start = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    except Exception as error:
        db_errors.labels(*labels, type(error).__name__).inc()
        raise
    finally:
        db_duration.labels(*labels).observe(time.perf_counter() - start)


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else UNRESOLVED


class MetricsMiddleware:
    """First in MIDDLEWARE, so the latency covers every other middleware; the view is known after
    the response (the URL is resolved inside). Queries are counted on every database connection of
    the request's thread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        with contextlib.ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(_count_query))
            response = self.get_response(request)
        view = _view_name(request)
        method = request.method if request.method in METHODS else "other"
        http_requests.labels(view, method, str(response.status_code)).inc()
        http_latency.labels(view, method).observe(time.perf_counter() - start)
        return response


def _ip(value: str):
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # A dual-stack socket reports an IPv4 client as ::ffff:a.b.c.d.
    return address.ipv4_mapped or address if address.version == 6 else address


def address_allowed(remote_addr: str | None, allowed: list[str]) -> bool:
    address = _ip(remote_addr or "")
    return address is not None and any(address in ipaddress.ip_network(net, strict=False) for net in allowed)


def token_allowed(authorization: str, token: str) -> bool:
    scheme, _, given = authorization.partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def metrics_allowed(request) -> bool:
    if token_allowed(request.headers.get("Authorization", ""), settings.TDKT_METRICS_TOKEN):
        return True
    if any(request.META.get(header) for header in FORWARDING_HEADERS):
        return False
    return address_allowed(request.META.get("REMOTE_ADDR"), settings.TDKT_METRICS_ALLOWED_ADDRESSES)


def registry(*, multiprocess: bool):
    """What one scrape reads: every process's counts (multiprocess) or this process's, and the gauges."""
    if multiprocess:
        counts = CollectorRegistry(auto_describe=False)
        MultiProcessCollector(counts)
    else:
        counts = REGISTRY
    scrape = CollectorRegistry(auto_describe=False)
    scrape.register(counts)  # a registry is a collector too
    scrape.register(AppGauges())
    return scrape


@login_not_required
@require_safe
@never_cache
def metrics(request):
    if not metrics_allowed(request):
        raise Http404
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        # Never while the master folds a dead worker's counts into the archive (metrics_files.py).
        with folder_lock(folder, exclusive=False):
            output = generate_latest(registry(multiprocess=True))
    else:
        output = generate_latest(registry(multiprocess=False))
    return HttpResponse(output, content_type=CONTENT_TYPE_LATEST)
