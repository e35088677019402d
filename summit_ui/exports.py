"""Download buttons: the filtered view as CSV and Excel, the whole dataset as a zip."""

from __future__ import annotations

import streamlit as st

from summit.exports import build_view, dataset_zip, to_csv, to_xlsx
from summit_ui.context import PageContext


@st.cache_data(show_spinner=False, max_entries=4)
def _zip(_dataset, fingerprint: str) -> bytes:
    return dataset_zip(_dataset)


def render_downloads(ctx: PageContext, table: str) -> None:
    """Three download buttons under a table; files are built only when a button is used."""
    view = build_view(ctx.dataset, ctx.frames, ctx.filters, table)
    stem = f"{table}-{ctx.dataset.info.as_of.isoformat()}"
    columns = st.columns(3)
    columns[0].download_button(
        "Download CSV",
        lambda: to_csv(view),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"csv_{table}",
        on_click="ignore",
    )
    columns[1].download_button(
        "Download Excel",
        lambda: to_xlsx(view),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{table}",
        on_click="ignore",
    )
    columns[2].download_button(
        "Download whole dataset (zip)",
        lambda: _zip(ctx.dataset, ctx.dataset.fingerprint),
        file_name=f"summit-dataset-{ctx.dataset.info.as_of.isoformat()}.zip",
        mime="application/zip",
        key=f"zip_{table}",
        on_click="ignore",
    )
