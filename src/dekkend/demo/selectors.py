"""Reads about the demo accounts."""

from django.utils.translation import gettext as _

from dekkend.accounts.models import RoleAssignment, User


def demo_login_rows() -> list[tuple[str, str, str]]:
    """(username, role, organisation) per demo account, in the order they were created.

    A user with several assignments of one role (a consultant's schools) gets one row naming
    the first organisation and how many more there are."""
    rows = []
    users = User.objects.filter(is_demo=True, is_active=True).order_by("id")
    assignments: dict[int, list[RoleAssignment]] = {}
    for assignment in (
        RoleAssignment.objects.active().filter(user__in=users).select_related("swv", "school", "board").order_by("id")
    ):
        assignments.setdefault(assignment.user_id, []).append(assignment)
    for user in users:
        held = assignments.get(user.pk, [])
        roles = list(dict.fromkeys(str(a.get_role_display()) for a in held))
        organisations = list(dict.fromkeys(a.organisation_label for a in held))
        organisation = ", ".join(organisations)
        if len(organisations) > 2:
            organisation = _("%(first)s (+%(more)d more)") % {
                "first": organisations[0],
                "more": len(organisations) - 1,
            }
        rows.append((user.username, ", ".join(roles) or "-", organisation or "-"))
    return rows
