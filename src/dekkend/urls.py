from django.contrib import admin
from django.urls import include, path

from dekkend.core.views import health

urlpatterns = [
    path("", include("dekkend.web.urls")),
    path("account/", include("dekkend.accounts.urls")),
    path("toeleiding/", include("dekkend.referrals.urls")),
    path("dekkend-netwerk/", include("dekkend.network.urls")),
    path("aanmelding/", include("dekkend.admissions.urls")),
    path("basisondersteuning/", include("dekkend.basicsupport.urls")),
    path("monitoring/", include("dekkend.monitoring.urls")),
    path("plannen/", include("dekkend.plans.urls")),
    path("financien/", include("dekkend.finance.urls")),
    path("steunpunt/", include("dekkend.steunpunt.urls")),
    path("import/", include("dekkend.imports.urls")),
    path("klachten/", include("dekkend.complaints.urls")),
    path("api/v1/", include("dekkend.api.urls")),
    path("beheer/", admin.site.urls),
    path("health/", health, name="health"),
]

handler500 = "dekkend.core.views.server_error"
