"""Development: `make dev` (the reloading server, DEBUG on unless DEBUG=0) and manage.py's default."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1").lower() in {"1", "true", "yes", "on"}
