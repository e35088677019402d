"""Read a filled-in template (an .xlsx file, or a folder of one CSV per sheet) into a dataset folder.

The rows become a meeting file and new sources, written as YAML into a copy of the dataset folder, and that
whole copy is checked by summit.dataset.load_dataset, the loader and validator `python -m summit validate`
runs. Each problem it finds is traced back from the YAML path in its message (pledges[3].status) to the sheet
and cell the value came from (Pledges!D12). Only when there is none are the files moved into the folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from summit.dataset import MEETINGS_DIR, SOURCES_FILE, DataPathError, load_dataset
from summit.load import format_path, read_yaml_file
from summit.problems import Problem, suggest
from summit.sheets import MEETING, PLEDGES, SHEETS, SOURCES, Column, Kind, Sheet, field_order, sheet_named

DataPath = tuple[str | int, ...]
CSV_SUFFIX = ".csv"


class SpreadsheetError(Exception):
    """The file cannot be read as a template (not found, not .xlsx, not a folder of CSV files)."""


@dataclass(frozen=True)
class Table:
    """One sheet as read: the header row and every row below it that holds something."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number, the row's values), row 1 being the header


@dataclass(frozen=True, order=True)
class Cell:
    """Where a value came from: a cell, or a whole row when column_index is 0."""

    sheet_index: int
    row: int
    column_index: int  # 0 for the whole row
    sheet: str = field(compare=False)
    header: str = field(compare=False, default="")

    def __str__(self) -> str:
        if not self.column_index:
            return f"{self.sheet} row {self.row}"
        return f"{self.sheet}!{column_letter(self.column_index)}{self.row}"


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# --- reading the file -------------------------------------------------------------------------


def read_tables(path: Path) -> dict[str, Table]:
    """The sheets of a template by name: from an .xlsx workbook, or a folder holding <Sheet>.csv files."""
    if path.is_dir():
        return _read_csv_folder(path)
    if not path.is_file():
        raise SpreadsheetError(f"{path}: no such file or folder")
    if path.suffix.lower() == CSV_SUFFIX:
        raise SpreadsheetError(
            f"{path}: a CSV file holds one sheet; put one CSV per sheet "
            f"({', '.join(s.name + CSV_SUFFIX for s in SHEETS)}) in a folder and import the folder"
        )
    return _read_workbook(path)


