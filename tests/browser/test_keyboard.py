"""Keyboard paths of issue 15, in Chromium, with the keyboard only: every shared filter reached and changed, a
table passed in one Tab stop and a row opened with Enter, a country chosen from the map's list, slides paged,
an export downloaded, and a visible focus ring on every stop (not the current page's look)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from browser_harness.maps import MAP_ROOT
from browser_harness.widgets import SETTLED_IN_VIEW_JS
from summit import frames as F
from summit.briefing.slides import build_briefing
from summit.figures import NEUTRAL
from summit.filters import FILTERS, Filters, FilterSpec, filter_options
from summit.formats import Subject, formats_for
from summit.frames import build_frames
from summit.maps import build_map_data, map_measures, page_map
from summit.tables import COL_PARTICIPANT, participants_table
from summit_ui.render import FOCUS_COLOUR, FOCUS_RING_PX, OPENS_ROW_KEY
from summit_ui.sidebar import widget_key
from tests.browser.test_briefing_slides import wait_for_slide
from tests.browser.test_pages import TIMEOUT_MS, assert_clean, nav_link, query, wait_for_content
from tests.test_contrast import GRAPHICS, channels, contrast

# Enough Tab presses to cross the sidebar (nav links, 14 filters with their help buttons) and a page.
MAX_TABS = 120
FOCUS_RGB = "rgb({}, {}, {})".format(*channels(FOCUS_COLOUR))

# What has the keyboard focus: its tag, test id, name, the key of the keyed element around it (st-key-...),
# whether it is a table's canvas, and whether the page's body has it (nothing focused).
ACTIVE_JS = """() => {
    const a = document.activeElement;
    const keyed = a && a.closest('[class*="st-key-"]');
    return {
        tag: a ? a.tagName : '',
        testid: a ? a.getAttribute('data-testid') || '' : '',
        name: a ? (a.getAttribute('aria-label') || a.innerText || '').trim().slice(0, 40) : '',
        key: keyed ? keyed.className.match(/st-key-(\\S+)/)[1] : '',
        grid: !!a && a.getAttribute('data-testid') === 'data-grid-canvas',
        body: !a || a === document.body,
    };
}"""
# The focus ring of what has focus: the elements that draw an outline in the focus colour, among the focused
# element, the boxes around it and, for a switch whose input is hidden, its label's track. Each with its size,
# whether a box around it that clips (overflow, a visually hidden input's 1 px box, the scroller it is in) cuts
# the ring, and the colour behind it (the first opaque background of its ancestors, translucent ones laid over).
RING_JS = """([colour, minWidth]) => {
    const active = document.activeElement;
    if (!active || active === document.body) return {rings: [], focused: false};
    const candidates = [];
    for (let e = active; e && e !== document.body; e = e.parentElement) candidates.push(e);
    const label = active.closest('label');
    if (label) candidates.push(...label.querySelectorAll('*'));
    const behind = (element) => {
        const layers = [];
        for (let e = element.parentElement; e; e = e.parentElement) {
            const m = getComputedStyle(e).backgroundColor.match(/[\\d.]+/g).map(Number);
            const alpha = m.length > 3 ? m[3] : 1;
            if (alpha > 0) layers.push([m[0], m[1], m[2], alpha]);
            if (alpha >= 1) break;
        }
        let rgb = [255, 255, 255];
        for (const [r, g, b, alpha] of layers.reverse()) {
            rgb = [r, g, b].map((c, i) => c * alpha + rgb[i] * (1 - alpha));
        }
        return rgb.map(Math.round);
    };
    const cut = (element, style) => {
        const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
        const box = element.getBoundingClientRect();
        const ring = {
            left: box.left - reach, top: box.top - reach, right: box.right + reach, bottom: box.bottom + reach,
        };
        for (let e = element.parentElement; e && e !== document.documentElement; e = e.parentElement) {
            const s = getComputedStyle(e);
            const hides = (overflow) => overflow === 'hidden' || overflow === 'clip';
            const scrolls = (overflow) => overflow === 'auto' || overflow === 'scroll';
            const scroller = scrolls(s.overflowX) || scrolls(s.overflowY);
            const clips = scroller || hides(s.overflowX) || hides(s.overflowY) || s.clipPath !== 'none'
                || (s.clip !== 'auto' && s.position === 'absolute');
            if (!clips) continue;
            const r = e.getBoundingClientRect();
            // In a box that scrolls, a ring larger than the box is seen part by part (a tall table): not cut.
            const fitsX = !scroller || ring.right - ring.left <= r.width;
            const fitsY = !scroller || ring.bottom - ring.top <= r.height;
            const outside = (fitsX && (ring.left < r.left - 1 || ring.right > r.right + 1))
                || (fitsY && (ring.top < r.top - 1 || ring.bottom > r.bottom + 1));
            if (outside) return e.tagName + '.' + e.className.toString().split(' ')[0];
            if (scroller) break;  // what clips the scroller clips its view, not the ring
        }
        return '';
    };
    const rings = candidates.map((e) => [e, getComputedStyle(e)]).filter(([e, style]) =>
        style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= minWidth && style.outlineColor === colour
    ).map(([e, style]) => {
        const box = e.getBoundingClientRect();
        return {width: box.width, height: box.height, behind: behind(e), tag: e.tagName, cut: cut(e, style)};
    });
    return {rings, focused: true};
}"""
NAV_OUTLINE_JS = "(link) => [getComputedStyle(link).outlineStyle, getComputedStyle(link).outlineColor]"


def open_page(page: Page, wait_for_app, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    wait_for_content(page)


def active(page: Page) -> dict:
    return page.evaluate(ACTIVE_JS)


def tab_until(page: Page, reached, *, backwards: bool = False) -> list[dict]:
    """Press Tab (Shift+Tab) until `reached(active element)` holds; returns every stop passed on the way."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stops.append(active(page))
        if reached(stops[-1]):
            return stops
    raise AssertionError(f"never reached in {MAX_TABS} Tab presses; stops: {[(s['tag'], s['name']) for s in stops]}")


