"""API routes of this app, included under /api/v1/ by dekkend.api.urls."""

urlpatterns: list = []
