"""The toeleiding pages, under /toeleiding/."""

from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("nieuw/", views.application_new, name="application_new"),
    path("meldingen/", views.notice_list, name="notice_list"),
    path("meldingen/gelezen/", views.notice_read, name="notice_read_all"),
    path("meldingen/<int:pk>/gelezen/", views.notice_read, name="notice_read"),
    path("<int:pk>/", views.application_detail, name="application_detail"),
    path("<int:pk>/documenten/", views.document_add, name="document_add"),
    path("<int:pk>/documenten/<int:document_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/indienen/", views.application_submit, name="application_submit"),
    path("<int:pk>/volledigheid/", views.completeness_record, name="completeness_record"),
    path("<int:pk>/deskundigen/", views.experts_assign, name="experts_assign"),
    path("<int:pk>/deskundigen/<int:expert>/vervangen/", views.expert_replace, name="expert_replace"),
    path("<int:pk>/advies/", views.advice_record, name="advice_record"),
    path("<int:pk>/ontwikkelingsgebieden/", views.development_areas_correct, name="development_areas_correct"),
    path("<int:pk>/verlenging/", views.decision_extend, name="decision_extend"),
    path("<int:pk>/besluit/", views.decision_record, name="decision_record"),
    path("<int:pk>/hoorgesprek/", views.hearing_schedule, name="hearing_schedule"),
    path("<int:pk>/hoorgesprek/verslag/", views.hearing_record, name="hearing_record"),
    path("<int:pk>/coordinator-beoordeling/", views.coordinator_review_record, name="coordinator_review_record"),
    path("<int:pk>/budgetbesluit/", views.budget_decision_record, name="budget_decision_record"),
    path("<int:pk>/vervolg/", views.follow_up_record, name="follow_up_record"),
    path("<int:pk>/brief/", views.letter_preview, name="letter_preview"),
    path("<int:pk>/brief.pdf", views.letter_pdf, name="letter_pdf"),
]