def assert_focus_ring(page: Page, where: str) -> None:
    """What has focus shows a ring of the focus colour, at least FOCUS_RING_PX wide, 3:1 against what is behind."""
    found = page.evaluate(RING_JS, [FOCUS_RGB, FOCUS_RING_PX])
    assert found["focused"], f"{where}: nothing has focus"
    shown = [ring for ring in found["rings"] if ring["width"] >= 8 and ring["height"] >= 8 and not ring["cut"]]
    assert shown, f"{where}: no whole focus ring on {active(page)}; rings: {found['rings']}"
    ratios = [contrast(FOCUS_COLOUR, tuple(ring["behind"])) for ring in shown]
    assert max(ratios) >= GRAPHICS, f"{where}: the ring is {max(ratios):.2f}:1 on {shown}"


def go_to_row(page: Page, index: int) -> None:
    """In the focused table, move to data row `index` with the arrow keys: the first arrow focuses a cell,
    Ctrl+ArrowUp goes to the first row (the grid's own keys; the grid does not say which cell has focus)."""
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Control+ArrowUp")
    for _ in range(index):
        page.keyboard.press("ArrowDown")


def wait_for_url_value(page: Page, key: str, value: str) -> None:
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get(key) == [value], timeout=TIMEOUT_MS)


# --- filters: each kind changed as a keyboard user changes it, then the value the URL must hold ---------------


def _choose_one(page: Page, spec: FilterSpec, labels: dict[str, str], default: str | None) -> str:
    """A select box: open its list, type an option other than the one shown, Enter."""
    option = next(option for option in reversed(labels) if option != default)
    control = page.locator(f".st-key-{widget_key(spec)} input")
    page.wait_for_function(SETTLED_IN_VIEW_JS, arg=control.element_handle(), polling="raf")
    page.keyboard.press("ArrowDown")
    expect(control).to_have_attribute("aria-expanded", "true")
    page.keyboard.type(labels[option])
    expect(page.get_by_role("option").first).to_have_text(labels[option])
    page.keyboard.press("Enter")
    return option


