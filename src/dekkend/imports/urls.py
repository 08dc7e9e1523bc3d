from django.urls import path

from . import views

app_name = "imports"

urlpatterns: list = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/voortgang/", views.progress, name="progress"),
    path("<int:pk>/bevestigen/", views.confirm, name="confirm"),
    path("<int:pk>/annuleren/", views.cancel, name="cancel"),
    path("afstemming-tlv/", views.reconciliation, name="reconciliation"),
]
