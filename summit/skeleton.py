"""A new dataset's first files: a valid, commented skeleton that `python -m summit new DIR` writes.

Every value is a placeholder to replace (an example organisation, an example commitment type
`financial_pledge`): nothing here comes from the bundled dataset, and tests/test_spreadsheet.py checks both
that the skeleton validates and that it shares no id with the bundled data.
"""

from __future__ import annotations

import json
from pathlib import Path

from summit.schema import json_schemas

SCHEMA_FOLDER = "schema"

DATASET_YAML = """\
# yaml-language-server: $schema=schema/dataset.schema.json
# The first line lets an editor with a YAML language server check this file as you type, against the
# JSON Schema in schema/ (`python -m summit schema --out schema` rewrites it when the model changes).
# What the dataset is, how to cite it and up to when its sources were read. Every field: docs/data-format.md.

title: "Example summit: participants and pledges"  # a short title, shown on every page
description: >-
  Who took part in the example summit and what each participant pledged. Replace this text with a
  paragraph saying what the dataset covers and how its records were compiled.
as_of: "2025-06-30"  # the date up to which sources were read (YYYY-MM-DD); no record may be dated later
licence: "CC BY 4.0"  # the licence of the compilation
citation: >-
  Example maintainers. Example summit: participants and pledges, data as of 30 June 2025.
maintainer: Example maintainers  # a person, team or organisation; named as the author of handouts
meeting_series: example meetings  # what the meetings are called in titles ("Timeline of example meetings")
# Optional fields, left out until needed (never written as null):
# featured_meeting: example-2025-06-01  # the meeting the app opens on; default: the most attended
# theatre: CHL                           # the country a pledge's `deployment` is inside or outside of
# synthetic: true                        # generated benchmark data
"""

SOURCES_YAML = """\
# yaml-language-server: $schema=schema/sources.schema.json
# Every source once; records cite sources by id. Add new sources at the end of the list.
sources:
  - id: example-source  # a slug: lower-case letters and digits joined by - or _, unique
    url: https://example.org/summit-statement  # http(s) address, unique
    publisher: "Example Organisation"  # the outlet or institution
    title: "Statement after the example summit"  # the title of the page
    published: "2025-06-01"  # optional: YYYY-MM-DD, or YYYY-MM / YYYY when only that is known
    kind: official  # optional: official, government, press, analyst or other
    official: true  # optional: true for a government's or an institution's own page
    # approximate_date: true  # optional: the publication date is an estimate
    # language: en            # optional: ISO 639 code of the page's language
"""

TAXONOMY_YAML = """\
# yaml-language-server: $schema=schema/taxonomy.schema.json
# What kinds of commitment the records carry, grouped in categories, and the conditions a pledge may
# depend on. A new commitment type is one more entry here; records name types and conditions by id.

categories:
  - id: financial  # a slug, unique among categories
    label: Financial  # shown as the heading of the category's types

commitment_types:
  - id: financial_pledge  # a slug: records list it in their `types`
    label: Financial pledge  # shown in tables and legends
    short_label: Financial  # at most 24 characters, for matrix column heads
    description: Money pledged by a participant. Replace with one or two sentences saying what counts.
    category: financial  # the id of a category above
    colour: "#117733"  # from the colour-blind-safe palette: #332288 #88CCEE #44AA99 #117733 #999933
    #                    #DDCC77 #CC6677 #882255 #AA4499 #DDDDDD
    # domain: land  # optional: land, sea or air, for a type that belongs to one domain

conditions:
  - id: funding_approved  # a slug: records list it in their `conditions`
    label: Once the funding is approved  # shown wherever the condition is named
    description: The pledge waits on a budget decision. Replace with what the condition means.
    satisfied_by: [approved]  # optional: statuses at which a pledge no longer waits on this condition

# scenarios:  # optional: what-ifs offered by name on the Scenarios page
#   - id: no_funding
#     name: Funding refused  # at most 40 characters
#     conditions: {funding_approved: not_met}  # condition id: met, not_met or open
"""

ORGANISATIONS_YAML = """\
# yaml-language-server: $schema=schema/organisations.schema.json
# Participants that are not states. A state is named by its ISO 3166-1 alpha-3 code (CHL, URY) and
# needs no entry here.
organisations:
  - id: EXAMPLE_ORG  # capitals, digits and _; not an ISO country code
    name: Example Organisation  # the full name
    short_name: Example Org  # at most 24 characters, for tables and the map
    kind: organisation  # organisation, or collective for "all members at once" (pledges without a delegation)
    url: https://example.org/  # optional: http(s) address
"""