def _read_workbook(path: Path) -> dict[str, Table]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise SpreadsheetError(f"{path}: cannot be read as an Excel workbook (.xlsx): {error}") from None
    try:
        return {name: _table(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames}
    finally:
        workbook.close()


def _read_csv_folder(folder: Path) -> dict[str, Table]:
    tables = {}
    for sheet in SHEETS:
        path = folder / f"{sheet.name}{CSV_SUFFIX}"
        if path.is_file():
            with path.open(encoding="utf-8-sig", newline="") as file:
                tables[sheet.name] = _table(csv.reader(file))
    if not tables:
        raise SpreadsheetError(f"{folder}: holds none of {', '.join(s.name + CSV_SUFFIX for s in SHEETS)}")
    return tables


def _table(rows: Iterable[Iterable[Any]]) -> Table:
    rows = iter(rows)
    headers = [str(value).strip() if value is not None else "" for value in next(rows, ())]
    kept = []
    for number, values in enumerate(rows, start=2):
        values = list(values)
        if any(_is_filled(value) for value in values):
            kept.append((number, values))
    return Table(headers, kept)


def _is_filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


# --- rows to records --------------------------------------------------------------------------


@dataclass
class Records:
    """What the sheets hold, as YAML-ready data, and where each value came from."""

    meeting_file: dict[str, Any] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    cells: dict[DataPath, Cell] = field(default_factory=dict)  # data path → its cell (or row)
    problems: list[tuple[Cell, str]] = field(default_factory=list)  # problems of the sheets' shape


def build_records(tables: dict[str, Table], existing_sources: list[Any]) -> Records:
    """The meeting file and the new sources the sheets hold; `existing_sources` are sources.yaml's entries
    (a row equal to one of them is not added again)."""
    records = Records()
    for index, sheet in enumerate(SHEETS):
        table = tables.get(sheet.name)
        if table is not None:
            _SheetReader(records, sheet, index, table, existing_sources).read()
    # A pledge's quantities come from their own sheet, after its other fields: put them in the model's place.
    order = {name: i for i, name in enumerate(field_order(PLEDGES.model))}
    pledges = records.meeting_file.get("pledges", [])
    pledges[:] = [dict(sorted(p.items(), key=lambda item: order.get(item[0], len(order)))) for p in pledges]
    return records


class _SheetReader:
    """Turns one sheet's rows into records in `records`, noting each value's cell."""

    def __init__(self, records: Records, sheet: Sheet, index: int, table: Table, existing: list[Any]) -> None:
        self.records, self.sheet, self.index, self.table, self.existing = records, sheet, index, table, existing
        known = {column.header: column for column in sheet.columns}
        self.columns: list[tuple[int, Column]] = []  # (1-based column index, the column)
        seen: dict[str, int] = {}
        for i, header in enumerate(table.headers, start=1):
            if not header:
                continue
            if header in seen:
                self.problem(1, i, f"column {header} appears twice (first in {column_letter(seen[header])}1); keep one")
                continue
            seen[header] = i
            # An unknown header is read as a field all the same: the validator names it, with the field meant.
            self.columns.append((i, known.get(header, Column(header, Kind.TEXT, False))))
        self.headed = {i for i, _column in self.columns} | set(seen.values())

    def problem(self, row: int, column: int, message: str) -> None:
        self.records.problems.append((self.cell(row, column), message))

    def cell(self, row: int, column: int, header: str = "") -> Cell:
        return Cell(self.index, row, column, self.sheet.name, header)

    def read(self) -> None:
        if self.sheet is MEETING:
            self.read_meeting()
            return
        by_key: dict[Any, tuple[dict, DataPath, int]] = {}  # key → (record, its path, its first row)
        for row, values in self.table.rows:
            self.check_headed(row, values)
            record, item = self.values_of(values)
            key = record.get(self.sheet.key) if self.sheet.key else None
            if self.sheet.per_row and key is not None and key in by_key:
                self.add_item(by_key[key], row, record, item)
                continue
            path = self.place(row, record)
            if path is None:
                continue
            if self.sheet.per_row and key is not None:
                by_key.setdefault(key, (record, path, row))
            self.note_cells(path, row, item_index=0)

    def read_meeting(self) -> None:
        rows = self.table.rows
        if not rows:
            self.problem(2, 0, "the meeting's row is empty; fill in row 2")
            return
        for row, _values in rows[1:]:
            self.problem(row, 0, "one meeting per workbook: only the first row is read; import each meeting on its own")
        row, values = rows[0]
        self.check_headed(row, values)
        record, _item = self.values_of(values)
        self.records.meeting_file["meeting"] = record
        self.note_cells(("meeting",), row)

    def check_headed(self, row: int, values: list[Any]) -> None:
        for i, value in enumerate(values, start=1):
            if _is_filled(value) and i not in self.headed:
                self.problem(row, i, "a value under a column with no name in row 1; name the column or clear the cell")

    def values_of(self, values: list[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """(the record's fields, the fields of its per-row item) of one row; empty cells are left out."""
        record: dict[str, Any] = {}
        item: dict[str, Any] = {}
        for i, column in self.columns:
            path = column.path
            target = record
            if self.sheet.per_row and path[0] == self.sheet.per_row:
                record.setdefault(self.sheet.per_row, [item])  # in the model's place: participant, heads, ...
                target, path = item, path[1:]
            value = cell_value(values[i - 1] if i <= len(values) else None, column.kind)
            if value is None:
                continue
            for part in path[:-1]:
                target = target.setdefault(part, {})
            target[path[-1]] = value
        return record, item

    def place(self, row: int, record: dict[str, Any]) -> DataPath | None:
        """Add a row's record where it belongs; returns its data path (None when it has no place)."""
        meeting_file = self.records.meeting_file
        if self.sheet is SOURCES:
            if record in self.existing:
                return None  # already in sources.yaml, as written
            self.records.sources.append(record)
            return ("sources", len(self.existing) + len(self.records.sources) - 1)
        if self.sheet.parent:
            return self.place_in_parent(row, record)
        key = self.sheet.list_key
        assert key is not None, f"sheet {self.sheet.name} names no list of the meeting file"
        meeting_file.setdefault(key, []).append(record)
        return (key, len(meeting_file[key]) - 1)

    def place_in_parent(self, row: int, record: dict[str, Any]) -> DataPath | None:
        column, parent_sheet, parent_field = self.sheet.parent  # type: ignore[misc]
        parent_key = sheet_named(parent_sheet).list_key or ""
        parents = self.records.meeting_file.get(parent_key, [])
        ids = [p.get("id") for p in parents]
        parent_id = record.pop(column, None)
        column_index = next(i for i, c in self.columns if c.header == column) if self.has(column) else 0
        if parent_id is None:
            self.problem(row, column_index, f"{column} is empty: give the id of a row of the {parent_sheet} sheet")
            return None
        if parent_id not in ids:
            hint = suggest(parent_id, [i for i in ids if isinstance(i, str)])
            self.problem(row, column_index, f"{column} '{parent_id}' is not an id on the {parent_sheet} sheet{hint}")
            return None
        index = ids.index(parent_id)
        items = parents[index].setdefault(parent_field, [])
        items.append(record)
        return (parent_key, index, parent_field, len(items) - 1)

    def has(self, header: str) -> bool:
        return any(column.header == header for _i, column in self.columns)

    def add_item(self, first: tuple[dict, DataPath, int], row: int, record: dict[str, Any], item: dict) -> None:
        """A further row of a record (a second head of a delegation): its item, and no other field that differs."""
        parent, path, first_row = first
        for i, column in self.columns:
            name = column.path[0]
            if name in (self.sheet.key, self.sheet.per_row) or name not in record:
                continue
            if parent.get(name) is None:
                parent[name] = record[name]
                self.records.cells[(*path, name)] = self.cell(row, i, column.header)
            elif parent[name] != record[name]:
                self.problem(
                    row, i, f"{column.header} differs from row {first_row} of the same {self.sheet.key}; give it once"
                )
        items = parent[self.sheet.per_row]
        items.append(item)
        self.note_cells(path, row, item_index=len(items) - 1, record_cells=False)

    def note_cells(self, path: DataPath, row: int, item_index: int = 0, *, record_cells: bool = True) -> None:
        """Remember the cell of every column of this row (empty ones too: a missing value is reported there)."""
        per_row = self.sheet.per_row
        cells = self.records.cells
        if record_cells:
            cells[path] = self.cell(row, 0)
        if per_row:
            cells[(*path, per_row, item_index)] = self.cell(row, 0)
        for i, column in self.columns:
            in_item = per_row is not None and column.path[0] == per_row
            if in_item:
                cells[(*path, per_row, item_index, *column.path[1:])] = self.cell(row, i, column.header)
            elif record_cells:
                cells[(*path, *column.path)] = self.cell(row, i, column.header)
        if self.sheet.parent:
            cells.pop((*path, self.sheet.parent[0]), None)


def cell_value(value: Any, kind: Kind) -> Any:
    """A cell's value as the YAML files write it, or None for an empty cell."""
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        return None
    if kind is Kind.IDS:
        return [part.strip() for part in re.split(r"[,;]", _text(value)) if part.strip()] or None
    if kind is Kind.LINES:
        return [line.strip() for line in _text(value).splitlines() if line.strip()] or None
    if kind is Kind.BOOL:
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return value  # the validator says what is wrong with anything else
    if kind is Kind.NUMBER:
        return _number(value)
    return _text(value)


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any) -> Any:
    if isinstance(value, str):
        for parse in (int, float):
            try:
                value = parse(value.replace(" ", ""))
                break
            except ValueError:
                continue
        else:
            return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- YAML that reads like the hand-written files ----------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block mappings, lists of plain values in brackets, list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


# Dates stay plain (2025-06-01): the loader reads them as text. Everything else YAML 1.1 would read as
# something other than text (NO, yes, 2025, 1_000) is still quoted.
_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_Dumper.add_representer(
    list,
    lambda dumper, data: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", data, flow_style=all(not isinstance(v, (dict, list)) for v in data)
    ),
)
_Dumper.add_representer(
    dict, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)
)


