"""gunicorn for `make run` and for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`
(bind with --bind or GUNICORN_CMD_ARGS; behind the reverse proxy in production)."""

import os

# Stateless processes: more workers for more CPUs (WEB_CONCURRENCY), threads for requests that wait
# on the database or on LibreOffice.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Converting a document with LibreOffice starts `soffice` cold: seconds, not milliseconds.
timeout = 120
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
