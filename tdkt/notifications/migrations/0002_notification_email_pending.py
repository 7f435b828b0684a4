from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notification_moved_from_movements"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="email_pending",
            field=models.BooleanField(db_index=True, default=False),
        ),
    ]
