"""Synthetic datasets for the benchmark: the real dataset scaled ×N, marked synthetic, valid by construction.

`generate(source_root, factor, out_dir)` writes a dataset folder with factor × the real number of
meetings, delegations and pledges. The shapes come from the real data:

- meetings: `factor` copies of each real meeting (same size, format, documents), copy k moved k
  steps back in time (at most ~20 years in all), so every date stays on or before `as_of`;
- delegations: the participants of each copy are drawn from a pool that grows with the factor
  (the real participants, then other ISO 3166 states from pycountry); heads, level, attendance
  and confidence are taken from a real delegation of the same kind at a meeting of the same format;
- pledges: each real pledge slot keeps its (re-drawn) participant, and takes its types, status,
  conditions, domains, quantities and confidence from a real pledge picked at random;
- sources: one synthetic source per real source and copy, at https://synthetic.example/...

Text is the real text with its words shuffled (same length and vocabulary, meaningless), and
every file says SYNTHETIC in a comment; dataset.yaml has `synthetic: true` and a SYNTHETIC title.
Taxonomy, organisations and groups are copied unchanged (with the sources the groups cite).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry
import yaml

from summit.dataset import MEETINGS_DIR, Dataset, load_dataset
from summit.schema import Delegation, MeetingFile, Pledge, Source
from summit.vocabulary import LEVEL_LABELS, Level, ParticipantKind

SYNTHETIC_HOST = "https://synthetic.example"
COPIED_FILES = ("taxonomy.yaml", "organisations.yaml", "groups.yaml")
# Copies are spread over at most this many days before the real dates (about 20 years).
MAX_SPAN_DAYS = 20 * 365
MAX_STEP_DAYS = 365
# The loader caps a file at 250,000 values (about 13 per source entry): beyond this many sources,
# copies share pools of synthetic sources so that sources.yaml stays readable (×100 needs 23,500).
MAX_SOURCES = 12_000
HEADER = "# SYNTHETIC benchmark data written by bench/synthetic.py from {source} (×{factor}). Not real records.\n"

try:
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Dumper = yaml.SafeDumper


class _Generator:
    """Holds the real dataset, the random source and the synthetic sources of each copy."""

    def __init__(self, real: Dataset, factor: int, seed: int) -> None:
        self.real = real
        self.factor = factor
        self.rng = random.Random(seed)
        self.step = max(1, min(MAX_STEP_DAYS, MAX_SPAN_DAYS // max(1, factor - 1)))
        self.organisations = set(real.organisations)
        self.collectives = {o.id for o in real.organisations.values() if o.kind == ParticipantKind.COLLECTIVE}
        self.pool = self._state_pool()
        self.real_source_ids = list(real.sources)
        self.source_pools = max(1, min(factor, MAX_SOURCES // max(1, len(real.sources))))
        delegations = [(m, d) for m in real.meetings for d in m.delegations]
        # Donors of delegation shapes, by (meeting format, is an organisation).
        self.delegation_donors: dict[tuple[str, bool], list[Delegation]] = defaultdict(list)
        for meeting_file, delegation in delegations:
            key = (str(meeting_file.meeting.format), delegation.participant in self.organisations)
            self.delegation_donors[key].append(delegation)
        self.all_delegations = [d for _, d in delegations]
        self.pledge_donors: list[Pledge] = [p for m in real.meetings for p in m.pledges]

    # --- participants --------------------------------------------------------------------------

    def _state_pool(self) -> list[str]:
        """The real states first, then other ISO states, up to factor × the real number of states."""
        real_states = sorted(
            {d.participant for m in self.real.meetings for d in m.delegations}
            | {p.participant for m in self.real.meetings for p in m.pledges}
        )
        real_states = [c for c in real_states if c not in self.organisations]
        others = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in real_states)
        self.rng.shuffle(others)
        wanted = max(len(real_states), len(real_states) * self.factor)
        return real_states + others[: max(0, wanted - len(real_states))]

    def _participant_map(self, meeting_file: MeetingFile) -> dict[str, str]:
        """Real state → synthetic state for one meeting copy; organisations stay themselves."""
        codes = {d.participant for d in meeting_file.delegations} | {p.participant for p in meeting_file.pledges}
        codes |= set(meeting_file.meeting.hosts) | set(meeting_file.meeting.chairs)
        states = sorted(c for c in codes if c not in self.organisations)
        drawn = self.rng.sample(self.pool, len(states))
        return {**{c: c for c in codes if c in self.organisations}, **dict(zip(states, drawn, strict=True))}

    # --- text, dates, sources ------------------------------------------------------------------

    def text(self, value: str | None, limit: int) -> str | None:
        """The same words in a random order: realistic length and vocabulary, no meaning."""
        if not value:
            return value
        words = value.split()
        self.rng.shuffle(words)
        return " ".join(words)[:limit].strip() or "synthetic"

    def shift(self, value: dt.date, copy: int) -> dt.date:
        """The date of copy k: k steps earlier."""
        return value - dt.timedelta(days=copy * self.step)

    def shift_partial(self, value: str | None, copy: int) -> str | None:
        """Shift a YYYY, YYYY-MM or YYYY-MM-DD date, keeping its precision."""
        if not value:
            return value
        parts = [int(p) for p in value.split("-")]
        shifted = self.shift(dt.date(*[*parts, 1, 1][:3]), copy).isoformat()
        return shifted[: len(value)]

    @staticmethod
    def source_id(pool: int, index: int) -> str:
        """Id of the synthetic source made from real source `index` in pool `pool`."""
        return f"syn-{pool:03d}-{index:04d}"

    def cite(self, copy: int, count: int) -> list[str]:
        """`count` distinct sources from the pool of this copy."""
        indexes = self.rng.sample(range(len(self.real_source_ids)), min(count, len(self.real_source_ids)))
        return [self.source_id(copy % self.source_pools, i) for i in indexes]

    def sourced(self, record: Any, copy: int) -> dict[str, Any]:
        """The sources, confidence and disputed claims of a record, with this copy's sources."""
        fields: dict[str, Any] = {"sources": self.cite(copy, len(record.sources)), "confidence": str(record.confidence)}
        if record.disputed_claims:
            fields["disputed_claims"] = [
                {"claim": self.text(c.claim, 4000), "sources": self.cite(copy, len(c.sources))}
                for c in record.disputed_claims
            ]
        return fields

    def synthetic_source(self, source: Source, pool: int, index: int) -> dict[str, Any]:
        """A compact source entry (short title), so that sources.yaml stays under the loader's file caps."""
        entry: dict[str, Any] = {
            "id": self.source_id(pool, index),
            "url": f"{SYNTHETIC_HOST}/{pool}/{index}",
            "publisher": source.publisher,
            "title": self.text(source.title, 48),
        }
        if source.published:
            entry["published"] = self.shift_partial(source.published, pool)
        if source.approximate_date:
            entry["approximate_date"] = True
        if source.official:
            entry["official"] = True
        return entry

    # --- records -------------------------------------------------------------------------------

    def meeting_file(self, template: MeetingFile, copy: int, taken: set[str]) -> tuple[str, dict[str, Any]]:
        """One synthetic meeting file (file name, data) modelled on a real one; `taken` holds the ids used."""
        real = template.meeting
        codes = self._participant_map(template)
        date = self.shift(real.date, copy)
        place = (real.city or str(real.format)).casefold()
        place = "".join(ch if ch.isalnum() else "-" for ch in place).strip("-") or "meeting"
        meeting_id = f"s{copy:03d}-{place}-{date.isoformat()}"
        if meeting_id in taken:  # two real meetings in one place on one day
            meeting_id += f"-{len(taken)}"
        taken.add(meeting_id)
        meeting: dict[str, Any] = {
            "id": meeting_id,
            "name": f"SYNTHETIC {real.name}"[:300],
            "short_name": f"S{copy} {real.short_name}"[:40],
            "date": date.isoformat(),
        }
        if real.end_date:
            meeting["end_date"] = self.shift(real.end_date, copy).isoformat()
        if real.city:
            meeting["city"] = real.city
        if real.country:
            meeting["country"] = real.country
        meeting |= {"format": str(real.format), "level": real.level}
        if real.hosts:
            meeting["hosts"] = [codes.get(c, c) for c in real.hosts]
        if real.chairs:
            meeting["chairs"] = [codes.get(c, c) for c in real.chairs]
        meeting["summary"] = self.text(real.summary, 4000)
        if real.outcome:
            meeting["outcome"] = self.text(real.outcome, 4000)
        if real.reported_counts:
            meeting["reported_counts"] = real.reported_counts.model_dump(mode="json", exclude_none=True)
        if real.open_questions:
            meeting["open_questions"] = [self.text(q, 4000) for q in real.open_questions]
        if real.documents:
            meeting["documents"] = [
                {
                    "id": document.id,
                    "title": self.text(document.title, 300),
                    "date": self.shift_partial(document.date, copy),
                    "signatories": [codes.get(c, c) for c in document.signatories],
                    "url": f"{SYNTHETIC_HOST}/{copy}/{meeting_id}/{document.id}",
                    **({"summary": self.text(document.summary, 4000)} if document.summary else {}),
                    **self.sourced(document, copy),
                }
                for document in real.documents
            ]
        meeting |= self.sourced(real, copy)
        delegations = [self.delegation(codes[d.participant], d, str(real.format), copy) for d in template.delegations]
        pledges = [
            self.pledge(f"{meeting_id}-p{i + 1}", codes[p.participant], date, copy)
            for i, p in enumerate(template.pledges)
        ]
        data: dict[str, Any] = {"meeting": meeting}
        if delegations:
            data["delegations"] = delegations
        if pledges:
            data["pledges"] = pledges
        return f"{meeting_id}.yaml", data

    def delegation(self, participant: str, slot: Delegation, meeting_format: str, copy: int) -> dict[str, Any]:
        """A delegation of `participant` shaped like a real one of the same kind and meeting format."""
        is_organisation = participant in self.organisations
        donors = self.delegation_donors.get((meeting_format, is_organisation)) or self.all_delegations
        donor = self.rng.choice(donors)
        heads = []
        for j, head in enumerate(donor.heads):
            level = Level.ORGANISATION_LEADER if is_organisation else head.level
            if not is_organisation and level == Level.ORGANISATION_LEADER:
                level = Level.OFFICIAL
            person: dict[str, Any] = {}
            if head.name:
                person["name"] = f"Synthetic delegate {participant} {j + 1}"
            person["title"] = f"{LEVEL_LABELS[level]} (synthetic)"
            person["level"] = str(level)
            heads.append(person)
        record: dict[str, Any] = {"participant": participant, "heads": heads, "attendance": str(donor.attendance)}
        if slot.role != "member":
            record["role"] = str(slot.role)
        if donor.note:
            record["note"] = self.text(donor.note, 4000)
        return record | self.sourced(donor, copy)

    def pledge(self, pledge_id: str, participant: str, date: dt.date, copy: int) -> dict[str, Any]:
        """A pledge by `participant` whose kind, status and conditions come from a random real pledge."""
        donor = self.rng.choice(self.pledge_donors)
        record: dict[str, Any] = {
            "id": pledge_id,
            "participant": participant,
            "types": list(donor.types),
            "status": str(donor.status),
            "description": self.text(donor.description, 4000),
        }
        if donor.conditions:
            record["conditions"] = list(donor.conditions)
        if donor.condition_note:
            record["condition_note"] = self.text(donor.condition_note, 4000)
        if donor.domains:
            record["domains"] = [str(d) for d in donor.domains]
        if donor.lead_for:
            record["lead_for"] = list(donor.lead_for)
        if donor.quantities:
            record["quantities"] = [q.model_dump(mode="json", exclude_defaults=True) for q in donor.quantities]
        if donor.date:
            record["date"] = date.isoformat()
        if donor.note:
            record["note"] = self.text(donor.note, 4000)
        return record | self.sourced(donor, copy)


