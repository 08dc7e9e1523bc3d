"""Demo data of the plans app: the real public plans of the seeds, for the SWVs that exist --
Almere's support plan 2023-2027 with the statuses of its tussenevaluatie, its year plan
2025-2026, and Plein 013's year plan 2025. Not synthetic: public organisational data."""

from django.utils.translation import gettext as _

from dekkend.audit.services import AuditContext

from .services import plans_load


def load_demo(*, context: AuditContext) -> str:
    plans = plans_load(context=context)
    return _("Plans: %(count)d published plans loaded") % {"count": len(plans)}
