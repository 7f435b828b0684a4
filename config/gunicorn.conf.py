"""gunicorn for `make run` and for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`
(bind with --bind or GUNICORN_CMD_ARGS; behind the reverse proxy in production)."""

import os

# Stateless processes: more workers for more CPUs (WEB_CONCURRENCY), threads for requests that wait
# on the database or on LibreOffice.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Converting a document with LibreOffice starts `soffice` cold: seconds, not milliseconds.
timeout = 120
# Ctrl-C or TERM: requests in flight get this long to finish.
graceful_timeout = 10
accesslog = "-"
errorlog = "-"
