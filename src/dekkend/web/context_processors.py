import functools
from collections import Counter

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dekkend.core import permissions
from dekkend.core.permissions import Action

# (url name, label, the action that shows the item; None: every signed-in user)
NAVIGATION = (
    ("web:home", _("Start"), None),
    ("web:organisations", _("Organisations"), Action.VIEW_ORGANISATIONS),
    ("web:pupil_list", _("Pupils"), Action.SEARCH_PUPILS),
    ("web:audit_log", _("Audit log"), Action.VIEW_AUDIT),
    # [referrals] navigation
    ("referrals:application_list", _("Toeleiding"), Action.VIEW_APPLICATIONS),
    # [admissions] navigation
    ("admissions:list", _("Registrations"), Action.VIEW_ADMISSIONS),
    # [network] navigation
    ("network:home", _("Dekkend netwerk"), Action.VIEW_ORGANISATIONS),
    # [basicsupport] navigation
    ("basicsupport:index", _("Zelfscan"), Action.VIEW_ZELFSCAN),
    # [monitoring] navigation
    ("monitoring:dashboard", _("Monitoring"), Action.VIEW_INDICATORS),
    # [plans] navigation
    ("plans:plan_list", _("Plans"), Action.VIEW_PLANS),
    # [finance] navigation
    ("finance:reserves", _("Finances"), Action.VIEW_FINANCE),
    ("finance:vangnet_list", _("Vangnet declarations"), Action.VIEW_VANGNET),
    ("finance:arrangement_funds", _("Arrangement funds"), Action.VIEW_ARRANGEMENT_FUNDS),
    # [steunpunt] navigation
    ("steunpunt:question_list", _("Steunpunt"), Action.VIEW_QUESTIONS),
    ("steunpunt:thuiszitter_list", _("Thuiszitters"), Action.VIEW_THUISZITTERS),  # schools and boards too
    # [imports] navigation
    ("imports:index", _("Imports"), Action.VIEW_IMPORTS),
    # [complaints] navigation
    ("complaints:list", _("Complaints"), Action.VIEW_COMPLAINTS),
)


def navigation(request: HttpRequest) -> dict:
    """The menu of the items the signed-in user may use (decided by the permissions module),
    the current page's item marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": "", "current_role": None}
    match = getattr(request, "resolver_match", None)
    current = f"{match.namespace}:{match.url_name}" if match else ""
    items = tuple(
        url_name for url_name, _label, action in NAVIGATION if action is None or permissions.has_action(user, action)
    )
    return {
        "menu": _menu(items, _section(current), get_script_prefix(), get_language()),
        "current_role": permissions.primary_role(user),
    }


@functools.lru_cache(maxsize=1024)
def _menu(items: tuple[str, ...], section: str, prefix: str, language: str) -> str:
    """The menu's HTML: the same for every page of a section for users who see the same items,
    so rendered once per process (and prefix and language)."""
    labels = {url_name: label for url_name, label, _action in NAVIGATION}
    nav_items = [{"url": reverse(name), "label": labels[name], "current": name == section} for name in items]
    return render_to_string("web/_menu.html", {"nav_items": nav_items})


# A page belongs to the section of its app's menu item when the app has one item. The pages of
# apps with several items (and pages of one app shown under another's item) are listed here.
_SECTIONS: dict[str, tuple[str, ...]] = {
    "web:organisations": ("web:organisations", "web:school_detail"),
    "web:pupil_list": ("web:pupil_list", "web:pupil_detail", "web:pupil_emergency"),
    "web:audit_log": ("web:audit_log",),
    # [network] sections
    "network:home": ("web:network", "web:provision_detail"),
    # [finance] sections
    "finance:reserves": ("finance:reserves", "finance:budget_detail", "finance:budget_line_edit"),
    "finance:vangnet_list": (
        "finance:vangnet_list",
        "finance:vangnet_detail",
        "finance:vangnet_submit",
        "finance:vangnet_verify",
        "finance:vangnet_movement_add",
    ),
    "finance:arrangement_funds": ("finance:arrangement_funds", "finance:board_agreement_edit"),
    # [steunpunt] sections
    "steunpunt:question_list": (
        "steunpunt:question_list",
        "steunpunt:question_detail",
        "steunpunt:question_new",
        "steunpunt:overview",
        "steunpunt:survey_list",
        "steunpunt:survey_new",
        "steunpunt:survey_results",
    ),
    "steunpunt:thuiszitter_list": (
        "steunpunt:thuiszitter_list",
        "steunpunt:thuiszitter_new",
        "steunpunt:thuiszitter_detail",
        "steunpunt:escalation_list",
        "steunpunt:escalation_new",
        "steunpunt:escalation_detail",
    ),
}
_SECTION_OF = {page: url_name for url_name, pages in _SECTIONS.items() for page in pages}
_ITEMS_PER_APP = Counter(url_name.partition(":")[0] for url_name, _label, _action in NAVIGATION)
_ONLY_ITEM_OF_APP = {
    url_name.partition(":")[0]: url_name
    for url_name, _label, _action in NAVIGATION
    if _ITEMS_PER_APP[url_name.partition(":")[0]] == 1
}


def _section(page: str) -> str:
    """The menu item (its URL name) that is current on ``page`` ("namespace:name")."""
    return _SECTION_OF.get(page) or _ONLY_ITEM_OF_APP.get(page.partition(":")[0], page)