GROUPS_YAML = """\
# yaml-language-server: $schema=schema/groups.schema.json
# Memberships the filters offer ("members of the example group"), each true as of a date and sourced.
groups:
  - id: example_group  # a slug, unique; the URL's `g` filter takes it
    name: Members of the example group  # the full name
    short_name: Example group  # at most 24 characters
    as_of: "2025-06-01"  # the date the member list is true for
    members: [CHL, URY]  # participant ids: ISO alpha-3 codes or organisation ids
    sources: [example-source]  # ids from sources.yaml
    confidence: confirmed  # confirmed, single_source, disputed or unverified
"""

MEETING_NAME = "2025-06-01-example-city.yaml"
MEETING_YAML = """\
# yaml-language-server: $schema=../schema/meeting.schema.json
# One meeting: its record, its delegations and the pledges made at it. Name the file <date>-<place>.yaml;
# a spreadsheet filled in from `python -m summit template` becomes such a file with `python -m summit import`.

meeting:
  id: example-2025-06-01  # a slug, unique across files: links point at it
  name: Example summit  # the full name
  short_name: Example City, 1 Jun 2025  # at most 40 characters, for charts and menus
  date: 2025-06-01  # YYYY-MM-DD (add end_date for a meeting over several days)
  city: Example City  # optional
  country: CHL  # optional: the host country's ISO 3166-1 alpha-3 code
  format: in_person  # in_person, virtual or hybrid
  level: heads of state and government  # who met, in words
  hosts: [CHL]  # optional: participant ids
  summary: Leaders met to agree on example commitments. Replace with a sentence or two in your own words.
  sources: [example-source]  # every record cites one or more ids from sources.yaml
  confidence: confirmed  # confirmed (two independent sources or an official page), single_source,
  #                        disputed (then list disputed_claims) or unverified

delegations:  # one per participant
  - participant: CHL  # ISO alpha-3 code, or an id from organisations.yaml
    heads:  # one or more heads of delegation
      - name: Example Person  # leave name out when no source names the person: never guess
        title: President  # optional
        level: head_of_state  # head_of_state, head_of_government, minister, envoy, ambassador, official,
        #                       organisation_leader
    attendance: in_person  # in_person, video or unknown
    role: host  # optional: host, co_chair, member (the default), observer or guest
    sources: [example-source]
    confidence: confirmed

pledges:  # pledges, and stances that are not pledges (a refusal, a stated position)
  - id: example-2025-06-01-chl-1  # a slug, unique across files
    participant: CHL  # needs a delegation at this meeting (unless it is a collective)
    types: [financial_pledge]  # commitment type ids from taxonomy.yaml
    status: announced  # considering, reported, announced, signed, approved, ongoing, delivered;
    #                    stances: advocates, conditional_willingness, conditional_refusal, ruled_out
    description: Pledged an example sum. Replace with what was pledged, in your own words.
    conditions: [funding_approved]  # optional: condition ids from taxonomy.yaml
    quantities:  # optional: public figures only, never invented
      - measure: amount  # troops, personnel, amount, share_of_gdp, units or duration_years
        value: 1000000  # a number >= 0
        currency: USD  # ISO 4217 code, with amount only
    date: "2025-06-01"  # optional: YYYY-MM-DD, or YYYY-MM / YYYY
    sources: [example-source]
    confidence: confirmed
"""

# Path inside the new folder → its text, in the order they are written.
SKELETON_FILES: dict[str, str] = {
    "dataset.yaml": DATASET_YAML,
    "sources.yaml": SOURCES_YAML,
    "taxonomy.yaml": TAXONOMY_YAML,
    "organisations.yaml": ORGANISATIONS_YAML,
    "groups.yaml": GROUPS_YAML,
    f"meetings/{MEETING_NAME}": MEETING_YAML,
}


class FolderNotEmptyError(Exception):
    """The folder given for a new dataset already holds something."""


def write_skeleton(root: Path) -> list[Path]:
    """Write the skeleton dataset and its JSON Schemas into root (created if need be); returns the files written.

    Raises FolderNotEmptyError, writing nothing, when root exists and is not empty (or is not a folder).
    """
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise FolderNotEmptyError(f"{root}: not an empty folder; a new dataset goes in a new or empty folder")
    written = []
    for relative, text in SKELETON_FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    # Schemas beside the data, so the $schema lines above resolve wherever the folder is.
    (root / SCHEMA_FOLDER).mkdir()
    for name, schema in json_schemas().items():
        path = root / SCHEMA_FOLDER / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
