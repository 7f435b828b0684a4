"""The PostgreSQL client programs a backup needs: missing, or older than the server, is said plainly
(what to install) before anything runs; connection secrets never reach their command line."""

from unittest import mock

import pytest
from django.utils import translation

from tdkt.core.backup import database
from tdkt.core.backup.archive import BackupError


@pytest.fixture(autouse=True)
def _english():
    """The checks are what is tested here, not their Vietnamese wording (the catalogue's business)."""
    with translation.override("en"):
        yield


def test_a_missing_client_program_is_named_with_what_to_install():
    with mock.patch("tdkt.core.backup.database.shutil.which", return_value=None):
        with pytest.raises(BackupError, match="pg_dump.*postgresql-client"):
            database._tool("pg_dump")


def test_a_server_newer_than_pg_dump_is_refused_before_dumping():
    with pytest.raises(BackupError, match="pg_dump 15 .* PostgreSQL 17.* 17 or newer"):
        database.require_client(15, 17)
    database.require_client(17, 15)
    database.require_client(15, 15)


def test_the_password_goes_through_the_environment_only():
    settings = {"NAME": "tdkt", "HOST": "db", "PORT": "5432", "USER": "tdkt", "PASSWORD": "s3cret", "OPTIONS": {}}
    with (
        mock.patch.object(database.connection, "settings_dict", settings),
        mock.patch("tdkt.core.backup.database.subprocess.run") as run,
    ):
        run.return_value.returncode = 0
        database._run(["/usr/bin/pg_dump", "--format=custom", "--file=/tmp/x"])
    args, kwargs = run.call_args
    assert "s3cret" not in " ".join(args[0])
    assert kwargs["env"]["PGPASSWORD"] == "s3cret"
    assert kwargs["env"]["PGDATABASE"] == "tdkt"


def test_an_existing_archive_or_one_being_written_is_left_alone(tmp_path):
    from tdkt.core.backup.service import backup_create

    done = tmp_path / "tdkt-20260101-000000.tar.gz"
    done.write_bytes(b"earlier")
    with pytest.raises(BackupError, match="already exists"):
        backup_create(output=done)
    writing = tmp_path / "b.tar.gz.partial"
    writing.write_bytes(b"half")
    with pytest.raises(BackupError, match="another backup is writing it"):
        backup_create(output=tmp_path / "b.tar.gz")
    assert done.read_bytes() == b"earlier"
    assert writing.read_bytes() == b"half"
