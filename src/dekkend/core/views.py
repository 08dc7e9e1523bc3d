import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .storage import UploadStorageUnavailable


@login_not_required
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


def _passing_fault_message(exc: BaseException | None) -> str | None:
    """A Dutch explanation when the failure is a passing fault of the server (database away,
    upload storage full), for which the answer is 503 with Retry-After; None for a bug."""
    if isinstance(exc, UploadStorageUnavailable):
        return _(
            "The file could not be stored: the storage of Dekkend is full or unavailable. Nothing was saved. "
            "Please try again later."
        )
    if _database_unreachable(exc):
        return _(
            "Dekkend cannot reach its database for a moment. Nothing of what you just did was saved. "
            "Please try again in a minute."
        )
    return None


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500, called while the exception is being handled. A passing fault (the
    database unreachable, the upload storage full) is a 503 with Retry-After: the request changed
    nothing (its transaction was rolled back) and will work once the fault is over, without a
    restart of the app. Renders without the request context, so nothing here needs the database."""
    message = _passing_fault_message(sys.exc_info()[1])
    status = 500 if message is None else 503
    message = message or _(
        "Something went wrong on our side. Nothing of what you just did was saved. Please try again."
    )
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=status)
    else:
        html = render_to_string("core/server_error.html", {"message": message, "status": status})
        response = HttpResponse(html, status=status)
    if status == 503:
        response["Retry-After"] = "30"
    return response
