"""Issue 13, items 3 and 4: what changed between two moments of the data (CHANGE_RULE), between two days, two
folders or two versions in git, and `python -m summit diff`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from summit.changes import (
    CHANGED_KINDS,
    ChangeKind,
    MomentError,
    change_table,
    changes_frame,
    compare,
    counts,
    day_of,
    follow_through,
    follow_through_counts,
    participant_kinds,
    previous_meeting_day,
    resolve_moment,
    summary_text,
)
from summit.cli import EXIT_OK, EXIT_UNREADABLE, main
from summit.dataset import Dataset, load_dataset
from summit.history import dataset_as_of
from summit.versions import NoVersions, VersionError, dataset_at, list_versions
from tests.conftest import TINY
from tests.versioned_data import EDIT_SUBJECT, PARIS, edit, git, tiny_copy, versioned_copy


def load(folder: Path) -> Dataset:
    result = load_dataset(folder)
    assert result.dataset is not None, [str(p) for p in result.problems]
    return result.dataset


@pytest.fixture(scope="module")
def tiny() -> Dataset:
    return load(TINY)


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Dataset:
    """The tiny data after one edit of each kind: France's signed pledge approved, Luxembourg's airlift cut to
    'under consideration', the EU's corridors withdrawn, Norway's call turned into a demand, the EU's figure
    and a description corrected, one record removed and one added."""
    copy = tiny_copy(tmp_path_factory.mktemp("edited"))
    edit(copy, "    status: signed\n    description: Could send", "    status: approved\n    description: Could send")
    edit(
        copy,
        "    status: announced\n    description: Airlift by",
        "    status: considering\n    description: Airlift by",
    )
    edit(
        copy,
        "    status: announced\n    description: Funds military",
        "    status: withdrawn\n    description: Funds military",
    )
    edit(copy, "    status: advocates\n", "    status: demands\n")
    edit(copy, "        value: 1500000000\n", "        value: 2000000000\n")
    edit(
        copy,
        "Leads the ceasefire monitoring mechanism.",
        "Leads the ceasefire monitoring mechanism, with a cell in Paris.",
    )
    text = (copy / PARIS).read_text(encoding="utf-8")
    start = text.index("  - id: paris-coalition-1\n")
    end = text.index("  - id: paris-eu-1\n")
    added = """  - id: paris-usa-3
    participant: USA
    types: [logistics]
    status: announced
    description: Airlift for the force.
    sources: [elysee-summit]
    confidence: confirmed
"""
    (copy / PARIS).write_text(text[:start] + added + text[end:], encoding="utf-8")
    return load(copy)


def by_record(changes) -> dict:
    return {c.record: c for c in changes}


def test_the_same_data_has_no_change(tiny):
    changes = compare(tiny, tiny)
    assert {c.kind for c in changes} == {ChangeKind.UNCHANGED}
    assert len(changes) == sum(len(m.pledges) for m in tiny.meetings)


def test_each_kind_of_change_follows_the_rule(tiny, edited):
    changes = by_record(compare(tiny, edited))
    assert changes["paris-fra-1"].kind == ChangeKind.UPGRADED  # signed → approved
    assert changes["paris-lux-2"].kind == ChangeKind.DOWNGRADED  # announced → under consideration
    assert changes["paris-eu-1"].kind == ChangeKind.WITHDRAWN  # and its figure changed: withdrawn comes first
    assert changes["paris-nor-1"].kind == ChangeKind.REVISED  # advocates → demands: no rung of the ladder
    assert changes["paris-usa-1"].kind == ChangeKind.REVISED  # a correction of its words
    assert changes["paris-coalition-1"].kind == ChangeKind.REMOVED
    assert changes["paris-usa-3"].kind == ChangeKind.ADDED
    assert changes["paris-lux-1"].kind == ChangeKind.UNCHANGED
    assert counts(changes.values())[ChangeKind.UNCHANGED] == 5  # lux-1, usa-2, nor-0, lux-3 and the video call's
    assert len(changes) == sum(len(m.pledges) for m in tiny.meetings) + 1


def test_a_change_says_what_changed_in_words(tiny, edited):
    changes = by_record(compare(tiny, edited))
    assert changes["paris-fra-1"].detail == "Signed or adopted → Approved by parliament"
    assert (changes["paris-fra-1"].before, changes["paris-fra-1"].after) == (
        "Signed or adopted",
        "Approved by parliament",
    )
    assert changes["paris-eu-1"].detail == "Announced → Withdrawn; figures: €1.5 bn → €2 bn"
    assert changes["paris-usa-1"].fields == ("description",)
    assert changes["paris-usa-1"].detail == "Description edited"
    assert changes["paris-usa-1"].when == ""  # a correction has no date of its own
    assert changes["paris-coalition-1"].after == ""
    assert changes["paris-usa-3"].before == ""
    assert changes["paris-usa-3"].sources == ("elysee-summit",)


def test_a_participant_is_coloured_by_its_first_kind_in_the_legend_order(tiny, edited):
    kinds = participant_kinds(compare(tiny, edited))
    assert kinds["EU"] == ChangeKind.WITHDRAWN
    assert kinds["LUX"] == ChangeKind.DOWNGRADED  # its refusal and its later offer are unchanged
    assert kinds["USA"] == ChangeKind.ADDED  # added before revised
    assert kinds["NOR"] == ChangeKind.REVISED
    assert kinds["COALITION"] == ChangeKind.REMOVED


def test_between_two_days_the_steps_between_them_are_the_changes(tmp_path):
    copy = tiny_copy(tmp_path)
    edit(
        copy,
        "    date: 2026-01-06\n    sources: [elysee-summit]\n",
        """    date: 2026-01-06
    history:
      - date: "2026-02-10"
        status: delivered
        sources: [lequotidien-lux]
        confidence: single_source
    sources: [elysee-summit]
