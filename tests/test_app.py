"""Every page under AppTest: it renders, and a filter set by widget or by URL changes what is shown."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from summit import geo
from summit.filters import FILTERS
from summit.formats import TABLES, Subject, formats_for
from summit_ui.pages import PageKind, pages_of
from summit_ui.sidebar import RESET_KEY, widget_key
from tests.conftest import TINY

APP = str(Path(__file__).resolve().parent.parent / "app.py")
FILTERED_PAGES = [spec.script for spec in pages_of(PageKind.VIEW)]


@pytest.fixture(autouse=True)
def tiny_data(monkeypatch):
    monkeypatch.setenv("SUMMIT_DATA", str(TINY))


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if page != FILTERED_PAGES[0]:
        at.switch_page(page)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> tuple:
    """What a reader sees, in a comparable form: sentences, metrics and table sizes."""
    return (
        tuple(m.value for m in at.markdown),
        tuple(m.value for m in at.metric),
        tuple(d.value.shape for d in at.dataframe),
        tuple(t.value for t in at.text),
    )


@pytest.mark.parametrize("page", FILTERED_PAGES)
def test_page_renders_and_states_its_filters(page):
    at = open_page(page)
    assert not at.error, [e.value for e in at.error]
    assert any(m.value.startswith("**Showing ") for m in at.markdown), "the filter sentence is missing"


@pytest.mark.parametrize("page", FILTERED_PAGES)
def test_widget_filter_changes_the_page(page):
    at = open_page(page)
    before = shown(at)
    at.multiselect(key="filter_statuses").set_value(["ruled_out"]).run()
    assert not at.exception
    assert shown(at) != before
    assert any("with status Ruled out" in m.value for m in at.markdown)


@pytest.mark.parametrize("page", FILTERED_PAGES)
def test_url_filter_changes_the_page(page):
    default = shown(open_page(page))
    at = open_page(page, {"s": "ruled_out"})
    assert shown(at) != default
    assert at.multiselect(key="filter_statuses").value == ["ruled_out"]


def test_widget_filter_is_written_to_the_url():
    at = open_page("app_pages/pledges.py")
    at.multiselect(key="filter_types").set_value(["mnf_land", "logistics"]).run()
    assert at.query_params["t"] == "mnf_land,logistics"
    at.button(key="filter_reset").click().run()
    assert "t" not in at.query_params
    assert at.multiselect(key="filter_types").value == []


# The element each kind of filter is drawn as, stated by hand.
WIDGET_TYPES = {
    "one": "selectbox",
    "many": "multiselect",
    "text": "text_input",
    "flag": "toggle",
    "date": "date_input",
    "scenario": "multiselect",
}


def sidebar_widgets(at: AppTest) -> list[tuple[str, str | None, str]]:
    """(element type, key, label) of every widget in the sidebar, top to bottom."""
    return [(e.type, e.key, e.label) for e in at.sidebar.children.values() if getattr(e, "key", None)]


def test_sidebar_draws_one_widget_per_filter_in_table_order():
    at = open_page("app_pages/pledges.py")
    expected = [(WIDGET_TYPES[s.kind.name], widget_key(s), s.label) for s in FILTERS]
    assert sidebar_widgets(at) == [*expected, ("button", RESET_KEY, "Reset filters")]


def test_lead_toggle_filters_the_pledges_page_from_the_url():
    at = open_page("app_pages/pledges.py", {"lead": "1"})
    assert at.toggle(key="filter_lead").value is True
    assert at.dataframe[0].value["Code"].tolist() == ["USA"]  # the only pledge with a lead role
    assert any("with a lead role" in m.value for m in at.markdown)


def test_lead_toggle_filters_the_pledges_page_from_the_widget():
    at = open_page("app_pages/pledges.py")
    assert len(at.dataframe[0].value) == 8  # Paris: 6 pledges and 2 stances
    at.toggle(key="filter_lead").set_value(True).run()
    assert at.dataframe[0].value["Code"].tolist() == ["USA"]
    assert at.query_params["lead"] == "1"
    at.button(key=RESET_KEY).click().run()
    assert "lead" not in at.query_params and at.toggle(key="filter_lead").value is False
    assert len(at.dataframe[0].value) == 8


def date_filter_script():
    """A sidebar with a test-only 'meetings until' date filter (tests/dated_filters.py) and nothing else."""
    import os
    from pathlib import Path

    import streamlit as st

    from summit.dataset import load_dataset
    from summit_ui.sidebar import render_filters
    from tests.dated_filters import DatedFilters

    dataset = load_dataset(Path(os.environ["SUMMIT_DATA"])).dataset
    st.text(repr(render_filters(dataset, DatedFilters)))


def test_a_date_filter_gets_a_date_widget_kept_in_the_url():
    at = AppTest.from_function(date_filter_script, default_timeout=60)
    at.query_params["until"] = "2026-01-01"
    at.run()
    assert not at.exception
    assert at.date_input(key="filter_until").value == dt.date(2026, 1, 1)
    at.date_input(key="filter_until").set_value(dt.date(2025, 12, 31)).run()
    assert at.query_params["until"] == "2025-12-31"
    assert "until=datetime.date(2025, 12, 31)" in at.text[0].value
    at.button(key=RESET_KEY).click().run()
    assert "until" not in at.query_params and at.date_input(key="filter_until").value is None


def test_pledges_table_follows_the_url():
    at = open_page("app_pages/pledges.py", {"s": "ruled_out"})
    table = at.dataframe[0].value
    assert table["Code"].tolist() == ["LUX"]


@pytest.mark.parametrize("table", TABLES)
def test_table_pages_offer_a_download_per_table_and_dataset_format(table):
    at = open_page(f"app_pages/{table}.py")
    formats = formats_for(Subject.TABLE) + formats_for(Subject.DATASET)
    assert [b.key for b in at.download_button] == [f"{f.id}_{table}" for f in formats]
    assert [b.label for b in at.download_button] == ["Download CSV", "Download Excel", "Download whole dataset (zip)"]


@pytest.mark.parametrize("table", TABLES)
def test_table_downloads_are_named_after_the_meeting_table_filters_and_as_of_date(table, monkeypatch):
    names = []
    button = st.download_button
    monkeypatch.setattr(st, "download_button", lambda *a, **kw: names.append(kw["file_name"]) or button(*a, **kw))
    open_page(f"app_pages/{table}.py", {"g": "nato", "d": "land"})
    stem = f"paris-2026-01-06_{table}_g-nato_d-land_as-of-2026-02-28"
    assert names == [f"{stem}.csv", f"{stem}.xlsx", "summit-dataset-2026-02-28.zip"]


def test_empty_result_is_said_in_words():
    at = open_page("app_pages/pledges.py", {"q": "no such thing anywhere"})
    assert any("No pledges or stances match" in i.value for i in at.info)
    assert not at.dataframe


def test_filters_survive_a_page_change():
    at = open_page("app_pages/pledges.py", {"s": "ruled_out"})
    at.switch_page("app_pages/participants.py").run()
    assert at.multiselect(key="filter_statuses").value == ["ruled_out"]
    assert at.dataframe[0].value["Code"].tolist() == ["LUX"]


def test_profile_from_url_and_from_widget():
    at = open_page("app_pages/profile.py", {"participant": "LUX"})
    assert at.title[0].value == "Luxembourg"
    assert len(at.dataframe[1].value) == 3  # two pledges (one a follow-up after the meeting), one stance
    picker = at.selectbox(key="profile_participant")
    picker.select_index(picker.options.index("United States (USA)")).run()
    assert at.title[0].value == "United States"
    assert at.query_params["participant"] == "USA"


def test_profile_of_an_organisation_and_unknown_code():
    assert open_page("app_pages/profile.py", {"participant": "COALITION"}).title[0].value.startswith("Coalition")
    at = open_page("app_pages/profile.py", {"participant": "ZZZ"})
    assert any("No participant with the code ZZZ" in w.value for w in at.warning)


def test_broken_data_on_first_load_lists_the_problems(tmp_path, monkeypatch):
    (tmp_path / "dataset.yaml").write_text("title: [\n")
    monkeypatch.setenv("SUMMIT_DATA", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("No valid data to show" in e.value for e in at.error)


def test_a_file_not_read_is_named_in_the_banner_and_the_data_still_shows(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    (data / "notes.yaml").write_text("todo: check the Paris figures\n", encoding="utf-8")
    monkeypatch.setenv("SUMMIT_DATA", str(data))
    at = open_page("app_pages/sources.py")
    assert not at.error, [e.value for e in at.error]
    [banner] = [w.value.replace("\\", "") for w in at.warning if "not read" in w.value]  # Markdown escapes gone
    assert banner.startswith("Some files in the data folder are not read")
    assert "- data/notes.yaml: not read: not one of the dataset's files" in banner
    assert any(m.value.startswith("**Showing ") for m in at.markdown), "the data is still shown"
    assert [s.value for s in at.subheader if s.value.startswith("Files not read")] == ["Files not read (1)"]


def test_a_broken_meeting_in_a_subfolder_keeps_the_last_good_data_and_a_new_stray_file_is_named(tiny_copy, monkeypatch):
    filed = tiny_copy / "meetings" / "2026" / "2026-01-06-paris.yaml"  # filed by year
    filed.parent.mkdir()
    (tiny_copy / "meetings" / "2026-01-06-paris.yaml").rename(filed)
    monkeypatch.setenv("SUMMIT_DATA", str(tiny_copy))
    at = open_page("app_pages/pledges.py")
    assert not at.error and not at.warning, [e.value for e in (*at.error, *at.warning)]
    good = shown(at)
    assert [rows for rows, _columns in good[2]] == [8], "the eight records of the meeting in meetings/2026/"

    filed.write_text(filed.read_text(encoding="utf-8").replace("status: ", "status: [", 1), encoding="utf-8")
    (tiny_copy / "notes.yaml").write_text("todo: check the Paris figures\n", encoding="utf-8")
    at.run()
    assert not at.exception
    [error] = [e.value.replace("\\", "") for e in at.error]  # Markdown escapes gone
    assert error.startswith("The data files have problems; the last good data is still shown.")
    assert "- tiny/meetings/2026/2026-01-06-paris.yaml:" in error
    [warning] = [w.value.replace("\\", "") for w in at.warning]
    assert "- tiny/notes.yaml: not read: not one of the dataset's files" in warning
    assert shown(at) == good, "the last good data is still shown, unchanged"


def map_data(at: AppTest) -> dict:
    """The data the page sent to its map component (summit_ui/map_component.py)."""
    [element] = [e for e in at.get("bidi_component") if e.proto.component_name == "summit_map"]
    return json.loads(element.proto.json)


@pytest.mark.parametrize("page", ["app_pages/overview.py", "app_pages/map.py"])
def test_map_gets_a_colour_per_state_shown_and_follows_the_filters(page):
    everyone = map_data(open_page(page))
    assert {s["code"] for s in everyone["states"]} == {"FRA", "LUX", "NOR", "USA"}
    assert everyone["geojson"] == geo.WORLD_GEOJSON_URL and everyone["alt"].startswith("Map of 4")
    refusals = map_data(open_page(page, {"s": "ruled_out"}))
    assert [s["code"] for s in refusals["states"]] == ["LUX"]  # the only participant that ruled something out


def test_leaders_present_leaves_out_the_unconfirmed_and_says_how_many():
    at = open_page("app_pages/overview.py")
    [leaders] = [m for m in at.metric if m.label == "Leaders present"]
    # France and Luxembourg; Norway's head of government is not named and its attendance is not known.
    assert (leaders.value, leaders.delta) == ("2", "+1 unconfirmed")
    sources = open_page("app_pages/sources.py")
    rules = [m.value for m in sources.markdown if m.value.startswith("- **Delegations**")]
    assert len(rules) == 1
    assert "- **Leaders present**: Delegations led by a head of state or government whom" in rules[0]
