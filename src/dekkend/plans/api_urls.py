"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path  # noqa: F401 -- routes follow

urlpatterns: list = []
