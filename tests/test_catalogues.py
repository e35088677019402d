"""Issue 15, item 3: every catalogue holds exactly the interface text the code marks (babel.cfg), each entry
translated with every plural form and the same {placeholders}; `make messages` brings them in line."""

from __future__ import annotations

import re
from functools import cache

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from summit.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALES, TEMPLATE, catalogue_path
from tests.conftest import REPO

TRANSLATED = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)[^{}]*\}")
Key = tuple[str | tuple[str, ...], str | None]  # (msgid, or singular and plural; context)


@cache
def marked_in_code() -> dict[Key, str]:
    """Every message the code marks, by the rules of babel.cfg, with the first place it is marked at."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[Key, str] = {}
    for filename, line, message, _comments, context in extract_from_dir(
        str(REPO), method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        key = (message if isinstance(message, str) else tuple(message), context)
        found.setdefault(key, f"{filename}:{line}")
    return found


@cache
def catalogue(lang: str) -> Catalog:
    with catalogue_path(lang).open("rb") as po:
        return read_po(po, locale=LOCALES[lang])


def keys_of(catalog: Catalog) -> set[Key]:
    return {(m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in catalog if m.id}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_the_code_marks_interface_text():
    assert len(marked_in_code()) > 100  # the extraction itself works (babel.cfg finds the modules)


def test_the_template_holds_what_the_code_marks():
    with TEMPLATE.open("rb") as pot:
        template = keys_of(read_po(pot))
    missing = set(marked_in_code()) - template
    stale = template - set(marked_in_code())
    assert not missing and not stale, f"run `make messages`: missing {sorted(map(str, missing))[:10]}, stale " \
                                      f"{sorted(map(str, stale))[:10]}"  # fmt: skip


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_catalogue_lacks_no_string_the_code_uses(lang):
    missing = {key: where for key, where in marked_in_code().items() if key not in keys_of(catalogue(lang))}
    assert not missing, f"{lang}: run `make messages`, then translate: " + "; ".join(
        f"{key[0]!r} ({where})" for key, where in list(missing.items())[:15]
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_catalogue_keeps_no_string_the_code_no_longer_uses(lang):
    stale = keys_of(catalogue(lang)) - set(marked_in_code())
    assert not stale, f"{lang}: stale entries (run `make messages`): {sorted(map(str, stale))[:15]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_entry_is_translated_in_every_plural_form_and_checked(lang):
    catalog = catalogue(lang)
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if (isinstance(message.id, tuple) and len(forms) != catalog.num_plurals) or not all(forms):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert not untranslated, f"{lang}: {len(untranslated)} untranslated, e.g. {untranslated[:10]}"
    assert not fuzzy, f"{lang}: {len(fuzzy)} fuzzy (a guess, not shown), e.g. {fuzzy[:10]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translation_keeps_the_placeholders_of_its_message(lang):
    wrong = []
    for message in catalogue(lang):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(placeholders(i) for i in ids))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            # A plural form may leave out the number ("un engagement" for {n} = 1), never add or rename one.
            if not placeholders(form) <= wanted or (not isinstance(message.id, tuple) and placeholders(form) != wanted):
                wrong.append((ids[0], form))
    assert not wrong, f"{lang}: placeholders differ: {wrong[:10]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_catalogue_declares_its_language_and_plural_rule(lang):
    catalog = catalogue(lang)
    assert str(catalog.locale).split("_")[0] == lang
    assert catalog.num_plurals == {"fr": 3, "uk": 3}[lang]  # CLDR: French one/many/other, Ukrainian one/few/many
