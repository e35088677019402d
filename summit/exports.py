"""Exports of the filtered view (CSV, Excel) and of the whole dataset (zip), for the app and the CLI.

The formats, with their MIME types and file names, are rows of summit.formats.EXPORT_FORMATS.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, partial
from urllib.parse import quote

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from summit import frames as F
from summit.changes import change_table, changes_frame, changes_since
from summit.dataset import Dataset, data_files
from summit.filters import Filters, no_domain_note, no_domain_records, scope_note
from summit.frames import Frames
from summit.i18n import N_, Messages, _, ngettext, translated_columns
from summit.schema import URL_PATTERN, json_schemas
from summit.tables import COL_CODE, participants_table, pledges_table, sources_table

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# How an Excel cell shows a yes/no value (a spreadsheet's own TRUE/FALSE reads as code to most readers).
BOOLEAN_WORDS = Messages({True: N_("Yes"), False: N_("No")})
# Column widths in characters (column_width): the longest line plus a margin, within these bounds.
MIN_COLUMN_WIDTH = 8
MAX_COLUMN_WIDTH = 60
COLUMN_MARGIN = 2
# Excel's limits on links (the figures XlsxWriter enforces): an address's length, and links in one sheet.
# A longer address, or one past the limit, is left as plain text.
MAX_LINK_LENGTH = 2079
MAX_LINKS_PER_SHEET = 65_530
_URL = re.compile(URL_PATTERN)
# RFC 3986's reserved and unreserved characters besides letters and digits, and % (escapes already made).
URI_CHARACTERS = ":/?#[]@!$&'()*+,;=-._~%"
WRAPPED = Alignment(wrap_text=True, vertical="top")
HEADER_FONT = Font(bold=True)
CHANGES_SHEET = N_("Changes")  # what changed since the 'Changes since' day, in an Excel export (read with _)
# The Excel sheet of each table (a View's name); any other name is capitalised.
TABLE_SHEETS = Messages({"pledges": N_("Pledges"), "participants": N_("Participants")})
LINK_STYLE = "Hyperlink"  # Excel's built-in style for links (blue, underlined)


def defuse(value: object) -> object:
    """Make text that a spreadsheet would evaluate inert by prefixing an apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


@dataclass(frozen=True)
class View:
    """A filtered table ready to export, with what is needed to cite it."""

    name: str
    table: pd.DataFrame
    sources: pd.DataFrame  # summit.tables.sources_table of the sources the table's rows cite
    description: str
    as_of: str
    citation: str
    licence: str
    # Works out what changed since the 'Changes since' day, only when a file is written (the app builds a
    # view on every rerun): (summit.changes.change_table, that day in words), or None.
    find_changes: Callable[[], tuple[pd.DataFrame, str] | None] = lambda: None

    @cached_property
    def changes(self) -> tuple[pd.DataFrame, str] | None:
        """The change list and the day it starts from (the Excel export's Changes sheet), or None when the data
        holds one meeting."""
        return self.find_changes()


def build_view(dataset: Dataset, frames: Frames, filters: Filters, name: str) -> View:
    """The filtered pledges or participants table, plus the sources its rows cite."""
    selected = filters.rows(dataset, frames)
    if name == "pledges":
        table, rows = pledges_table(dataset, selected.pledges), selected.pledges
        noun = "pledges and stances"
    else:
        table = participants_table(dataset, selected.delegations, selected.pledges)
        rows, noun = selected.delegations, "delegations"
    cited = {source_id for ids in rows[F.SOURCE_IDS] for source_id in ids}
    sources = sources_table(frames.sources[frames.sources[F.SOURCE_ID].isin(cited)].sort_values(F.PUBLISHER))
    return View(
        name=name,
        table=table,
        sources=sources,
        # The sentence, then what the time scope leaves out, so a file handed on says what it does not hold.
        description=" ".join(
            p
            for p in (
                filters.describe(dataset, len(table), noun),
                scope_note(filters, dataset, frames),
                no_domain_note(filters, dataset, no_domain_records(filters, dataset, frames, selected.pledges)),
            )
            if p
        ),
        as_of=dataset.info.as_of.isoformat(),
        citation=dataset.info.citation,
        licence=dataset.info.licence,
        find_changes=partial(_changes, dataset, frames, filters),
    )


def _changes(dataset: Dataset, frames: Frames, filters: Filters) -> tuple[pd.DataFrame, str] | None:
    since = changes_since(dataset, frames, filters)
    if since is None:
        return None
    table = change_table(changes_frame(since.changes, dataset, since.old), dataset)
    return table.drop(columns=[COL_CODE]), since.label


def to_csv(view: View) -> bytes:
    """UTF-8 CSV (with BOM so Excel reads accents) whose text cells cannot become formulas."""
    return table_csv(translated_columns(view.table))


