"""Command line: `python -m summit validate|schema|export|briefing|dataset|new|template|import`, every sub-command
in this module.

The commands that write files take their `--format` choices from summit.formats.EXPORT_FORMATS, one
command per subject there (export: a filtered table, briefing: the slides, dataset: the whole dataset).
They need pandas, openpyxl, plotly, python-pptx, reportlab and Kaleido: they import them inside their
command functions, so that `validate` answers in a fraction of a second (tests/test_cli.py checks that
it loads none of them). `new` writes a skeleton dataset; `template` and `import` (openpyxl, also imported inside
them) write a spreadsheet template and read a filled-in one back into a dataset folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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
from summit.formats import TABLES, ExportFormat, Subject, export_format, formats_for, labels_sentence
from summit.load import read_yaml_file
from summit.problems import Problem
from summit.schema import MeetingFile, json_schemas
from summit.validate import validate_model

if TYPE_CHECKING:
    from summit.dataset import Dataset
    from summit.filters import Filters
    from summit.frames import Frames

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"

# 1: problems in the data, or charts that cannot be drawn; 2: a path or an argument that cannot be read.
EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2
DATA_HELP = "dataset folder (default: $SUMMIT_DATA or the bundled data)"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    return args.run(args)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every sub-command; each one's function is `args.run`."""
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
    validate.set_defaults(run=lambda args: run_validate(args.path or data_root(), as_json=args.json))

    schema = commands.add_parser("schema", help="write the JSON Schema files generated from the model")
    schema.add_argument("--out", type=Path, default=SCHEMA_DIR, help=f"folder (default: {SCHEMA_DIR})")
    schema.set_defaults(run=lambda args: run_schema(args.out))

    tables = formats_for(Subject.TABLE)
    export = commands.add_parser("export", help=f"export the filtered view as {labels_sentence(tables)}")
    _add_output_arguments(export, tables, "g=<group id> t=<commitment type id>")
    export.add_argument("--table", choices=TABLES, default="pledges")
    export.set_defaults(run=run_export)

    decks = formats_for(Subject.BRIEFING)
    briefing = commands.add_parser("briefing", help=f"write the briefing slides as {labels_sentence(decks)}")
    _add_output_arguments(briefing, decks, "m=<meeting id>")
    briefing.set_defaults(run=run_briefing)

    archives = formats_for(Subject.DATASET)
    dataset = commands.add_parser(
        "dataset", help=f"write the whole dataset (YAML and schemas) as {labels_sentence(archives)}"
    )
    _add_output_arguments(dataset, archives)
    dataset.set_defaults(run=run_dataset)

    new = commands.add_parser("new", help="write a valid, commented skeleton dataset to a folder")
    new.add_argument("folder", type=Path, help="folder to create (or an empty one)")
    new.set_defaults(run=lambda args: run_new(args.folder))

    template = commands.add_parser("template", help="write an Excel template to fill in for one meeting")
    template.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    template.add_argument("--data", type=Path, help=f"{DATA_HELP}; its participants, types and conditions")
    template.set_defaults(run=run_template)

    imports = commands.add_parser("import", help="add a filled-in template's meeting to a dataset")
    imports.add_argument("spreadsheet", type=Path, help="the .xlsx file, or a folder of one CSV per sheet")
    imports.add_argument("--into", type=Path, required=True, help="the dataset folder to add the meeting to")
    imports.set_defaults(run=lambda args: run_import(args.spreadsheet, args.into))

    moment = (
        "'current' (the data as it is), a day YYYY-MM-DD or a meeting id (the data as it stood then), a dataset "
        "folder, or a git revision of the data's folder (HEAD~1, a commit hash)"
    )
    diff = commands.add_parser("diff", help="list what changed, record by record, between two moments of the data")
    diff.add_argument("old", help=f"the earlier moment: {moment}")
    diff.add_argument("new", nargs="?", default="current", help="the later moment, as OLD (default: current)")
    diff.add_argument("--data", type=Path, help=DATA_HELP)
    diff.add_argument("--format", choices=DIFF_FORMATS, default="text", help="text (default), csv or json")
    diff.add_argument("--out", type=Path, help="file to write (default: print it)")
    diff.add_argument("--all", action="store_true", help="list the unchanged records too")
    diff.set_defaults(run=run_diff)
    return parser


