"""Exports: CSV and Excel open cleanly, carry sources and the as-of date, and never hold a live formula."""

from __future__ import annotations

import csv
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from summit.cli import main, parse_filter_args
from summit.exports import View, build_view, dataset_zip, defuse, to_csv, to_xlsx
from summit.filters import Filters
from tests.conftest import TINY

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", '=HYPERLINK("http://x")', "plain", "a=b"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
     ("safe", "safe"), ("a=b", "a=b"), (3, 3), (None, None)],
)  # fmt: skip
def test_defuse(value, expected):
    assert defuse(value) == expected


def hostile_view() -> View:
    table = pd.DataFrame({"Participant": HOSTILE, "Pledges": list(range(len(HOSTILE)))})
    sources = pd.DataFrame({"id": ["s"], "publisher": ["=evil()"], "title": ["t"], "url": ["https://x.org"]})
    return View("pledges", table, sources, "Showing =everything", "2026-02-28", "Cite =me", "CC BY 4.0")


def test_csv_cells_cannot_become_formulas():
    rows = list(csv.reader(io.StringIO(to_csv(hostile_view()).decode("utf-8-sig"))))
    assert rows[0] == ["Participant", "Pledges"]
    participants = [r[0] for r in rows[1:]]
    assert participants == [defuse(v) for v in HOSTILE]
    assert not any(p.startswith(("=", "+", "-", "@", "\t", "\r")) for p in participants)


def test_xlsx_has_no_formula_anywhere():
    workbook = load_workbook(io.BytesIO(to_xlsx(hostile_view())))
    assert workbook.sheetnames == ["Pledges", "Sources", "About"]
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
    sheet = workbook["Pledges"]
    assert [c.value for c in sheet["A"]][1:] == HOSTILE  # text kept exactly, stored as text
    assert workbook["Sources"]["B2"].value == "=evil()" and workbook["Sources"]["B2"].data_type == "s"


def test_xlsx_of_the_tiny_data_has_sources_and_as_of(tiny, tiny_frames):
    view = build_view(tiny, tiny_frames, Filters(types=("mnf_land",)), "pledges")
    workbook = load_workbook(io.BytesIO(to_xlsx(view)))
    pledges = workbook["Pledges"]
    header = [c.value for c in pledges[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in pledges.iter_rows(min_row=2)]
    assert {r["Participant"] for r in rows} == {"France", "Luxembourg"}
    assert {r["Status"] for r in rows} == {"Signed or adopted", "Ruled out"}
    assert all(r["Source"].startswith("https://") for r in rows)
    about = {row[0].value: row[1].value for row in workbook["About"].iter_rows()}
    assert about["Data as of"] == "2026-02-28"
    assert about["View"].startswith("Showing 2 pledges and stances, of type Multinational force on land")
    cited = {c.value for c in workbook["Sources"]["A"][1:]}
    assert cited == {"elysee-summit", "lequotidien-lux"}


def test_csv_of_participants_counts_pledges(tiny, tiny_frames):
    view = build_view(tiny, tiny_frames, Filters(), "participants")
    rows = list(csv.DictReader(io.StringIO(to_csv(view).decode("utf-8-sig"))))
    by_code = {r["Code"]: r for r in rows}
    assert by_code["LUX"]["Pledges"] == "1" and by_code["LUX"]["Stances"] == "1"
    assert by_code["NOR"]["Head(s) of delegation"] == "Not identified"


def test_dataset_zip_holds_yaml_schema_and_readme(tiny):
    archive = zipfile.ZipFile(io.BytesIO(dataset_zip(tiny)))
    names = set(archive.namelist())
    assert {
        "data/dataset.yaml",
        "data/meetings/2026-01-06-paris.yaml",
        "schema/meeting.schema.json",
        "README.txt",
    } <= names
    assert archive.read("data/sources.yaml") == (TINY / "sources.yaml").read_bytes()
    assert "as of: 2026-02-28" in archive.read("README.txt").decode()


def test_parse_filter_args():
    assert parse_filter_args(["g=nato", "t=a,b", "t=c"]) == {"g": ["nato"], "t": ["a,b", "c"]}
    with pytest.raises(ValueError, match="not KEY=VALUE"):
        parse_filter_args(["nato"])


def test_cli_export_writes_the_filtered_csv(tmp_path, capsys):
    out = tmp_path / "p.csv"
    code = main(["export", "--format", "csv", "--out", str(out), "--data", str(TINY), "s=ruled_out"])
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["Code"] for r in rows] == ["LUX"]
    assert "Showing 1 pledge or stance, with status Ruled out" in capsys.readouterr().out


def test_cli_export_xlsx_and_bad_args(tmp_path):
    out = tmp_path / "p.xlsx"
    assert main(["export", "--format", "xlsx", "--out", str(out), "--data", str(TINY), "--table", "participants"]) == 0
    assert load_workbook(out).sheetnames == ["Participants", "Sources", "About"]
    assert main(["export", "--format", "csv", "--out", str(out), "--data", str(TINY), "oops"]) == 2
    assert main(["export", "--format", "csv", "--out", str(out), "--data", str(tmp_path / "nope")]) == 2


def test_cli_dataset_writes_the_same_zip_as_the_page(tmp_path, tiny, capsys):
    out = tmp_path / "dataset.zip"
    assert main(["dataset", "--format", "zip", "--out", str(out), "--data", str(TINY)]) == 0
    assert zipfile.ZipFile(out).namelist() == zipfile.ZipFile(io.BytesIO(dataset_zip(tiny))).namelist()
    assert "the whole dataset, as of" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        main(["dataset", "--format", "zip", "--out", str(out), "--data", str(TINY), "g=nato"])
    assert stop.value.code == 2  # the whole dataset takes no filters
    assert main(["dataset", "--format", "zip", "--out", str(out), "--data", str(tmp_path / "nope")]) == 2
