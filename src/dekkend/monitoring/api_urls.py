"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("indicators/", api.IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/<slug:code>/values/", api.IndicatorValuesView.as_view(), name="indicator-values"),
]
