"""Exports: CSV and Excel open cleanly, carry sources and the as-of date, and never hold a live formula."""

from __future__ import annotations

import csv
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from summit.cli import main, parse_filter_args
from summit.exports import (
    MAX_COLUMN_WIDTH,
    MIN_COLUMN_WIDTH,
    View,
    build_view,
    column_width,
    dataset_zip,
    defuse,
    link_of,
    to_csv,
    to_xlsx,
)
from summit.filters import Filters
from summit.formats import TABLES
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
    sources = pd.DataFrame({"Id": ["s"], "Publisher": ["=evil()"], "Title": ["t"], "Link": ["https://x.org"]})
    return View("pledges", table, sources, "Showing =everything", "2026-02-28", "Cite =me", "CC BY 4.0")


def test_csv_cells_cannot_become_formulas():
    rows = list(csv.reader(io.StringIO(to_csv(hostile_view()).decode("utf-8-sig"))))
    assert rows[0] == ["Participant", "Pledges"]
    participants = [r[0] for r in rows[1:]]
    assert participants == [defuse(v) for v in HOSTILE]
    assert not any(p.startswith(("=", "+", "-", "@", "\t", "\r")) for p in participants)


def test_xlsx_has_no_formula_anywhere():
    workbook = load_workbook(io.BytesIO(to_xlsx(hostile_view())))
    assert workbook.sheetnames == ["Pledges", "Sources", "About"]  # a view made by hand has no change list
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
    assert load_workbook(out).sheetnames == ["Participants", "Sources", "Changes", "About"]
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


# --- what a download holds, byte by byte where a reader's program depends on it ----------------------


def small_view(name: str = "pledges") -> View:
    table = pd.DataFrame({"Participant": ["Côte d'Ivoire", "Norway"], "Pledges": [2, None]})
    sources = pd.DataFrame({"Id": ["s"], "Publisher": ["Élysée"], "Title": ["t"], "Link": ["https://x.org"]})
    return View(name, table, sources, "Showing 2 delegations.", "2026-02-28", "Cite me", "CC BY 4.0")


def test_csv_starts_with_a_byte_order_mark_and_ends_lines_as_excel_expects():
    """Excel reads a CSV without the mark as Windows-1252: 'CÃ´te'. The tests elsewhere decode with
    utf-8-sig, which accepts both, so the exact bytes are checked here."""
    payload = to_csv(small_view())
    assert payload == "\ufeffParticipant,Pledges\r\nCôte d'Ivoire,2.0\r\nNorway,\r\n".encode()


def test_xlsx_about_sheet_says_what_the_view_is_and_how_to_cite_it():
    workbook = load_workbook(io.BytesIO(to_xlsx(small_view())))
    about = workbook["About"]
    assert [[c.value for c in row] for row in about.iter_rows()] == [
        ["View", "Showing 2 delegations."],
        ["Data as of", "2026-02-28"],
        ["Cite as", "Cite me"],
        ["Licence", "CC BY 4.0"],
        ["Note", "Every row cites its sources; check them before quoting a figure."],
    ]
    assert all(row[0].font.bold and not row[1].font.bold for row in about.iter_rows())
    assert all(row[1].data_type == "s" for row in about.iter_rows())  # "2026-02-28" stays text, not a date
    assert (about.column_dimensions["A"].width, about.column_dimensions["B"].width) == (14, 100)


def test_xlsx_table_sheets_have_a_bold_frozen_header_and_fitted_columns():
    workbook = load_workbook(io.BytesIO(to_xlsx(small_view())))
    sheet = workbook["Pledges"]
    assert [c.value for c in sheet[1]] == ["Participant", "Pledges"] and all(c.font.bold for c in sheet[1])
    assert not any(c.font.bold for c in sheet[2])
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [["Côte d'Ivoire", 2], ["Norway", None]]
    assert sheet.freeze_panes == "A2"
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width) == (15, 9)  # longest + 2


