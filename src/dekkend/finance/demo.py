"""Demo data of the finance app: the published budgets and reserves of Bijlage VII for every
SWV the data has them for (Almere PO and VO). Real public figures, not synthetic."""

from django.utils.translation import gettext as _

from dekkend.audit.services import AuditContext
from dekkend.organisations.models import Swv

from .services import budgets_load, reserves_load


def load_demo(*, context: AuditContext) -> str:
    budgets = reserves = 0
    for swv in Swv.objects.order_by("code"):
        budgets += budgets_load(swv=swv, context=context)
        reserves += reserves_load(swv=swv, context=context)
    return _("Finance: %(budgets)d budgets and %(years)d reserve years from Bijlage VII") % {
        "budgets": budgets,
        "years": reserves,
    }
