from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.home, name="home"),
    path("kaart/<slug:swv_code>/", views.network_map, name="map"),
    path("dekking/<slug:swv_code>/", views.coverage, name="coverage"),
    path("bekostiging/<slug:swv_code>/", views.funding, name="funding"),
    path("leerling/<int:pupil_id>/profiel/", views.pupil_profile, name="profile"),
]
