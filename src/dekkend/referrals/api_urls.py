"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("applications/", api.ApplicationListView.as_view(), name="application-list"),
    path("applications/worklist/", api.WorklistView.as_view(), name="application-worklist"),
    path("applications/<int:pk>/", api.ApplicationDetailView.as_view(), name="application-detail"),
    path("applications/<int:pk>/documents/", api.DocumentAddView.as_view(), name="application-documents"),
    path("applications/<int:pk>/submit/", api.SubmitView.as_view(), name="application-submit"),
    path("applications/<int:pk>/completeness/", api.CompletenessView.as_view(), name="application-completeness"),
    path("applications/<int:pk>/experts/", api.ExpertsView.as_view(), name="application-experts"),
    path(
        "applications/<int:pk>/experts/replace/", api.ExpertReplaceView.as_view(), name="application-experts-replace"
    ),
    path("applications/<int:pk>/advice/", api.AdviceView.as_view(), name="application-advice"),
    path(
        "applications/<int:pk>/development-areas/",
        api.DevelopmentAreasView.as_view(),
        name="application-development-areas",
    ),
    path("applications/<int:pk>/extend/", api.ExtendView.as_view(), name="application-extend"),
    path("applications/<int:pk>/decision/", api.DecisionView.as_view(), name="application-decision"),
    path("applications/<int:pk>/hearing/", api.HearingView.as_view(), name="application-hearing"),
    path("applications/<int:pk>/hearing-report/", api.HearingReportView.as_view(), name="application-hearing-report"),
    path(
        "applications/<int:pk>/coordinator-review/",
        api.CoordinatorReviewView.as_view(),
        name="application-coordinator-review",
    ),
    path(
        "applications/<int:pk>/budget-decision/", api.BudgetDecisionView.as_view(), name="application-budget-decision"
    ),
    path("applications/<int:pk>/follow-up/", api.FollowUpView.as_view(), name="application-follow-up"),
    path("applications/<int:pk>/letter/", api.LetterView.as_view(), name="application-letter"),
]
