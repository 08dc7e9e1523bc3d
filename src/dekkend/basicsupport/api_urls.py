"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("zelfscan/rounds/<int:pk>/questions/", api.RoundQuestionsView.as_view(), name="zelfscan-round-questions"),
    path("zelfscan/rounds/<int:pk>/results/", api.RoundResultsView.as_view(), name="zelfscan-round-results"),
    path(
        "zelfscan/rounds/<int:pk>/district-profiles/",
        api.RoundDistrictProfilesView.as_view(),
        name="zelfscan-round-district-profiles",
    ),
    path("zelfscan/responses/", api.ResponseCreateView.as_view(), name="zelfscan-responses"),
]
