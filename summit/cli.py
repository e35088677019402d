"""Command line: `python -m summit validate|schema|export|briefing`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from summit.dataset import (
    BUNDLED_DATA,
    DATASET_FILE,
    TOP_FILES,
    DataPathError,
    LoadResult,
    Summary,
    data_root,
    load_dataset,
)
from summit.load import read_yaml_file
from summit.problems import Problem
from summit.schema import MeetingFile, json_schemas
from summit.validate import validate_model

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m summit", description="Summit dataset tools.")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check a dataset folder or one of its files")
    validate.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="dataset folder or file (default: $SUMMIT_DATA or the bundled data)",
    )
    validate.add_argument("--json", action="store_true", help="print problems and summary as JSON")

    schema = commands.add_parser("schema", help="write the JSON Schema files generated from the model")
    schema.add_argument("--out", type=Path, default=SCHEMA_DIR, help=f"folder (default: {SCHEMA_DIR})")

    argv = list(sys.argv[1:] if argv is None else argv)
    _add_exports(commands, argv[0] if argv else None)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return run_validate(args.path or data_root(), as_json=args.json)
    if args.command == "schema":
        return run_schema(args.out)
    return args.run(args)


# Sub-commands whose modules import pandas, openpyxl, plotly and Kaleido: imported only when asked for,
# so that `validate` answers in a fraction of a second.
HEAVY_COMMANDS = {
    "export": "export the filtered view as CSV or Excel",
    "briefing": "export the briefing as PowerPoint or PDF",
}


def _add_exports(commands: argparse._SubParsersAction, command: str | None) -> None:
    """Sub-commands that live in other modules register here, so this module stays small."""
    if command == "export":
        from summit import exports

        exports.add_cli(commands)
    elif command == "briefing":
        from summit import deck

        deck.add_cli(commands)
    for name, help_text in HEAVY_COMMANDS.items():
        if name not in commands.choices:
            commands.add_parser(name, help=help_text)


def run_validate(path: Path, *, as_json: bool = False) -> int:
    """Validate a dataset folder or file and print problems, then a summary line."""
    try:
        result = _validate_path(path)
    except DataPathError as error:
        print(f"{error}", file=sys.stderr)
        return EXIT_UNREADABLE
    cwd = Path.cwd()
    problems = [p.relative_to(cwd) for p in result.problems]
    warnings = [p.relative_to(cwd) for p in result.warnings]
    if as_json:
        report = {
            "problems": [p.as_dict() for p in problems],
            "warnings": [p.as_dict() for p in warnings],
            "summary": _summary_dict(result.summary),
        }
        print(json.dumps(report, indent=2))
    else:
        for problem in problems:
            print(problem)
        for warning in warnings:
            print(f"{warning.file}:{warning.line}:{warning.column}: warning: {warning.message}")
        print(summary_line(result.summary, len(problems), len(warnings)))
    # A warning (a file not read) does not fail validation: the data loads all the same.
    return EXIT_PROBLEMS if problems else EXIT_OK


def _validate_path(path: Path) -> LoadResult:
    path = path.expanduser().resolve()
    if path.is_dir():
        return load_dataset(path)
    if not path.is_file():
        raise DataPathError(f"{path}: no such file or folder")
    root = _dataset_root_of(path)
    if root is not None:
        result = load_dataset(root)
        return LoadResult(
            result.dataset,
            [p for p in result.problems if p.file == path],
            result.summary,
            [w for w in result.warnings if w.file == path],
        )
    parsed = read_yaml_file(path)
    _record, found = validate_model(parsed, TOP_FILES.get(path.name, MeetingFile))
    return LoadResult(None, sorted(parsed.problems + found), Summary())


def _dataset_root_of(path: Path) -> Path | None:
    """The nearest folder above path holding a dataset.yaml (meetings may sit in meetings/2025/)."""
    return next((folder for folder in path.parents if (folder / DATASET_FILE.name).exists()), None)


def summary_line(summary: Summary, problem_count: int, warning_count: int = 0) -> str:
    """`OK: 3 meetings, 38 delegations, ...` or `FAILED: N problems; ...`, then `; N files not read` if any."""
    counts = (
        f"{summary.meetings} meetings, {summary.participants} participants, {summary.delegations} delegations, "
        f"{summary.pledges} pledges, {summary.sources} sources, {summary.sourced_share:.0%} sourced"
    )
    warned = f"; {_count(warning_count, 'file')} not read" if warning_count else ""
    if problem_count:
        return f"FAILED: {_count(problem_count, 'problem')}; {counts}{warned}"
    return f"OK: {counts}{warned}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _summary_dict(summary: Summary) -> dict[str, float | int]:
    return {
        "meetings": summary.meetings,
        "participants": summary.participants,
        "pledges": summary.pledges,
        "sources": summary.sources,
        "sourced_share": round(summary.sourced_share, 4),
    }


def run_schema(out: Path) -> int:
    """Write schema/<name>.schema.json for every kind of data file."""
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in json_schemas().items():
        (out / f"{name}.schema.json").write_text(
            json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    print(f"wrote {len(json_schemas())} schemas to {out}")
    return EXIT_OK


__all__ = ["BUNDLED_DATA", "Problem", "main"]
