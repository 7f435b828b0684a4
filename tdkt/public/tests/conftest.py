"""The commendation world (catalogue, council, round) for the public pages' tests."""

from tdkt.awards.tests.conftest import awards  # noqa: F401