def _choose_many(page: Page, spec: FilterSpec, labels: dict[str, str], _default: str | None) -> str:
    """A multiselect: open its list, type an option, move down to it (the list may first offer to select every
    match), Enter."""
    option = next(iter(labels))
    control = page.locator(f".st-key-{widget_key(spec)}").get_by_role("combobox")
    page.wait_for_function(SETTLED_IN_VIEW_JS, arg=control.element_handle(), polling="raf")
    page.keyboard.press("ArrowDown")
    expect(control).to_have_attribute("aria-expanded", "true")
    page.keyboard.type(labels[option])
    focused = page.locator('[role="option"][data-focused="true"]')
    expect(page.get_by_role("option", name=labels[option], exact=True)).to_be_visible()
    for _ in range(len(labels) + 1):
        if focused.inner_text().strip() == labels[option]:
            break
        page.keyboard.press("ArrowDown")
    expect(focused).to_have_text(labels[option])
    page.keyboard.press("Enter")
    return option


def _type_text(page: Page, _spec: FilterSpec, _labels: dict[str, str], _default: str | None) -> str:
    page.keyboard.type("France")
    page.keyboard.press("Enter")
    return "France"


def _switch_on(page: Page, _spec: FilterSpec, _labels: dict[str, str], _default: str | None) -> str:
    page.keyboard.press("Space")
    return "1"


def _type_date(page: Page, spec: FilterSpec, _labels: dict[str, str], _default: str | None) -> str:
    """Year, month and day typed into their fields; the date input takes the date when focus leaves it."""
    page.keyboard.type("20260120")
    field = f".st-key-{widget_key(spec)} [data-testid=stDateInputField]"
    tab_until(page, lambda _stop: page.evaluate(f"() => !document.querySelector('{field}').matches(':focus-within')"))
    return "2026-01-20"


CHANGE_BY_KIND = {"one": _choose_one, "many": _choose_many, "scenario": _choose_many, "text": _type_text,
                  "flag": _switch_on, "date": _type_date}  # fmt: skip


def test_every_kind_of_filter_has_a_keyboard_change():
    assert {spec.kind.name for spec in FILTERS} <= set(CHANGE_BY_KIND)


@pytest.mark.parametrize("spec", FILTERS, ids=[spec.field for spec in FILTERS])
def test_a_shared_filter_is_reached_with_tab_and_changed_with_the_keyboard(
    app_server, page, wait_for_app, error_boxes, bundled_dataset, spec
):
    open_page(page, wait_for_app, f"{app_server}/participants")
    key = widget_key(spec)
    # The filter's own control, not its help button or the date's calendar button.
    tab_until(page, lambda stop: stop["key"] == key and stop["tag"] != "BUTTON")
    assert_focus_ring(page, spec.label)
    labels = filter_options(bundled_dataset).get(spec.field, {})
    default = spec.default_option(bundled_dataset) if spec.default_option else None
    value = CHANGE_BY_KIND[spec.kind.name](page, spec, labels, default)
    wait_for_url_value(page, spec.key, value)
    wait_for_app(page)
    assert_clean(page, error_boxes)


# --- tables ---------------------------------------------------------------------------------------------------


def enter_opens_the_profile_of(page: Page, name: str, wait_for_app, error_boxes, dataset) -> None:
    """Enter on what has focus opens the profile of the participant named, and the page is clean."""
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/profile\?"), timeout=TIMEOUT_MS)
    wait_for_app(page)
    assert F.participant_name(dataset, query(page)["participant"]) == name
    assert_clean(page, error_boxes)


