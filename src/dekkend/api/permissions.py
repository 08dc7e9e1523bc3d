"""DRF permission classes that ask :mod:`dekkend.core.permissions`; nothing is decided here."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from dekkend.core import permissions
from dekkend.core.permissions import Action


class _HasAction(BasePermission):
    action: Action
    message = _("Your role does not allow this.")

    def has_permission(self, request, view) -> bool:
        if not getattr(request.user, "is_authenticated", False):
            return False
        if permissions.has_action(request.user, self.action):
            return True
        # A denied attempt on sensitive data is logged too: the view says how.
        audit_denied = getattr(view, "audit_denied", None)
        if audit_denied is not None:
            audit_denied(request)
        return False


def HasAction(action: Action) -> type[BasePermission]:
    """``permission_classes = [HasAction(Action.VIEW_AUDIT)]``: the caller holds a role that
    allows ``action`` (in some scope; the selectors narrow it to objects)."""
    return type(f"HasAction[{action.value}]", (_HasAction,), {"action": action})
