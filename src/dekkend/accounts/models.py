"""Accounts and roles. A role is always held within an organisation (its scope); what a role
may do is decided in one place, :mod:`dekkend.core.permissions`."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from dekkend.organisations.models import Board, School, Swv


class User(AbstractUser):
    is_demo = models.BooleanField(
        _("demo account"), default=False, help_text=_("Demo accounts cannot sign in when DEKKEND_ENV=production.")
    )
    # Raised by a database trigger on every insert, update or delete of the user's role
    # assignments (migration 0003), whoever makes the change: a process may reuse the roles it
    # read for as long as the user row shows the same number (dekkend.core.permissions).
    roles_version = models.PositiveBigIntegerField(_("version of the roles"), default=0, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    SCHOOL = "school", _("school (IB'er, zorgcoördinator, director)")
    BOARD = "board", _("school board")
    SECRETARIAT = "secretariat", _("SWV secretariat")
    CONSULTANT = "consultant", _("consultant passend onderwijs")
    EXPERT = "expert", _("independent expert")
    MANAGER = "manager", _("manager toeleiding")
    DIRECTOR = "director", _("director")
    POLICY = "policy", _("policy and control")
    PARTNER = "partner", _("partner (municipality, JGZ, leerplicht)")
    PRIVACY_OFFICER = "privacy_officer", _("privacy officer")
    ADMIN = "admin", _("administrator")


# The organisation a role is held in: which of the scope fields must be filled in.
ROLE_SCOPE_FIELDS: dict[str, set[str]] = {
    Role.SCHOOL: {"swv", "school"},
    Role.BOARD: {"swv", "board"},
    Role.SECRETARIAT: {"swv"},
    Role.CONSULTANT: {"swv", "school"},
    Role.EXPERT: {"swv"},
    Role.MANAGER: {"swv"},
    Role.DIRECTOR: {"swv"},
    Role.POLICY: {"swv"},
    Role.PARTNER: {"swv"},
    Role.PRIVACY_OFFICER: {"swv"},
    Role.ADMIN: set(),
}

# Roles of the SWV's own staff and its schools; they sign in with a second factor in production.
STAFF_ROLES = frozenset(Role) - {Role.PARTNER}


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self) -> "RoleAssignmentQuerySet":
        return self.filter(revoked_at__isnull=True)


class RoleAssignment(models.Model):
    """A user holds a role within an organisation. A consultant has one row per assigned school."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    swv = models.ForeignKey(Swv, models.PROTECT, null=True, blank=True, verbose_name=_("samenwerkingsverband"))
    board = models.ForeignKey(Board, models.PROTECT, null=True, blank=True, verbose_name=_("school board"))
    school = models.ForeignKey(School, models.PROTECT, null=True, blank=True, verbose_name=_("school"))
    organisation_name = models.CharField(
        _("organisation name"), max_length=200, blank=True, help_text=_("For partners: e.g. Gemeente Almere, JGZ.")
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "revoked_at"], name="role_active_idx")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.organisation_label}"

    def clean(self) -> None:
        required = ROLE_SCOPE_FIELDS.get(self.role, set())
        errors = {
            field: _("This role needs a %(field)s.") % {"field": self._meta.get_field(field).verbose_name}
            for field in ("swv", "board", "school")
            if field in required and getattr(self, f"{field}_id") is None
        }
        if errors:
            raise ValidationError(errors)
        if self.school_id and self.swv_id and self.school.swv_id != self.swv_id:
            raise ValidationError({"school": _("The school must belong to the samenwerkingsverband.")})

    @property
    def organisation_label(self) -> str:
        if self.organisation_name:
            return self.organisation_name
        scope = self.school or self.board or self.swv
        return str(scope) if scope else "Dekkend"


class IntegrationToken(models.Model):
    """An API token that an administrator issues to an external system (e.g. a school's
    pupil administration): limited to the named actions and with its own expiry. It belongs to
    a service account, whose role assignment gives the scope."""

    token = models.OneToOneField("authtoken.Token", models.CASCADE, related_name="integration")
    description = models.CharField(_("description"), max_length=200)
    scopes = models.JSONField(_("allowed actions"), default=list)
    expires_at = models.DateTimeField(_("expires at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("issued by")
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("integration token")
        verbose_name_plural = _("integration tokens")

    def __str__(self) -> str:
        return self.description
