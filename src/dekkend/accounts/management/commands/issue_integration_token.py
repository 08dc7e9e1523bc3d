from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from dekkend.accounts.models import IntegrationToken, User
from dekkend.core.permissions import Action


class Command(BaseCommand):
    help = "Issue a scoped API token to a service account for an external system; prints the token once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--description", required=True)
        parser.add_argument("--scope", action="append", required=True, choices=[a.value for a in Action])
        parser.add_argument("--days", type=int, default=365)

    def handle(self, *args, username, description, scope, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        with transaction.atomic():
            Token.objects.filter(user=user).delete()
            token = Token.objects.create(user=user)
            IntegrationToken.objects.create(
                token=token,
                description=description,
                scopes=sorted(set(scope)),
                expires_at=timezone.now() + timedelta(days=days),
            )
        self.stdout.write(token.key)
