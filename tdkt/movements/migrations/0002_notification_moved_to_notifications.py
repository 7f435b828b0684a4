"""The Notification model now belongs to the notifications app, which keeps this app's table
(`movements_notification`) and its rows: here it leaves Django's state only, nothing is dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("movements", "0001_initial"),
        ("notifications", "0001_notification_moved_from_movements"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
