"""The ANB as data: every question quotes its source, versions stay side by side."""

import os
from pathlib import Path

import pytest

from dekkend.basicsupport import rules
from dekkend.basicsupport.models import Aspect, CardLevel, NormVersion, Question
from dekkend.basicsupport.services import norm_version_load

from .factories import SYSTEM, RoundFactory, norm_2024, norm_2025

SEEDS = Path(os.environ.get("DEKKEND_SEEDS_DIR", "/work/shared/seeds"))
NORM_FILES = ["anb-2024.yaml", "anb-2025.yaml"]


@pytest.mark.parametrize("name", NORM_FILES)
class NormFileTests:
    def test_every_question_quotes_a_line_that_contains_it(self, name):
        lines = rules.source_lines_load()
        norm = rules.norm_file_read(rules.DATA_DIR / name)
        for question in norm.questions:
            assert rules.quote_found(question.source, question.quote, lines), (question.code, question.source)

    def test_every_question_text_carries_its_quote(self, name):
        for question in rules.norm_file_read(rules.DATA_DIR / name).questions:
            assert question.quote.lower().rstrip(".") in question.text.lower(), question.code

    def test_every_aspect_protocol_and_theme_is_named_in_its_source(self, name):
        lines = rules.source_lines_load()
        for aspect in rules.norm_file_read(rules.DATA_DIR / name).aspects:
            assert rules.quote_found(aspect.source, aspect.quote, lines), aspect.code

    def test_the_three_aspects_and_three_statutory_protocols(self, name):
        norm = rules.norm_file_read(rules.DATA_DIR / name)
        assert [a.code for a in norm.aspects if a.kind == "aspect"] == [
            "basiskwaliteit",
            "ondersteuningsbeleid",
            "ondersteuningsstructuur",
        ]
        assert len([a for a in norm.aspects if a.kind == "protocol"]) == 3

    def test_question_codes_are_unique(self, name):
        codes = [q.code for q in rules.norm_file_read(rules.DATA_DIR / name).questions]
        assert len(codes) == len(set(codes))


def test_a_quote_that_is_not_on_the_cited_line_is_not_found():
    lines = rules.source_lines_load()
    assert not rules.quote_found("001_28cb0100de53310c.txt:4704", "welke ketenpartners", lines)
    assert rules.quote_found("001_28cb0100de53310c.txt:4706", "welke ketenpartners", lines)


def test_a_word_broken_at_the_end_of_a_line_is_joined():
    lines = {1: "het structureel in kaart brengen van de onderwijs- en ondersteuningsbe-", 2: "", 3: "hoeften van"}
    assert rules.joined_lines(lines, 1, 3).endswith("ondersteuningsbehoeften van")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not on this machine")
def test_the_kept_source_lines_equal_the_seed_files():
    for name, lines in rules.source_lines_load().items():
        seed = (SEEDS / name).read_text(encoding="utf-8").split("\n")
        for number, text in lines.items():
            assert seed[number - 1] == text, (name, number)


def test_moeilijk_lerend_is_only_for_primary_schools_and_the_2025_version_adds_the_special_schools():
    norm = rules.norm_file_read(rules.DATA_DIR / "anb-2025.yaml")
    themes = {a.code: a for a in norm.aspects if a.kind == "theme"}
    assert themes["moeilijk-lerend"].variants == ("po",)
    assert {"schoolaanwezigheid", "langdurig-ziek"} <= set(themes)
    assert "sv" in norm.variants
    assert "sv" not in rules.norm_file_read(rules.DATA_DIR / "anb-2024.yaml").variants


@pytest.mark.django_db
class NormVersionLoadTests:
    def test_loads_every_question_with_its_card_levels(self):
        version = norm_2024()
        norm = rules.norm_file_read(rules.DATA_DIR / "anb-2024.yaml")
        assert Question.objects.filter(aspect__norm_version=version).count() == len(norm.questions)
        levels = CardLevel.objects.filter(norm_version=version).order_by("level")
        assert [(level.level, level.norm) for level in levels] == [
            (1, "basisnorm"),
            (2, "basisnorm"),
            (3, "streefnorm"),
            (4, "gespecialiseerd"),
        ]
        assert version.knowledge_card["items"]

    def test_loading_twice_changes_nothing(self):
        first = norm_2024()
        count = Question.objects.count()
        assert norm_2024().pk == first.pk
        assert Question.objects.count() == count

    def test_a_new_version_keeps_the_old_rounds_on_the_old_version(self):
        old = norm_2024()
        zelfscan_round = RoundFactory(norm_version=old)
        new = norm_2025()
        zelfscan_round.refresh_from_db()
        assert NormVersion.objects.count() == 2
        assert zelfscan_round.norm_version_id == old.pk
        assert not Aspect.objects.filter(norm_version=old, code="schoolaanwezigheid").exists()
        assert Aspect.objects.filter(norm_version=new, code="schoolaanwezigheid").exists()

    def test_the_command_publishes_both_versions(self):
        from django.core.management import call_command

        call_command("anb_load")
        assert set(NormVersion.objects.values_list("version", flat=True)) == {"2024-04", "2025-07"}

    def test_a_file_can_be_loaded_through_the_service(self, tmp_path):
        text = (rules.DATA_DIR / "anb-2025.yaml").read_text().replace('version: "2025-07"', 'version: "2026-01"')
        (tmp_path / "anb-2024.yaml").write_text((rules.DATA_DIR / "anb-2024.yaml").read_text())
        (tmp_path / "new.yaml").write_text(text)
        version = norm_version_load(path=tmp_path / "new.yaml", context=SYSTEM)
        assert version.version == "2026-01"