""",
    )
    data = load(copy)
    changes = by_record(compare(dataset_as_of(data, dt.date(2026, 1, 10)), dataset_as_of(data, dt.date(2026, 2, 20))))
    assert changes["paris-fra-1"].kind == ChangeKind.UPGRADED
    assert changes["paris-fra-1"].when == "10 February 2026"
    assert changes["paris-fra-1"].sources == ("lequotidien-lux",)  # the step's sources, not the record's
    assert changes["paris-fra-1"].detail == "Signed or adopted → Delivered"
    assert changes["paris-lux-3"].kind == ChangeKind.ADDED  # made on 13 January
    assert changes["paris-lux-3"].when == "13 January 2026"
    assert {c.kind for r, c in changes.items() if r not in ("paris-fra-1", "paris-lux-3")} == {ChangeKind.UNCHANGED}


def test_the_day_before_a_meeting_to_the_meeting_adds_its_records(tiny):
    changes = compare(dataset_as_of(tiny, dt.date(2026, 1, 5)), dataset_as_of(tiny, dt.date(2026, 1, 6)))
    added = {c.record for c in changes if c.kind == ChangeKind.ADDED}
    # Norway's earlier record comes with its meeting (a meeting not yet held is left out whole, HISTORY_RULE);
    # Luxembourg's later offer is not made yet.
    paris = {p.id for p in tiny.meetings[-1].pledges if p.id != "paris-lux-3"}
    assert added == paris


def test_a_moment_is_a_day_or_a_meeting(tiny):
    assert day_of(tiny, "2026-01-05") == (dt.date(2026, 1, 5), "5 January 2026")
    assert day_of(tiny, "paris-2026-01-06")[0] == dt.date(2026, 1, 6)
    with pytest.raises(MomentError, match="neither a day"):
        day_of(tiny, "yalta-1945")
    with pytest.raises(MomentError, match="not a day"):
        day_of(tiny, "2026-02-30")
    assert previous_meeting_day(tiny) == dt.date(2025, 12, 1)  # the video call before Paris


def test_the_change_table_names_meetings_and_gives_the_sources_addresses(tiny, edited):
    changes = [c for c in compare(tiny, edited) if c.kind in CHANGED_KINDS]
    table = change_table(changes_frame(changes, edited, tiny), edited)
    row = table.set_index("Id").loc["paris-fra-1"]
    assert row["Change"] == "Upgraded"
    assert row["Meeting"] == edited.meetings[-1].meeting.short_name
    assert row["Source"] == row["All sources"] == edited.sources["elysee-summit"].url
    assert summary_text(changes, "A", "B") == (
        "From A to B: 7 records changed (1 withdrawn, 1 downgraded, 1 upgraded, 1 added, 2 revised or corrected, "
        "1 removed from the data); 0 unchanged."
    )


# --- versions in git -----------------------------------------------------------------------------------


@pytest.fixture
def versioned(tmp_path) -> Path:
    return versioned_copy(tmp_path)


def test_the_versions_that_touched_the_folder_are_listed_newest_first(versioned):
    versions = list_versions(versioned)
    assert [v.subject for v in versions] == [EDIT_SUBJECT, "The tiny data"]
    assert versions[0].label.endswith(f"— {EDIT_SUBJECT} ({versions[0].short})")


def test_one_committed_edit_is_exactly_the_change_from_the_previous_version(versioned):
    changes = [c for c in compare(dataset_at(versioned, "HEAD~1"), load(versioned)) if c.kind in CHANGED_KINDS]
    assert [(c.record, c.kind, c.detail) for c in changes] == [
        ("paris-lux-1", ChangeKind.UPGRADED, "Ruled out → Refuses unless conditions are met")
    ]


def test_a_folder_outside_git_says_so_in_words(tmp_path):
    found = list_versions(tiny_copy(tmp_path))
    assert isinstance(found, NoVersions)
    assert "not in a git repository" in found.reason


def test_a_revision_git_does_not_know_is_refused_with_its_name(versioned):
    with pytest.raises(VersionError, match="'no-such-version' is not a version"):
        dataset_at(versioned, "no-such-version")


def test_an_invalid_version_is_refused_with_its_first_problem(versioned):
    edit(versioned, "    status: conditional_refusal\n", "    status: maybe\n")
    git(versioned, "commit", "-q", "-am", "A typo")
    with pytest.raises(VersionError, match=r"problem.*the first: .{7}:meetings/2026-01-06-paris.yaml:\d+"):
        dataset_at(versioned, "HEAD")


# --- python -m summit diff -------------------------------------------------------------------------------


def test_diff_lists_the_same_change_in_text_csv_and_json(versioned, tmp_path, capsys):
    assert main(["diff", "HEAD~1", "--data", str(versioned)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "From version HEAD~1 to the data as it is (28 February 2026): 1 record changed (1 upgraded)"
    )
    assert lines[1:] == [
        "Upgraded               Luxembourg: Ruled out → Refuses unless conditions are met [paris-lux-1]"
    ]

    out = tmp_path / "changes.csv"
    assert main(["diff", "HEAD~1", "HEAD", "--data", str(versioned), "--format", "csv", "--out", str(out)]) == EXIT_OK
    assert capsys.readouterr().out.startswith(f"wrote {out} (")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["Id"], r["Change"], r["Before"], r["After"]) for r in rows] == [
        ("paris-lux-1", "Upgraded", "Ruled out", "Refuses unless conditions are met")
    ]

    assert main(["diff", "HEAD~1", "--data", str(versioned), "--format", "json"]) == EXIT_OK
    document = json.loads(capsys.readouterr().out)
    assert [(c["record"], c["kind"], c["participants"]) for c in document["changes"]] == [
        ("paris-lux-1", "upgraded", ["LUX"])
    ]


def test_diff_compares_two_folders_and_two_days(versioned, tmp_path, capsys):
    assert main(["diff", str(TINY), str(versioned), "--data", str(versioned), "--format", "json"]) == EXIT_OK
    assert [c["record"] for c in json.loads(capsys.readouterr().out)["changes"]] == ["paris-lux-1"]
    assert main(["diff", "2026-01-05", "paris-2026-01-06", "--data", str(TINY), "--format", "json"]) == EXIT_OK
    document = json.loads(capsys.readouterr().out)
    assert {c["kind"] for c in document["changes"]} == {"added"}
    assert "paris-lux-3" not in {c["record"] for c in document["changes"]}  # made a week after the meeting


def test_diff_with_all_lists_the_unchanged_records_too(capsys):
    assert main(["diff", "current", "--data", str(TINY), "--all", "--format", "json"]) == EXIT_OK
    document = json.loads(capsys.readouterr().out)
    assert {c["kind"] for c in document["changes"]} == {"unchanged"}
    assert len(document["changes"]) == 11


def test_diff_refuses_a_moment_it_cannot_read(capsys):
    assert main(["diff", "yesterday", "--data", str(TINY)]) == EXIT_UNREADABLE
    assert "'yesterday' is not 'current', a day (YYYY-MM-DD), a meeting id" in capsys.readouterr().err


def test_resolve_moment_reads_a_folder_with_problems_as_an_error(tmp_path, tiny):
    copy = tiny_copy(tmp_path)
    edit(copy, "    status: ruled_out\n", "    status: maybe\n")
    with pytest.raises(MomentError, match="problem"):
        resolve_moment(str(copy), TINY, tiny)


# --- follow-through ----------------------------------------------------------------------------------------


def test_follow_through_counts_a_meetings_pledges_by_their_status_now_and_since_when(tmp_path):
    copy = tiny_copy(tmp_path)
    # France's signed pledge: approved on 20 January, then a step on 3 February that keeps it approved.
    edit(
        copy,
        "    date: 2026-01-06\n    sources: [elysee-summit]\n",
        """    date: 2026-01-06
    history:
      - date: "2026-01-20"
        status: approved
        sources: [elysee-summit]
        confidence: confirmed
      - date: "2026-02-03"
        status: approved
        sources: [lequotidien-lux]
        confidence: single_source
    sources: [elysee-summit]
