"""st.dataframe in the browser: a canvas grid (glide-data-grid), read through its accessible table.

The cells are pixels, but the grid keeps an accessible <table role="grid"> inside its canvas with
aria-rowcount (header included) and one <tr aria-rowindex> per row it has drawn: only the rows in
view, so reading every row means scrolling. The header is HEADER_PX high; rows are as high as the
table's row_height (35 px by default, more where text wraps).
"""

from __future__ import annotations

from playwright.sync_api import Locator

GRID_TABLE = 'table[role="grid"]'
GRID_SCROLLER = ".dvn-scroller"
GRID_ROWS_JS = """(grid) => Array.from(grid.querySelectorAll('table[role="grid"] tbody tr')).map(
    (row) => [Number(row.getAttribute('aria-rowindex')), row.children[0] ? row.children[0].innerText : ''])"""
GRID_SHOWS_ROW_AFTER_JS = """([grid, after]) => Array.from(grid.querySelectorAll('table[role="grid"] tbody tr'))
    .some((row) => Number(row.getAttribute('aria-rowindex')) > after)"""
GRID_SHOWS_FIRST_ROW_JS = """(grid) => grid.querySelector('table[role="grid"] tbody tr[aria-rowindex="2"]') !== null"""
# Horizontal centre of the row-selection checkbox column at the grid's left edge.
ROW_MARKER_CENTRE_PX = 16
# Streamlit 1.67 draws the header at the default row height whatever row_height the table sets (measured:
# a 46-row table with 74 px rows is 35 + 46 × 74 px high).
HEADER_PX = 35
GRID_TIMEOUT_MS = 30_000


def count_grid_rows(grid: Locator) -> int:
    """Number of data rows of an st.dataframe (header not counted)."""
    table = grid.locator(GRID_TABLE).first
    table.wait_for(state="attached", timeout=GRID_TIMEOUT_MS)
    return int(table.get_attribute("aria-rowcount") or "1") - 1


def read_grid_texts(grid: Locator) -> list[str]:
    """First visible column of every row of an st.dataframe, in display order (scrolls the grid)."""
    total = count_grid_rows(grid)
    if total == 0:
        return []
    handle = grid.element_handle()
    grid.locator(GRID_SCROLLER).first.evaluate("(scroller) => scroller.scrollTo(0, 0)")
    grid.page.wait_for_function(GRID_SHOWS_FIRST_ROW_JS, arg=handle, timeout=GRID_TIMEOUT_MS, polling=100)
    seen: dict[int, str] = {}
    while True:
        seen.update({index: text for index, text in grid.evaluate(GRID_ROWS_JS) if index >= 2})
        if len(seen) >= total:
            return [seen[index] for index in sorted(seen)]
        last = max(seen)
        grid.locator(GRID_SCROLLER).first.evaluate("(scroller) => scroller.scrollBy(0, scroller.clientHeight / 2)")
        grid.page.wait_for_function(GRID_SHOWS_ROW_AFTER_JS, arg=[handle, last], timeout=GRID_TIMEOUT_MS, polling=100)


def click_grid_row(grid: Locator, index: int) -> str:
    """Tick the selection checkbox of data row `index` (0-based, in view); returns that row's first cell."""
    grid.scroll_into_view_if_needed()
    rows = dict(grid.evaluate(GRID_ROWS_JS))
    assert index + 2 in rows, f"row {index} is not drawn (rows in view: {sorted(rows)})"
    scroller = grid.locator(GRID_SCROLLER).first
    row_count = count_grid_rows(grid)
    # The scroller's first child is as tall as header and rows together, however tall the grid is.
    content_height, scroll_top = scroller.evaluate(
        "(s) => [s.firstElementChild.getBoundingClientRect().height, s.scrollTop]"
    )
    row_height = (content_height - HEADER_PX) / row_count
    box = grid.locator("canvas").first.bounding_box()
    assert box is not None, "the grid's canvas is not laid out"
    x = box["x"] + ROW_MARKER_CENTRE_PX
    y = box["y"] + HEADER_PX + (index + 0.5) * row_height - scroll_top
    assert 0 <= y < grid.page.viewport_size["height"], f"row {index} is outside the viewport (y={y:.0f})"
    grid.page.mouse.click(x, y)
    return rows[index + 2]
