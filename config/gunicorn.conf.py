"""gunicorn for `make run` and for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`
(bind with --bind or GUNICORN_CMD_ARGS; behind the reverse proxy in production)."""

import glob
import os
import shutil
import tempfile

# Stateless processes: more workers for more CPUs (WEB_CONCURRENCY), threads for requests that wait
# on the database or on LibreOffice.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Converting a document with LibreOffice starts `soffice` cold: seconds, not milliseconds; the
# slowest page, the candidate finder over a whole province, took 12.5 s (issue 12). Far above both.
timeout = 120
# On TERM, HUP or a recycling, a worker first finishes the requests it holds, for up to this long (as
# long as a request may take at all), then is killed; an idle worker exits at once.
graceful_timeout = timeout
# A worker is replaced after this many requests, so memory a large page or document took comes back
# to the system; the jitter spreads the restarts so the workers never all restart at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
# No runtime control socket: gunicorn's default is one path per user (~/.gunicorn/gunicorn.ctl),
# which a second instance (a test, another port) would take over.
control_socket_disable = True
accesslog = "-"
# gunicorn's usual line, then the request's id (tdkt/core/logs.py), to find its application log lines.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)ss id=%({x-request-id}o)s'
errorlog = "-"


# Prometheus metrics across workers (tdkt/core/metrics.py): each worker counts in its own files in
# the folder PROMETHEUS_MULTIPROC_DIR and /metrics adds up every file, recycled workers' included, so
# the totals never drop while the server runs. The master sets it when it starts, before any worker
# imports prometheus_client (which reads it on import): the folder given, else a private one made
# for this server. Emptied at start and at stop (a made one removed): the counts start at zero with
# the server, which Prometheus reads as a counter reset.
MADE_METRICS_DIR = "TDKT_MADE_METRICS_DIR"


def _empty_metrics_dir(folder: str) -> None:
    for name in glob.glob(os.path.join(folder, "*.db")):
        os.remove(name)


def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        os.makedirs(folder, exist_ok=True)
        _empty_metrics_dir(folder)
    else:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.environ[MADE_METRICS_DIR] = tempfile.mkdtemp(prefix="tdkt-metrics-")


def child_exit(server, worker):
    """In the master, for every worker that ended (recycled, timed out, killed): its live gauges go;
    its counts stay, folded into the archive files so the folder does not grow with every recycling."""
    from prometheus_client import multiprocess

    from tdkt.core.metrics_files import merge_dead_process

    multiprocess.mark_process_dead(worker.pid)
    merge_dead_process(os.environ["PROMETHEUS_MULTIPROC_DIR"], worker.pid)


def on_exit(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder and folder == os.environ.get(MADE_METRICS_DIR):
        shutil.rmtree(folder, ignore_errors=True)
    elif folder:
        _empty_metrics_dir(folder)
