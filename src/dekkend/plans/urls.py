from django.urls import path  # noqa: F401 -- routes follow

app_name = "plans"

urlpatterns: list = []
