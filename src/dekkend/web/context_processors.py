from django.http import HttpRequest

from dekkend.core import permissions


def navigation(request: HttpRequest) -> dict:
    """The menu items the signed-in user may use; decided by the permissions module."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "current_role": None}
    items = []
    if permissions.has_action(user, permissions.Action.VIEW_ORGANISATIONS):
        items.append(("web:organisations", "Organisaties"))
    return {"nav_items": items, "current_role": permissions.primary_role(user)}
