"""Publishing a rule table: from the data file, idempotent, versioned, the same answers."""

from pathlib import Path

import pytest
import yaml

from dekkend.audit.services import AuditContext
from dekkend.network.models import Criterion, RuleTable
from dekkend.network.rules import DATA_DIR, Profile, assess, validate_data
from dekkend.network.selectors import table_for
from dekkend.network.services import rule_table_load
from dekkend.organisations.tests.factories import SwvFactory

from .profiles import levels

pytestmark = pytest.mark.django_db
SYSTEM = AuditContext(purpose="test")


class RuleTableLoadTests:
    def test_loads_every_row_of_the_file(self):
        rule_table = rule_table_load(swv=SwvFactory(), context=SYSTEM)
        rows = yaml.safe_load((DATA_DIR / "almere.yaml").read_text())["criteria"]
        assert rule_table.criteria.count() == len(rows)
        assert rule_table.criteria.filter(is_active=False).count() == 5

    def test_loading_twice_changes_nothing(self):
        swv = SwvFactory()
        first = rule_table_load(swv=swv, context=SYSTEM)
        second = rule_table_load(swv=swv, context=SYSTEM)
        assert first.pk == second.pk
        assert RuleTable.objects.count() == 1 and Criterion.objects.count() == first.criteria.count()

    def test_a_new_version_keeps_the_old_one_and_becomes_current(self, tmp_path: Path):
        swv = SwvFactory()
        old = rule_table_load(swv=swv, context=SYSTEM)
        data = yaml.safe_load((DATA_DIR / "almere.yaml").read_text())
        data.update(version="2026-1", published_on="2026-08-01")
        data["criteria"] = [row for row in data["criteria"] if row["key"] != "so-2-c"]
        new_file = tmp_path / "almere-2026.yaml"
        new_file.write_text(yaml.safe_dump(data, allow_unicode=True))

        new = rule_table_load(swv=swv, path=new_file, context=SYSTEM)

        assert RuleTable.objects.filter(swv=swv).count() == 2 and old.criteria.filter(key="so-2-c").exists()
        assert table_for(swv).version == "2026-1"
        options = assess(Profile("po", levels(gedrag=5)), table_for(swv))
        assert next(o for o in options if o.provision_type == "so").funding_category == 1
        assert new.criteria.count() == old.criteria.count() - 1

    def test_the_stored_table_answers_like_the_file(self, table):
        swv = SwvFactory()
        rule_table_load(swv=swv, context=SYSTEM)
        stored = table_for(swv)
        for given in ({"leren": 4}, {"leren": 5, "gedrag": 5}, {"fysiek": 6}, {"leren": 2}):
            profile = Profile("po", levels(**given), emb=True, iq=30)
            expected = [(o.provision_type, o.funding_category) for o in assess(profile, table)]
            assert [(o.provision_type, o.funding_category) for o in assess(profile, stored)] == expected

    def test_an_swv_without_a_table_gets_the_shipped_one(self):
        assert table_for(SwvFactory()).swv == "almere"


class RuleTableFileTests:
    def test_the_shipped_file_is_sound(self):
        assert validate_data(yaml.safe_load((DATA_DIR / "almere.yaml").read_text())) == []

    def test_an_unknown_area_or_level_is_refused(self):
        data = {
            "criteria": [
                {"key": "x", "provision_type": "so", "source": "s:1", "explanation": "e", "all_of": {"lezen": [4, 7]}}
            ]
        }
        problems = validate_data(data)
        assert any("unknown area" in p for p in problems) and any("within 1-6" in p for p in problems)
