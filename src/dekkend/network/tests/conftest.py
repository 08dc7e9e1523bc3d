import pytest

from dekkend.network.rules import default_table


@pytest.fixture(scope="session")
def table():
    return default_table()
