from django.urls import path

from . import views

app_name = "steunpunt"

urlpatterns: list = [
    # Staff pages first, so that "intern" is never read as an SWV code.
    path("intern/", views.overview, name="overview"),
    path("intern/vragen/", views.question_list, name="question_list"),
    path("intern/vragen/nieuw/", views.question_new, name="question_new"),
    path("intern/vragen/<int:pk>/", views.question_detail, name="question_detail"),
    path("intern/thuiszitters/", views.thuiszitter_list, name="thuiszitter_list"),
    path("intern/thuiszitters/nieuw/", views.thuiszitter_new, name="thuiszitter_new"),
    path("intern/thuiszitters/<int:pk>/", views.thuiszitter_detail, name="thuiszitter_detail"),
    path("intern/escalaties/", views.escalation_list, name="escalation_list"),
    path("intern/escalaties/nieuw/", views.escalation_new, name="escalation_new"),
    path("intern/escalaties/<int:pk>/", views.escalation_detail, name="escalation_detail"),
    path("intern/enquetes/", views.survey_list, name="survey_list"),
    path("intern/enquetes/nieuw/", views.survey_new, name="survey_new"),
    path("intern/enquetes/<int:pk>/", views.survey_results, name="survey_results"),
    # The public answer page of a one-time survey link (before the SWV pages: "enquete" is no SWV).
    path("enquete/bedankt/", views.survey_thanks, name="survey_thanks"),
    path("enquete/<str:token>/", views.survey_answer, name="survey_answer"),
    # Public pages (no sign-in).
    path("", views.public_index, name="public_index"),
    path("<slug:swv_code>/", views.public_page, name="public_home"),
    path("<slug:swv_code>/vraag/", views.question_form, name="question_form"),
    path("<slug:swv_code>/vraag/verstuurd/", views.question_sent, name="question_sent"),
    path("<slug:swv_code>/<slug:slug>/", views.public_page, name="public_page"),
]