def generate(source_root: Path, factor: int, out_dir: Path, *, seed: int = 0) -> Path:
    """Write a synthetic dataset with `factor` × the meetings, delegations and pledges of source_root."""
    if factor < 1:
        raise ValueError(f"factor must be at least 1, not {factor}")
    result = load_dataset(source_root)
    if result.dataset is None:
        raise ValueError(f"{source_root} is not a valid dataset: {result.problems[0]}")
    real = result.dataset
    generator = _Generator(real, factor, seed)
    header = HEADER.format(source=source_root.name, factor=factor)

    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / MEETINGS_DIR).mkdir(parents=True)
    for name in COPIED_FILES:
        (out_dir / name).write_text(header + (source_root / name).read_text(encoding="utf-8"), encoding="utf-8")

    info = real.info.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    info["title"] = f"SYNTHETIC ×{factor} benchmark data — {info['title']}"[:300]
    info["description"] = f"SYNTHETIC data generated for benchmarks; not real records. {info['description']}"[:4000]
    info["synthetic"] = True

    # The groups keep citing their real sources; everything else cites synthetic ones.
    group_sources = sorted({s for g in real.groups.values() for s in g.sources})
    sources = [real.sources[s].model_dump(mode="json", exclude_defaults=True) for s in group_sources]
    for pool in range(generator.source_pools):
        sources += [
            generator.synthetic_source(real.sources[source_id], pool, index)
            for index, source_id in enumerate(generator.real_source_ids)
        ]
    _write(out_dir / "sources.yaml", header, {"sources": sources})

    taken: set[str] = set()
    for copy in range(factor):
        for template in real.meetings:
            name, data = generator.meeting_file(template, copy, taken)
            _write(out_dir / MEETINGS_DIR / name, header, data)
            # The newest copy of the featured meeting is featured.
            if copy == 0 and info.get("featured_meeting") == template.meeting.id:
                info["featured_meeting"] = data["meeting"]["id"]
    _write(out_dir / "dataset.yaml", header, info)
    return out_dir


def _write(path: Path, header: str, data: dict[str, Any]) -> None:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
    path.write_text(header + text, encoding="utf-8")
