"""The indicator catalogue: loaded from the YAML, every computed entry has its function, and
every cited seed line exists."""

import re
from pathlib import Path

import pytest
import yaml

from dekkend.monitoring.indicators import REGISTRY
from dekkend.monitoring.models import Indicator
from dekkend.monitoring.services import CATALOGUE_PATH, catalogue_load

pytestmark = pytest.mark.django_db
SEEDS = Path("/work/shared/seeds")
CITATION = re.compile(r"seeds/(?P<file>\d{3}_[0-9a-f]+\.txt):(?P<lines>[\d,\-]+)")


def test_every_entry_is_loaded_and_loading_twice_changes_nothing():
    entries = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    assert catalogue_load() == len(entries) == Indicator.objects.count()
    assert catalogue_load() == Indicator.objects.count()


def test_every_computed_entry_names_a_registered_function_with_its_source_in_the_docstring():
    for entry in Indicator.objects.exclude(function=""):
        function, _spec = REGISTRY[entry.function]
        assert function.__doc__


def test_entries_that_are_not_computed_say_why():
    for entry in Indicator.objects.filter(function=""):
        assert entry.status


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed texts are not on this machine")
def test_every_cited_seed_line_exists():
    for entry in Indicator.objects.all():
        citations = list(CITATION.finditer(entry.source))
        assert citations or "MEASURES.md" in entry.source, entry.code
        for citation in citations:
            lines = (SEEDS / citation["file"]).read_text(encoding="utf-8").splitlines()
            for part in citation["lines"].split(","):
                first, _, last = part.partition("-")
                for number in (int(first), int(last or first)):
                    assert lines[number - 1].strip(), f"{entry.code}: line {number} is empty"


def test_every_national_benchmark_names_its_source():
    for entry in Indicator.objects.exclude(benchmark={}):
        assert entry.benchmark_source, entry.code


def test_the_national_so_share_is_a_line_in_the_trend_plot_with_its_source(client):
    from django.urls import reverse

    from dekkend.accounts.models import Role
    from dekkend.accounts.tests.factories import user_with_role

    from .factories import world

    w = world()
    client.force_login(user_with_role(Role.POLICY, swv=w["swv"]))
    html = client.get(reverse("monitoring:dashboard"), {"period": "2022"}).content.decode()
    section = html[html.index('id="indicator-doorverwijzing-so"') : html.index('id="indicator-doorverwijzing-sbo"')]
    assert "Landelijk" in section  # the series in the plot's legend and the table's column
    assert "2,10%" in section and "2,30%" in section  # 2019 and 2022 (OCW: 2018-2019, 2021-2022)
    assert "Landelijke cijfers 2018, 2019, 2020, 2021, 2022: OCW in cijfers" in section
