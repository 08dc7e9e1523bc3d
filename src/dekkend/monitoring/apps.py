from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_catalogue(sender, **kwargs) -> None:
    """The indicator catalogue is data in the repository: load it after every migrate."""
    from django.db import connections

    from .models import Indicator
    from .services import catalogue_load

    connection = connections[kwargs.get("using", "default")]
    if "monitoring_indicator" not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        columns = {
            column.name for column in connection.introspection.get_table_description(cursor, "monitoring_indicator")
        }
    # After migrating back to before a column was added, the table is older than the model.
    if {field.column for field in Indicator._meta.concrete_fields} <= columns:
        catalogue_load()


class MonitoringConfig(AppConfig):
    name = "dekkend.monitoring"

    def ready(self) -> None:
        post_migrate.connect(_load_catalogue, sender=self)
