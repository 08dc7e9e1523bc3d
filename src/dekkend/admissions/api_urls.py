"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("admissions/", api.AdmissionListView.as_view(), name="admission-list"),
    path("admissions/<int:pk>/", api.AdmissionDetailView.as_view(), name="admission-detail"),
    path("admissions/<int:pk>/extend/", api.AdmissionExtendView.as_view(), name="admission-extend"),
    path("admissions/<int:pk>/decide/", api.AdmissionDecideView.as_view(), name="admission-decide"),
    path("admissions/<int:pk>/place/", api.AdmissionPlaceView.as_view(), name="admission-place"),
    path("admissions/<int:pk>/handover/", api.AdmissionHandoverView.as_view(), name="admission-handover"),
    path("objections/", api.ObjectionListView.as_view(), name="objection-list"),
    path("objections/<int:pk>/", api.ObjectionDetailView.as_view(), name="objection-detail"),
    path("objections/<int:pk>/extend/", api.ObjectionExtendView.as_view(), name="objection-extend"),
    path("objections/<int:pk>/hearing/", api.ObjectionHearingView.as_view(), name="objection-hearing"),
    path("objections/<int:pk>/advice/", api.ObjectionAdviceView.as_view(), name="objection-advice"),
    path("objections/<int:pk>/decide/", api.ObjectionDecideView.as_view(), name="objection-decide"),
    path("placement-table/", api.TableCaseListView.as_view(), name="table-case-list"),
    path("placement-table/<int:pk>/", api.TableCaseDetailView.as_view(), name="table-case-detail"),
    path("placement-table/<int:pk>/outcome/", api.TableCaseOutcomeView.as_view(), name="table-case-outcome"),
]
