"""Interactive tables: the columns that answer the page's question, long text wrapped, source links clickable.

A record table's selected row opens the record's detail (every field and source, and its participant's
profile); a participant table's selected row opens the profile. The columns shown are kept in the URL
(`cols=`), and every table has a print copy that the print stylesheet shows instead of the grid.
"""

from __future__ import annotations

import html
from functools import partial

import pandas as pd
import streamlit as st

from summit import changes as C
from summit import tables as T
from summit.i18n import _, translated_columns
from summit.profile import record_detail
from summit.tables import TableColumns
from summit_ui.context import page_context
from summit_ui.render import OPENS_ROW_KEY, PRINT_ONLY_CLASS, SCREEN_ONLY_KEY, text_cell
from summit_ui.sidebar import reseed_from_url

PROFILE_PAGE = "app_pages/profile.py"
PROFILE_PARAM = "participant"
COLUMNS_PARAM = "cols"  # URL key of the column choice
# Rows tall enough for three lines: Streamlit wraps cell text only in rows taller than 4rem.
WRAPPED_ROW_HEIGHT = 74
HEADER_HEIGHT = 35  # Streamlit draws the header at the default row height, whatever row_height is
MAX_TABLE_HEIGHT = 900
_PENDING_DETAIL = "record_detail_pending"

# Widths in pixels are minimums: a table as wide as the page shares the rest among its columns. Keyed by the
# English column names (summit.tables.COL_*); _column_config() gives them in the reader's language, as the
# columns are renamed when shown (summit.i18n.translated_columns).
_COLUMN_WIDTHS = {
    T.COL_PARTICIPANT: 100,
    T.COL_MEETING: 100,
    T.COL_TYPES: 104,
    T.COL_STATUS: 100,
    T.COL_DESCRIPTION: 222,
    T.COL_CONDITIONS: 116,
    T.COL_QUANTITIES: 100,
    T.COL_CONFIDENCE: 96,
    T.COL_HEAD: 220,
    # The Changes page's lists (summit.changes).
    C.COL_CHANGE: 120,
    C.COL_BEFORE: 130,
    C.COL_AFTER: 130,
    C.COL_DETAIL: 260,
    C.COL_WHEN: 110,
    C.COL_AS_MADE: 130,
    C.COL_NOW: 130,
    C.COL_SINCE: 110,
}


def _column_config() -> dict:
    """The column settings of the tables, keyed by the column names as shown (in the reader's language)."""
    config: dict = {
        # A short link text: "open source ↗" was cut off in the small column.
        _(T.COL_SOURCE): st.column_config.LinkColumn(_(T.COL_SOURCE), display_text=_("open ↗"), width=56),
        _(T.COL_CODE): None,  # used to open the profile, not shown
        _(T.COL_ID): None,
        _(T.COL_PLEDGES): st.column_config.NumberColumn(_(T.COL_PLEDGES), format="%d", width=72),
        _(T.COL_STANCES): st.column_config.NumberColumn(_(T.COL_STANCES), format="%d", width=72),
    }
    for column, width in _COLUMN_WIDTHS.items():
        config[_(column)] = st.column_config.TextColumn(_(column), width=width)
    return config


def translated_index(table: pd.DataFrame) -> pd.DataFrame:
    """A table whose index is named by a column constant (the matrix's participants), that name in the reader's
    language; its columns (the data's own labels) as they are."""
    name = table.index.name
    return table.rename_axis(_(name)) if isinstance(name, str) else table


def open_profile(code: str) -> None:
    """Go to the profile page of a participant, keeping the filters in the URL."""
    params = {**page_context().filters.to_query_params(), PROFILE_PARAM: code}
    reseed_from_url()
    st.switch_page(PROFILE_PAGE, query_params=params)


def choose_columns(table: pd.DataFrame, columns: TableColumns, *, key: str = COLUMNS_PARAM) -> list[str]:
    """The columns to show: the page's default, or the user's choice, kept in the URL as column ids
    (`cols=description&cols=said_by`), which stay the same whatever the labels' language."""
    options = columns.options(table.columns)
    names = {T.COLUMN_IDS[c]: c for c in options}
    default = [T.COLUMN_IDS[c] for c in columns.order(None, table.columns)]
    widget = f"table_columns_{columns.name}"
    if widget not in st.session_state:  # first run on this page: from the link
        asked = [c for c in st.query_params.get_all(key) if c in names]
        st.session_state[widget] = asked or default
    with st.popover(_("Columns"), icon=":material/view_column:"):
        chosen = st.multiselect(
            _("Columns shown"),
            list(names),
            format_func=lambda column_id: _(names[column_id]),
            key=widget,
            help=_("Kept in the link. Exports always hold every column."),
        )
    chosen = chosen or default
    if chosen == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != chosen:
        st.query_params[key] = chosen
    return columns.order(chosen, table.columns)


