"""A small Almere for tests: the municipality, its stadsdelen as in the public data, and two wijken."""

from dekkend.organisations.models import Area


def almere() -> dict[str, Area]:
    root = Area.objects.create(name="Almere", kind=Area.Kind.MUNICIPALITY)
    areas = {"Almere": root}
    for name in ("Almere Stad", "Almere Haven", "Almere Buiten", "Almere Poort", "Almere Hout", "Almere Pampus"):
        areas[name] = Area.objects.create(name=name, kind=Area.Kind.STADSDEEL, parent=root)
    areas["Stad Oost"] = Area.objects.create(name="Stad Oost", kind=Area.Kind.WIJK, parent=areas["Almere Stad"])
    areas["Stad 1"] = Area.objects.create(name="Stad 1", kind=Area.Kind.BUURT, parent=areas["Stad Oost"])
    areas["Buiten 1"] = Area.objects.create(name="Buiten 1", kind=Area.Kind.WIJK, parent=areas["Almere Buiten"])
    return areas
