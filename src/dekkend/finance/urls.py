from django.urls import path

from . import views

app_name = "finance"

urlpatterns: list = [
    path("", views.reserves, name="reserves"),
    path("begroting/<int:budget_id>/", views.budget_detail, name="budget_detail"),
    path("begroting/regel/<int:line_id>/", views.budget_line_edit, name="budget_line_edit"),
    path("vangnet/", views.vangnet_list, name="vangnet_list"),
    path("vangnet/tarief/", views.vangnet_rate_set, name="vangnet_rate_set"),
    path("vangnet/<int:declaration_id>/", views.vangnet_detail, name="vangnet_detail"),
    path("vangnet/<int:declaration_id>/stroom/", views.vangnet_movement_add, name="vangnet_movement_add"),
    path(
        "vangnet/<int:declaration_id>/stroom/<int:movement_id>/verwijderen/",
        views.vangnet_movement_remove,
        name="vangnet_movement_remove",
    ),
    path("vangnet/<int:declaration_id>/indienen/", views.vangnet_submit, name="vangnet_submit"),
    path("vangnet/<int:declaration_id>/verifieren/", views.vangnet_verify, name="vangnet_verify"),
    path("arrangementsmiddelen/", views.arrangement_funds, name="arrangement_funds"),
    path("arrangementsmiddelen/afspraak/<int:agreement_id>/", views.board_agreement_edit, name="board_agreement_edit"),
]
