"""The Excel template `python -m summit template` writes: the sheets of summit.sheets, drop-downs, instructions.

Each data sheet has a header row of field names (required ones in bold, each with a comment saying what goes
in it) and a drop-down on every column whose values are listed: the model's (status, confidence, ...) and the
dataset's (participants, commitment types, conditions). The lists sit on a hidden "Lists" sheet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from summit import countries
from summit.dataset import Dataset
from summit.sheets import (
    BOOLEANS,
    COMMITMENT_TYPES,
    CONDITIONS,
    PARTICIPANTS,
    SEPARATORS,
    SHEETS,
    Column,
    Kind,
    Sheet,
    sheet_named,
)

INSTRUCTIONS = "Instructions"
LISTS = "Lists"
MAX_ROWS = 1000  # rows below the header that carry the drop-downs
REQUIRED_FILL = PatternFill("solid", fgColor="DDEEFF")
COMMENT_SIZE = (360, 160)  # width, height in points


@dataclass(frozen=True)
class TemplateLists:
    """The values a dataset defines for the template's drop-downs."""

    participants: tuple[str, ...]  # the dataset's organisations, then every ISO 3166-1 alpha-3 code
    commitment_types: tuple[str, ...]
    conditions: tuple[str, ...]


def template_lists(dataset: Dataset) -> TemplateLists:
    """The dataset's participants, commitment types and conditions, for the drop-downs."""
    return TemplateLists(
        (*dataset.organisations, *sorted(countries.ALPHA3)),
        tuple(dataset.commitment_types),
        tuple(dataset.conditions),
    )


def build_template(lists: TemplateLists) -> bytes:
    """The template workbook as .xlsx bytes."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS
    _write_instructions(instructions)
    values = {PARTICIPANTS: lists.participants, COMMITMENT_TYPES: lists.commitment_types}
    values |= {CONDITIONS: lists.conditions, BOOLEANS: ("true", "false")}
    values |= {c.list_name: c.choices for s in SHEETS for c in s.columns if c.choices and c.list_name}
    list_ranges = _write_lists(workbook.create_sheet(LISTS), values)
    for sheet in SHEETS:
        _write_sheet(workbook.create_sheet(sheet.name), sheet, list_ranges)
    workbook[LISTS].sheet_state = "hidden"
    workbook.move_sheet(LISTS, offset=len(SHEETS))  # last, after the sheets to fill in
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_lists(worksheet: Worksheet, values: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """One column per list, its name in row 1; returns each list's range (Lists!$A$2:$A$12)."""
    ranges = {}
    for index, (name, items) in enumerate(values.items(), start=1):
        letter = get_column_letter(index)
        worksheet.cell(1, index, name)
        for row, item in enumerate(items, start=2):
            worksheet.cell(row, index, item)
        ranges[name] = f"{LISTS}!${letter}$2:${letter}${max(len(items), 1) + 1}"
    return ranges


def _write_sheet(worksheet: Worksheet, sheet: Sheet, list_ranges: dict[str, str]) -> None:
    worksheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        cell = worksheet.cell(1, index, column.header)
        cell.font = Font(bold=column.required)
        if column.required:
            cell.fill = REQUIRED_FILL
        cell.comment = Comment(header_comment(column), "summit template", *COMMENT_SIZE)
        dimension = worksheet.column_dimensions[letter]
        dimension.width = max(12, min(40, len(column.header) + 4))
        if column.kind is not Kind.NUMBER:
            # Typed as text: Excel would turn 2025-06 into a date, and 0012 into 12.
            dimension.number_format = "@"
        if column.kind is Kind.LINES:
            dimension.alignment = Alignment(wrap_text=True)
        source = _drop_down_source(sheet, column, list_ranges)
        if source:
            worksheet.add_data_validation(_drop_down(source, column, f"{letter}2:{letter}{MAX_ROWS + 1}"))