def _add_output_arguments(
    command: argparse.ArgumentParser, formats: tuple[ExportFormat, ...], filter_example: str | None = None
) -> None:
    """--format (from the formats table), --out, --data and, for a filtered subject, the URL's filter keys."""
    command.add_argument("--format", choices=[f.id for f in formats], required=True)
    folder = ", or an existing folder to write it in, named after the view"
    out_help = "file to write" + (folder if filter_example else "")
    command.add_argument("--out", type=Path, required=True, help=out_help)
    command.add_argument("--data", type=Path, help=DATA_HELP)
    if filter_example:
        command.add_argument("filters", nargs="*", metavar="KEY=VALUE", help=f"URL filter keys, e.g. {filter_example}")


# --- validate and schema ---------------------------------------------------------------------


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


# --- export, briefing and dataset: the files the pages offer for download, from the same writers ----


def run_export(args: argparse.Namespace) -> int:
    """`python -m summit export`: the filtered table as a file; 0 when written, 1 or 2 as for loading."""
    from summit.exports import build_view

    loaded = load_filtered_for_cli(args.data, args.filters)
    if isinstance(loaded, int):
        return loaded
    dataset, frames, filters = loaded
    view = build_view(dataset, frames, filters, args.table)
    export = export_format(args.format)
    payload = export.write(view)
    out = output_path(args.out, dataset, filters, args.table, export)
    out.write_bytes(payload)
    print(f"wrote {out} ({len(payload):,} bytes): {view.description}")
    return EXIT_OK


def run_briefing(args: argparse.Namespace) -> int:
    """`python -m summit briefing`: 0 when written, 1 when the charts cannot be drawn, 2 on bad input."""
    from summit.briefing.images import ChartRenderError
    from summit.briefing.slides import build_briefing, build_view, document_info, view_sentence
    from summit.filenames import BRIEFING

    loaded = load_filtered_for_cli(args.data, args.filters)
    if isinstance(loaded, int):
        return loaded
    dataset, frames, filters = loaded
    view = build_view(dataset, frames, filters)
    slides = build_briefing(dataset, frames, filters, view)
    export = export_format(args.format)
    try:
        payload = export.write(slides, None, document_info(dataset, filters, view))
    except ChartRenderError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    out = output_path(args.out, dataset, filters, BRIEFING, export)
    out.write_bytes(payload)
    print(f"wrote {out} ({len(payload):,} bytes, {len(slides)} slides): {view_sentence(dataset, filters, view)}")
    return EXIT_OK


def output_path(out: Path, dataset: Dataset, filters: Filters, content: str, export: ExportFormat) -> Path:
    """--out as given, or in a folder given as --out, the file named as the page names its download."""
    from summit.filenames import build_file_stem

    return out / f"{build_file_stem(dataset, filters, content)}{export.suffix}" if out.is_dir() else out


def run_dataset(args: argparse.Namespace) -> int:
    """`python -m summit dataset`: the whole dataset as one file; 0 when written, 1 or 2 as for loading."""
    dataset = load_dataset_for_cli(args.data)
    if isinstance(dataset, int):
        return dataset
    payload = export_format(args.format).write(dataset)
    args.out.write_bytes(payload)
    print(f"wrote {args.out} ({len(payload):,} bytes): the whole dataset, as of {dataset.info.as_of.isoformat()}")
    return EXIT_OK


# --- new, template and import: start a dataset, and fill it from a spreadsheet ------------------------


def run_new(folder: Path) -> int:
    """`python -m summit new`: the skeleton dataset; 0 when written, 2 when the folder is not new or empty."""
    from summit.skeleton import FolderNotEmptyError, write_skeleton

    try:
        written = write_skeleton(folder.expanduser())
    except FolderNotEmptyError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"wrote {len(written)} files to {folder}: check them with `python -m summit validate {folder}`")
    return EXIT_OK


def run_template(args: argparse.Namespace) -> int:
    """`python -m summit template`: the spreadsheet template; 0 when written, 1 or 2 as for loading."""
    from summit.template import build_template, template_lists

    dataset = load_dataset_for_cli(args.data)
    if isinstance(dataset, int):
        return dataset
    payload = build_template(template_lists(dataset))
    args.out.write_bytes(payload)
    print(
        f"wrote {args.out} ({len(payload):,} bytes): fill it in, then `python -m summit import {args.out} --into DIR`"
    )
    return EXIT_OK


