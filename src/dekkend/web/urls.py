from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisaties/", views.organisations, name="organisations"),
    path("organisaties/scholen/<int:school_id>/", views.school_detail, name="school_detail"),
    path("netwerk/", views.network, name="network"),
    path("netwerk/<int:provision_id>/", views.provision_detail, name="provision_detail"),
    path("leerlingen/", views.pupil_list, name="pupil_list"),
    path("leerlingen/<int:pupil_id>/", views.pupil_detail, name="pupil_detail"),
    path("leerlingen/<int:pupil_id>/noodtoegang/", views.pupil_emergency, name="pupil_emergency"),
    path("privacy/auditlog/", views.audit_log, name="audit_log"),
    path("privacy/auditlog/export.csv", views.audit_log_export, name="audit_log_export"),
    path("privacy/auditlog/controle/", views.audit_verify, name="audit_verify"),
]
