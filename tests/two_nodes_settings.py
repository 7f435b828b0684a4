"""Settings of the application processes that tests/test_two_nodes.py starts: the test settings
(fast password hashing, so the users the test creates can log in), storage and database from the
environment like any deployment, and a long first login delay so that a lock-out outlasts the test."""

from config.settings.test import *  # noqa: F403

LOGIN_DELAY_BASE_SECONDS = 600
