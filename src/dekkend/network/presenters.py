"""Coverage figures as a page or the API shows them: pupil counts under 5 shown as "<5" to
those who may only see suppressed aggregates (decided by dekkend.core.permissions), and the
gaps said in words."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .rules import suppress
from .selectors import Coverage, CoverageRow

PUPIL_COUNTS = ("demand", "outside_region", "in_district", "adjacent", "elsewhere", "without_place", "not_near")


class CoverageReport:
    def __init__(self, coverage: Coverage, *, suppressed: bool):
        self.coverage = coverage
        self.suppressed = suppressed

    def _count(self, value: int) -> int | str:
        return suppress(value, suppressed=self.suppressed)

    def row(self, row: CoverageRow) -> dict:
        data = {
            "district": {"id": row.district_id, "name": row.district_name},
            "target_group": {
                "key": row.target.key,
                "label": row.target.label,
                "provision_type": row.target.provision_type,
                "funding_category": row.target.funding_category,
            },
            "places_in_district": row.places_in_district,
            "places_in_reach": row.places_in_reach,
            "gap": row.is_gap,
            "explanation": self.explain(row),
        }
        data.update({name: self._count(getattr(row, name)) for name in PUPIL_COUNTS})
        return data

    def rows(self) -> list[dict]:
        return [self.row(row) for row in self.coverage.rows]

    def explain(self, row: CoverageRow) -> str:
        values = {
            "district": row.district_name,
            "target": row.target.label,
            "count": self._count(row.not_near),
            "demand": self._count(row.demand),
            "places": row.places_in_reach,
        }
        if row.is_gap:
            return (
                _(
                    "Gap in %(district)s: %(count)s of the %(demand)s pupils who need %(target)s find no place in "
                    "or next to their district (%(places)s places within reach)."
                )
                % values
            )
        if row.demand:
            return _("%(district)s: the %(demand)s pupils who need %(target)s find a place nearby.") % values
        return _("%(district)s: %(places)s places for %(target)s within reach, no pupil waiting.") % values

    def gap_sentences(self) -> list[str]:
        return [self.explain(row) for row in self.coverage.gaps()]

    def totals(self) -> dict:
        coverage = self.coverage
        travel = coverage.mean_travel
        return {
            "demand": self._count(coverage.total("demand")),
            "outside_region": self._count(coverage.total("outside_region")),
            "not_near": self._count(coverage.total("not_near")),
            "without_place": self._count(coverage.total("without_place")),
            "could_return": self._count(coverage.could_return),
            "gaps": len(coverage.gaps()),
            "mean_travel": round(travel, 2) if travel is not None else None,
        }

    def chart_bars(self) -> list[tuple[str, float | None]]:
        bars = []
        for name, value in self.coverage.by_district():
            shown = self._count(value)
            bars.append((name, None if isinstance(shown, str) else float(shown)))
        return bars

    def chart_table(self) -> list[tuple[str, int | str]]:
        return [(name, self._count(value)) for name, value in self.coverage.by_district()]

    TOTAL_LABELS = (
        ("demand", _lazy("Pupils who need a provision of the network")),
        ("not_near", _lazy("Without a place in or next to their district")),
        ("without_place", _lazy("Without a place in the region")),
        ("outside_region", _lazy("Placed outside the region now")),
        ("could_return", _lazy("Of them, a place in the region is left for")),
        ("mean_travel", _lazy("Mean travel (0 own district, 1 next door, 2 further)")),
        ("gaps", _lazy("Gaps (district and kind)")),
    )

    def compare(self, other: "CoverageReport") -> list[dict]:
        """The totals now (``self``) against a scenario (``other``), with the difference when
        both are exact numbers (a "<5" cell has no difference to show)."""
        mine, theirs = self.totals(), other.totals()
        rows = []
        for key, label in self.TOTAL_LABELS:
            now, then = mine[key], theirs[key]
            numbers = isinstance(now, int | float) and isinstance(then, int | float)
            difference = round(then - now, 2) if numbers else None
            rows.append({"key": key, "label": str(label), "now": now, "scenario": then, "difference": difference})
        return rows
