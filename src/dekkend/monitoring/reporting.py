"""Reporting views on PostgreSQL for BI tools (Power BI): stable, documented, already
suppressed for partner use, no pupil-level data. Created by migration 0004 on PostgreSQL only
(SQLite skips them); docs/monitoring.md describes the columns and the read-only role.

They read the current snapshots (``./dekkend manage snapshot_indicators``), never the live
records: a figure in the BI tool is one that was stored, with the moment it was taken.
Stability promise: columns are only ever added at the end, never renamed or removed; a breaking
change gets a new view name (``…_v2``).
"""

SCHEMA = "reporting"  # the schema a BI role is granted (docs/monitoring.md)

CREATE = [
    "CREATE SCHEMA IF NOT EXISTS reporting",
    """
    CREATE VIEW reporting.indicator_catalogue AS
    SELECT i.code AS indicator_code,
           i.name AS indicator_name,
           i.theme,
           i.definition,
           i.formula,
           i.unit,
           i.direction,
           i.target_value,
           i.target_label,
           i.source,
           i.sector,
           i.swv_code AS plan_swv_code
      FROM monitoring_indicator i
     WHERE i.audience::jsonb ? 'partner'
    """,
    """
    CREATE VIEW reporting.indicator_values AS
    SELECT s.indicator_code,
           w.code AS swv_code,
           w.name AS swv_name,
           s.period,
           s.year,
           s.level,
           c.key AS cell_key,
           c.label AS cell_name,
           c."group" AS parent_key,
           CASE WHEN c.partner_suppressed THEN NULL ELSE c.value END AS value,
           CASE WHEN c.partner_suppressed THEN NULL ELSE c.numerator END AS count,
           CASE WHEN c.partner_suppressed THEN NULL ELSE c.denominator END AS base,
           CASE WHEN c.partner_suppressed THEN NULL ELSE c.p25 END AS p25,
           CASE WHEN c.partner_suppressed THEN NULL ELSE c.median END AS median,
           CASE WHEN c.partner_suppressed THEN NULL ELSE c.p75 END AS p75,
           c.partner_suppressed AS suppressed,
           s.taken_at
      FROM monitoring_snapshotcell c
      JOIN monitoring_snapshot s ON s.id = c.snapshot_id
      JOIN organisations_swv w ON w.id = s.swv_id
      JOIN monitoring_indicator i ON i.code = s.indicator_code
     WHERE s.is_current
       AND s.months = 12
       AND i.audience::jsonb ? 'partner'
    """,
]

DROP = [
    "DROP VIEW IF EXISTS reporting.indicator_values",
    "DROP VIEW IF EXISTS reporting.indicator_catalogue",
    "DROP SCHEMA IF EXISTS reporting RESTRICT",
]


def create_views(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE:
        schema_editor.execute(statement)


def drop_views(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP:
        schema_editor.execute(statement)
