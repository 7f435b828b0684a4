"""The model moved between apps without touching the table: both migrations change Django's state
only, so every notification stays where it was (SQLite and PostgreSQL alike)."""

import importlib

from django.db import migrations

MOVES = [
    ("tdkt.notifications.migrations.0001_notification_moved_from_movements", "CreateModel"),
    ("tdkt.movements.migrations.0002_notification_moved_to_notifications", "DeleteModel"),
]


def test_the_move_is_state_only():
    for module, operation in MOVES:
        [step] = importlib.import_module(module).Migration.operations
        assert isinstance(step, migrations.SeparateDatabaseAndState), module
        assert step.database_operations == [], module
        assert [type(o).__name__ for o in step.state_operations] == [operation], module


def test_the_new_app_keeps_the_old_table():
    [step] = importlib.import_module(MOVES[0][0]).Migration.operations
    assert step.state_operations[0].options["db_table"] == "movements_notification"