def run_import(spreadsheet: Path, into: Path) -> int:
    """`python -m summit import`: 0 when the meeting is written, 1 on problems (nothing written), 2 unreadable."""
    from summit.imports import SpreadsheetError, import_spreadsheet

    try:
        result = import_spreadsheet(spreadsheet.expanduser(), into.expanduser().resolve())
    except (SpreadsheetError, DataPathError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    for problem in result.problems:
        print(problem)
    if result.problems:
        print(f"FAILED: {_count(len(result.problems), 'problem')}; nothing written to {into}")
        return EXIT_PROBLEMS
    counts = f"{_count(result.delegations, 'delegation')}, {_count(result.pledges, 'pledge')}"
    added = f"; added {_count(result.sources, 'source')} to {result.written[1]}" if result.sources else ""
    print(f"wrote {result.written[0]} ({counts}){added}")
    return EXIT_OK


# --- diff: what changed between two moments -------------------------------------------------------------

DIFF_FORMATS = ("text", "csv", "json")


def run_diff(args: argparse.Namespace) -> int:
    """`python -m summit diff OLD [NEW]`: 0 when listed, 1 when a moment's data has problems, 2 when unreadable."""
    from summit.changes import (
        CHANGED_KINDS,
        MomentError,
        change_table,
        changes_frame,
        compare,
        resolve_moment,
        summary_text,
    )
    from summit.exports import table_csv

    now = load_dataset_for_cli(args.data)
    if isinstance(now, int):
        return now
    try:
        old, new = (resolve_moment(token, now.root, now) for token in (args.old, args.new))
    except MomentError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    changes = compare(old.dataset, new.dataset)
    listed = changes if args.all else [c for c in changes if c.kind in CHANGED_KINDS]
    summary = summary_text(changes, old.label, new.label)
    frame = changes_frame(listed, new.dataset, old.dataset)
    if args.format == "csv":
        payload = table_csv(change_table(frame, new.dataset))
    elif args.format == "json":
        rows = [
            {key: list(value) if isinstance(value, tuple) else value for key, value in row.items()}
            for row in frame.to_dict(orient="records")
        ]
        document = {"from": old.label, "to": new.label, "summary": summary, "changes": rows}
        payload = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    else:
        lines = [summary, *(_change_line(row) for row in frame.itertuples(index=False))]
        payload = ("\n".join(lines) + "\n").encode("utf-8")
    if args.out is None:
        sys.stdout.write(payload.decode("utf-8-sig"))
    else:
        args.out.write_bytes(payload)
        print(f"wrote {args.out} ({len(payload):,} bytes): {summary}")
    return EXIT_OK


def _change_line(row) -> str:
    """'Upgraded     United Kingdom: Announced → Ongoing (25 February 2026) [paris-2026-gbr-2]'."""
    when = f" ({row.when})" if row.when and row.when not in row.detail else ""
    return f"{row.kind_label:<22} {row.name}: {row.detail}{when} [{row.record}]"


def parse_filter_args(pairs: list[str]) -> dict[str, list[str]]:
    """['g=nato', 't=mnf_land,mnf_sea'] → query-parameter mapping; raises ValueError on a bad pair."""
    params: dict[str, list[str]] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"filter {pair!r} is not KEY=VALUE")
        params.setdefault(key, []).append(value)
    return params


def load_for_cli(path: Path | None) -> tuple[Dataset, Frames] | int:
    """Load a dataset and its frames for a CLI command, or print why not and return the exit code."""
    from summit.frames import build_frames

    dataset = load_dataset_for_cli(path)
    return dataset if isinstance(dataset, int) else (dataset, build_frames(dataset))


def load_dataset_for_cli(path: Path | None) -> Dataset | int:
    """Load a dataset for a CLI command, or print why not and return the exit code."""
    root = (path or data_root()).expanduser().resolve()
    try:
        result = load_dataset(root)
    except DataPathError as error:
        print(error, file=sys.stderr)
        return EXIT_UNREADABLE
    if result.dataset is None:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(f"FAILED: {len(result.problems)} problems in the data; nothing exported", file=sys.stderr)
        return EXIT_PROBLEMS
    return result.dataset


def load_filtered_for_cli(path: Path | None, pairs: list[str]) -> tuple[Dataset, Frames, Filters] | int:
    """Dataset, frames and the filters given as KEY=VALUE pairs for a CLI command, or its exit code."""
    from summit.filters import Filters, dataset_view

    try:
        params = parse_filter_args(pairs)
    except ValueError as error:
        print(error, file=sys.stderr)
        return EXIT_UNREADABLE
    loaded = load_for_cli(path)
    if isinstance(loaded, int):
        return loaded
    dataset, frames = loaded
    filters = Filters.from_query_params(params, dataset)
    seen = dataset_view(filters, dataset)  # as the data stood on the as-of day, when one is given
    if seen is not dataset:
        from summit.frames import build_frames

        dataset, frames = seen, build_frames(seen)
    return dataset, frames, filters


__all__ = ["BUNDLED_DATA", "Problem", "main"]
