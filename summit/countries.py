"""Country codes and names from ISO 3166 (pycountry), and currency codes from ISO 4217."""

from __future__ import annotations

from functools import cache

import pycountry

ALPHA3: frozenset[str] = frozenset(c.alpha_3 for c in pycountry.countries)


def is_alpha3(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code."""
    return code in ALPHA3


@cache
def alpha3_for_alpha2(code: str) -> str | None:
    """The alpha-3 code for an alpha-2 code (NO → NOR), or None."""
    if len(code) != 2:
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    return country.alpha_3 if country else None


@cache
def name(code: str) -> str:
    """Short English name of a country: ISO's common name when it has one (Korea, Republic of → South Korea)."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def is_currency(code: str) -> bool:
    """True for an ISO 4217 currency code."""
    return pycountry.currencies.get(alpha_3=code) is not None
