import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _database_unreachable(exc: BaseException | None) -> bool:
    """The database went away (restart, network, failover): a passing condition, not a bug."""
    return isinstance(exc, InterfaceError | OperationalError) or (
        isinstance(exc, DatabaseError) and "connection" in str(exc).lower()
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500, called while the exception is being handled. When the database is
    unreachable the answer is 503 with Retry-After: the request changed nothing (its transaction
    was rolled back) and the same request will work once the database is back, without a restart
    of the app. Renders without the request context, so nothing here needs the database."""
    unreachable = _database_unreachable(sys.exc_info()[1])
    if unreachable:
        status = 503
        message = _(
            "Dekkend cannot reach its database for a moment. Nothing of what you just did was saved. "
            "Please try again in a minute."
        )
    else:
        status = 500
        message = _("Something went wrong on our side. Nothing of what you just did was saved. Please try again.")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=status)
    else:
        html = render_to_string("core/server_error.html", {"message": message, "status": status})
        response = HttpResponse(html, status=status)
    if unreachable:
        response["Retry-After"] = "30"
    return response
