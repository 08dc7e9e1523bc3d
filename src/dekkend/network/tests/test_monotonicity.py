"""Raising any intensity never makes the lightest fitting option lighter (issue 4)."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from dekkend.network.rules import AREAS, LEVELS, SECTORS, Profile, default_table, lightest

TABLE = default_table()


@settings(max_examples=500, deadline=None)
@given(
    sector=st.sampled_from(SECTORS),
    combo=st.tuples(*[st.integers(1, 6) for _ in AREAS]),
    area=st.sampled_from(AREAS),
    raise_by=st.integers(1, 5),
    group_size=st.one_of(st.none(), st.integers(4, 30)),
    emb=st.booleans(),
    iq=st.one_of(st.none(), st.integers(20, 120)),
    delay=st.one_of(st.none(), st.floats(0, 6)),
)
def test_raising_an_intensity_never_makes_the_lightest_option_lighter(
    sector, combo, area, raise_by, group_size, emb, iq, delay
):
    before = dict(zip(AREAS, combo, strict=True))
    after = {**before, area: min(6, before[area] + raise_by)}
    light_before = lightest(Profile(sector, before, group_size, emb, iq, delay), TABLE)
    light_after = lightest(Profile(sector, after, group_size, emb, iq, delay), TABLE)
    if light_before is not None and light_after is not None:
        assert light_after >= light_before


def test_holds_on_every_combination_of_levels():
    for sector in SECTORS:
        weights = {
            combo: lightest(Profile(sector, dict(zip(AREAS, combo, strict=True))), TABLE)
            for combo in itertools.product(LEVELS, repeat=len(AREAS))
        }
        for combo, weight in weights.items():
            for index in range(len(AREAS)):
                if weight is None or combo[index] == 6:
                    continue
                raised = weights[(*combo[:index], combo[index] + 1, *combo[index + 1 :])]
                assert raised is None or raised >= weight, (sector, combo, AREAS[index])
