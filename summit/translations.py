"""A dataset's labels in the reader's language: the translations its files give (summit.schema, `translations:`)
put in place of the words as written, so that every page, slide and export built from it shows them.

Only labels are translated (commitment types, categories, conditions, groups, organisations' names, meetings,
the dataset's title
and the name of its meetings); descriptions, names of people and places, notes and sources stay as written.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from summit.dataset import Dataset
from summit.i18n import DEFAULT_LANGUAGE
from summit.schema import Record

R = TypeVar("R", bound=Record)


def _translated(record: R, lang: str) -> R:
    """The record with the fields its translation into `lang` gives replaced; itself without one."""
    translation = getattr(record, "translations", {}).get(lang)
    if translation is None:
        return record
    return record.model_copy(update=translation.model_dump(exclude_none=True))


def localised(dataset: Dataset, lang: str) -> Dataset:
    """The dataset with its labels in `lang` where the data gives them (the same dataset in English). Its
    fingerprint names the language, so that caches keyed by it keep one version per language."""
    if lang == DEFAULT_LANGUAGE:
        return dataset
    return replace(
        dataset,
        info=_translated(dataset.info, lang),
        categories={k: _translated(v, lang) for k, v in dataset.categories.items()},
        commitment_types={k: _translated(v, lang) for k, v in dataset.commitment_types.items()},
        conditions={k: _translated(v, lang) for k, v in dataset.conditions.items()},
        groups={k: _translated(v, lang) for k, v in dataset.groups.items()},
        organisations={k: _translated(v, lang) for k, v in dataset.organisations.items()},
        meetings=tuple(m.model_copy(update={"meeting": _translated(m.meeting, lang)}) for m in dataset.meetings),
        fingerprint=f"{dataset.fingerprint}#{lang}",
    )
