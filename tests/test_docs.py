"""The documentation and the committed JSON Schemas cannot drift from the model."""

from __future__ import annotations

import json
import re

import pytest

from summit import schema
from summit.filters import FILTERS
from tests.conftest import REPO

DOC = (REPO / "docs" / "data-format.md").read_text(encoding="utf-8")
MODELS = [
    schema.DatasetFile, schema.Source, schema.SourcesFile, schema.Category, schema.CommitmentType,
    schema.Condition, schema.TaxonomyFile, schema.Organisation, schema.OrganisationsFile, schema.Group,
    schema.GroupsFile, schema.Document, schema.ReportedCounts, schema.Meeting, schema.Person,
    schema.Delegation, schema.Quantity, schema.DisputedClaim, schema.Pledge, schema.MeetingFile,
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
        v.ParticipantKind,
    ):
        for member in enum:
            assert f"`{member.value}`" in DOC, f"{enum.__name__}.{member.name} is not in docs/data-format.md"


def test_readme_lists_every_filter_key():
    keys = re.search(r"Keys: (.+?); values are ids", (REPO / "README.md").read_text(encoding="utf-8"), flags=re.DOTALL)
    assert keys, "README.md lost its 'Keys: ...' sentence"
    listed = re.findall(r"`([a-z]+)` ", keys.group(1).replace("\n", " "))
    assert listed == [spec.key for spec in FILTERS], "README.md's filter keys differ from summit.filters.FILTERS"
