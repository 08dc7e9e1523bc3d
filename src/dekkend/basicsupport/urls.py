"""Pages of the zelfscan, under /basisondersteuning/."""

from django.urls import path

from . import views

app_name = "basicsupport"

urlpatterns: list = [
    path("", views.index, name="index"),
    path("rondes/<int:pk>/", views.round_detail, name="round"),
    path("rondes/<int:pk>/sluiten/", views.round_close, name="round_close"),
    path("rondes/<int:pk>/resultaten/", views.results, name="results"),
    path("rondes/<int:pk>/wijkprofielen/", views.districts, name="districts"),
    path("rondes/<int:pk>/wijkprofielen.pdf", views.districts_pdf, name="districts_pdf"),
    path("rondes/<int:pk>/scholen/<int:school_id>/", views.school, name="school"),
    path("rondes/<int:pk>/scholen/<int:school_id>/invullen/", views.fill_in, name="fill_in"),
    path("rondes/<int:pk>/scholen/<int:school_id>/indienen/", views.submit, name="submit"),
    path("rondes/<int:pk>/scholen/<int:school_id>/vrijgeven/", views.release, name="release"),
    path("rondes/<int:pk>/scholen/<int:school_id>/terugsturen/", views.send_back, name="send_back"),
    path("rondes/<int:pk>/scholen/<int:school_id>/rapport.pdf", views.school_pdf, name="school_pdf"),
    path("rondes/<int:pk>/besturen/<int:board_id>/rapport.pdf", views.board_pdf, name="board_pdf"),
]