def test_xlsx_sources_sheet_has_readable_headers_and_says_yes_or_no(tiny, tiny_frames):
    view = build_view(tiny, tiny_frames, Filters(), "pledges")
    sheet = load_workbook(io.BytesIO(to_xlsx(view)))["Sources"]
    header = [c.value for c in sheet[1]]
    assert header == ["Id", "Publisher", "Title", "Link", "Published", "Official", "Kind"]
    official = {row[0].value: row[header.index("Official")].value for row in sheet.iter_rows(min_row=2)}
    assert official["elysee-summit"] == "Yes"  # official: true
    assert official["lequotidien-lux"] == "No"  # kind: press


def test_xlsx_writes_any_bool_column_as_yes_or_no():
    view = small_view()
    view.table["Confirmed"] = [True, False]
    sheet = load_workbook(io.BytesIO(to_xlsx(view)))["Pledges"]
    assert [c.value for c in sheet["C"]] == ["Confirmed", "Yes", "No"]


def test_xlsx_columns_stop_at_the_widest_readable_width():
    view = small_view()
    view.table["Participant"] = ["x" * 200, "y"]
    sheet = load_workbook(io.BytesIO(to_xlsx(view)))["Pledges"]
    assert sheet.column_dimensions["A"].width == 60


def test_xlsx_sheet_names_fit_excels_limit_of_31_characters():
    workbook = load_workbook(io.BytesIO(to_xlsx(small_view("a" * 40))))
    assert workbook.sheetnames[0] == "A" + "a" * 30


# --- Excel: what a reader sees (wrapped text, links, widths) -------------------------------------------


def tiny_workbook(tiny, tiny_frames, table: str = "pledges"):
    return load_workbook(io.BytesIO(to_xlsx(build_view(tiny, tiny_frames, Filters(), table))))


def cells_of(workbook) -> list:
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("table", TABLES)
def test_every_xlsx_cell_wraps_its_text_at_the_top_of_its_row(tiny, tiny_frames, table):
    cells = cells_of(tiny_workbook(tiny, tiny_frames, table))
    assert len(cells) > 50
    unwrapped = [f"{c.parent.title}!{c.coordinate}" for c in cells if not c.alignment.wrap_text]
    not_at_top = [f"{c.parent.title}!{c.coordinate}" for c in cells if c.alignment.vertical != "top"]
    assert (unwrapped, not_at_top) == ([], [])


def test_xlsx_table_sheets_keep_their_bold_header_in_view_and_about_has_none(tiny, tiny_frames):
    workbook = tiny_workbook(tiny, tiny_frames)
    for name in ("Pledges", "Sources"):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert all(c.font.bold for c in sheet[1]) and not any(c.font.bold for c in sheet[2]), name
    assert workbook["About"].freeze_panes is None


@pytest.mark.parametrize(
    ("value", "target"),
    [
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("http://example.org", "http://example.org"),
        ("https://fr.wikipedia.org/wiki/Élysée", "https://fr.wikipedia.org/wiki/%C3%89lys%C3%A9e"),  # a URI is ASCII
        ("https://x.org/%C3%89", "https://x.org/%C3%89"),  # an escape already made is not escaped again
        ('https://x.org/a?q="><b>', "https://x.org/a?q=%22%3E%3Cb%3E"),
        ("javascript:alert(1)", None),
        ('=HYPERLINK("http://evil")', None),
        ("see https://x.org", None),  # text mentioning an address is text
        ("https://x.org and more", None),
        ("https://x.org\n", None),
        ("ftp://x.org/file", None),
        ("mailto:someone@x.org", None),
        ("https://", None),
        ("https://x.org/" + "a" * 2100, None),  # longer than Excel takes
        (3, None),
    ],
)
def test_only_a_cell_that_is_one_http_address_links(value, target):
    assert link_of(value) == target


