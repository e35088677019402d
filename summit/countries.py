"""Country codes and names from ISO 3166 (pycountry), and currency codes from ISO 4217."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from summit.i18n import DEFAULT_LANGUAGE, current_language

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


def name(code: str) -> str:
    """Short name of a country in the interface's language: ISO's common name when it has one (Korea, Republic of
    → South Korea), from the ISO 3166 translations pycountry ships (Corée du Sud, Південна Корея); English when
    it has none in that language."""
    return _name(code, current_language())


@cache
def _name(code: str, lang: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    english = getattr(country, "common_name", None) or country.name
    if lang == DEFAULT_LANGUAGE:
        return english
    names = _iso_names(lang)
    for candidate in (getattr(country, "common_name", None), country.name):
        if candidate and (translated := names.gettext(candidate)) != candidate:
            return translated
    return english


@cache
def _iso_names(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def is_currency(code: str) -> bool:
    """True for an ISO 4217 currency code."""
    return pycountry.currencies.get(alpha_3=code) is not None
