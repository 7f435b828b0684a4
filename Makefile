# Two commands do everything on a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# Python 3.12: from PATH, else from pyenv (the machine image ships it there).
PYTHON312 ?= $(shell command -v python3.12 2>/dev/null || ls -d $$HOME/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null | tail -n 1)
# Debian packages the tests need: a browser, PDF and document tools, Vietnamese-capable fonts, gettext.
TEST_DEB_PACKAGES := chromium poppler-utils fonts-noto-core fonts-liberation2 libreoffice-writer-nogui gettext libpango-1.0-0 libpangoft2-1.0-0

.PHONY: run test install install-test debs migrate demo worker lint bench messages clean

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

run: demo
	@echo "TĐKT: http://127.0.0.1:$(PORT)  (tài khoản demo trong README, mật khẩu: demo)"
	@$(PY) manage.py db_worker --queue-name '*' >var/worker.log 2>&1 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

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
