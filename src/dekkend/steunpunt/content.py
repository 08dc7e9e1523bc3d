"""The texts of the public steunpunt pages, for parents and young people.

Written for B1 (short sentences, common words); the key steps also at A2 (001_28cb0100de53310c.txt:
1801-1809). The topics are the website topics of Bijlage VI (001_28cb0100de53310c.txt:3254-3264).
Every fact is general (national rules as the Almere plan states them, with the line) or comes from
the SWV's own data (its :class:`SteunpuntProfile`, parents' hours and escalation ladder); no text
here states a fact about one SWV. ``docs/steunpunt.md`` lists the sources; the readability test
checks every text.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    heading: object
    paragraphs: tuple = ()
    source: str = ""


@dataclass(frozen=True)
class Page:
    slug: str
    title: object
    intro: object
    sections: tuple = ()
    a2_steps: tuple = field(default=())  # the key steps again, in very simple language (A2)
    show: tuple = ()  # data blocks the template adds: "contact", "hours", "ladder", "map", "links"


PAGES = (
    Page(
        slug="",
        title=_("This is how we help you"),
        intro=_("Do you have a question about school and support? Ask us. We listen. We help you find the way."),
        sections=(
            Section(
                _("Who are we?"),
                (
                    _("We are the steunpunt. We are not part of a school."),
                    _("Parents and young people can come to us. We give information and help about school."),
                ),
                "001_28cb0100de53310c.txt:5435-5437",
            ),
            Section(
                _("How can you reach us?"),
                (
                    _("You can call us during the parents' hours. The times are below."),
                    _("Is it another time? Then call the main number. We will call you back."),
                    _("You can also send us your question with the form."),
                ),
                "001_28cb0100de53310c.txt:3246-3252",
            ),
            Section(
                _("What do we do with your question?"),
                (
                    _("We read your question. We give a clear answer. We tell you what the next step is."),
                    _("We also ask if our help was good. That way we learn."),
                ),
                "001_28cb0100de53310c.txt:1821-1831; 003_d11f7d0de4f96991.txt:9",
            ),
        ),
        a2_steps=(
            _("You have a question about school."),
            _("You call us or you fill in the form."),
            _("We give you an answer."),
        ),
        show=("contact", "hours"),
    ),
    Page(
        slug="school-vinden",
        title=_("How do I find a school?"),
        intro=_("Every child needs a school that fits. Here you read how to find one."),
        sections=(
            Section(
                _("Sign up at a school"),
                (
                    _("You sign up your child at a school. From then on, that school must help."),
                    _("Can the school not give the support your child needs?"),
                    _("Then it looks for another school that can."),
                    _("Until then, your child can still learn at the school."),
                ),
                "001_28cb0100de53310c.txt:5732-5742",
            ),
            Section(
                _("Talk together"),
                (_("The school, you and the new school talk together. Together you look for the best place."),),
                "001_28cb0100de53310c.txt:2235-2240",
            ),
            Section(
                _("See all schools and places on the map"),
                (_("On the map you see the schools and special places in the region."),),
                "001_28cb0100de53310c.txt:3268-3271",
            ),
        ),
        a2_steps=(
            _("Choose a school."),
            _("Sign up your child."),
            _("The school helps you look for a good place."),
        ),
        show=("map",),
    ),
    Page(
        slug="extra-ondersteuning",
        title=_("My child needs extra support"),
        intro=_("Does your child need more help at school? Here you read what you can do."),
        sections=(
            Section(
                _("Start at school"),
                (
                    _("Talk to the teacher first. Or talk to the person who helps children with extra needs."),
                    _("The school makes a plan with you. You may say what you think of the plan."),
                ),
                "001_28cb0100de53310c.txt:5682-5692",
            ),
            Section(
                _("A special school"),
                (
                    _("Sometimes a special school fits better for a while."),
                    _("Then the school asks for a permit. That permit is called a TLV."),
                    _("The school asks for it after a talk with you. Your view is part of the request."),
                ),
                "001_28cb0100de53310c.txt:2536-2545, 5682",
            ),
            Section(
                _("Do you not agree?"),
                (_("Do you not agree with the decision? Then you can object. Ask us how that works."),),
                "001_28cb0100de53310c.txt:6522-6529",
            ),
        ),
        a2_steps=(
            _("Talk to the teacher."),
            _("Make a plan with the school."),
            _("Do you need more help? Call us."),
        ),
        show=("contact",),
    ),
    Page(
        slug="wie-doet-wat",
        title=_("Who does what?"),
        intro=_("Many people help children at school. Here you see who does what."),
        sections=(
            Section(
                _("The school"),
                (_("The school gives your child education and support. Ask the school first."),),
                "001_28cb0100de53310c.txt:5732-5742",
            ),
            Section(
                _("The steunpunt"),
                (_("We give you information and help. We are not part of a school."),),
                "001_28cb0100de53310c.txt:5435-5437",
            ),
            Section(
                _("When it gets stuck"),
                (
                    _("Sometimes a problem gets stuck. Then it goes one step up. At each step other people help."),
                    _("Below you see the steps in our region."),
                ),
                "001_28cb0100de53310c.txt:1627-1631; 004_1b42683098db768b.txt:104",
            ),
        ),
        a2_steps=(
            _("First ask the school."),
            _("Then ask us."),
        ),
        show=("ladder",),
    ),
    Page(
        slug="veelgestelde-vragen",
        title=_("Frequently asked questions"),
        intro=_("Here you find answers to questions that parents often ask."),
        sections=(
            Section(
                _("What is a TLV?"),
                (_("A TLV is a permit. With it, your child may go to a special school."),),
                "001_28cb0100de53310c.txt:2540-2545",
            ),
            Section(
                _("Who must look for a school?"),
                (_("The school where you signed up your child. It must look for a school that fits."),),
                "001_28cb0100de53310c.txt:5732-5738",
            ),
            Section(
                _("Is the steunpunt part of the school?"),
                (_("No. We work on our own. We help you and your child."),),
                "001_28cb0100de53310c.txt:5435-5437",
            ),
            Section(
                _("Can I object to a decision?"),
                (_("Yes. You can object to a decision about a TLV."),),
                "001_28cb0100de53310c.txt:6522-6529",
            ),
        ),
        show=("contact",),
    ),
    Page(
        slug="landelijke-informatie",
        title=_("National information"),
        intro=_("Here you find national information and useful websites."),
        sections=(
            Section(
                _("Useful websites"),
                (_("These websites explain the rules for the whole country."),),
                "001_28cb0100de53310c.txt:3266",
            ),
        ),
        show=("links",),
    ),
)

PAGE_BY_SLUG = {page.slug: page for page in PAGES}

# National websites (government and national bodies; not about one SWV).
NATIONAL_LINKS = (
    (
        _("Government: passend onderwijs"),
        "https://www.rijksoverheid.nl/onderwerpen/passend-onderwijs",
        _("Here you read the rules of the government."),
    ),
    (
        _("Education consultants (onderwijsconsulenten)"),
        "https://www.onderwijsconsulenten.nl/",
        _("Do you and the school not find a way? They help you for free."),
    ),
    (
        _("Disputes committee passend onderwijs"),
        "https://www.onderwijsgeschillen.nl/",
        _("Do you not agree with the school? Here you can ask for a ruling."),
    ),
)

# The question form's confirmation (B1).
CONFIRMATION = (
    _("Thank you. We have your question."),
    _("We will answer you as soon as we can. Did you give a phone number? Then we may call you."),
)


def all_texts() -> list[str]:
    """Every public text (as the current language renders it), for the readability check."""
    texts = []
    for page in PAGES:
        texts += [str(page.title), str(page.intro)]
        for section in page.sections:
            texts += [str(section.heading), *[str(p) for p in section.paragraphs]]
        texts += [str(step) for step in page.a2_steps]
    texts += [str(description) for _label, _url, description in NATIONAL_LINKS]
    return texts + [str(line) for line in CONFIRMATION]
