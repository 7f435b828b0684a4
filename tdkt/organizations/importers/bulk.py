"""Multi-row INSERTs for rows the import has already checked.

`QuerySet.bulk_create` prepares every value through its model field; for 50,000 people that
Python work took about 8 times as long as the database's own (bench/). The values here are plain
and checked, so each column is adapted once by type. Columns a row leaves out take the model
default (or NULL, or now() for auto_now fields), so a field added later with a default keeps
working; a new required field without a default fails loudly in the tests.
"""

from django.db import connection, models
from django.utils import timezone

ROWS_PER_STATEMENT = 1000


def _adapter(field: models.Field):
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.CharField | models.TextField | models.IntegerField | models.BooleanField |
                  models.ForeignKey):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _fallback(field: models.Field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default() or field.null:
        return field.get_default()
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value")


def _column(rows: list[dict], field: models.Field, adapt, constants: dict) -> list:
    name = field.attname
    values = [row[name] for row in rows] if name not in constants else [constants[name]] * len(rows)
    return values if adapt is None else [adapt(v) if v is not None else None for v in values]


def insert_rows(model: type[models.Model], rows: list[dict], *, return_ids: bool = False) -> list[int]:
    """Insert `rows` ({attname: value}); with return_ids, the new primary keys in row order."""
    if not rows:
        return []
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    given = set(rows[0])
    constants = {f.attname: _fallback(f, now) for f in fields if f.attname not in given}
    adapters = [_adapter(f) for f in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    max_params = connection.features.max_query_params or 65535
    per_statement = max(1, min(ROWS_PER_STATEMENT, max_params // len(fields)))
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    returning = f" RETURNING {pk}" if return_ids else ""
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start:start + per_statement]
            matrix = [_column(chunk, field, adapt, constants) for field, adapt in zip(fields, adapters, strict=True)]
            if connection.vendor == "postgresql":
                # One array per column, as Django's own bulk insert does on PostgreSQL: a short query
                # with a handful of parameters instead of thousands of placeholders to bind.
                arrays = ", ".join(f"(%s)::{f.db_type(connection).split('(')[0]}[]" for f in fields)
                sql = f"INSERT INTO {table} ({columns}) SELECT * FROM UNNEST({arrays}){returning}"  # noqa: S608
                params = matrix
            else:
                count = len(matrix[0])
                values = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * count)
                sql = f"INSERT INTO {table} ({columns}) VALUES {values}{returning}"  # noqa: S608
                params = [column[i] for i in range(count) for column in matrix]
            cursor.execute(sql, params)
            if return_ids:
                # Rows come back in insertion order on both databases, as bulk_create also relies on.
                ids.extend(row[0] for row in cursor.fetchall())
    return ids
