"""The documentation and the committed JSON Schemas cannot drift from the model, nor the commands it names from
the CLI."""

from __future__ import annotations

import json
import re

import pytest

from summit import schema
from summit.cli import build_parser, parse_filter_args
from summit.filters import FILTERS
from tests.conftest import REPO

DOC = (REPO / "docs" / "data-format.md").read_text(encoding="utf-8")
MODELS = [
    schema.DatasetFile, schema.Source, schema.SourcesFile, schema.Category, schema.CommitmentType,
    schema.Condition, schema.TaxonomyFile, schema.Organisation, schema.OrganisationsFile, schema.Group,
    schema.GroupsFile, schema.Document, schema.ReportedCounts, schema.Meeting, schema.Person,
    schema.Delegation, schema.Quantity, schema.DisputedClaim, schema.OwnSourcing, schema.Step, schema.Pledge,
    schema.MeetingFile, schema.LabelTranslation, schema.NameTranslation, schema.TitleTranslation,
]  # fmt: skip


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_documented(model):
    first_cells = re.findall(r"^\| ((?:`[a-z_]+`(?:, )?)+) \|", DOC, flags=re.MULTILINE)
    documented = {name for cell in first_cells for name in re.findall(r"`([a-z_]+)`", cell)}
    missing = set(model.model_fields) - documented
    assert not missing, f"{model.__name__} fields missing from docs/data-format.md: {sorted(missing)}"
    assert model.__name__ in DOC, f"{model.__name__} has no section in docs/data-format.md"


@pytest.mark.parametrize("name", list(schema.FILE_SCHEMAS))
def test_committed_schema_is_current(name):
    committed = json.loads((REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert committed == schema.json_schemas()[name], "schema/ is stale: run `make schema` and commit"


def test_every_vocabulary_value_is_documented():
    from summit import vocabulary as v

    for enum in (
        v.Confidence,
        v.Status,
        v.Level,
        v.Attendance,
        v.MeetingFormat,
        v.Domain,
        v.Measure,
        v.Bound,
        v.Basis,
        v.ParticipantKind,
        v.Role,
        v.Per,
        v.Change,
    ):
        for member in enum:
            assert f"`{member.value}`" in DOC, f"{enum.__name__}.{member.name} is not in docs/data-format.md"


def test_readme_lists_every_filter_key():
    keys = re.search(r"Keys: (.+?); values are ids", (REPO / "README.md").read_text(encoding="utf-8"), flags=re.DOTALL)
    assert keys, "README.md lost its 'Keys: ...' sentence"
    listed = re.findall(r"`([a-z]+)` ", keys.group(1).replace("\n", " "))
    assert listed == [spec.key for spec in FILTERS], "README.md's filter keys differ from summit.filters.FILTERS"


# `python -m summit ...` up to the end of its line, code span or comment; `[PATH]` marks an optional argument.
COMMAND_LINE = re.compile(r"python -m summit((?: +(?!#)[^\s`]+)*)")
DOCS = {path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8") for path in (
    REPO / "README.md", REPO / "Makefile", *sorted((REPO / "docs").glob("*.md"))
)}  # fmt: skip
# A bare `python -m summit` names the CLI, not a command line.
COMMAND_LINES = [
    (name, [arg for arg in match.group(1).split() if not arg.startswith("[")])
    for name, text in DOCS.items()
    for match in COMMAND_LINE.finditer(text)
    if match.group(1).strip()
]
HELP = ("-h", "--help")


def test_the_docs_name_command_lines():
    assert len(COMMAND_LINES) >= 5, COMMAND_LINES


@pytest.mark.parametrize(("doc", "args"), COMMAND_LINES, ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_every_command_line_in_the_docs_is_accepted_by_the_cli(doc, args):
    if any(arg in HELP for arg in args):
        with pytest.raises(SystemExit) as stop:
            build_parser().parse_args(args)
        assert stop.value.code == 0
        return
    parsed = build_parser().parse_args(args)  # a usage error exits, and fails the test
    keys = {spec.key for spec in FILTERS}
    unknown = set(parse_filter_args(getattr(parsed, "filters", []))) - keys
    assert not unknown, f"{doc}: `python -m summit {' '.join(args)}` names filter keys that do not exist: {unknown}"


def test_the_readme_and_its_make_targets_show_every_sub_command():
    commands = re.search(r"\{(.+?)\}", build_parser().format_usage())
    assert commands, "the CLI's usage lost its list of sub-commands"
    shown = {args[0] for doc, args in COMMAND_LINES if doc in ("README.md", "Makefile") and args[0] not in HELP}
    assert shown == set(commands.group(1).split(",")), "README.md and the Makefile differ from summit/cli.py's commands"
