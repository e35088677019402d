"""Exports of the hostile dataset (tests/fixtures/hostile): no CSV cell or Excel cell is a live formula.

The hostile data starts text fields with =, +, -, @, a tab and a carriage return, and quotes
=HYPERLINK(...) and a DDE payload (=cmd|' /C calc'!A0). Spreadsheets run such cells on opening.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from summit.cli import main
from summit.dataset import Dataset, load_dataset
from summit.exports import FORMULA_TRIGGERS, build_view, to_csv, to_xlsx
from summit.filters import Filters
from summit.formats import TABLES, Subject, formats_for
from summit.frames import Frames, build_frames
from tests.conftest import TESTS

HOSTILE = TESTS / "fixtures" / "hostile"
FILTER_CASES = [Filters(), Filters(text="=HYPERLINK"), Filters(text="@SUM(1+1)")]


@pytest.fixture(scope="module")
def hostile() -> tuple[Dataset, Frames]:
    result = load_dataset(HOSTILE)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset, build_frames(result.dataset)


def csv_cells(payload: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(payload.decode("utf-8-sig"), newline="")) for cell in row]


def formula_cells(payload: bytes) -> list[str]:
    """Cells of an .xlsx that are formulas, by openpyxl's reading and in the sheet XML itself."""
    workbook = load_workbook(io.BytesIO(payload))
    found = [
        f"{sheet.title}!{cell.coordinate}={cell.value!r}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        found += [
            name for name in archive.namelist() if name.startswith("xl/worksheets/") and b"<f>" in archive.read(name)
        ]
    return found


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("filters", FILTER_CASES, ids=["all", "text-formula", "text-at"])
def test_csv_of_the_hostile_data_has_no_cell_a_spreadsheet_would_run(hostile, table, filters):
    dataset, frames = hostile
    view = build_view(dataset, frames, filters, table)
    assert len(view.table), "the filter should keep some rows, or the test proves nothing"
    cells = csv_cells(to_csv(view))
    assert [c for c in cells if c.startswith(FORMULA_TRIGGERS)] == []
    # The payloads are still there, as text behind the apostrophe.
    assert any(c.startswith("'=HYPERLINK(") for c in cells)
    if filters == Filters():
        assert any("<script>window.__pwned=1</script>" in c for c in cells)


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("filters", FILTER_CASES, ids=["all", "text-formula", "text-at"])
def test_xlsx_of_the_hostile_data_has_no_formula(hostile, table, filters):
    dataset, frames = hostile
    payload = to_xlsx(build_view(dataset, frames, filters, table))
    assert formula_cells(payload) == []
    workbook = load_workbook(io.BytesIO(payload))
    texts = {c.value for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row}
    assert dataset.info.citation in texts  # kept exactly, as text


@pytest.mark.parametrize("table", TABLES)
def test_xlsx_keeps_a_dde_payload_as_plain_text(hostile, table):
    dataset, frames = hostile
    workbook = load_workbook(io.BytesIO(to_xlsx(build_view(dataset, frames, Filters(), table))))
    cells = [c for row in workbook["Sources"].iter_rows() for c in row if c.value == "=cmd|' /C calc'!A0"]
    assert len(cells) == 1 and cells[0].data_type == "s"


@pytest.mark.parametrize("table", TABLES)
def test_xlsx_of_the_hostile_data_links_only_http_addresses(hostile, table):
    dataset, frames = hostile
    workbook = load_workbook(io.BytesIO(to_xlsx(build_view(dataset, frames, Filters(), table))))
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    links = {c.value: c.hyperlink.target for c in cells if c.hyperlink}
    assert links, "the Source and Link columns should link"
    assert all(target.startswith(("https://", "http://")) for target in links.values())
    # Text holding javascript: or =HYPERLINK( is there, and never a link.
    payloads = [c for c in cells if "javascript:" in c.value or c.value.startswith("=")]
    assert payloads and [c.coordinate for c in payloads if c.hyperlink] == []
    # A payload inside a source's address stays in the text shown and is escaped in the address opened.
    address = 'https://lequotidien.lu/a?q="><script>window.__pwned=1</script>'
    assert links[address] == "https://lequotidien.lu/a?q=%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E"


def test_cli_exports_of_the_hostile_data_are_inert(tmp_path):
    # Each table format has its own check below: a new one must say here how it keeps formulas inert.
    assert [f.id for f in formats_for(Subject.TABLE)] == ["csv", "xlsx"]
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"pledges.{fmt}"
        assert main(["export", "--format", fmt, "--out", str(out), "--data", str(HOSTILE)]) == 0
        payload = out.read_bytes()
        if fmt == "csv":
            assert [c for c in csv_cells(payload) if c.startswith(FORMULA_TRIGGERS)] == []
        else:
            assert formula_cells(payload) == []
