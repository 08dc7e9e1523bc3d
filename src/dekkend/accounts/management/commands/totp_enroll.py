from base64 import b32encode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dekkend.accounts import services
from dekkend.audit.services import AuditContext


class Command(BaseCommand):
    help = (
        "Enrol a TOTP second factor for a user and print the provisioning URI (otpauth://) and key. "
        "Hand them to the user over a safe channel; they are shown only once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--replace", action="store_true", help="Remove the user's existing devices first (e.g. a lost phone)."
        )

    def handle(self, *args, username: str, replace: bool, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist as exc:
            raise CommandError(f"No user with username {username!r}.") from exc
        context = AuditContext(purpose="manage totp_enroll", extra={"via": "management command"})
        try:
            device = services.totp_device_enroll(user=user, replace=replace, context=context)
        except services.SecondFactorAlreadyEnrolled as exc:
            raise CommandError(
                f"{username} already has a confirmed second factor; use --replace to replace it."
            ) from exc
        self.stdout.write(device.config_url)
        self.stdout.write(f"key: {b32encode(device.bin_key).decode('ascii')}")
