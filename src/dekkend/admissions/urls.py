from django.urls import path

from . import views

app_name = "admissions"

urlpatterns: list = [
    path("", views.admission_list, name="list"),
    path("nieuw/", views.admission_register, name="register"),
    path("<int:admission_id>/", views.admission_detail, name="detail"),
    path("<int:admission_id>/verlengen/", views.admission_extend, name="extend"),
    path("<int:admission_id>/besluit/", views.admission_decide, name="decide"),
    path("<int:admission_id>/plaatsing/", views.admission_place, name="place"),
    path("<int:admission_id>/warme-overdracht/", views.admission_handover, name="handover"),
    path("bezwaren/", views.objection_list, name="objection_list"),
    path("bezwaren/nieuw/", views.objection_register, name="objection_register"),
    path("bezwaren/<int:objection_id>/", views.objection_detail, name="objection_detail"),
    path("bezwaren/<int:objection_id>/uitstel/", views.objection_extend, name="objection_extend"),
    path("bezwaren/<int:objection_id>/hoorzitting/", views.objection_hearing, name="objection_hearing"),
    path("bezwaren/<int:objection_id>/advies/", views.objection_advice, name="objection_advice"),
    path("bezwaren/<int:objection_id>/besluit/", views.objection_decide, name="objection_decide"),
    path("plaatsingstafel/", views.table_list, name="table_list"),
    path("plaatsingstafel/nieuw/", views.table_open, name="table_open"),
    path("plaatsingstafel/<int:case_id>/", views.table_detail, name="table_detail"),
    path("plaatsingstafel/<int:case_id>/uitkomst/", views.table_outcome, name="table_outcome"),
]
