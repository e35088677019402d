"""The export formats table: each row's writer writes its kind of file, with a suffix and MIME type to match."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from summit.briefing.slides import build_briefing
from summit.exports import build_view
from summit.filters import Filters
from summit.formats import EXPORT_FORMATS, Subject, export_format, formats_for

# What each format's file starts with (CSV: a byte-order mark so Excel reads accents; the others are zips or PDF).
EXPECTED = {
    "csv": (Subject.TABLE, ".csv", "text/csv", b"\xef\xbb\xbf"),
    "xlsx": (Subject.TABLE, ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    "pptx": (
        Subject.BRIEFING,
        ".pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        b"PK",
    ),
    "pdf": (Subject.BRIEFING, ".pdf", "application/pdf", b"%PDF"),
    "zip": (Subject.DATASET, ".zip", "application/zip", b"PK"),
}


def test_the_table_has_every_format_in_order():
    assert [f.id for f in EXPORT_FORMATS] == ["csv", "xlsx", "pptx", "pdf", "zip"]
    assert [f.id for f in formats_for(Subject.TABLE)] == ["csv", "xlsx"]
    assert [f.id for f in formats_for(Subject.BRIEFING)] == ["pptx", "pdf"]
    assert [f.id for f in formats_for(Subject.DATASET)] == ["zip"]


def test_every_subject_has_a_format_and_ids_are_unique():
    assert {f.subject for f in EXPORT_FORMATS} == set(Subject)
    assert len({f.id for f in EXPORT_FORMATS}) == len(EXPORT_FORMATS)


def test_an_unknown_format_is_a_key_error():
    with pytest.raises(KeyError):
        export_format("docx")


@pytest.mark.parametrize("format_id", list(EXPECTED))
def test_each_writer_writes_its_kind_of_file(format_id, tiny, tiny_frames):
    entry = export_format(format_id)
    subject, suffix, mime, magic = EXPECTED[format_id]
    assert (entry.subject, entry.suffix, entry.mime) == (subject, suffix, mime)
    if subject == Subject.TABLE:
        payload = entry.write(build_view(tiny, tiny_frames, Filters(), "pledges"))
    elif subject == Subject.DATASET:
        payload = entry.write(tiny)
    else:
        slides = build_briefing(tiny, tiny_frames, Filters())
        buffer = io.BytesIO()
        Image.new("RGB", (16, 9), "steelblue").save(buffer, format="PNG")
        payload = entry.write(slides, {s.key: buffer.getvalue() for s in slides if s.chart is not None})
    assert payload.startswith(magic)
