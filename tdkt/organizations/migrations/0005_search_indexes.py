# Issue 12, point 5: search and paging at a province's size.

from django.db import migrations, models

from tdkt.core.migration_operations import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0004_organization_leader_signoff"),
    ]

    operations = [
        # The plain B-tree on search_text (and PostgreSQL's LIKE 'x%' twin) gives way to one that
        # matches the list's whole order, tie-breaker included; substring search gets trigrams.
        migrations.AlterField(
            model_name="person",
            name="search_text",
            field=models.CharField(default="", editable=False, max_length=400),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["search_text", "id"], name="person_list_order"),
        ),
        TrigramIndex(model_name="person", field="search_text", name="person_search_trgm"),
        TrigramIndex(model_name="organization", field="search_text", name="organization_search_trgm"),
    ]
