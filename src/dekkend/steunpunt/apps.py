from django.apps import AppConfig


class SteunpuntConfig(AppConfig):
    name = "dekkend.steunpunt"
