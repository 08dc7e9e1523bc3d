"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

from django.urls import path

from . import api

urlpatterns: list = [
    path("finance/reserves/", api.ReservesView.as_view(), name="finance-reserves"),
    path("finance/reserves/calculate/", api.ReservesCalculateView.as_view(), name="finance-reserves-calculate"),
    path("finance/vangnet/", api.VangnetListView.as_view(), name="finance-vangnet-list"),
    path("finance/vangnet/<int:pk>/verify/", api.VangnetVerifyView.as_view(), name="finance-vangnet-verify"),
    path("finance/arrangement-funds/", api.ArrangementFundsView.as_view(), name="finance-arrangement-funds"),
]
