"""The rules of the Almeerse Norm Basisondersteuning (ANB) and its zelfscan, one function each
with its source: Bijlage XI of ``seeds/001_28cb0100de53310c.txt`` (lines 4352-5676) and the
0-meting in ``seeds/002_db4167b82468325d.txt`` (lines 155-177).

The norm itself is data (``basicsupport/data/anb-*.yaml``); this module reads those files and
holds the few rules that turn answers into results.
"""

import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
CURRENT_NORM_FILE = "anb-2025.yaml"
SOURCE_LINES_FILE = DATA_DIR / "source_lines.json"

# 002_db4167b82468325d.txt:158-161: a school meets the norm when it judged "minimaal 85% van de
# vragen met voldoende of hoger"; line 613: "Voor nu rapporteren we op 85%" (no benchmark chosen
# yet, so a round may set its own).
DEFAULT_THRESHOLD = Decimal("85")
SUFFICIENT_SCORE = 3  # the answer "voldoende" on our 1-4 scale (the scale is our choice)

# Which variant of the norm a school answers: regular PO and VO schools (001:4422-4425, "alle
# reguliere scholen voor primair en voortgezet onderwijs"), the special schools as stedelijke
# voorzieningen (002:214-215, from the 2025 version on).
SCHOOL_TYPE_VARIANT = {"bao": "po", "vo": "vo", "sbo": "sv", "so": "sv", "vso": "sv", "pro": "sv"}


def variant_for_school_type(school_type: str) -> str:
    """001_28cb0100de53310c.txt:4422-4425 (regular PO and VO) and 002_db4167b82468325d.txt:214-215
    (stedelijke voorzieningen included from July 2025)."""
    return SCHOOL_TYPE_VARIANT[school_type]


def is_sufficient(score: int) -> bool:
    """002_db4167b82468325d.txt:160: "voldoende of hoger"."""
    return score >= SUFFICIENT_SCORE


