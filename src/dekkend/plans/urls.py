from django.urls import path

from . import views

app_name = "plans"

urlpatterns: list = [
    path("", views.plan_list, name="plan_list"),
    path("<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("<int:plan_id>/evaluatie/", views.plan_evaluation, name="plan_evaluation"),
    path("<int:plan_id>/evaluatie.pdf", views.plan_evaluation_pdf, name="plan_evaluation_pdf"),
    path("<int:plan_id>/jaarkalender/", views.plan_calendar, name="plan_calendar"),
    path("<int:plan_id>/subsidies/", views.plan_subsidies, name="plan_subsidies"),
    path("activiteit/<int:activity_id>/", views.activity_detail, name="activity_detail"),
]