def _drop_down_source(sheet: Sheet, column: Column, list_ranges: dict[str, str]) -> str | None:
    if sheet.parent and column.header == sheet.parent[0]:
        parent = sheet_named(sheet.parent[1])
        key = next(i for i, c in enumerate(parent.columns, start=1) if c.header == "id")
        letter = get_column_letter(key)
        return f"{parent.name}!${letter}$2:${letter}${MAX_ROWS + 1}"
    return list_ranges.get(column.list_name) if column.list_name else None


def _drop_down(source: str, column: Column, cells: str) -> DataValidation:
    """A list drop-down: strict for one value the model lists, a suggestion for lists the data defines or
    for several values in one cell (a list validation would refuse 'a, b')."""
    several = column.kind is Kind.IDS
    validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=not several)
    if not column.choices and column.list_name != BOOLEANS:
        validation.errorStyle = "warning"  # the dataset's lists may grow: a new organisation, a new type
    validation.error = f"Pick {column.header} from the list."
    validation.errorTitle = column.header
    validation.add(cells)
    return validation


def header_comment(column: Column) -> str:
    """What goes in a column: its description, required or not, the allowed values, how to give several."""
    lines = [column.description] if column.description else []
    lines.append("Required." if column.required else "Optional: leave it empty when unknown.")
    if column.choices:
        lines.append(f"One of: {', '.join(column.choices)}.")
    elif column.list_name == PARTICIPANTS:
        lines.append("An ISO 3166-1 alpha-3 code (FRA) or an organisation id from organisations.yaml.")
    elif column.list_name in (COMMITMENT_TYPES, CONDITIONS):
        lines.append(f"Ids from taxonomy.yaml ({column.list_name}).")
    elif column.list_name == BOOLEANS:
        lines.append("true or false.")
    if column.header.split(".")[-1] in ("date", "end_date", "as_of", "published"):
        lines.append("Written YYYY-MM-DD (or YYYY-MM, YYYY where a partial date is allowed).")
    if column.kind is Kind.IDS:
        lines.append(f"Several: separate them with {SEPARATORS} (the drop-down offers one; type the others).")
    if column.kind is Kind.LINES:
        lines.append("Several: one per line in the cell (Alt+Enter).")
    return "\n".join(lines)


def instruction_lines() -> list[str]:
    """The text of the Instructions sheet, one line per row."""
    lines = [
        "How to fill in this template",
        "",
        "1. Fill in one meeting per workbook: its row on the Meeting sheet, then its delegations, pledges, "
        "figures and new sources on the other sheets.",
        "2. Row 1 of each sheet holds the field names; do not rename them. Required columns are bold on blue; "
        "each header's comment says what goes in it. An empty cell leaves the field out.",
        "3. Columns with a drop-down take a value from its list. A cell that holds several values (types, "
        f"conditions, sources, hosts) separates them with {SEPARATORS}, e.g. 'source-a, source-b'; "
        "open_questions take one question per line.",
        "4. Dates are written YYYY-MM-DD (the cells are text, so Excel keeps them as written). Ids are "
        "lower-case words joined by - or _ (example-2025-06-01-chl-1); participants are ISO 3166-1 alpha-3 "
        "codes (CHL) or organisation ids.",
        "5. Import it into a dataset folder: python -m summit import FILE.xlsx --into DIR. Every problem is "
        "named by sheet and cell (Pledges!D12) and nothing is written until there are none. It writes "
        "DIR/meetings/<date>-<place>.yaml and adds the new sources to DIR/sources.yaml.",
        "",
        "The sheets",
    ]
    for sheet in SHEETS:
        lines.append(f"{sheet.name}: {sheet.help}.")
        if sheet.left_out:
            lines.append(
                f"    Not in the template: {', '.join(sheet.left_out)}; add them to the YAML file after import."
            )
    lines += ["", "Every field and its allowed values: docs/data-format.md."]
    return lines


def _write_instructions(worksheet: Worksheet) -> None:
    worksheet.column_dimensions["A"].width = 140
    for row, line in enumerate(instruction_lines(), start=1):
        cell = worksheet.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    worksheet["A1"].font = Font(bold=True, size=14)
    worksheet.cell(instruction_lines().index("The sheets") + 1, 1).font = Font(bold=True)
