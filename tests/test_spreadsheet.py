"""Starting a dataset: `new` writes a skeleton that validates, `template` a workbook whose drop-downs are the
model's values, and `import` turns a filled-in workbook into YAML the validator accepts, or names each bad cell
and writes nothing."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from summit import countries, schema
from summit.cli import main
from summit.dataset import BUNDLED_DATA, load_dataset
from summit.sheets import SHEETS
from summit.skeleton import SKELETON_FILES
from summit.vocabulary import (
    Attendance,
    Confidence,
    Domain,
    Level,
    Measure,
    MeetingFormat,
    Role,
    SourceKind,
    Status,
    Timing,
)
from tests.conftest import TINY

# --- new -------------------------------------------------------------------------------------


@pytest.fixture
def skeleton(tmp_path: Path) -> Path:
    """A dataset folder as `python -m summit new` writes it."""
    folder = tmp_path / "dataset"
    assert main(["new", str(folder)]) == 0
    return folder


def test_the_skeleton_validates(skeleton: Path, capsys):
    capsys.readouterr()
    assert main(["validate", str(skeleton)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "OK: 1 meetings, 1 participants, 1 delegations, 1 pledges, 1 sources, 100% sourced"
    ]


def test_every_skeleton_file_says_where_its_schema_is_and_the_schema_is_beside_it(skeleton: Path):
    for relative in SKELETON_FILES:
        first = (skeleton / relative).read_text(encoding="utf-8").splitlines()[0]
        target = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert target, relative
        assert (skeleton / relative).parent.joinpath(target.group(1)).resolve().is_file(), relative


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys):
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_skeleton_holds_no_id_or_word_of_the_bundled_dataset():
    bundled = load_dataset(BUNDLED_DATA).dataset
    assert bundled is not None
    ids = {*bundled.sources, *bundled.categories, *bundled.commitment_types, *bundled.conditions}
    ids |= {*bundled.organisations, *bundled.groups}
    ids |= {m.meeting.id for m in bundled.meetings} | {p.id for m in bundled.meetings for p in m.pledges}
    text = "\n".join(SKELETON_FILES.values())
    words = set(re.findall(r"[A-Za-z0-9_-]+", text))
    assert words & ids == set()
    for word in ("ceasefire", "coalition", "ukraine", "UKR", "Paris"):
        assert word.lower() not in text.lower(), word


# --- template --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_template(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    out = tmp_path_factory.mktemp("template") / "template.xlsx"
    assert main(["template", "--out", str(out), "--data", str(TINY)]) == 0
    return openpyxl.load_workbook(out)


def drop_down(workbook: openpyxl.Workbook, sheet: str, header: str) -> list[str] | None:
    """The values the drop-down of a column offers, read back from the sheet it points at."""
    worksheet = workbook[sheet]
    letter = next(c.column_letter for c in worksheet[1] if c.value == header)
    for validation in worksheet.data_validations.dataValidation:
        if str(validation.sqref).startswith(f"{letter}2:"):
            source, cells = validation.formula1.lstrip("=").split("!")
            first, last = cells.replace("$", "").split(":")
            return [row[0].value for row in workbook[source][first:last] if row[0].value is not None]
    return None


def role_words() -> list[str]:
    return [str(role) for role in Role]


TINY_DATA = load_dataset(TINY).dataset


@pytest.mark.parametrize(
    ("sheet", "header", "expected"),
    [
        ("Pledges", "status", [s.value for s in Status]),
        ("Pledges", "confidence", [c.value for c in Confidence]),
        ("Pledges", "domains", [d.value for d in Domain]),
        ("Pledges", "timing", [t.value for t in Timing]),
        ("Pledges", "types", list(TINY_DATA.commitment_types)),
        ("Pledges", "conditions", list(TINY_DATA.conditions)),
        ("Pledges", "participant", [*TINY_DATA.organisations, *sorted(countries.ALPHA3)]),
        ("Delegations", "attendance", [a.value for a in Attendance]),
        ("Delegations", "role", role_words()),
        ("Delegations", "heads.level", [level.value for level in Level]),
        ("Meeting", "format", [f.value for f in MeetingFormat]),
        ("Sources", "kind", [k.value for k in SourceKind]),
        ("Sources", "official", ["true", "false"]),
        ("Quantities", "measure", [m.value for m in Measure]),
    ],
)
def test_a_drop_down_offers_the_models_or_the_datas_values(tiny_template, sheet, header, expected):
    assert drop_down(tiny_template, sheet, header) == expected


def test_every_field_with_listed_values_has_a_drop_down(tiny_template):
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.choices:
                assert drop_down(tiny_template, sheet.name, column.header) == list(column.choices), column.header


def test_the_template_has_a_header_row_of_field_names_and_instructions(tiny_template):
    assert tiny_template.sheetnames == ["Instructions", "Meeting", "Delegations", "Pledges", "Quantities", "Sources",
                                        "Lists"]  # fmt: skip
    assert tiny_template["Lists"].sheet_state == "hidden"
    headers = [c.value for c in tiny_template["Meeting"][1]]
    assert headers[:4] == ["id", "name", "short_name", "date"]
    assert set(schema.Pledge.model_fields) - {"quantities", "disputed_claims", "history"} <= {
        c.value for c in tiny_template["Pledges"][1]
    }
    assert "commas or semicolons" in tiny_template["Pledges"]["C1"].comment.text  # types: several values
    instructions = "\n".join(str(r[0].value or "") for r in tiny_template["Instructions"].iter_rows())
    assert "python -m summit import FILE.xlsx --into DIR" in instructions
    assert "disputed_claims" in instructions  # fields the template leaves to the YAML file are named


# --- import ----------------------------------------------------------------------------------

MEETING = {
    "id": "online-2025-06-20", "name": "Example ministers' call", "short_name": "Online, 20 Jun 2025",
    "date": "2025-06-20", "format": "virtual", "level": "ministers", "hosts": "CHL",
    "summary": "Ministers met online.", "sources": "example-source; press-2025-06-20", "confidence": "confirmed",
}  # fmt: skip
SOURCE = {
    "id": "press-2025-06-20", "url": "https://example.org/press/call", "publisher": "Example Press",
    "title": "Ministers call", "published": "2025-06-20", "kind": "press",
}  # fmt: skip
DELEGATIONS = [
    {"participant": "CHL", "heads.name": "A Minister", "heads.level": "minister", "attendance": "video",
     "role": "host", "sources": "press-2025-06-20", "confidence": "confirmed"},
    {"participant": "CHL", "heads.level": "official"},  # a second head of the same delegation
    {"participant": "URY", "heads.level": "minister", "attendance": "video", "sources": "press-2025-06-20",
     "confidence": "single_source"},
]  # fmt: skip


def pledges(count: int) -> list[dict[str, str]]:
    return [
        {"id": f"online-2025-06-20-{i}", "participant": "CHL" if i % 2 else "URY", "types": "financial_pledge",
         "status": "announced", "description": f"Pledge number {i}.", "sources": "press-2025-06-20",
         "confidence": "confirmed"}
        for i in range(1, count + 1)
    ]  # fmt: skip


QUANTITY = {"pledge": "online-2025-06-20-1", "measure": "amount", "value": 2500000, "currency": "USD"}


def filled(skeleton: Path, out: Path, rows: dict[str, list[dict]]) -> Path:
    """The template `python -m summit template --data skeleton` writes, filled with rows by header."""
    assert main(["template", "--out", str(out), "--data", str(skeleton)]) == 0
    workbook = openpyxl.load_workbook(out)
    for sheet, records in rows.items():
        worksheet = workbook[sheet]
        headers = [c.value for c in worksheet[1]]
        for row, record in enumerate(records, start=2):
            for header, value in record.items():
                if header not in headers:
                    worksheet.cell(1, len(headers) + 1, header)
                    headers.append(header)
                worksheet.cell(row, headers.index(header) + 1).value = value
    workbook.save(out)
    return out


def rows_with(pledge_count: int = 10) -> dict[str, list[dict]]:
    return {"Meeting": [MEETING], "Sources": [SOURCE], "Delegations": DELEGATIONS, "Pledges": pledges(pledge_count),
            "Quantities": [QUANTITY]}  # fmt: skip


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_template_filled_with_ten_rows_imports_into_a_dataset_that_validates(skeleton: Path, tmp_path, capsys):
    sources_before = (skeleton / "sources.yaml").read_text(encoding="utf-8")
    workbook = filled(skeleton, tmp_path / "pledges.xlsx", rows_with(10))
    assert main(["import", str(workbook), "--into", str(skeleton)]) == 0
    written = skeleton / "meetings" / "2025-06-20-virtual.yaml"
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"wrote {written} (2 delegations, 10 pledges); added 1 source to {skeleton / 'sources.yaml'}"
    )
    assert main(["validate", str(skeleton)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "OK: 2 meetings, 2 participants, 3 delegations, 11 pledges, 2 sources, 100% sourced"
    ]
    assert (skeleton / "sources.yaml").read_text(encoding="utf-8").startswith(sources_before)
    meeting = next(m for m in load_dataset(skeleton).dataset.meetings if m.meeting.id == MEETING["id"])
    assert [len(d.heads) for d in meeting.delegations] == [2, 1]
    assert meeting.meeting.sources == ["example-source", "press-2025-06-20"]
    assert meeting.pledges[0].quantities[0].value == 2500000


def test_the_imported_yaml_reads_like_a_hand_written_file(skeleton: Path, tmp_path):
    assert main(["import", str(filled(skeleton, tmp_path / "p.xlsx", rows_with(1))), "--into", str(skeleton)]) == 0
    text = (skeleton / "meetings" / "2025-06-20-virtual.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/meeting.schema.json\n")
    assert "null" not in text and "end_date" not in text  # optional fields left out
    assert "  date: 2025-06-20\n" in text
    assert "  sources: [example-source, press-2025-06-20]\n" in text
    assert "pledges:\n  - id: online-2025-06-20-1\n    participant: CHL\n    types: [financial_pledge]\n" in text
    # the pledge's figures, from their own sheet, come before its sources as in the model
    assert text.index("quantities:") < text.rindex("sources: [press-2025-06-20]")


def column_of(workbook: Path, sheet: str, header: str) -> str:
    return next(c.column_letter for c in openpyxl.load_workbook(workbook)[sheet][1] if c.value == header)


@pytest.mark.parametrize(
    ("sheet", "index", "header", "value", "message"),
    [
        ("Pledges", 10, "status", "anounced",
         "status 'anounced' is not allowed (did you mean 'announced'?); use one of considering, reported"),
        ("Pledges", 4, "sources", "press-2025-06-20, exmple-source",
         "sources: unknown source 'exmple-source' (did you mean 'example-source'?)"),
        ("Meeting", 0, "date", "2025-06-31", "date '2025-06-31' is not a valid date; write YYYY-MM-DD"),
        ("Delegations", 2, "heads.level", "ministr", "heads.level 'ministr' is not allowed (did you mean 'minister'?)"),
        ("Pledges", 3, "description", None, "description is required; the cell is empty"),
    ],
)  # fmt: skip
def test_a_bad_cell_is_named_with_a_suggestion_and_nothing_is_written(
    skeleton: Path, tmp_path, capsys, sheet, index, header, value, message
):
    rows = rows_with(11)
    rows[sheet] = [dict(r) for r in rows[sheet]]
    rows[sheet][index][header] = value
    workbook = filled(skeleton, tmp_path / "pledges.xlsx", rows)
    before = snapshot(skeleton)
    capsys.readouterr()
    assert main(["import", str(workbook), "--into", str(skeleton)]) == 1
    out = capsys.readouterr().out.splitlines()
    cell = f"{sheet}!{column_of(workbook, sheet, header)}{index + 2}"
    assert [line for line in out if line.startswith(f"{cell}: ")] == [line for line in out[:-1]]
    assert out[0].startswith(f"{cell}: {message}")
    assert out[-1] == f"FAILED: 1 problem; nothing written to {skeleton}"
    assert snapshot(skeleton) == before


def test_an_unknown_column_is_named_at_its_header_with_the_field_meant(skeleton: Path, tmp_path, capsys):
    rows = rows_with(2)
    rows["Pledges"][1]["stauts"] = "announced"
    workbook = filled(skeleton, tmp_path / "pledges.xlsx", rows)
    capsys.readouterr()
    assert main(["import", str(workbook), "--into", str(skeleton)]) == 1
    letter = column_of(workbook, "Pledges", "stauts")
    assert capsys.readouterr().out.splitlines()[0] == (
        f"Pledges!{letter}1: unknown column 'stauts' (did you mean 'status'?)"
    )


def test_a_figure_for_a_pledge_not_on_the_pledges_sheet_is_named(skeleton: Path, tmp_path, capsys):
    rows = rows_with(2) | {"Quantities": [QUANTITY | {"pledge": "online-2025-06-20-9"}]}
    workbook = filled(skeleton, tmp_path / "p.xlsx", rows)
    capsys.readouterr()
    assert main(["import", str(workbook), "--into", str(skeleton)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "Quantities!A2: pledge 'online-2025-06-20-9' is not an id on the Pledges sheet "
        "(did you mean 'online-2025-06-20-2'?)"
    )


def test_an_import_into_an_existing_dataset_keeps_its_files_intact(tiny_copy: Path, tmp_path, capsys):
    before = snapshot(tiny_copy)
    rows = {
        "Meeting": [MEETING | {"id": "online-2026-02-01", "date": "2026-02-01", "hosts": "FRA",
                               "sources": "elysee-summit, press-2025-06-20"}],
        "Sources": [SOURCE],
        "Delegations": [{"participant": "FRA", "heads.level": "minister", "attendance": "video",
                         "sources": "press-2025-06-20", "confidence": "confirmed"}],
        "Pledges": [{"id": "online-2026-02-01-fra-1", "participant": "FRA", "types": "mnf_land",
                     "status": "announced", "description": "Restated its offer.", "conditions": "after_ceasefire",
                     "sources": "press-2025-06-20", "confidence": "confirmed"}],
    }  # fmt: skip
    workbook = filled(tiny_copy, tmp_path / "pledges.xlsx", rows)
    assert main(["import", str(workbook), "--into", str(tiny_copy)]) == 0
    after = snapshot(tiny_copy)
    assert set(after) - set(before) == {"meetings/2026-02-01-virtual.yaml"}
    assert {k for k in before if before[k] != after[k]} == {"sources.yaml"}
    assert after["sources.yaml"].startswith(before["sources.yaml"])
    capsys.readouterr()
    assert main(["validate", str(tiny_copy)]) == 0
    assert capsys.readouterr().out.startswith("OK: 3 meetings,")
    # A second import of the same sheet would replace the file now there: refused, nothing changed.
    assert main(["import", str(workbook), "--into", str(tiny_copy)]) == 1
    assert "already exists" in capsys.readouterr().out
    assert snapshot(tiny_copy) == after


def test_a_folder_of_csv_files_named_after_the_sheets_imports_too(skeleton: Path, tmp_path):
    folder = tmp_path / "sheets"
    folder.mkdir()
    for sheet, records in rows_with(3).items():
        headers = list(dict.fromkeys(h for r in records for h in r))
        with (folder / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, headers)
            writer.writeheader()
            writer.writerows(records)
    assert main(["import", str(folder), "--into", str(skeleton)]) == 0
    dataset = load_dataset(skeleton).dataset
    assert dataset is not None and len(dataset.meetings) == 2
    assert dataset.meetings[-1].pledges[0].quantities[0].value == 2500000


def test_a_lone_csv_file_or_a_missing_file_is_unreadable(skeleton: Path, tmp_path, capsys):
    (tmp_path / "Pledges.csv").write_text("id\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "Pledges.csv"), "--into", str(skeleton)]) == 2
    assert "one CSV per sheet" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "none.xlsx"), "--into", str(skeleton)]) == 2
    shutil.rmtree(skeleton)
    assert main(["import", str(tmp_path / "Pledges.csv"), "--into", str(skeleton)]) == 2