def to_yaml(data: Any) -> str:
    """YAML text of data, in the style of the hand-written files."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def meeting_yaml(meeting_file: dict[str, Any], schema_line: str | None, origin: str) -> str:
    """The meeting file's text: its $schema line, where it came from, then meeting, delegations and pledges."""
    head = [schema_line] if schema_line else []
    head.append(f"# Imported from {origin} by `python -m summit import`; edit this file from now on.")
    parts = [to_yaml({key: value}) for key, value in meeting_file.items() if value]
    return "\n".join(head) + "\n" + "\n".join(parts)


def appended_sources(existing_text: str, sources: list[dict[str, Any]], origin: str) -> str:
    """sources.yaml with the new sources added at the end of its list, every existing line kept as it was."""
    if not sources:
        return existing_text
    text = existing_text if existing_text.strip() else "sources:\n"
    indent = re.search(r"^sources:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*?( *)- ", text, flags=re.MULTILINE)
    prefix = indent.group(1) if indent else "  "
    lines = [f"{prefix}# Added from {origin} by `python -m summit import`."]
    lines += [prefix + line if line else line for line in to_yaml(sources).splitlines()]
    return text + ("" if text.endswith("\n") else "\n") + "\n".join(lines) + "\n"


def meeting_file_name(meeting: dict[str, Any]) -> str:
    """meetings/<date>-<place>.yaml: the city, else the format (2025-03-15-virtual.yaml)."""
    from summit.filenames import slug_of

    date, place = meeting.get("date"), meeting.get("city") or meeting.get("format")
    if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and isinstance(place, str):
        return f"{date}-{slug_of(place, 40) or 'meeting'}.yaml"
    meeting_id = meeting.get("id")
    return (
        f"{slug_of(meeting_id, 60)}.yaml" if isinstance(meeting_id, str) and slug_of(meeting_id, 60) else "meeting.yaml"
    )


