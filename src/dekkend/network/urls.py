from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.home, name="home"),
    path("kaart/<slug:swv_code>/", views.network_map, name="map"),
    path("dekking/<slug:swv_code>/", views.coverage, name="coverage"),
    path("dekking/<slug:swv_code>/scenario/nieuw/", views.scenario_new, name="scenario_new"),
    path("dekking/<slug:swv_code>/scenario/<int:scenario_id>/", views.scenario_detail, name="scenario"),
    path(
        "dekking/<slug:swv_code>/scenario/<int:scenario_id>/verwijderen/",
        views.scenario_delete,
        name="scenario_delete",
    ),
    path("bekostiging/<slug:swv_code>/", views.funding, name="funding"),
    path("bekostiging/<slug:swv_code>/tarieven/", views.tariffs, name="tariffs"),
    path("groep/<int:group_id>/", views.group_detail, name="group"),
    path("leerling/<int:pupil_id>/profiel/", views.pupil_profile, name="profile"),
]
