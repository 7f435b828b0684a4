"""The test suite: fast hashing, tasks run at once, files in a temporary folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DEFAULT_STORAGE

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# MEDIA_ROOT from the environment: a restore drill's child process writes into its own fresh folder.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="tdkt-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="tdkt-static-"))
STORAGES = {
    "default": DEFAULT_STORAGE,  # the filesystem unless TDKT_STORAGE=s3 (base.py)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TDKT_DEMO = True
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
