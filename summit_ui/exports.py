"""Download buttons, one per row of summit.formats.EXPORT_FORMATS: the filtered view and the whole dataset."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from summit.exports import build_view
from summit.filenames import build_file_stem
from summit.formats import ExportFormat, Subject, export_format, formats_for
from summit.i18n import _, current_language
from summit_ui.context import PageContext


@st.cache_data(show_spinner=False, max_entries=4)
def _dataset_file(_dataset, fingerprint: str, format_id: str, lang: str) -> bytes:
    """The whole dataset as a file, built once per (data, format, language: the zip's README is translated)."""
    return export_format(format_id).write(_dataset)


def render_downloads(ctx: PageContext, table: str) -> None:
    """A button per table format, then one per dataset format, under a table; files are built only when a
    button is used."""
    view = build_view(ctx.dataset, ctx.frames, ctx.filters, table)
    stem = build_file_stem(ctx.dataset, ctx.filters, table)  # the meeting, table, filters and as-of date
    as_of = ctx.dataset.info.as_of.isoformat()
    buttons = [
        (export, _("Download {format}").format(format=_(export.label)), lambda export=export: export.write(view), stem)
        for export in formats_for(Subject.TABLE)
    ] + [
        (
            export,
            _("Download whole dataset ({format})").format(format=_(export.label)),
            lambda export=export: _dataset_file(ctx.dataset, ctx.dataset.fingerprint, export.id, current_language()),
            f"summit-dataset-{as_of}",
        )
        for export in formats_for(Subject.DATASET)
    ]
    for column, (export, label, payload, stem) in zip(st.columns(len(buttons)), buttons, strict=True):
        with column:
            render_download(export, label, payload, stem, key=f"{export.id}_{table}")


def render_download(export: ExportFormat, label: str, payload: Callable[[], bytes], stem: str, *, key: str) -> None:
    """One format's download button: file suffix, MIME type and icon from its row; built only when used."""
    st.download_button(
        label,
        payload,
        file_name=f"{stem}{export.suffix}",
        mime=export.mime,
        key=key,
        on_click="ignore",
        icon=f":material/{export.icon}:" if export.icon else None,
    )
