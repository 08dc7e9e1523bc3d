from django.urls import path

from . import views

app_name = "steunpunt"

urlpatterns: list = [
    # Staff pages first, so that "intern" is never read as an SWV code.
    path("intern/", views.overview, name="overview"),
    path("intern/vragen/", views.question_list, name="question_list"),
    path("intern/vragen/nieuw/", views.question_new, name="question_new"),
    path("intern/vragen/<int:pk>/", views.question_detail, name="question_detail"),
    # Public pages (no sign-in).
    path("", views.public_index, name="public_index"),
    path("<slug:swv_code>/", views.public_page, name="public_home"),
    path("<slug:swv_code>/vraag/", views.question_form, name="question_form"),
    path("<slug:swv_code>/vraag/verstuurd/", views.question_sent, name="question_sent"),
    path("<slug:swv_code>/<slug:slug>/", views.public_page, name="public_page"),
]
