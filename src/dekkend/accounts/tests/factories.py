import factory

from dekkend.accounts.models import Role, RoleAssignment, User
from dekkend.organisations.tests.factories import SwvFactory

PASSWORD = "een-lang-test-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.SECRETARIAT
    swv = factory.SubFactory(SwvFactory)


def user_with_role(role: str, **scope) -> User:
    """A user holding one role; ``scope`` gives swv, school or board (school implies its swv,
    board needs an swv)."""
    school = scope.get("school")
    if school is not None:
        scope.setdefault("swv", school.swv)
    if role == Role.ADMIN:
        scope.setdefault("swv", None)
    return RoleAssignmentFactory(role=role, **scope).user
