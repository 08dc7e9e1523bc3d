from django.apps import AppConfig


class BasicsupportConfig(AppConfig):
    name = "dekkend.basicsupport"
