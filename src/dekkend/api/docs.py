"""A plain HTML page listing the API's operations, rendered from the OpenAPI schema.

drf-spectacular's Swagger UI and ReDoc load their JavaScript from a CDN unless the
``drf-spectacular-sidecar`` package is installed, and they run inline scripts that our
Content Security Policy refuses. Dekkend loads nothing from the internet, so this page is
rendered here from the same schema that ``/api/v1/schema/`` serves.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.generators import SchemaGenerator

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def _operations(schema: dict) -> list[dict]:
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation.get("operationId", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {"name": p["name"], "location": p["in"], "description": p.get("description", "")}
                        for p in operation.get("parameters", [])
                    ],
                    "tag": (operation.get("tags") or [""])[0],
                }
            )
    return operations


@login_not_required  # the API's documentation, like its schema, is public
def api_docs(request: HttpRequest) -> HttpResponse:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return render(
        request,
        "api/docs.html",
        {"info": schema.get("info", {}), "operations": _operations(schema)},
    )


@login_not_required  # a JSON 404 for any unknown API path, signed in or not
def not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"detail": _("Not found.")}, status=404)
