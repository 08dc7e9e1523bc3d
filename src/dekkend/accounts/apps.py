from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dekkend.accounts"

    def ready(self) -> None:
        from . import signals  # noqa: F401 -- connects the sign-in receivers