""",
    )
    data = load(copy)
    rows = follow_through(data, "paris-2026-01-06")
    # Pledges made at Paris: France, Luxembourg's airlift, the US lead, the coalition's, the EU's. Not Luxembourg's
    # refusal, Norway's call or the US press report (not pledges); not Norway's earlier or Luxembourg's later record.
    assert set(rows["Id"]) == {"paris-fra-1", "paris-lux-2", "paris-usa-1", "paris-coalition-1", "paris-eu-1"}
    france = rows.set_index("Id").loc["paris-fra-1"]
    assert (france["As made"], france["Now"], france["Since"]) == ("Signed or adopted", "Approved by parliament",
                                                                    "20 January 2026")  # fmt: skip
    assert rows.iloc[0]["Id"] == "paris-fra-1"  # the pledges that moved come first
    counts = follow_through_counts(rows).set_index("Status now")
    assert counts["Pledges"].to_dict() == {
        "Under consideration": 0, "Announced": 3, "Signed or adopted": 1, "Approved by parliament": 1,
        "Ongoing": 0, "Delivered": 0, "Withdrawn": 0,
    }  # fmt: skip
    assert counts.loc["Approved by parliament", "Dates of the steps"] == "20 Jan 2026"
    assert counts.loc["Announced", "Dates of the steps"] == ""  # as made
