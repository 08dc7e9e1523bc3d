"""Secure by default: every page needs a sign-in, except the pages listed here.

``LoginRequiredMiddleware`` sends an anonymous visitor of any page to the sign-in page unless
the view is marked ``@login_not_required``. This test walks every URL of the site, so a new
public page (or a page that became public by accident) fails here until it is added to
``PUBLIC_PAGES`` on purpose. The API's DRF views answer for themselves: DRF authenticates
every request and the authorisation matrix (api/tests/test_authorisation_matrix.py) covers each
route; its plain Django views (the documentation page, the JSON 404) are checked here.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.views import APIView

# Pages anyone may open without signing in -- none of them shows pupil data.
PUBLIC_PAGES = {
    "health",  # the load balancer's check
    "accounts:login",
    "admin:login",
    "api:docs",  # the API's documentation (its schema is public too)
    "network:home",  # the maps of every SWV
    "network:map",  # the public dekkend-netwerk map (Bijlage IV): provisions, no pupils
    "network:group",  # one group of the map: its profile and places
    "steunpunt:public_index",  # "Zo helpen we jou" and the other pages for parents and youth
    "steunpunt:public_home",
    "steunpunt:public_page",
    "steunpunt:question_form",
    "steunpunt:question_sent",
    "steunpunt:survey_answer",  # a satisfaction survey, opened with a one-time link; anonymous
    "steunpunt:survey_thanks",
}

# Dummy values for the URL converters: the middleware decides before the view looks anything up.
SAMPLE_VALUES = {"int": 1, "slug": "x", "str": "x", "path": "x"}


def _site_pages(resolver=None, namespace: str = ""):
    """(name, route pattern) of every named page that is not a DRF view."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _site_pages(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and not _is_drf(pattern.callback):
            yield f"{namespace}{pattern.name}", pattern


def _is_drf(view) -> bool:
    return isinstance(getattr(view, "cls", None), type) and issubclass(view.cls, APIView)


def _is_public(view) -> bool:
    return getattr(view, "login_required", True) is False


def _sample_url(name: str, pattern: URLPattern) -> str:
    converters = pattern.pattern.converters
    kwargs = {
        key: SAMPLE_VALUES.get(type(converter).__name__.removesuffix("Converter").lower(), 1)
        for key, converter in converters.items()
    }
    # A regex route (the admin's app list) takes the first alternative of each named group.
    for key, alternatives in re.findall(r"\(\?P<(\w+)>([^)]*)\)", str(pattern.pattern)):
        kwargs.setdefault(key, alternatives.split("|")[0])
    return reverse(name, kwargs=kwargs)


SITE_PAGES = dict(_site_pages())


def test_the_public_pages_are_exactly_the_listed_ones():
    public = {name for name, pattern in SITE_PAGES.items() if _is_public(pattern.callback)}
    assert public == PUBLIC_PAGES, (
        "A page's public status changed. Made public on purpose (no pupil data)? Add it to PUBLIC_PAGES. "
        f"Public, not listed: {sorted(public - PUBLIC_PAGES)}; listed, not public: {sorted(PUBLIC_PAGES - public)}"
    )


@pytest.mark.parametrize("name", sorted(set(SITE_PAGES) - PUBLIC_PAGES))
def test_an_anonymous_visitor_is_sent_to_the_sign_in_page(client, db, name):
    url = _sample_url(name, SITE_PAGES[name])
    response = client.get(url)
    assert response.status_code == 302, (name, url, response.status_code)
    # The admin's own pages send to its sign-in page (it asks for staff status too).
    sign_in_pages = [reverse("accounts:login")] + ([reverse("admin:login")] if name.startswith("admin:") else [])
    assert any(response["Location"].startswith(page + "?next=") for page in sign_in_pages), response["Location"]


@pytest.mark.parametrize("name", sorted(PUBLIC_PAGES))
def test_a_public_page_does_not_ask_for_a_sign_in(client, db, name):
    response = client.get(_sample_url(name, SITE_PAGES[name]))
    # 404 is fine for the dummy SWV code: what matters is that nobody is sent to sign in.
    assert not (response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")))
    assert response.status_code in (200, 404)
