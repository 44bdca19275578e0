"""The database itself refuses to change or remove a settlement ledger entry.

PostgreSQL: a trigger raises on UPDATE and DELETE (TRUNCATE, which only whole-table
resets such as the test runner's flush use, is left alone). SQLite: a trigger raises
on UPDATE; DELETE stays possible there because Django's test flush empties tables
with DELETE — the model and its queryset still refuse deletes on every database.
Note for later migrations: SQLite rebuilds a table to alter it, which drops its
triggers; recreate them after any such change.
"""

from django.db import migrations

TABLE = "sales_ledgerentry"

# One statement per item, run without parameters (so "%" is not a placeholder).
POSTGRES_CREATE = [
    """
    CREATE OR REPLACE FUNCTION sales_ledger_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'settlement ledger entries are append-only: % refused', TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER sales_ledger_append_only
        BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION sales_ledger_append_only()
    """,
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS sales_ledger_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS sales_ledger_append_only()",
]
SQLITE_CREATE = [
    f"""
    CREATE TRIGGER sales_ledger_no_update BEFORE UPDATE ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'settlement ledger entries are append-only: UPDATE refused');
    END
    """
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS sales_ledger_no_update"]
STATEMENTS = {
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
}


def create_triggers(apps, schema_editor):
    create, _drop = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for statement in create:
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    _create, drop = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for statement in drop:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("sales", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
