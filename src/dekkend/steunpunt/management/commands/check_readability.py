"""``manage.py check_readability``: the Flesch-Douma score of every public steunpunt page and every
letter template (``*letter*.html`` in any app), in Dutch. Exit code 1 when one is below B1."""

from django.core.management.base import BaseCommand
from django.utils import translation

from dekkend.steunpunt import content, readability


def page_text(page) -> str:
    parts = [page.title, page.intro]
    for section in page.sections:
        parts += [section.heading, *section.paragraphs]
    if "links" in page.show:
        parts += [f"{label}. {description}" for label, _url, description in content.NATIONAL_LINKS]
    return "\n\n".join(str(part) for part in parts)


class Command(BaseCommand):
    help = "List the Dutch readability (Flesch-Douma) of the public pages and the letter templates."

    def handle(self, *args, **options):
        rows = []
        with translation.override("nl"):
            for page in content.PAGES:
                rows.append((f"page /{page.slug}", readability.flesch_douma(page_text(page)), readability.B1_MINIMUM))
                if page.a2_steps:
                    steps = "\n\n".join(str(step) for step in page.a2_steps)
                    rows.append(
                        (f"page /{page.slug} A2 steps", readability.flesch_douma(steps), readability.A2_MINIMUM)
                    )
        for path in readability.letter_templates():
            text = readability.template_text(path.read_text(encoding="utf-8"))
            rows.append(
                (f"letter {path.parent.name}/{path.name}", readability.flesch_douma(text), readability.B1_MINIMUM)
            )
        failing = 0
        for name, score, minimum in rows:
            ok = score.score >= minimum
            failing += not ok
            self.stdout.write(
                f"{'ok ' if ok else 'LOW'} {score.score:6.1f} ({score.level}, {score.words} words, "
                f"{score.sentences} sentences)  {name}"
            )
        if failing:
            self.stderr.write(f"{failing} text(s) below their level.")
            raise SystemExit(1)
