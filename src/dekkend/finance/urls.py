from django.urls import path

from . import views

app_name = "finance"

urlpatterns: list = [
    path("", views.reserves, name="reserves"),
    path("begroting/<int:budget_id>/", views.budget_detail, name="budget_detail"),
]
