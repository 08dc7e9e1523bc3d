"""The organisations of a samenwerkingsverband: the SWV itself (the tenant), boards, schools,
their locations, the areas they lie in and the provisions of the dekkend netwerk."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PO = "po", _("primary education (PO)")
    VO = "vo", _("secondary education (VO)")


class Swv(models.Model):
    """A samenwerkingsverband passend onderwijs: the tenant. Every row of case data belongs to one."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A geographic area: municipality → stadsdeel → wijk, or municipality → buurt."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        STADSDEEL = "stadsdeel", _("stadsdeel")
        WIJK = "wijk", _("wijk")
        BUURT = "buurt", _("buurt")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children")

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="area_unique_name_per_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["Area"]:
        """The chain from the municipality down to (not including) this area."""
        chain: list[Area] = []
        node = self.parent
        while node is not None:
            chain.insert(0, node)
            node = node.parent
        return chain

    @property
    def path(self) -> str:
        return " / ".join([a.name for a in self.ancestors()] + [self.name])


class Board(models.Model):
    """A schoolbestuur (bevoegd gezag). A board may have schools in more than one SWV."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    is_synthetic = models.BooleanField(_("synthetic (demo)"), default=False)
    source = models.CharField(_("source"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("school board")
        verbose_name_plural = _("school boards")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchoolType(models.TextChoices):
    BAO = "bao", _("regular primary (bao)")
    SBO = "sbo", _("special primary (sbo)")
    SO = "so", _("special education (so)")
    VO = "vo", _("regular secondary (vo)")
    VSO = "vso", _("special secondary (vso)")
    PRO = "pro", _("practical education (pro)")


class School(models.Model):
    """A school as registered with DUO (BRIN), belonging to one board and one SWV."""

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="schools", verbose_name=_("samenwerkingsverband"))
    board = models.ForeignKey(Board, models.PROTECT, related_name="schools", verbose_name=_("school board"))
    brin = models.CharField(_("BRIN"), max_length=4)
    name = models.CharField(_("name"), max_length=200)
    school_type = models.CharField(_("school type"), max_length=3, choices=SchoolType.choices)
    is_synthetic = models.BooleanField(_("synthetic (demo)"), default=False)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["swv", "brin"], name="school_unique_brin_per_swv")]

    def __str__(self) -> str:
        return self.name

    @property
    def sector(self) -> str:
        return Sector.PO if self.school_type in {SchoolType.BAO, SchoolType.SBO, SchoolType.SO} else Sector.VO


class SchoolLocation(models.Model):
    """A vestiging of a school: where pupils are taught, with an address and an area."""

    school = models.ForeignKey(School, models.CASCADE, related_name="locations", verbose_name=_("school"))
    code = models.CharField(_("vestiging code"), max_length=2, help_text=_("Two digits after the BRIN."))
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    area = models.ForeignKey(Area, models.PROTECT, null=True, blank=True, verbose_name=_("area"))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("school location")
        verbose_name_plural = _("school locations")
        ordering = ["school__name", "code"]
        constraints = [models.UniqueConstraint(fields=["school", "code"], name="location_unique_code_per_school")]

    def __str__(self) -> str:
        return self.name

    @property
    def brin_vestiging(self) -> str:
        return f"{self.school.brin}{self.code}"


class Provision(models.Model):
    """A voorziening of the dekkend netwerk (Bijlage IV/V): a special-education location or a
    stedelijk arrangement, with the places it offers."""

    class Kind(models.TextChoices):
        SBO = "sbo", _("special primary school (SBO)")
        SO = "so", _("special school (SO)")
        VSO = "vso", _("special secondary school (VSO)")
        PRO = "pro", _("practical education (PrO)")
        OPDC = "opdc", _("orthopedagogical-didactic centre (OPDC)")
        TAALCENTRUM = "taalcentrum", _("language centre")
        ARRANGEMENT = "arrangement", _("city-wide arrangement")
        OTHER = "other", _("other provision")

    swv = models.ForeignKey(Swv, models.PROTECT, related_name="provisions", verbose_name=_("samenwerkingsverband"))
    number = models.CharField(_("number on the network map"), max_length=10, blank=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    area = models.ForeignKey(Area, models.PROTECT, null=True, blank=True, verbose_name=_("area"))
    target_group = models.TextField(_("target group"), blank=True)
    places = models.PositiveIntegerField(_("places"), null=True, blank=True)
    host = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="hosted", verbose_name=_("hosted by")
    )
    host_name = models.CharField(
        _("host as named in the source"),
        max_length=200,
        blank=True,
        help_text=_("Kept also when the host is a regular school that is not a provision."),
    )
    source = models.CharField(_("source"), max_length=100, help_text=_("Seed file and line."))

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["swv", "kind", "name"]
        constraints = [
            # The seed line plus the name identifies an entry, so reloading the data updates it in place.
            models.UniqueConstraint(fields=["swv", "source", "name"], name="provision_unique_source_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.host_id and self.host.swv_id != self.swv_id:
            raise ValidationError({"host": _("A provision can only be hosted within its own samenwerkingsverband.")})

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postcode} {self.city}".strip()) if part)
