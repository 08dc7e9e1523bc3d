from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "dekkend.finance"
