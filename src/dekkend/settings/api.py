"""Django REST framework and the OpenAPI schema."""

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "dekkend.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "dekkend.api.pagination.KeysetPagination",
    # JSON only: no browsable API (its pages need inline scripts that the CSP refuses).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser", "rest_framework.parsers.FormParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "dekkend.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "10/minute"},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Dekkend API",
    "DESCRIPTION": "API van Dekkend, het informatiesysteem voor samenwerkingsverbanden passend onderwijs.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "AreaKindEnum": "dekkend.organisations.models.Area.Kind",
        "ProvisionKindEnum": "dekkend.organisations.models.Provision.Kind",
        "PlacementReasonEnum": "dekkend.pupils.models.Placement.Reason",
        "DocumentKindEnum": "dekkend.referrals.models.DocumentKind",
        "ProvisionTypeEnum": "dekkend.referrals.models.ProvisionType",
        "AuditActionEnum": "dekkend.audit.models.AuditAction",
        "AuditOutcomeEnum": "dekkend.audit.models.AuditOutcome",
        # The level a figure is aggregated to (monitoring; the zelfscan results use the same values).
        "AggregationLevelEnum": "dekkend.monitoring.models.Level",
        "ZelfscanLevelEnum": ["school", "board", "district", "city"],
        "ImportKindEnum": "dekkend.imports.models.ImportKind",
        "ImportStatusEnum": "dekkend.imports.models.ImportStatus",
    },
}
