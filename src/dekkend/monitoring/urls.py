from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rapport.pdf", views.report_pdf, name="report"),
    path("export.csv", views.dashboard_export, {"fmt": "csv"}, name="dashboard_export"),
    path("export.xlsx", views.dashboard_export, {"fmt": "xlsx"}, name="dashboard_export_xlsx"),
    path("landelijke-cijfers/", views.national_figures, name="national_figures"),
    path("landelijke-cijfers/intrekken/", views.national_figure_withdraw, name="national_figure_withdraw"),
    path("indicatoren/<slug:code>/", views.indicator_detail, name="indicator"),
    path("indicatoren/<slug:code>/export.csv", views.indicator_export, {"fmt": "csv"}, name="indicator_export"),
    path("indicatoren/<slug:code>/export.xlsx", views.indicator_export, {"fmt": "xlsx"}, name="indicator_export_xlsx"),
]