def share(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal, as the source reports it (82,2%); None for nothing."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def meets_threshold(sufficient: int, questions: int, threshold: Decimal = DEFAULT_THRESHOLD) -> bool:
    """002_db4167b82468325d.txt:158-161: at least ``threshold``% of the questions voldoende or
    better. Compared exactly (no rounding first): 84.96% does not meet 85%."""
    return questions > 0 and Decimal(sufficient) * 100 >= threshold * questions


# --- Reading the norm files -------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionData:
    code: str
    text: str
    quote: str
    source: str
    variants: tuple[str, ...]
    level: int | None = None


@dataclass(frozen=True)
class AspectData:
    code: str
    kind: str
    title: str
    source: str
    variants: tuple[str, ...]
    questions: tuple[QuestionData, ...] = field(default_factory=tuple)
    quote: str = ""  # the words of the source that name it (the title, unless given)


@dataclass(frozen=True)
class NormData:
    code: str
    version: str
    title: str
    published_on: object
    source: str
    variants: tuple[str, ...]
    levels: tuple[dict, ...]
    knowledge_card: dict
    aspects: tuple[AspectData, ...]

    @property
    def questions(self) -> list[QuestionData]:
        return [question for aspect in self.aspects for question in aspect.questions]


def _read(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = data.pop("base", None)
    if base is None:
        return data
    merged = _read(path.parent / base)
    added = data.pop("themes_added", [])
    merged.update(data)
    merged["themes"] = [*merged["themes"], *added]
    return merged


def norm_file_read(path: Path | None = None) -> NormData:
    """The norm in ``path`` (default: the current version) with every question expanded: the
    aspects' own questions, one per protocol (001:5115-5120) and, per theme, the level 1-2
    statements of its ondersteuningskaart (the basisnorm; guideline 001:5184-5242)."""
    data = _read(path or DATA_DIR / CURRENT_NORM_FILE)
    all_variants = tuple(data["sectors"])

    def variants(item: dict) -> tuple[str, ...]:
        return tuple(v for v in item.get("sectors", all_variants) if v in all_variants)

    aspects = []
    for item in data["aspects"]:
        questions = tuple(
            QuestionData(q["code"], q["text"], q["quote"], q["source"], variants(q)) for q in item["questions"]
        )
        aspects.append(
            AspectData(item["code"], "aspect", item["title"], item["source"], variants(item), questions, item["title"])
        )
    for item in data["protocols"]:
        question = QuestionData(item["code"], item["question"], item["title"], item["source"], variants(item))
        aspects.append(
            AspectData(
                item["code"], "protocol", item["title"], item["source"], variants(item), (question,), item["title"]
            )
        )
    for item in data["themes"]:
        theme_variants = variants(item)
        questions = tuple(
            QuestionData(f"{item['code']}-{s['code']}", s["text"], s["quote"], s["source"], theme_variants, s["level"])
            for s in data["card_statements"]
        )
        aspects.append(
            AspectData(
                item["code"],
                "theme",
                item["title"],
                item["source"],
                theme_variants,
                questions,
                item.get("quote", item["title"]),
            )
        )
    return NormData(
        code=data["code"],
        version=str(data["version"]),
        title=data["title"],
        published_on=data["published_on"],
        source=data["source"],
        variants=all_variants,
        levels=tuple(data["levels"]),
        knowledge_card=data["knowledge_card"],
        aspects=tuple(aspects),
    )


def baseline_read() -> dict:
    """The published 0-meting (002_db4167b82468325d.txt:155-177)."""
    return yaml.safe_load((DATA_DIR / "baseline-0-meting.yaml").read_text(encoding="utf-8"))


# --- Source lines -----------------------------------------------------------------------------


def parse_source(source: str) -> tuple[str, int, int]:
    """``"001_x.txt:4698-4700"`` → (file, 4698, 4700)."""
    name, _, lines = source.partition(":")
    first, _, last = lines.partition("-")
    return name, int(first), int(last or first)


def joined_lines(lines: dict[int, str], first: int, last: int) -> str:
    """The text of lines ``first``..``last`` as one string: blank lines dropped, a word broken
    by a hyphen at a line's end joined, bullets and runs of white space made single spaces."""
    text = ""
    for number in range(first, last + 1):
        line = lines.get(number, "").replace("•", " ").strip()
        if not line:
            continue
        joins_word = text.endswith("-") and line[:1].islower()
        text = text[:-1] + line if joins_word else f"{text} {line}".strip()
    return re.sub(r"\s+", " ", text)


def source_lines_load() -> dict[str, dict[int, str]]:
    """The cited seed lines, kept with the data (``source_lines.json``) so that the check runs
    without the seed files; a test compares this excerpt with the seeds when they are present."""
    raw = json.loads(SOURCE_LINES_FILE.read_text(encoding="utf-8"))
    return {name: {int(k): v for k, v in lines.items()} for name, lines in raw.items()}


def quote_found(source: str, quote: str, lines: dict[str, dict[int, str]]) -> bool:
    name, first, last = parse_source(source)
    return re.sub(r"\s+", " ", quote.strip()) in joined_lines(lines.get(name, {}), first, last)


# --- The wijkondersteuningsprofiel ------------------------------------------------------------

THEME_LEVELS = ("below_basisnorm", "basisnorm", "streefnorm", "specialised")


def theme_level(sufficient: int, questions: int, offered: int | None, threshold: Decimal = DEFAULT_THRESHOLD) -> str:
    """Where a school stands on one theme's ondersteuningskaart. The basisnorm is levels 1-2
    (001_28cb0100de53310c.txt:5050-5078), met when the theme's questions reach the round's
    threshold (``meets_threshold``); the streefnorm is level 3 (5082-5091) and specialised
    support level 4 (5099-5106), which the school declares. The levels build on the basis
    (5281-5282: "gaat verder dan de basisondersteuning"), so a declared level 3 or 4 counts only
    when the basisnorm is met; otherwise the school is below the basisnorm for that theme."""
    if not meets_threshold(sufficient, questions, threshold):
        return "below_basisnorm"
    return {3: "streefnorm", 4: "specialised"}.get(offered, "basisnorm")
