"""gunicorn for `make run` and for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`
(bind with --bind or GUNICORN_CMD_ARGS; behind the reverse proxy in production)."""

import os

# Stateless processes: more workers for more CPUs (WEB_CONCURRENCY), threads for requests that wait
# on the database or on LibreOffice.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Converting a document with LibreOffice starts `soffice` cold: seconds, not milliseconds.
timeout = 120
# No runtime control socket: gunicorn's default is one path per user (~/.gunicorn/gunicorn.ctl),
# which a second instance (a test, another port) would take over.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