def schema_line(meeting_path: Path, root: Path) -> str | None:
    """The $schema line for a meeting file, when the dataset folder or a folder above has schema/."""
    for folder in (root, *root.parents):
        schema = folder / "schema" / "meeting.schema.json"
        if schema.is_file():
            relative = Path(os.path.relpath(schema, meeting_path.parent)).as_posix()
            return f"# yaml-language-server: $schema={relative}"
    return None


# --- the import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What an import found and did: its problems (located), else the files it wrote."""

    problems: list[str]
    written: list[Path] = field(default_factory=list)
    delegations: int = 0
    pledges: int = 0
    sources: int = 0


def import_spreadsheet(path: Path, root: Path) -> ImportResult:
    """Import a filled-in template into the dataset folder root; writes nothing while any problem remains.

    Raises SpreadsheetError when the file cannot be read, DataPathError when root is not a folder.
    """
    if not root.is_dir():
        raise DataPathError(f"{root}: not a dataset folder (start one with `python -m summit new {root}`)")
    tables = read_tables(path)
    if MEETING.name not in tables:
        raise SpreadsheetError(f"{path}: has no {MEETING.name} sheet; start from `python -m summit template`")
    sources_path = root / SOURCES_FILE.name
    existing_text = sources_path.read_text(encoding="utf-8-sig") if sources_path.is_file() else ""
    existing = _existing_sources(sources_path)
    records = build_records(tables, existing)
    meeting = records.meeting_file.get("meeting", {})
    name = meeting_file_name(meeting)
    target = root / MEETINGS_DIR / name
    located: list[tuple[Cell | None, str]] = [(cell, f"{cell}: {message}") for cell, message in records.problems]
    if target.exists():
        located.append((None, f"{target}: already exists; import writes a new meeting file and never replaces one "
                        "(give the meeting another date or place, or move the file away)"))  # fmt: skip
    if "meeting" not in records.meeting_file:
        return ImportResult(_in_order(located))
    meeting_text = meeting_yaml(records.meeting_file, schema_line(target, root), path.name)
    sources_text = appended_sources(existing_text, records.sources, path.name)
    with tempfile.TemporaryDirectory(prefix="summit-import-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".*"))
        (copy / MEETINGS_DIR).mkdir(exist_ok=True)
        (copy / MEETINGS_DIR / name).write_text(meeting_text, encoding="utf-8")
        (copy / SOURCES_FILE.name).write_text(sources_text, encoding="utf-8")
        found = load_dataset(copy).problems
        tracer = _Tracer(records, copy / MEETINGS_DIR / name, copy / SOURCES_FILE.name, len(existing))
        for problem in found:
            cell, text = tracer.trace(problem)
            located.append((cell, text if cell else _in_root(text, copy, root)))
    messages = _in_order(located)
    if messages:
        return ImportResult(messages)
    written = [target] + ([sources_path] if records.sources else [])
    _write_in_place({target: meeting_text, sources_path: sources_text} if records.sources else {target: meeting_text})
    return ImportResult(
        [],
        written,
        delegations=len(records.meeting_file.get("delegations", [])),
        pledges=len(records.meeting_file.get("pledges", [])),
        sources=len(records.sources),
    )


def _in_order(located: list[tuple[Cell | None, str]]) -> list[str]:
    """Messages by sheet, row and column, each once; those about other files after them."""
    in_cells = sorted({(cell, text) for cell, text in located if cell is not None})
    return list(dict.fromkeys([text for _cell, text in in_cells] + [text for cell, text in located if cell is None]))


def _existing_sources(path: Path) -> list[Any]:
    if not path.is_file():
        return []
    data = read_yaml_file(path).data
    sources = data.get("sources") if isinstance(data, dict) else None
    return sources if isinstance(sources, list) else []


def _in_root(text: str, copy: Path, root: Path) -> str:
    """A problem in a file of the dataset itself, named by its path in root rather than in the scratch copy."""
    return text.replace(str(copy), str(root))


def _write_in_place(files: dict[Path, str]) -> None:
    """Each file written beside its target, then renamed over it: a reader never sees half a file."""
    staged = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.importing")
        temporary.write_text(text, encoding="utf-8")
        staged.append((temporary, path))
    for temporary, path in staged:
        os.replace(temporary, path)


# A validator message that starts with the YAML path of the value: "pledges[3].status: 'x' is not allowed".
_PATH_PREFIX = re.compile(r"^((?:meeting|delegations|pledges|sources)(?:\[\d+\]|\.[a-z_]+)*): (.*)$", re.DOTALL)
_MISSING = re.compile(r"^missing required field '([a-z_]+)' in (\S+)$")
_UNKNOWN = re.compile(r"^unknown field '([^']+)' in (\S+?)((?: \(did you mean|; allowed:).*)?$", re.DOTALL)


def parse_path(text: str) -> DataPath:
    """'pledges[3].types[1]' → ('pledges', 3, 'types', 1); 'the file' → ()."""
    if text == "the file":
        return ()
    return tuple(int(index) if index else name for index, name in re.findall(r"\[(\d+)\]|\.?([a-z_]+)", text))


class _Tracer:
    """Names the sheet and cell of a problem the validator found in the YAML written from the sheets."""

    def __init__(self, records: Records, meeting_path: Path, sources_path: Path, existing: int) -> None:
        self.records, self.meeting_path, self.sources_path, self.existing = (
            records,
            meeting_path,
            sources_path,
            existing,
        )

    def trace(self, problem: Problem) -> tuple[Cell | None, str]:
        """(the cell, the message naming it), or (None, the problem as the validator says it) when it is not
        in what the sheets gave (an existing file of the dataset, or an existing source)."""
        if problem.file not in (self.meeting_path, self.sources_path):
            return None, str(problem)
        message = problem.message
        if match := _MISSING.match(message):
            return self.missing((*parse_path(match.group(2)), match.group(1)), problem)
        if match := _UNKNOWN.match(message):
            return self.unknown((*parse_path(match.group(2)), match.group(1)), match.group(3) or "", problem)
        match = _PATH_PREFIX.match(message)
        if not match:
            return None, str(problem)
        path, rest = parse_path(match.group(1)), match.group(2)
        cell, beyond = self.cell_of(path)
        if cell is None:
            return None, str(problem)
        if cell.column_index:
            return cell, f"{cell}: {cell.header}{' ' if rest.startswith(chr(39)) else ': '}{rest}"
        named = [part for part in beyond if isinstance(part, str)]
        return cell, f"{cell}: {format_path(beyond)}: {rest}" if named else f"{cell}: {rest}"

    def cell_of(self, path: DataPath) -> tuple[Cell | None, DataPath]:
        """The cell of the value at path, else of its nearest parent that came from a sheet; and what lies
        beyond it."""
        if path[:1] == ("sources",) and (len(path) < 2 or not isinstance(path[1], int) or path[1] < self.existing):
            return None, path  # an entry that was in sources.yaml already
        for length in range(len(path), 0, -1):
            if path[:length] in self.records.cells:
                return self.records.cells[path[:length]], path[length:]
        return None, path

    def missing(self, path: DataPath, problem: Problem) -> tuple[Cell | None, str]:
        cell, beyond = self.cell_of(path)
        if cell is None:
            return None, str(problem)
        if cell.column_index:
            return cell, f"{cell}: {cell.header} is required; the cell is empty"
        return cell, f"{cell}: {format_path(beyond)} is required; the sheet has no {'.'.join(map(str, beyond))} column"

    def unknown(self, path: DataPath, hint: str, problem: Problem) -> tuple[Cell | None, str]:
        cell, _beyond = self.cell_of(path)
        if cell is None or not cell.column_index:
            return cell, f"{cell}: {problem.message}" if cell else str(problem)
        header = Cell(cell.sheet_index, 1, cell.column_index, cell.sheet, cell.header)
        fields = hint.removeprefix("; allowed: ")
        said = hint if hint.startswith(" (") else f"; the columns are {fields}" if hint else ""
        return header, f"{header}: unknown column '{cell.header}'{said}"