def test_xlsx_links_an_address_and_shows_it_as_written():
    view = small_view()
    view.table["Source"] = ["https://example.org/é", "javascript:alert(1)"]
    sheet = load_workbook(io.BytesIO(to_xlsx(view)))["Pledges"]
    linked, unlinked = sheet["C2"], sheet["C3"]
    assert (linked.value, linked.hyperlink.target, linked.style) == (
        "https://example.org/é",
        "https://example.org/%C3%A9",
        "Hyperlink",
    )
    assert linked.alignment.wrap_text and linked.alignment.vertical == "top"  # the link style kept the wrapping
    assert (unlinked.value, unlinked.hyperlink, unlinked.style) == ("javascript:alert(1)", None, "Normal")
    assert sheet["C1"].hyperlink is None


def test_xlsx_of_the_tiny_data_links_every_source_and_nothing_else(tiny, tiny_frames):
    workbook = tiny_workbook(tiny, tiny_frames)
    linked = []
    for name, header in (("Pledges", "Source"), ("Sources", "Link"), ("Changes", "Source")):
        sheet = workbook[name]
        column = [c.value for c in sheet[1]].index(header)
        cells = [row[column] for row in sheet.iter_rows(min_row=2)]
        assert cells and all(c.value.startswith("https://") and c.hyperlink.target == c.value for c in cells)
        linked += cells
    # A change's every source, one per line: a cell holding one address links to it, several stay text.
    sheet = workbook["Changes"]
    column = [c.value for c in sheet[1]].index("All sources")
    every = [row[column] for row in sheet.iter_rows(min_row=2)]
    linked += [c for c in every if "\n" not in c.value]
    assert all(c.hyperlink is None for c in every if "\n" in c.value)
    assert {c.coordinate + c.parent.title for c in cells_of(workbook) if c.hyperlink} == {
        c.coordinate + c.parent.title for c in linked
    }


@pytest.mark.parametrize(
    ("header", "values", "width"),
    [
        ("Code", ["EU", "FRA"], MIN_COLUMN_WIDTH),  # short: never narrower than the minimum
        ("Participant", ["Côte d'Ivoire", "Norway"], 15),  # the longest value and a margin of 2
        ("Head(s) of delegation", ["A"], 23),  # the header counts
        ("Note", ["one\ntwo lines, this the longer"], 28),  # a value's longest line counts
        ("Description", ["x" * 500], MAX_COLUMN_WIDTH),  # long text: the widest column, wrapped in it
        ("Official", ["Yes", "No"], 10),
        ("Pledges", [12, ""], 9),
    ],
)
def test_column_width_fits_the_longest_line_within_bounds(header, values, width):
    assert column_width(header, values) == width


def test_xlsx_columns_of_the_tiny_data_are_narrow_for_codes_and_wide_for_descriptions(tiny, tiny_frames):
    workbook = tiny_workbook(tiny, tiny_frames)
    for sheet in workbook.worksheets[:2]:
        widths = {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}
        assert all(MIN_COLUMN_WIDTH <= w <= MAX_COLUMN_WIDTH for w in widths.values()), (sheet.title, widths)
    pledges = {c.value: workbook["Pledges"].column_dimensions[c.column_letter].width for c in workbook["Pledges"][1]}
    assert pledges["Code"] < 12 < 50 < pledges["Description"]
    assert workbook["Sources"].column_dimensions["G"].width == column_width("Kind", ["Official document or statement"])


def test_xlsx_about_sheet_wraps_the_view_sentence_citation_and_licence(tiny, tiny_frames):
    view = build_view(tiny, tiny_frames, Filters(groups=("nato",)), "pledges")
    about = load_workbook(io.BytesIO(to_xlsx(view)))["About"]
    rows = {row[0].value: row[1] for row in about.iter_rows()}
    assert rows["View"].value == view.description
    assert view.description.startswith("Showing 6 pledges and stances, by NATO members, at Paris, 6 Jan 2026.")
    assert rows["Data as of"].value == tiny.info.as_of.isoformat() == "2026-02-28"
    assert rows["Cite as"].value == tiny.info.citation
    assert rows["Licence"].value == tiny.info.licence
    assert all(cell.alignment.wrap_text for cell in rows.values())


