"""The reporting views for BI tools (PostgreSQL only; see dekkend.monitoring.reporting)."""

from django.db import migrations

from dekkend.monitoring.reporting import create_views, drop_views


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_snapshots"),
    ]

    operations = [migrations.RunPython(create_views, drop_views)]
