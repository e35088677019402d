"""Issue 15, item 3: the interface's languages (summit.i18n), a dataset's translated labels (summit.translations),
dates and numbers by locale, plural forms by each language's rule."""

from __future__ import annotations

import datetime as dt

import pytest

from summit import frames as F
from summit.dataset import Dataset, load_dataset
from summit.frames import build_frames
from summit.i18n import (
    DEFAULT_LANGUAGE,
    N_,
    Messages,
    _,
    current_language,
    format_day,
    format_number,
    format_short_day,
    language,
    ngettext,
    translated_columns,
    translations,
    use_language,
)
from summit.translations import localised
from tests.conftest import TINY

DAY = dt.date(2026, 2, 28)


@pytest.fixture(scope="module")
def tiny() -> Dataset:
    result = load_dataset(TINY)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


@pytest.mark.parametrize(
    ("lang", "long", "short", "number"),
    [
        ("en", "28 February 2026", "28 Feb 2026", "1,500,000"),
        ("fr", "28 février 2026", "28 févr. 2026", "1\u202f500\u202f000"),
        ("uk", "28 лютого 2026\u202fр.", "28 лют. 2026\u202fр.", "1\u00a0500\u00a0000"),
    ],
)
def test_dates_and_numbers_are_written_as_each_language_writes_them(lang, long, short, number):
    with language(lang):
        assert (format_day(DAY), format_short_day(DAY), format_number(1_500_000)) == (long, short, number)


def test_english_short_dates_stay_as_the_code_wrote_them():
    with language("en"):
        assert format_short_day(dt.date(2025, 9, 30)) == "30 Sep 2025"  # not CLDR's "Sept"


def test_a_language_is_set_for_a_block_and_restored_after_it():
    assert current_language() == DEFAULT_LANGUAGE
    with language("uk"):
        assert current_language() == "uk"
        with language("fr"):
            assert current_language() == "fr"
        assert current_language() == "uk"
    assert current_language() == DEFAULT_LANGUAGE


def test_an_unknown_language_gives_english():
    with language("xx"):
        assert current_language() == DEFAULT_LANGUAGE


def test_use_language_sets_the_rest_of_the_run(monkeypatch):
    import contextvars

    def run() -> tuple[str, str]:
        return use_language("fr"), current_language()

    assert contextvars.copy_context().run(run) == ("fr", "fr")  # a run of its own, as a Streamlit script run
    assert current_language() == DEFAULT_LANGUAGE


def test_the_plural_rule_of_each_catalogue_is_its_languages():
    # Ukrainian: 1 → one, 2–4 → few, 5+ → many (and 11–14 → many); French: 0 and 1 singular.
    uk = translations("uk").plural
    assert [uk(n) for n in (1, 2, 4, 5, 11, 21, 22, 25)] == [0, 1, 1, 2, 2, 0, 1, 2]
    fr = translations("fr").plural
    assert [fr(n) for n in (0, 1, 2)] == [0, 0, 2]


def test_english_plurals_need_no_catalogue():
    with language("en"):
        assert ngettext("{n} pledge", "{n} pledges", 1) == "{n} pledge"
        assert ngettext("{n} pledge", "{n} pledges", 0) == "{n} pledges"


def test_the_empty_text_stays_empty_in_every_language():
    for lang in ("en", "fr", "uk"):
        with language(lang):
            assert _("") == ""  # gettext("") would be the catalogue's header


def test_messages_read_in_the_current_language():
    labels = Messages({"a": N_("Filters")})
    with language("fr"):
        assert labels["a"] == _("Filters")
        assert dict(labels.items()) == {"a": _("Filters")}
    with language("en"):
        assert labels["a"] == "Filters" and list(labels) == ["a"] and len(labels) == 1


def test_column_names_are_translated_where_the_table_is_written():
    import pandas as pd

    frame = pd.DataFrame({"Filters": [1]})
    with language("en"):
        assert list(translated_columns(frame).columns) == ["Filters"]
    with language("fr"):
        assert list(translated_columns(frame).columns) == [_("Filters")]
    assert list(frame.columns) == ["Filters"]  # the table itself keeps its keys