@pytest.mark.parametrize(
    ("filters", "codes"),
    [
        (Filters(text="luxembourg"), ["LUX", "LUX"]),  # downloads follow the search text
        (Filters(meeting="video-2025-12-01"), ["FRA"]),  # ... and the meeting picked
        (Filters(statuses=("advocates",)), ["NOR"]),
    ],
)
def test_downloads_follow_every_filter(tiny, tiny_frames, filters, codes):
    view = build_view(tiny, tiny_frames, filters, "pledges")
    assert sorted(view.table["Code"]) == codes


def test_participants_download_of_the_default_meeting(tiny, tiny_frames):
    view = build_view(tiny, tiny_frames, Filters(), "participants")
    assert list(view.table["Code"]) == ["EU", "FRA", "LUX", "NOR", "USA"]  # Paris only, the EU among them
    # The file says what the time scope leaves out of its pledge counts.
    assert view.description == (
        "Showing 5 delegations, at Paris, 6 Jan 2026. "
        "Not counted: 1 earlier statement (before the meeting) and 1 later one (after it)."
    )
    wider = build_view(tiny, tiny_frames, Filters(scope=("earlier", "later")), "participants")
    assert wider.description == "Showing 5 delegations, with earlier and later statements, at Paris, 6 Jan 2026."
    # What the delegations cite, by publisher as the code sorts text (code points: "Élysée" after "Le Quotidien").
    assert list(view.sources["Id"]) == ["lequotidien-lux", "elysee-summit"]
    assert (view.as_of, view.citation, view.licence) == (
        "2026-02-28",
        "Tiny test dataset, as of 28 February 2026.",
        "CC BY 4.0",
    )


def test_dataset_zip_holds_every_data_file_and_a_readme_for_whoever_opens_it(tiny):
    archive = zipfile.ZipFile(io.BytesIO(dataset_zip(tiny)))
    data = sorted(n for n in archive.namelist() if n.startswith("data/"))
    assert data == [
        "data/dataset.yaml",
        "data/groups.yaml",
        "data/meetings/2025-12-01-video.yaml",
        "data/meetings/2026-01-06-paris.yaml",
        "data/organisations.yaml",
        "data/sources.yaml",
        "data/taxonomy.yaml",
    ]
    assert archive.read("README.txt").decode() == (
        "Tiny test dataset\n\nA handful of records covering the edge cases the tests need.\n\n"
        "Data as of: 2026-02-28\nLicence: CC BY 4.0\nCite as: Tiny test dataset, as of 28 February 2026.\n\n"
        "Contents\n  data/     the YAML dataset (one file per meeting under data/meetings/)\n"
        "  schema/   JSON Schema of each kind of file, for editors with a YAML language server\n\n"
        "Every meeting, delegation and pledge lists its sources (ids into data/sources.yaml) and a\n"
        "confidence level. Check the sources before quoting a figure.\n"
    )
    assert archive.getinfo("README.txt").compress_type == zipfile.ZIP_DEFLATED


def test_a_french_workbook_and_csv_speak_french_with_the_datas_french_labels(tiny):
    from summit.frames import build_frames
    from summit.i18n import language
    from summit.translations import localised

    with language("fr"):
        french = localised(tiny, "fr")
        view = build_view(french, build_frames(french), Filters(types=("mnf_land",)), "pledges")
        workbook = load_workbook(io.BytesIO(to_xlsx(view)))
        header = next(csv.reader(io.StringIO(to_csv(view).decode("utf-8-sig"))))
    assert workbook.sheetnames == ["Engagements", "Sources", "Évolutions", "À propos"]
    sheet = workbook["Engagements"]
    columns = [c.value for c in sheet[1]]
    assert "Participant" in columns and "Statut" in columns and "Status" not in columns
    rows = [dict(zip(columns, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert {r["Statut"] for r in rows} == {"Signé ou adopté", "Exclu"}
    assert {r["Participant"] for r in rows} == {"France", "Luxembourg"}
    about = {row[0].value: row[1].value for row in workbook["À propos"].iter_rows()}
    assert about["Vue"].startswith(
        "2 engagements et prises de position affichés, de type Force multinationale terrestre"
    )
    assert about["Données au"] == "2026-02-28"
    assert header == columns  # the CSV's header is the sheet's
