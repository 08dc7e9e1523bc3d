"""A provision hosted by a regular school shows that school's name on the network page."""

import pytest

from dekkend.accounts.models import Role
from dekkend.accounts.tests.factories import user_with_role
from dekkend.organisations.tests.factories import ProvisionFactory, SwvFactory

pytestmark = pytest.mark.django_db


def test_host_named_only_in_the_source_is_shown(client):
    swv = SwvFactory()
    ProvisionFactory(swv=swv, name="TOS-arrangement", kind="arrangement", host_name="De Polderhof")
    client.force_login(user_with_role(Role.SECRETARIAT, swv=swv))
    for url in ("/netwerk/", f"/netwerk/{swv.provisions.get().pk}/"):
        assert "De Polderhof" in client.get(url).content.decode()
