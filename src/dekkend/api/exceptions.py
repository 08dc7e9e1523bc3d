from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler; errors come back as JSON with field errors (messages in Dutch)."""
    return drf_exception_handler(exc, context)