def test_a_table_is_one_tab_stop_and_enter_on_a_row_opens_the_profile(
    app_server, page, wait_for_app, error_boxes, bundled_dataset, screenshot, grid_texts
):
    open_page(page, wait_for_app, f"{app_server}/participants")
    names = grid_texts(page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first)
    grid_key = f"{OPENS_ROW_KEY}_participants_table"
    tab_until(page, lambda stop: stop["grid"])
    assert active(page)["key"] == grid_key
    assert_focus_ring(page, "the table")
    # One Tab leaves the table for what follows it (the downloads), one Shift+Tab comes back.
    page.keyboard.press("Tab")
    after = active(page)
    assert not after["grid"] and after["key"] != grid_key, after
    assert after["name"].startswith("Download"), after
    page.keyboard.press("Shift+Tab")
    assert active(page)["grid"], active(page)
    go_to_row(page, 2)
    name = names[2]
    screenshot(page, "keyboard-table-row")
    enter_opens_the_profile_of(page, name, wait_for_app, error_boxes, bundled_dataset)


def test_enter_on_a_pledge_opens_its_record_and_the_keyboard_reaches_the_profile(
    app_server, page, wait_for_app, error_boxes, bundled_dataset, grid_texts
):
    open_page(page, wait_for_app, f"{app_server}/pledges")
    name = grid_texts(page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first)[1]
    tab_until(page, lambda stop: stop["grid"])
    go_to_row(page, 1)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=TIMEOUT_MS)
    assert dialog.inner_text().strip().startswith(f"{name} — ")
    button = dialog.get_by_role("button", name="Open the participant's profile")
    tab_until(page, lambda stop: stop["name"].endswith("Open the participant's profile"))
    assert_focus_ring(page, "the dialog's profile button")
    expect(button).to_be_focused()
    enter_opens_the_profile_of(page, name, wait_for_app, error_boxes, bundled_dataset)


# --- the map and its list ---------------------------------------------------------------------------------------


def test_the_maps_list_follows_the_map_in_tab_order_and_opens_a_country(
    app_server, page, wait_for_app, wait_for_map, error_boxes, bundled_dataset, grid_texts
):
    open_page(page, wait_for_app, f"{app_server}/map")
    wait_for_map(page, neutral=NEUTRAL)
    rows = Filters().rows(bundled_dataset, build_frames(bundled_dataset))
    shown = page_map(
        build_map_data(bundled_dataset, rows.delegations, rows.pledge_types, next(iter(map_measures(bundled_dataset)))),
        "europe",
        bundled_dataset,
    )
    # The chart's alt text stays: the map's name for screen readers and the caption under it.
    expect(page.locator(MAP_ROOT)).to_have_attribute("aria-label", shown.alt)
    expect(page.get_by_test_id("stMain").get_by_text(shown.alt, exact=False)).to_be_visible()
    # The list holds everyone on the map, in the table's order: the map's text equivalent.
    expected = list(participants_table(bundled_dataset, rows.delegations, rows.pledges)[COL_PARTICIPANT])
    side = page.locator(".st-key-map_page_side")
    listed = grid_texts(side.get_by_test_id("stDataFrame").last)
    assert listed == expected
    assert {F.participant_name(bundled_dataset, state["code"]) for state in shown.payload["states"]} <= set(listed)
    # After the map (its download and its canvas), the next table reached is the list beside it.
    tab_until(page, lambda stop: stop["name"] == "Download PNG")
    stops = tab_until(page, lambda stop: stop["grid"])
    assert any(stop["name"] == "Map" for stop in stops), stops
    assert active(page)["key"].startswith(f"{OPENS_ROW_KEY}_map_page_"), active(page)
    assert page.evaluate("() => !!document.activeElement.closest('.st-key-map_page_side')")
    # Past the organisations' list (if any; its toolbar, then its grid) to the list of everyone.
    everyone = f"{OPENS_ROW_KEY}_map_page_list"
    passed = [] if active(page)["key"] == everyone else tab_until(page, lambda s: s["grid"] and s["key"] == everyone)
    assert all(stop["key"].startswith(f"{OPENS_ROW_KEY}_map_page_") for stop in passed), passed
    assert_focus_ring(page, "the map's list")
    go_to_row(page, 3)
    name = listed[3]
    enter_opens_the_profile_of(page, name, wait_for_app, error_boxes, bundled_dataset)


