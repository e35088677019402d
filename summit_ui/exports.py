"""Download buttons: the filtered view in every table format, the whole dataset as a zip."""

from __future__ import annotations

import streamlit as st

from summit.exports import build_view, dataset_zip
from summit.formats import Subject, formats_for
from summit_ui.context import PageContext


@st.cache_data(show_spinner=False, max_entries=4)
def _zip(_dataset, fingerprint: str) -> bytes:
    return dataset_zip(_dataset)


def render_downloads(ctx: PageContext, table: str) -> None:
    """A download button per table format, then the whole dataset, under a table; files are built only when a
    button is used."""
    view = build_view(ctx.dataset, ctx.frames, ctx.filters, table)
    stem = f"{table}-{ctx.dataset.info.as_of.isoformat()}"
    formats = formats_for(Subject.TABLE)
    columns = st.columns(len(formats) + 1)
    for column, export in zip(columns, formats, strict=False):
        column.download_button(
            f"Download {export.label}",
            lambda export=export: export.write(view),
            file_name=f"{stem}{export.suffix}",
            mime=export.mime,
            key=f"{export.id}_{table}",
            on_click="ignore",
            icon=f":material/{export.icon}:" if export.icon else None,
        )
    columns[-1].download_button(
        "Download whole dataset (zip)",
        lambda: _zip(ctx.dataset, ctx.dataset.fingerprint),
        file_name=f"summit-dataset-{ctx.dataset.info.as_of.isoformat()}.zip",
        mime="application/zip",
        key=f"zip_{table}",
        on_click="ignore",
    )
