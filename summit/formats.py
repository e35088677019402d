"""Export formats, one row each: what a format writes, its writer, MIME type, file suffix and label.

The pages (download buttons), the briefing's handouts and the command line (`--format`) all read this
table, so adding a format is one row here plus its writer. Writers are named, not imported: this module
stays light enough for the command line to list the formats without loading pandas, openpyxl,
python-pptx or reportlab, and a writer's module is imported when a file is written.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum

from summit.i18n import N_


class Subject(StrEnum):
    """What a format writes, and so what its writer takes."""

    TABLE = "table"  # a filtered table: writer(view: summit.exports.View)
    # the briefing: writer(slides, images by slide key or None to draw them now, document properties or None)
    BRIEFING = "briefing"
    DATASET = "dataset"  # the whole dataset, unfiltered: writer(dataset: summit.dataset.Dataset)


# The tables a table format can hold (the CLI's --table, the pages' downloads).
TABLES = ("pledges", "participants")


@dataclass(frozen=True)
class ExportFormat:
    """One file format: what it writes, how, and how the file and its download button are named."""

    id: str  # the CLI's --format value, and part of the download button's key
    subject: Subject
    # On download buttons ("Download CSV", "Download whole dataset (zip)"), read with _; in the CLI's help.
    label: str
    suffix: str  # file name suffix, with its dot
    mime: str
    writer: str  # "module:function" returning the file as bytes
    note: str = ""  # a sentence on what the file keeps, said where the download is offered (read with _)
    icon: str = ""  # Material Symbols name for the download button, if any

    def write(self, *args, **kwargs) -> bytes:
        """The file as bytes: the writer, imported now, called with what the subject takes."""
        module, _, name = self.writer.partition(":")
        return getattr(importlib.import_module(module), name)(*args, **kwargs)


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("csv", Subject.TABLE, N_("CSV"), ".csv", "text/csv", "summit.exports:to_csv"),
    ExportFormat(
        "xlsx",
        Subject.TABLE,
        N_("Excel"),
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "summit.exports:to_xlsx",
    ),
    ExportFormat(
        "pptx",
        Subject.BRIEFING,
        N_("PowerPoint (.pptx)"),
        ".pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "summit.briefing.pptx:to_pptx",
        note=N_("The PowerPoint file keeps text and tables editable; its charts are pictures."),
        icon="slideshow",
    ),
    ExportFormat(
        "pdf",
        Subject.BRIEFING,
        N_("PDF"),
        ".pdf",
        "application/pdf",
        "summit.briefing.pdf:to_pdf",
        icon="picture_as_pdf",
    ),
    ExportFormat("zip", Subject.DATASET, N_("zip"), ".zip", "application/zip", "summit.exports:dataset_zip"),
)


def formats_for(subject: Subject) -> tuple[ExportFormat, ...]:
    """The formats that write this subject, in the table's order."""
    return tuple(f for f in EXPORT_FORMATS if f.subject == subject)


def export_format(format_id: str) -> ExportFormat:
    """The format with this id; KeyError when there is none."""
    for entry in EXPORT_FORMATS:
        if entry.id == format_id:
            return entry
    raise KeyError(format_id)


def labels_sentence(formats: tuple[ExportFormat, ...]) -> str:
    """'CSV or Excel': the formats' labels for a sentence."""
    labels = [f.label for f in formats]
    return " or ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