def table_csv(table: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV with a BOM, its text cells defused (never a formula)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([defuse(c) for c in table.columns])
    for row in table.itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else defuse(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(view: View) -> bytes:
    """Excel workbook: the table, the sources it cites, and an 'About' sheet with the as-of date.

    Every cell wraps its text and sits at the top of its row; headers are bold and stay in view when scrolling;
    a cell holding one http(s) address is a link to it; yes/no values read Yes or No; column widths follow
    column_width. No cell is ever a formula, whatever the data holds.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = TABLE_SHEETS.get(view.name, view.name.capitalize())[:31]
    _write_sheet(sheet, translated_columns(view.table))
    _write_sheet(workbook.create_sheet(_("Sources")[:31]), translated_columns(view.sources))
    changes = view.changes
    if changes is not None:
        changes_sheet = _(CHANGES_SHEET)[:31]
        _write_sheet(workbook.create_sheet(changes_sheet), translated_columns(changes[0]))
        # English has always said "records" whatever the count: both forms stay that.
        since_text = ngettext(
            "{day} (the {sheet} sheet: {n} record)", "{day} (the {sheet} sheet: {n} records)", len(changes[0])
        ).format(day=changes[1], sheet=changes_sheet, n=len(changes[0]))
        since = ((_("Changes since"), since_text),)
    about = workbook.create_sheet(_("About")[:31])
    for label, text in (
        (_("View"), view.description),
        (_("Data as of"), view.as_of),
        *(since if changes is not None else ()),
        (_("Cite as"), view.citation),
        (_("Licence"), view.licence),
        (_("Note"), _("Every row cites its sources; check them before quoting a figure.")),
    ):
        label_cell, text_cell = _append_row(about, [label, text])
        label_cell.font = HEADER_FONT
        text_cell.data_type = "s"  # "2026-02-28" stays the text it is, not a date
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def link_of(value: object) -> str | None:
    """The address a cell links to, or None. Only text that is one http(s) address and nothing else (the data
    model's rule for a URL) links; the address is the text with the characters a URI may not hold (quotes,
    angle brackets, letters outside ASCII, ...) percent-encoded as UTF-8, escapes already in it kept."""
    if not isinstance(value, str) or _URL.fullmatch(value) is None:
        return None
    target = quote(value, safe=URI_CHARACTERS)
    return target if len(target) <= MAX_LINK_LENGTH else None


def column_width(header: object, values: Iterable[object]) -> int:
    """Width of a column in characters: its longest line, header included, plus a margin, kept within
    MIN_COLUMN_WIDTH and MAX_COLUMN_WIDTH. Short columns (codes, counts, Yes/No) stay narrow; text longer
    than the widest column (descriptions, titles, addresses) wraps onto more lines."""
    longest = max(_longest_line(value) for value in (header, *values))
    return max(MIN_COLUMN_WIDTH, min(MAX_COLUMN_WIDTH, longest + COLUMN_MARGIN))


def _longest_line(value: object) -> int:
    return max((len(line) for line in str(value).splitlines()), default=0)


def _cell_value(value: object) -> object:
    """What a cell holds: '' for a missing value, Yes or No for a bool, else the value."""
    if isinstance(value, bool | np.bool_):
        return BOOLEAN_WORDS[bool(value)]
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _append_row(sheet, values: Iterable[object], links_left: int = MAX_LINKS_PER_SHEET) -> tuple:
    """Append one row of values as written to a cell, up to links_left addresses made links; returns its cells."""
    sheet.append([_cell_value(v) for v in values])
    cells = tuple(sheet[sheet.max_row])
    for cell in cells:
        # openpyxl treats text starting with '=' as a formula; force every text cell to be text.
        if isinstance(cell.value, str):
            cell.data_type = "s"
        if links_left > 0 and (target := link_of(cell.value)):
            cell.hyperlink = target  # the address as written stays the text shown
            cell.style = LINK_STYLE  # a named style: set it first, it replaces the cell's font and alignment
            links_left -= 1
        cell.alignment = WRAPPED
    return cells


def _write_sheet(sheet, table: pd.DataFrame) -> None:
    for cell in _append_row(sheet, table.columns, links_left=0):  # a header is a name, whatever it looks like
        cell.font = HEADER_FONT
        cell.data_type = "s"
    links_left = MAX_LINKS_PER_SHEET
    for row in table.itertuples(index=False):
        links_left -= sum(cell.hyperlink is not None for cell in _append_row(sheet, row, links_left))
    for index, column in enumerate(table.columns, start=1):
        width = column_width(column, (_cell_value(v) for v in table[column]))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def dataset_zip(dataset: Dataset) -> bytes:
    """The whole dataset: its YAML files, the JSON Schemas and a README."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in data_files(dataset.root):
            archive.write(path, f"data/{path.relative_to(dataset.root).as_posix()}")
        for name, schema in json_schemas().items():
            archive.writestr(f"schema/{name}.schema.json", json.dumps(schema, indent=2, ensure_ascii=False))
        archive.writestr("README.txt", _zip_readme(dataset))
    return buffer.getvalue()


def _zip_readme(dataset: Dataset) -> str:
    info = dataset.info
    return _(
        "{title}\n\n{description}\n\nData as of: {as_of}\nLicence: {licence}\n"
        "Cite as: {citation}\n\n"
        "Contents\n  data/     the YAML dataset (one file per meeting under data/meetings/)\n"
        "  schema/   JSON Schema of each kind of file, for editors with a YAML language server\n\n"
        "Every meeting, delegation and pledge lists its sources (ids into data/sources.yaml) and a\n"
        "confidence level. Check the sources before quoting a figure.\n"
    ).format(
        title=info.title, description=info.description, as_of=info.as_of, licence=info.licence, citation=info.citation
    )
