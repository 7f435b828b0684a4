# Issue 12, point 5: the golden book's substring search (public page) at a province's size.

from django.db import migrations

from tdkt.core.migration_operations import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_ballot_meeting"),
    ]

    operations = [
        TrigramIndex(model_name="awardee", field="search_text", name="awardee_search_trgm"),
    ]
