from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rapport.pdf", views.report_pdf, name="report"),
    path("indicatoren/<slug:code>/", views.indicator_detail, name="indicator"),
    path("indicatoren/<slug:code>/export.csv", views.indicator_export, name="indicator_export"),
]