# --- briefing ---------------------------------------------------------------------------------------------------


def test_briefing_slides_page_with_the_next_button_and_the_arrow_keys(
    app_server, page, wait_for_app, error_boxes, bundled_dataset
):
    slides = build_briefing(bundled_dataset, build_frames(bundled_dataset), Filters())
    page.goto(f"{app_server}/briefing?slide=1")
    wait_for_slide(page, wait_for_app, slides[0])
    tab_until(page, lambda stop: stop["key"] == "briefing_next")
    assert_focus_ring(page, "Next")
    page.keyboard.press("Enter")
    wait_for_url_value(page, "slide", "2")
    wait_for_slide(page, wait_for_app, slides[1])
    page.keyboard.press("ArrowRight")
    wait_for_url_value(page, "slide", "3")
    wait_for_slide(page, wait_for_app, slides[2])
    page.keyboard.press("ArrowLeft")
    wait_for_url_value(page, "slide", "2")
    wait_for_slide(page, wait_for_app, slides[1])
    # As in test_briefing_slides: a slide's chart frame left while loading aborts its blob, which is no error.
    assert error_boxes(page) == []
    assert page.console_errors == []
    assert page.external_requests == []


# --- downloads --------------------------------------------------------------------------------------------------


def test_an_export_downloads_from_the_keyboard(app_server, page, wait_for_app, error_boxes):
    export = formats_for(Subject.TABLE)[0]
    open_page(page, wait_for_app, f"{app_server}/participants")
    tab_until(page, lambda stop: stop["name"] == f"Download {export.label}")
    assert_focus_ring(page, "the download button")
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.keyboard.press("Enter")
    payload = download.value.path().read_bytes()
    assert download.value.suggested_filename.endswith(export.suffix)
    assert len(payload) > 0
    assert_clean(page, error_boxes)


# --- focus is always visible ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/participants", "/map", "/briefing?slide=2"])
def test_every_tab_stop_shows_a_focus_ring(app_server, page, wait_for_app, error_boxes, screenshot, path):
    open_page(page, wait_for_app, f"{app_server}{path}")
    first = None
    for number in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = active(page)
        if stop["body"]:
            continue  # past the last stop, before the first again
        where = f"{path}, stop {number + 1}: {stop}"
        if first is None:
            first = stop
        elif stop == first:
            break  # round the page once
        assert_focus_ring(page, where)
        if number == 12:
            screenshot(page, f"keyboard-focus-{path.strip('/').split('?')[0]}")
    else:
        raise AssertionError(f"{path}: Tab did not come round in {MAX_TABS} presses")
    assert_clean(page, error_boxes)


def test_a_focused_nav_link_does_not_look_like_the_current_page(app_server, page, wait_for_app, error_boxes):
    open_page(page, wait_for_app, f"{app_server}/participants")
    current, other = nav_link(page, "Participants"), nav_link(page, "Pledges")
    assert current.get_attribute("aria-current") == "page"
    tab_until(page, lambda stop: stop["testid"] == "stSidebarNavLink" and stop["name"].endswith("Pledges"))
    assert_focus_ring(page, "the Pledges link")
    # The current page's link, without focus, has no ring: focus and 'you are here' differ.
    assert current.evaluate(NAV_OUTLINE_JS)[1] != FOCUS_RGB or current.evaluate(NAV_OUTLINE_JS)[0] == "none"
    assert other.evaluate(NAV_OUTLINE_JS) == ["solid", FOCUS_RGB]
    assert_clean(page, error_boxes)
