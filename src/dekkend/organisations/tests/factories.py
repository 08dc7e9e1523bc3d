import factory

from dekkend.organisations.models import Area, Board, Provision, School, SchoolLocation, SchoolType, Sector, Swv


class SwvFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Swv
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"swv-{n}")
    name = factory.Sequence(lambda n: f"Samenwerkingsverband {n}")
    sector = Sector.PO
    municipality = "Almere"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Wijk {n}")
    kind = Area.Kind.WIJK


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Stichting Synthetisch {n}")
    is_synthetic = True


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        skip_postgeneration_save = True

    swv = factory.SubFactory(SwvFactory)
    board = factory.SubFactory(BoardFactory)
    brin = factory.Sequence(lambda n: f"{n % 100:02d}{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}")
    name = factory.Sequence(lambda n: f"Basisschool De Proef {n}")
    school_type = SchoolType.BAO
    is_synthetic = True

    class Params:
        secondary = factory.Trait(school_type=SchoolType.VO, name=factory.Sequence(lambda n: f"College {n}"))

    @factory.post_generation
    def with_location(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            SchoolLocation.objects.create(school=obj, code="00", name=obj.name, city="Almere")


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision

    swv = factory.SubFactory(SwvFactory)
    name = factory.Sequence(lambda n: f"SBO Proef {n}")
    kind = Provision.Kind.SBO
    source = factory.Sequence(lambda n: f"test:{n}")
