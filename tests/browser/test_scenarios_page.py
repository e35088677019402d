"""The Scenarios page in Chromium: a scenario link opened first after a server start, and a change of scenario
updating the counts, the map and the grid. Expected values come from the core (summit.scenarios)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from browser_harness.grid import read_grid_texts
from browser_harness.widgets import pick_option
from summit.filters import Filters
from summit.frames import build_frames
from summit.maps import SCENARIO_MEASURE, build_map_data, page_map
from summit.scenarios import scenario_name, scenario_sentence, standing, state_options, tokens_of
from summit.tables import matrix_table

TIMEOUT_MS = 60_000


def scenario_link(dataset, scenario_id: str) -> str:
    """The page's address with a named scenario, as the app writes it."""
    params = Filters(scenario=tokens_of(dataset.scenarios[scenario_id].conditions)).to_query_params()
    return f"/scenarios?{urlencode(params)}"


def named(dataset, scenario_id: str) -> tuple[str, ...]:
    return tokens_of(dataset.scenarios[scenario_id].conditions)


def expected(dataset, tokens: tuple[str, ...]):
    filters = Filters(scenario=tokens)
    rows = filters.rows(dataset, build_frames(dataset))
    name = scenario_name(dataset, filters.scenario_states)
    legend = page_map(
        build_map_data(dataset, rows.delegations, rows.pledge_types, SCENARIO_MEASURE), "europe", dataset
    ).payload["legend"]["items"]
    return rows, name, standing(dataset, rows.pledges), [item["label"] for item in legend]


def check_page(page: Page, dataset, tokens: tuple[str, ...]) -> None:
    rows, name, table, legend = expected(dataset, tokens)
    main = page.get_by_test_id("stMain")
    land = next(r for r in table if r.filter_value == "land")
    expect(main.get_by_text(scenario_sentence(name, land), exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    # The table of what stands: each row's numbers, in order, as links.
    body = main.locator("table").first.locator("tbody tr")
    expect(body).to_have_count(len(table))
    for index, row in enumerate(table):
        cells = body.nth(index).locator("td")
        expect(cells.nth(0)).to_have_text(row.label)
        expect(cells.nth(2)).to_have_text(str(row.stands))
        expect(cells.nth(3)).to_have_text(str(row.lapses))
    # The map's legend (drawn by the page's map component) counts the states per outcome as the core does.
    for label in legend:
        expect(main.get_by_text(label, exact=True).first).to_be_attached(timeout=TIMEOUT_MS)
    # The grid: one row per delegation, as the core's matrix.
    matrix = matrix_table(dataset, rows.pledge_types, rows.delegations)
    assert read_grid_texts(main.get_by_test_id("stDataFrame").last) == list(matrix.index)


def test_a_scenario_link_opened_first_after_a_server_start(start_app, page, wait_for_app, error_boxes, bundled_dataset):
    base_url = start_app()
    page.goto(base_url + scenario_link(bundled_dataset, "no_ceasefire"))
    wait_for_app(page)
    check_page(page, bundled_dataset, named(bundled_dataset, "no_ceasefire"))
    assert error_boxes(page) == [] and page.external_requests == []


def test_changing_the_scenario_updates_counts_map_and_grid(
    app_server, page, wait_for_app, error_boxes, bundled_dataset
):
    page.goto(app_server + scenario_link(bundled_dataset, "no_ceasefire"))
    wait_for_app(page)
    check_page(page, bundled_dataset, named(bundled_dataset, "no_ceasefire"))

    page.get_by_test_id("stMain").get_by_role("combobox", name="Scenario").click()
    page.get_by_role("option", name=bundled_dataset.scenarios["no_us_backstop"].name, exact=True).click()

    page.wait_for_url(re.compile(r"sc=us_backstop(%3A|:)not_met"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    check_page(page, bundled_dataset, named(bundled_dataset, "no_us_backstop"))

    # One more condition, marked in the sidebar: a ceasefire is still open.
    label = state_options(bundled_dataset)["after_ceasefire:open"]
    pick_option(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Scenario: conditions"), label)
    page.wait_for_url(re.compile(r"after_ceasefire(%3A|:)open"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    check_page(page, bundled_dataset, ("us_backstop:not_met", "after_ceasefire:open"))
    assert error_boxes(page) == [] and page.external_requests == []
