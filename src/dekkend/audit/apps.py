from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dekkend.audit"
