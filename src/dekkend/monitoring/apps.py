from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_catalogue(sender, **kwargs) -> None:
    """The indicator catalogue is data in the repository: load it after every migrate."""
    from django.db import connections

    from .services import catalogue_load

    connection = connections[kwargs.get("using", "default")]
    if "monitoring_indicator" in connection.introspection.table_names():
        catalogue_load()


class MonitoringConfig(AppConfig):
    name = "dekkend.monitoring"

    def ready(self) -> None:
        post_migrate.connect(_load_catalogue, sender=self)
