"""Helpers to write profiles briefly in tests."""

from dekkend.network.rules import AREAS, Profile, assess


def levels(**given) -> dict[str, int]:
    """All six areas at 1 (age-appropriate) unless given."""
    return {area: given.get(area, 1) for area in AREAS}


def options_for(table, sector="po", group_size=None, emb=None, iq=None, learning_delay_years=None, **given):
    """{provision type: funding category} of the options that fit, in their order."""
    profile = Profile(sector, levels(**given), group_size, emb, iq, learning_delay_years)
    return {option.provision_type: option.funding_category for option in assess(profile, table)}
