"""A Dutch readability measure: Flesch-Douma (Douma 1960, the Dutch adaptation of Flesch's
Reading Ease):

    score = 206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)

Higher is easier. Our thresholds (a choice, documented in docs/steunpunt.md): B1 needs at least
60 ("fairly easy"), A2 at least 70 ("easy"). The Bijlage III goal asks for B1 for all information
and A2 for the important steps for children and young people (001_28cb0100de53310c.txt:1801-1809).

The syllable counter counts groups of vowels (a, e, i, o, u, y; "ij" is one vowel sound). A vowel
with a diaeresis (ë, ï, ö, ü) starts a new syllable (ideeën, België). It is an estimate, good to
about one syllable in twenty on common Dutch words, which is enough for a text average.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

B1_MINIMUM = 60.0
A2_MINIMUM = 70.0

_VOWELS = "aeiouyáéíóúàèìòùâêîôû"
_DIAERESIS = "ëïöü"
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)|\n\s*\n")


def syllables(word: str) -> int:
    """Estimated syllables of one Dutch word (at least 1)."""
    word = word.lower().replace("ij", "y")
    count, previous_vowel = 0, False
    for char in word:
        if char in _DIAERESIS:
            count += 1
            previous_vowel = True
        elif char in _VOWELS:
            if not previous_vowel:
                count += 1
            previous_vowel = True
        else:
            previous_vowel = False
    return max(count, 1)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> int:
    parts = [part for part in _SENTENCE_END.split(text) if words(part)]
    return max(len(parts), 1)


@dataclass(frozen=True)
class Score:
    score: float
    words: int
    sentences: int
    syllables: int

    @property
    def level(self) -> str:
        if self.score >= A2_MINIMUM:
            return "A2"
        return "B1" if self.score >= B1_MINIMUM else "B2+"

    @property
    def is_b1(self) -> bool:
        return self.score >= B1_MINIMUM

    @property
    def is_a2(self) -> bool:
        return self.score >= A2_MINIMUM


def flesch_douma(text: str) -> Score:
    """The Flesch-Douma score of a Dutch text (an empty text scores 100)."""
    found = words(text)
    if not found:
        return Score(100.0, 0, 0, 0)
    sentence_count = sentences(text)
    syllable_count = sum(syllables(word) for word in found)
    score = 206.835 - 0.93 * (len(found) / sentence_count) - 77 * (syllable_count / len(found))
    return Score(round(score, 1), len(found), sentence_count, syllable_count)


class _TextOf(HTMLParser):
    """The readable text of an HTML page: the <main> element, without scripts, styles, forms'
    technical parts and SVG; each block element ends a sentence-like unit."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "label", "button", "caption", "title"}
    SKIP = {"script", "style", "svg", "select", "option", "textarea"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.in_main = 0
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        if tag in self.SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_main and not self.skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The text inside <main> of an HTML page (the whole body when it has no <main>)."""
    parser = _TextOf()
    if "<main" not in html:
        html = f"<main>{html}</main>"
    parser.feed(html)
    return re.sub(r"[ \t]+", " ", "".join(parser.parts)).strip()


_TRANSLATE = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.*?)\1[^%]*%}""", re.S)
_BLOCK = re.compile(r"{%\s*blocktranslate\b[^%]*%}(.*?){%\s*endblocktranslate\s*%}", re.S)
_PLURAL = re.compile(r"{%\s*plural\s*%}.*", re.S)
_VARIABLE = re.compile(r"{{\s*(\w+)[^}]*}}")
_TAG = re.compile(r"{%.*?%}|{#.*?#}|{{.*?}}", re.S)
PLACEHOLDER = "Noor"  # a short name stands in for every variable in a letter


def template_text(source: str, language: str = "nl") -> str:
    """The readable text of a Django template's source, as ``language`` renders it: translated
    strings through the catalogues, every variable replaced by a short word, tags removed.
    Needs no context, so it works for any letter template in any app."""
    from django.utils import translation

    with translation.override(language):

        def block(match):
            msgid = _PLURAL.sub("", match.group(1))
            msgid = _VARIABLE.sub(lambda m: f"%({m.group(1)})s", msgid).replace("%%", "%")
            text = translation.gettext(msgid)
            return re.sub(r"%\(\w+\)s", PLACEHOLDER, text)

        text = _BLOCK.sub(block, source)
        text = _TRANSLATE.sub(lambda m: translation.gettext(m.group(2)), text)
    text = _VARIABLE.sub(PLACEHOLDER, text)
    text = _TAG.sub(" ", text)
    return html_text(text)


def letter_templates() -> list:
    """Every template named ``*letter*.html`` in any app of the project (paths)."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    return sorted(path for path in root.glob("**/templates/**/*letter*.html"))
