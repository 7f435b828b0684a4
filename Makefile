# Two commands do everything on a fresh Debian machine: `make run` and `make test`.
# `make run` serves the demo the way production does (gunicorn, DEBUG off, collected static files
# through WhiteNoise, the background worker beside it); `make dev` is the reloading development server.
SHELL := /bin/bash
PORT ?= 8000
# Links in e-mails and calendars and the certificates' QR codes follow the port served, unless set.
TDKT_SITE_URL ?= http://127.0.0.1:$(PORT)
STATIC_MANIFEST := $(or $(STATIC_ROOT),var/static)/staticfiles.json
VENV := .venv
PY := $(VENV)/bin/python
# Python 3.12: from PATH, else from pyenv (the machine image ships it there).
PYTHON312 ?= $(shell command -v python3.12 2>/dev/null || ls -d $$HOME/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null | tail -n 1)
# Debian packages the tests need: a browser, PDF and document tools, Vietnamese-capable fonts, gettext.
TEST_DEB_PACKAGES := chromium poppler-utils fonts-noto-core fonts-liberation2 libreoffice-writer-nogui gettext libpango-1.0-0 libpangoft2-1.0-0

.PHONY: run dev static test install install-test debs migrate demo worker lint bench messages clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON312)" || { echo "Cần Python 3.12 (python3.12 trên PATH hoặc trong pyenv)."; exit 1; }
	test -x $(PY) || $(PYTHON312) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py load_demo

# The web server ($(2)) under settings $(1), with the task worker beside it: Ctrl-C or TERM stops
# both, and when either server stops the worker stops too (its log: var/worker.log); the worker
# (tdkt_worker) first lets a running task finish, for up to TDKT_WORKER_GRACE_SECONDS.
define serve_with_worker
	@export DJANGO_SETTINGS_MODULE=$(1) TDKT_SITE_URL='$(TDKT_SITE_URL)'; \
	  trap 'kill $$web $$worker 2>/dev/null; wait' EXIT INT TERM; \
	  $(PY) manage.py tdkt_worker --queue-name '*' >var/worker.log 2>&1 & worker=$$!; \
	  $(2) & web=$$!; \
	  wait $$web
endef

# Hashed, compressed static files for WhiteNoise; collected again only when a source changes.
$(STATIC_MANIFEST): $(VENV)/.installed config/settings/base.py config/settings/demo.py $(shell find static -type f 2>/dev/null)
	DJANGO_SETTINGS_MODULE=config.settings.demo $(PY) manage.py collectstatic --noinput -v 0

static: install $(STATIC_MANIFEST)

run: demo static
	@echo "TĐKT: http://127.0.0.1:$(PORT)  (tài khoản demo trong README, mật khẩu: demo; Ctrl-C để dừng)"
	$(call serve_with_worker,config.settings.demo,$(VENV)/bin/gunicorn -c config/gunicorn.conf.py --bind 127.0.0.1:$(PORT) config.wsgi)

dev: demo
	@echo "TĐKT (phát triển, tự nạp lại khi sửa mã): http://127.0.0.1:$(PORT)"
	$(call serve_with_worker,config.settings.dev,$(PY) manage.py runserver 127.0.0.1:$(PORT))

debs:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  missing=""; for p in $(TEST_DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; fi; \
	fi

install-test: install debs

test: install-test
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run -v 0
	$(VENV)/bin/pytest -q

lint: install
	$(VENV)/bin/ruff check .

bench: install
	$(PY) bench/run_all.py

messages: install
	$(PY) manage.py makemessages -l vi --no-obsolete -i '.venv/*' -i 'var/*'
	$(PY) manage.py compilemessages -l vi -i '.venv'

clean:
	rm -rf var/tdkt.sqlite3* var/static
