from django.urls import path

from . import views

app_name = "complaints"

urlpatterns: list = [
    path("", views.complaint_list, name="list"),
    path("nieuw/", views.complaint_new, name="new"),
    path("<int:complaint_id>/", views.complaint_detail, name="detail"),
    path("<int:complaint_id>/afhandelen/", views.complaint_handle, name="handle"),
]
