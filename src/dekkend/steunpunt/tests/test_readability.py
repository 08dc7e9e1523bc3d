"""The readability check (Flesch-Douma, docs/steunpunt.md): the formula and the Dutch syllable
counter at known words, and every public page and every letter template of the project at B1,
the key steps at A2 (001_28cb0100de53310c.txt:1801-1809)."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from dekkend.steunpunt import content, readability
from dekkend.steunpunt.readability import flesch_douma, syllables

from .test_public_pages import page_urls


class SyllableTests:
    @pytest.mark.parametrize(
        "word,count",
        [
            ("school", 1),
            ("kinderen", 3),
            ("ondersteuning", 4),
            ("leerplichtambtenaar", 5),
            ("vrij", 1),
            ("eeuw", 1),
            ("ideeën", 3),
            ("België", 3),
            ("uitvoeren", 3),
        ],
    )
    def test_dutch_words(self, word, count):
        assert syllables(word) == count


class FormulaTests:
    def test_the_douma_formula(self):
        # 7 words, 2 sentences, 7 syllables: 206.835 - 0.93 * 3.5 - 77 * 1 = 126.58
        score = flesch_douma("Ik lees een boek. Het is mooi.")
        assert (score.words, score.sentences, score.syllables, score.score) == (7, 2, 7, 126.6)

    def test_long_sentences_with_long_words_fall_below_b1(self):
        text = (
            "De zorgplichtige onderwijsinstelling dient, indien zij zelf geen passend onderwijsaanbod kan "
            "verzorgen, zorg te dragen voor een alternatieve onderwijsvoorziening die de leerling wel een "
            "passend onderwijsaanbod kan realiseren overeenkomstig de wettelijke bepalingen."
        )
        assert not flesch_douma(text).is_b1

    def test_short_plain_sentences_are_a2(self):
        assert flesch_douma("Je hebt een vraag. Je belt ons. Wij helpen je.").is_a2

    def test_empty_text(self):
        assert flesch_douma("").score == 100.0


@pytest.mark.django_db
def test_every_public_page_reads_at_b1(world):
    client = Client()
    for url in page_urls(world["swv"]):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
        score = flesch_douma(readability.html_text(html))
        assert score.is_b1, f"{url} scores {score.score}"


def test_the_key_steps_read_at_a2():
    with translation.override("nl"):
        for page in content.PAGES:
            if page.a2_steps:
                score = flesch_douma("\n\n".join(str(step) for step in page.a2_steps))
                assert score.is_a2, f"/{page.slug}: {score.score}"


def test_every_public_text_is_translated_to_dutch():
    with translation.override("nl"):
        dutch = content.all_texts()
    with translation.override("en"):
        english = content.all_texts()
    untranslated = [text for text, source in zip(dutch, english, strict=True) if text == source and " " in text]
    assert not untranslated


@pytest.mark.parametrize("path", readability.letter_templates(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_letter_template_reads_at_b1(path):
    score = flesch_douma(readability.template_text(path.read_text(encoding="utf-8")))
    assert score.is_b1, f"{path} scores {score.score}"


def test_the_command_lists_every_page_and_letter(capsys):
    call_command("check_readability")
    output = capsys.readouterr().out
    assert output.count("page /") >= len(content.PAGES)
    assert output.count("letter ") == len(readability.letter_templates())
