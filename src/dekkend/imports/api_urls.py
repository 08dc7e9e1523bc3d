"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("imports/", api.ImportListView.as_view(), name="import-list"),
    path("imports/reconciliation/", api.ReconciliationView.as_view(), name="import-reconciliation"),
    path("imports/<int:pk>/", api.ImportDetailView.as_view(), name="import-detail"),
    path("imports/<int:pk>/confirm/", api.ImportConfirmView.as_view(), name="import-confirm"),
]
