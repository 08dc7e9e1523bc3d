"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path

from . import api

urlpatterns = [
    path("matrix/assess/", api.AssessView.as_view(), name="matrix-assess"),
    path("matrix/match/", api.MatchView.as_view(), name="matrix-match"),
    path("network/coverage/", api.CoverageApiView.as_view(), name="network-coverage"),
]