def _record_table_height(rows: int) -> int:
    """Every row in view up to MAX_TABLE_HEIGHT, with no empty space below a short table."""
    return min(MAX_TABLE_HEIGHT, HEADER_HEIGHT + WRAPPED_ROW_HEIGHT * rows + 2)


def _remember_record(key: str, ids: list[str]) -> None:
    """on_select: note the record whose row was just selected, for the detail dialog of this rerun."""
    rows = st.session_state[key]["selection"]["rows"]
    if rows:
        st.session_state[_PENDING_DETAIL] = ids[rows[0]]


def render_record_table(table: pd.DataFrame, key: str, *, chosen: list[str]) -> None:
    """Pledges and stances, long text wrapped; a selected row opens the record's detail."""
    shown = table[[*chosen, *(c for c in T.KEY_COLUMNS if c in table.columns)]]
    grid_key = f"{OPENS_ROW_KEY}_{key}"
    st.dataframe(
        translated_columns(shown),
        key=grid_key,
        hide_index=True,
        width="stretch",
        height=_record_table_height(len(shown)),
        row_height=WRAPPED_ROW_HEIGHT,
        column_config=_column_config(),
        on_select=partial(_remember_record, grid_key, list(table[T.COL_ID])),
        selection_mode="single-row",
    )
    st.container(key=f"{SCREEN_ONLY_KEY}_{key}").caption(
        _(
            "Select a row (its box, or Enter in the table) for the whole record, its sources and the "
            "participant's profile. Click a header to sort; choose the columns with Columns."
        )
    )
    render_print_table(shown.drop(columns=[c for c in T.KEY_COLUMNS if c in shown.columns]))
    pending = st.session_state.pop(_PENDING_DETAIL, None)
    if pending in set(table[T.COL_ID]):
        _record_dialog(pending)


def _record_dialog(pledge_id: str) -> None:
    """The whole record in a dialog titled with it: every field, each source as a link, and the way to the
    participant's profile."""
    ctx = page_context()
    detail = record_detail(ctx.dataset, ctx.frames, pledge_id)
    if detail is None:
        st.toast(_("This record is no longer in the data."))
        return

    def body() -> None:
        st.markdown("\n".join(f"- **{text_cell(label)}:** {text_cell(text)}" for label, text in detail.fields))
        st.markdown("**" + _("Sources ({n})").format(n=len(detail.sources)) + "**")
        st.markdown("\n".join(f"- [{text_cell(s.text)}]({s.url})" for s in detail.sources))
        if st.button(_("Open the participant's profile"), icon=":material/person:", key="record_detail_profile"):
            open_profile(detail.participant)

    st.dialog(text_cell(detail.title), width="large")(body)()


def render_selectable_table(
    table: pd.DataFrame, key: str, *, height: int | None = None, chosen: list[str] | None = None
) -> None:
    """A table of participants whose selected row opens that participant's profile."""
    shown = table if chosen is None else table[[*chosen, *(c for c in T.KEY_COLUMNS if c in table.columns)]]
    event = st.dataframe(
        translated_columns(shown),
        key=f"{OPENS_ROW_KEY}_{key}",
        hide_index=True,
        width="stretch",
        height=height or "auto",
        column_config=_column_config(),
        on_select="rerun",
        selection_mode="single-row",
    )
    rows = event.selection.rows if event is not None else []
    if rows:
        open_profile(str(table.iloc[rows[0]][T.COL_CODE]))
    st.container(key=f"{SCREEN_ONLY_KEY}_{key}").caption(
        _(
            "Select a row (its box, or Enter in the table) to open that participant's profile. "
            "Click a column header to sort."
        )
    )
    if chosen is not None:
        render_print_table(shown.drop(columns=[c for c in T.KEY_COLUMNS if c in shown.columns]))


def render_plain_table(table: pd.DataFrame, *, height: int | None = None) -> None:
    """A read-only sortable table with clickable source links."""
    st.dataframe(
        translated_columns(table), hide_index=True, width="stretch", height=height or "auto",
        column_config=_column_config(),
    )  # fmt: skip
    render_print_table(table)


def render_print_table(table: pd.DataFrame) -> None:
    """The table as plain HTML, hidden on screen: printing shows it instead of the grid, which a page cannot
    hold (the print stylesheet in summit_ui.render). Every cell is escaped."""

    def cell(value: object) -> str:
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        return html.escape(text)

    head = "".join(f"<th>{cell(c)}</th>" for c in translated_columns(table).columns)

    def td(value: object) -> str:
        text = cell(value)
        return f'<td class="url">{text}</td>' if text.startswith(("http://", "https://")) else f"<td>{text}</td>"

    body = "".join("<tr>" + "".join(td(v) for v in row) + "</tr>" for row in table.itertuples(False))
    st.html(f'<table class="{PRINT_ONLY_CLASS}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
