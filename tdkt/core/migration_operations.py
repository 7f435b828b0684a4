"""Migration operations that only PostgreSQL runs (SQLite, the embedded default, skips them).

Substring search (`search_text__contains`, i.e. `LIKE '%nguyen%'`) cannot use a B-tree; on
PostgreSQL a GIN index with pg_trgm's `gin_trgm_ops` serves it for needles of three characters or
more. SQLite has no such index, so the operation changes nothing there, and it leaves the model
state alone (the index is not in `Meta.indexes`, which would make SQLite's migrations fail), so
`makemigrations --check` stays clean on both databases.
"""

from django.db.migrations.operations.base import Operation, OperationCategory


class TrigramIndex(Operation):
    """A pg_trgm GIN index on one text column, and the extension when it is missing.

    pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it without
    being a superuser. Going back drops only the index: the extension may serve others.
    """

    reversible = True
    reduces_to_sql = True
    category = OperationCategory.ADDITION

    def __init__(self, model_name: str, field: str, name: str):
        self.model_name = model_name
        self.field = field
        self.name = name

    def deconstruct(self):
        return self.__class__.__name__, [], {"model_name": self.model_name, "field": self.field, "name": self.name}

    def state_forwards(self, app_label, state):
        pass

    def _applies(self, schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not self._applies(schema_editor):
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        quote = schema_editor.quote_name
        column = model._meta.get_field(self.field).column
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(self.name)} ON {quote(model._meta.db_table)} "
            f"USING gin ({quote(column)} gin_trgm_ops)"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self._applies(schema_editor):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self):
        return f"Trigram index {self.name} on {self.model_name}.{self.field} (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name}_{self.field}_trigram"
