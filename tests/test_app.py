"""Every page under AppTest: it renders, and a filter set by widget or by URL changes what is shown."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from summit import geo
from tests.conftest import TINY

APP = str(Path(__file__).resolve().parent.parent / "app.py")
FILTERED_PAGES = [
    "app_pages/overview.py",
    "app_pages/map.py",
    "app_pages/participants.py",
    "app_pages/pledges.py",
    "app_pages/matrix.py",
    "app_pages/timeline.py",
    "app_pages/sources.py",
]


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


def test_pledges_table_follows_the_url():
    at = open_page("app_pages/pledges.py", {"s": "ruled_out"})
    table = at.dataframe[0].value
    assert table["Code"].tolist() == ["LUX"]


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
    assert len(at.dataframe[1].value) == 2  # one pledge, one stance
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
