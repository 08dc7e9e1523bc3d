from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEMO_PASSWORD = "dekkend-demo"  # noqa: S105 -- public by design, refused in production


class DemoPasswordValidator:
    """The published demo password can never be a real password in production."""

    def validate(self, password: str, user=None) -> None:
        if settings.DEKKEND_ENV == "production" and password == DEMO_PASSWORD:
            raise ValidationError(_("This is the public demo password; choose another."), code="demo_password")

    def get_help_text(self) -> str:
        return _("Your password cannot be the public demo password.")
