from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import audit, auth, docs, organisations, pupils

app_name = "api"

urlpatterns = [
    path("auth/token/", auth.TokenObtainView.as_view(), name="token"),
    path("auth/token/revoke/", auth.TokenRevokeView.as_view(), name="token-revoke"),
    path("me/", auth.MeView.as_view(), name="me"),
    path("swvs/", organisations.SwvListView.as_view(), name="swv-list"),
    path("schools/", organisations.SchoolListView.as_view(), name="school-list"),
    path("schools/<int:pk>/", organisations.SchoolDetailView.as_view(), name="school-detail"),
    path("areas/", organisations.AreaListView.as_view(), name="area-list"),
    path("provisions/", organisations.ProvisionListView.as_view(), name="provision-list"),
    path("provisions/<int:pk>/", organisations.ProvisionDetailView.as_view(), name="provision-detail"),
    path("pupils/", pupils.PupilListView.as_view(), name="pupil-list"),
    path("pupils/<int:pk>/", pupils.PupilDetailView.as_view(), name="pupil-detail"),
    path("pupils/<int:pk>/emergency-access/", pupils.EmergencyAccessView.as_view(), name="pupil-emergency-access"),
    path("audit-events/", audit.AuditEventListView.as_view(), name="audit-event-list"),
    path("audit-events/export/", audit.AuditEventExportView.as_view(), name="audit-event-export"),
    path("audit-events/verify/", audit.AuditVerifyView.as_view(), name="audit-event-verify"),
    path("", include("dekkend.referrals.api_urls")),
    path("", include("dekkend.network.api_urls")),
    path("", include("dekkend.admissions.api_urls")),
    path("", include("dekkend.basicsupport.api_urls")),
    path("", include("dekkend.monitoring.api_urls")),
    path("", include("dekkend.plans.api_urls")),
    path("", include("dekkend.finance.api_urls")),
    path("", include("dekkend.steunpunt.api_urls")),
    path("", include("dekkend.imports.api_urls")),
    path("", include("dekkend.complaints.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.api_docs, name="docs"),
    # Anything else under /api/v1/ is a JSON 404 too (paths without a slash get one appended first).
    re_path(r"^.*/$", docs.not_found),
]
