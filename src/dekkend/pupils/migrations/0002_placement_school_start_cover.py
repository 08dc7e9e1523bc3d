"""A covering index on placements by school and start date, on PostgreSQL: the monitoring counts
on a teldatum then read the index only, instead of one table page per placement (at 50,000
pupils per SWV the 2026 dashboard went from 294-343 ms to 223-259 ms; docs/monitoring.md).
SQLite has no covering indexes (INCLUDE), and its demo databases are small."""

from django.db import migrations

FORWARD = (
    "CREATE INDEX IF NOT EXISTS placement_school_start_cover ON pupils_placement (school_id, start_date) "
    "INCLUDE (end_date, pupil_id, reason, provision_id)"
)
REVERSE = "DROP INDEX IF EXISTS placement_school_start_cover"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("pupils", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
