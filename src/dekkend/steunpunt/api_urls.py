"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("thuiszitters/", api.ThuiszitterListView.as_view(), name="thuiszitter-list"),
    path("thuiszitters/<int:pk>/", api.ThuiszitterDetailView.as_view(), name="thuiszitter-detail"),
    path("escalations/", api.EscalationListView.as_view(), name="escalation-list"),
    path("steunpunt/questions/", api.QuestionListView.as_view(), name="steunpunt-question-list"),
]
