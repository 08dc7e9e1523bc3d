"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("complaints/", api.ComplaintListView.as_view(), name="complaint-list"),
    path("complaints/<int:pk>/", api.ComplaintDetailView.as_view(), name="complaint-detail"),
    path("complaints/<int:pk>/handle/", api.ComplaintHandleView.as_view(), name="complaint-handle"),
]
