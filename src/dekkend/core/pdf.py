"""PDF rendering: an HTML template printed by WeasyPrint (imported lazily: it is heavy, and only
the few requests that produce a PDF should pay for loading it)."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def _static_fetcher(url: str, *args, **kwargs):
    """Serve ``static:`` URLs from the static files (fonts, logo, CSS): a PDF never fetches over
    the network."""
    from weasyprint import default_url_fetcher

    if url.startswith("static:"):
        path = finders.find(url.removeprefix("static:"))
        if path:
            return default_url_fetcher(f"file://{path}")
    if url.startswith(("file://", "data:")):
        return default_url_fetcher(url)
    raise ValueError(f"PDF rendering refuses to fetch {url!r}")


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes. Templates extend
    ``core/pdf_base.html`` for the house style (A4, page numbers, Dutch language tag)."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=_static_fetcher, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(template_name: str, context: dict, *, filename: str, inline: bool = True) -> HttpResponse:
    """A PDF as an HTTP response (shown in the browser, or downloaded when ``inline`` is false)."""
    response = HttpResponse(render_pdf(template_name, context), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