# --- a dataset's own translations ---------------------------------------------------------------------


def test_a_datasets_labels_are_shown_in_the_language_it_gives(tiny):
    french = localised(tiny, "fr")
    assert french.commitment_types["mnf_land"].label == "Force multinationale terrestre"
    assert french.commitment_types["mnf_land"].short_label == "Force : terre"
    assert french.conditions["after_ceasefire"].label == "Après un cessez-le-feu"
    paris = next(m.meeting for m in french.meetings if m.meeting.id == "paris-2026-01-06")
    assert (paris.name, paris.short_name) == ("Sommet des dirigeants à Paris", "Paris, 6 janv. 2026")


def test_what_a_dataset_does_not_translate_is_shown_as_written(tiny):
    ukrainian = localised(tiny, "uk")
    assert ukrainian.commitment_types["mnf_land"].label == "Багатонаціональні сухопутні сили"
    assert ukrainian.commitment_types["mnf_sea"].label == "Multinational force at sea"  # no translation given
    assert ukrainian.conditions["after_ceasefire"].label == "After a ceasefire"  # French only
    assert ukrainian.commitment_types["mnf_land"].description == tiny.commitment_types["mnf_land"].description


def test_a_localised_dataset_is_its_own_version_for_caches_and_its_frames_carry_the_labels(tiny):
    french = localised(tiny, "fr")
    assert localised(tiny, "en") is tiny
    assert french.fingerprint != tiny.fingerprint and french.fingerprint.endswith("#fr")
    labels = " ".join(build_frames(french).pledges[F.TYPE_LABELS])
    assert "Force multinationale terrestre" in labels and "Multinational force on land" not in labels


@pytest.mark.parametrize(("lang", "names"), [("en", ["Germany", "South Korea"]), ("fr", ["Allemagne", "Corée du Sud"]),
                                             ("uk", ["Німеччина", "Південна Корея"])])  # fmt: skip
def test_country_names_come_in_the_interfaces_language_from_iso_3166s_translations(lang, names):
    from summit.countries import name

    with language(lang):
        assert [name("DEU"), name("KOR")] == names


def test_names_are_listed_in_the_order_of_the_readers_alphabet():
    from summit.i18n import collation_key

    with language("fr"):
        assert sorted(["Zambie", "États-Unis", "Estonie", "Allemagne"], key=collation_key) == [
            "Allemagne", "Estonie", "États-Unis", "Zambie"]  # fmt: skip
    with language("uk"):  # є after е, і and ї after и, ґ after г: not their code points' order
        assert sorted(["Італія", "Естонія", "Греція", "Ґамбія", "Євросоюз", "Австрія", "Ірландія", "Канада"],
                      key=collation_key) == ["Австрія", "Греція", "Ґамбія", "Естонія", "Євросоюз", "Ірландія",
                                             "Італія", "Канада"]  # fmt: skip


def test_the_filter_sentence_ends_with_one_full_stop_after_a_ukrainian_date(tiny):
    from summit.filters import Filters

    with language("uk"):
        sentence = Filters(as_of=dt.date(2026, 1, 5)).describe(localised(tiny, "uk"), 1, "pledges")
        day = format_day(dt.date(2026, 1, 5))  # '5 січня 2026 р.'
    assert sentence.endswith(day) and not sentence.endswith("р..")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Showing 2 pledges"), ("fr", "2 engagements affichés"), ("uk", "Показано 2 зобов’язання"),
     ("uk", "Показано 5 зобов’язань")],
)  # fmt: skip
def test_the_filter_sentence_counts_in_each_languages_plural_forms(tiny, lang, expected):
    from summit.filters import Filters

    count = int(expected.split()[1] if lang != "fr" else expected.split()[0])
    with language(lang):
        assert Filters().describe(localised(tiny, lang), count, "pledges").startswith(expected)
