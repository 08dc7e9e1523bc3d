"""Loading the public organisational data (Bijlage IV/V of seeds/001) into the database."""

from collections import Counter

import pytest
import yaml
from django.core.management import call_command

from dekkend.organisations.models import Area, Provision, Swv
from dekkend.organisations.services import DEFAULT_PUBLIC_DATA, PublicDataError, public_data_load

pytestmark = pytest.mark.django_db

FIELDS = ("number", "name", "kind", "street", "postcode", "city", "target_group", "places", "source")


def file_entries() -> list[dict]:
    with open(DEFAULT_PUBLIC_DATA, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["provisions"]


def as_row(swv: str, values: dict, area: str | None) -> tuple:
    text = {name: values.get(name) if name == "places" else (values.get(name) or "") for name in FIELDS}
    return (swv, *(text[name] for name in FIELDS), area or None)


class TestProvisionList:
    def test_every_provision_in_the_file_is_loaded_exactly_once_with_its_fields(self):
        public_data_load()
        expected = Counter(as_row(e["swv"], e, e.get("area")) for e in file_entries())
        loaded = Counter(
            as_row(p.swv.code, {name: getattr(p, name) for name in FIELDS}, p.area.name if p.area else None)
            for p in Provision.objects.select_related("swv", "area")
        )
        assert loaded == expected

    def test_count_per_swv_and_kind_matches_the_file(self):
        public_data_load()
        counts = Counter(Provision.objects.values_list("swv__code", flat=True))
        assert counts == {"almere-po": 47, "almere-vo": 29}
        per_kind = Counter(Provision.objects.values_list("swv__code", "kind"))
        assert per_kind == Counter((e["swv"], e["kind"]) for e in file_entries())

    def test_every_numbered_map_location_is_present_with_its_address(self):
        public_data_load()
        for entry in file_entries():
            if entry.get("number"):
                provision = Provision.objects.get(swv__code=entry["swv"], source=entry["source"], name=entry["name"])
                assert provision.number == entry["number"]
                assert provision.street == (entry.get("street") or "")
        opdc = Provision.objects.get(swv__code="almere-vo", name="OPDC-Almere")
        assert (opdc.number, opdc.street, opdc.postcode, opdc.kind) == ("6", "Discuslaan 3", "1318 EJ", "opdc")
        assert opdc.address == "Discuslaan 3, 1318 EJ Almere"

    def test_vso_nautilus_has_three_sites(self):
        public_data_load()
        sites = Provision.objects.filter(swv__code="almere-vo", name__startswith="VSO Nautilus")
        assert sorted(sites.values_list("number", flat=True)) == ["2", "4", "8"]
        assert set(sites.values_list("kind", flat=True)) == {Provision.Kind.VSO}

    def test_missing_text_becomes_blank_and_plein_013_has_no_municipality(self):
        public_data_load()
        assert Swv.objects.get(code="plein013-po").municipality == ""
        assert (
            Provision.objects.get(swv__code="almere-vo", name="OJA (Onderwijs Jeugdhulp Arrangementen)").street == ""
        )

    def test_areas_form_the_almere_tree(self):
        public_data_load()
        stad_1 = Area.objects.get(name="Stad 1")
        assert stad_1.path == "Almere / Almere Stad / Stad Oost / Stad 1"
        assert Provision.objects.get(swv__code="almere-po", name="SO De Bongerd").area == stad_1


class TestReload:
    def test_a_second_load_changes_nothing(self):
        public_data_load()
        before = (Swv.objects.count(), Area.objects.count(), Provision.objects.count())
        ids = set(Provision.objects.values_list("id", flat=True))
        report = public_data_load()
        assert not report.changed
        assert (Swv.objects.count(), Area.objects.count(), Provision.objects.count()) == before
        assert set(Provision.objects.values_list("id", flat=True)) == ids

    def test_a_changed_field_is_updated_in_place(self):
        public_data_load()
        opdc = Provision.objects.get(swv__code="almere-vo", name="OPDC-Almere")
        opdc.street = "Elders 1"
        opdc.save(update_fields=["street"])
        report = public_data_load()
        opdc.refresh_from_db()
        assert opdc.street == "Discuslaan 3"
        assert report.updated == {"provision": 1}

    def test_the_command_loads_and_reports(self, capsys):
        call_command("load_public_data")
        call_command("load_public_data")
        assert Provision.objects.count() == 76


class TestHost:
    def test_hosts_are_resolved_by_name_within_the_same_swv(self):
        public_data_load()
        klass = Provision.objects.get(swv__code="almere-vo", name="klASS (OPDC-Almere)")
        assert klass.host.name == "OPDC-Almere"
        joa = Provision.objects.get(name="Bongerd JOA (onderwijsbehandelgroep De Kwekerij)")
        assert joa.host.name == "SO De Bongerd"

    def test_every_host_that_is_a_provision_of_the_same_swv_is_linked(self):
        public_data_load()
        names = {(e["swv"], e["name"]) for e in file_entries()}
        for entry in file_entries():
            provision = Provision.objects.get(swv__code=entry["swv"], source=entry["source"], name=entry["name"])
            if entry.get("host") and (entry["swv"], entry["host"]) in names:
                assert provision.host is not None and provision.host.name == entry["host"]
                assert provision.host.swv_id == provision.swv_id

    def test_a_host_in_another_swv_or_not_a_provision_stays_empty_and_is_reported(self):
        report = public_data_load()
        schakelgroep = Provision.objects.get(swv__code="almere-po", name="Schakelgroep (groep 8 op het OPDC-Almere)")
        assert schakelgroep.host is None  # OPDC-Almere is a provision of Almere VO, not PO
        assert any("De Polderhof" in line for line in report.unresolved_hosts)

    def test_a_name_with_several_locations_links_to_the_first(self):
        public_data_load()
        kleine_groep = Provision.objects.get(name="De kleine groep", host__isnull=False, host__name="SBO De Klimop")
        assert kleine_groep.host.number == "24"


class TestInvalidFile:
    def write(self, tmp_path, kind: str):
        data = {
            "swvs": [{"code": "proef-po", "name": "Proef", "sector": "po", "municipality": None, "source": "x"}],
            "areas": [],
            "provisions": [{"swv": "proef-po", "name": "Zwembad De Golf", "kind": kind, "source": "test:1"}],
        }
        path = tmp_path / "data.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        return path

    def test_an_unknown_kind_names_the_entry_and_changes_nothing(self, tmp_path):
        with pytest.raises(PublicDataError) as raised:
            public_data_load(path=self.write(tmp_path, "zwembad"))
        assert "Zwembad De Golf" in " ".join(raised.value.messages)
        assert "zwembad" in " ".join(raised.value.messages)
        assert not Swv.objects.filter(code="proef-po").exists()

    def test_the_command_turns_it_into_a_clear_error(self, tmp_path):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="Zwembad De Golf"):
            call_command("load_public_data", path=str(self.write(tmp_path, "zwembad")))
