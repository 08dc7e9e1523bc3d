"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path

from . import api

urlpatterns = [
    path("matrix/assess/", api.AssessView.as_view(), name="matrix-assess"),
    path("matrix/match/", api.MatchView.as_view(), name="matrix-match"),
    path("network/coverage/", api.CoverageApiView.as_view(), name="network-coverage"),
    path("network/groups/", api.GroupListView.as_view(), name="network-groups"),
    path("network/scenarios/", api.ScenarioListView.as_view(), name="network-scenarios"),
    path("network/scenarios/<int:pk>/", api.ScenarioDetailView.as_view(), name="network-scenario-detail"),
]
