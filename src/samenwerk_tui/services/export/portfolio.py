"""Many partnerships: the ``list`` table, JSON and CSV, and the portfolio report."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from samenwerk_tui import i18n
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.services.export.common import (
    BROKEN_MARK,
    cell,
    fit,
    iso,
    iso_seconds,
    md,
    problem_location,
    problem_reason,
    safe,
    short_stage,
    to_json,
    to_json_lines,
    type_badge,
    when,
    width,
)
from samenwerk_tui.services.export.partnership import partnership_document, render_markdown
from samenwerk_tui.services.export.sections import portfolio_markdown
from samenwerk_tui.services.portfolio import portfolio
from samenwerk_tui.store.atomic import write_atomic
from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR, Problem, Record

# --------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class Row:
    """One line of ``list``: a partnership, or a file that could not be read."""

    record: Record | None = None
    problem: Problem | None = None


def rows(records: Iterable[Record], problems: Iterable[Problem] = ()) -> list[Row]:
    return [Row(record=r) for r in records] + [Row(problem=p) for p in problems]


def render_table(items: Sequence[Row], columns: int = 80) -> str:
    """A table readable at 80 columns: type letter, id prefix, name, stage, tags."""
    labels = [short_stage(st) for st in Stage]
    labels += [i18n.t("export.col_stage"), i18n.t("export.broken")]
    stage_w = max(width(label) for label in labels)
    fixed = 1 + 1 + 6 + 2 + 2 + stage_w + 2
    name_w = max(16, (columns - fixed) * 3 // 5)
    tags_w = max(8, columns - fixed - name_w)
    head = (
        f"T {'ID':<6}  {fit(i18n.t('export.col_name'), name_w)}  "
        f"{fit(i18n.t('export.col_stage'), stage_w)}  {i18n.t('export.col_tags')}"
    )
    out = [head.rstrip()]
    for row in items:
        if row.record is not None:
            p = row.record.facets  # all a table row shows; the full model is not built
            name = fit(safe(p.name), name_w)
            stage = fit(short_stage(p.stage), stage_w)
            tags = fit(safe(" ".join(p.tags)), tags_w)
            line = f"{type_badge(p)} {p.id[:6]}  {name}  {stage}  {tags}"
        elif row.problem is not None:
            name = fit(safe(row.problem.name), name_w)
            stage = fit(i18n.t("export.broken"), stage_w)
            line = f"{BROKEN_MARK} {'':<6}  {name}  {stage}"
        out.append(line.rstrip())
    return "\n".join(out) + "\n"


LIST_COLUMNS = (
    "id", "name", "file", "type", "stage", "tags", "parties", "updated",
    "deliver", "goals", "movement", "platform", "broken", "problem",
)  # fmt: skip


def list_record(row: Row) -> dict[str, Any]:
    """One ``list`` row as a flat dict (JSON and CSV share it).

    A partnership's row comes from its facets (what the index cache keeps): listing
    10,000 partnerships builds no model. A file that could not be read is a row too,
    with every column empty except ``file`` (``partnerships/<file>:<line>:<column>``),
    ``broken`` (true) and ``problem`` (the reason, one sentence).
    """
    if row.record is not None:
        f = row.record.facets
        return {
            "id": f.id,
            "name": f.name,
            "file": f"{PARTNERSHIPS_DIR}/{row.record.name}",
            "type": f.primary.value if f.primary else None,
            "stage": f.stage.value,
            "tags": list(f.tags),
            "parties": list(f.parties),
            "updated": iso_seconds(f.updated),
            **dict(zip(_TYPE_IDS, f.scores, strict=True)),
            "broken": False,
            "problem": None,
        }
    assert row.problem is not None
    return broken_record(row.problem, LIST_COLUMNS)


_TYPE_IDS = tuple(t.value for t in AgreementType)


def broken_record(problem: Problem, columns: Sequence[str]) -> dict[str, Any]:
    """The row of a file that could not be read: ``file``, ``broken`` and ``problem``."""
    return {
        **dict.fromkeys(columns),
        "file": problem_location(problem),
        "broken": True,
        "problem": problem_reason(problem),
    }


def render_list_json(items: Sequence[Row]) -> str:
    """A JSON array with one row object per line: greppable, and fast at 10,000 rows."""
    return to_json_lines([list_record(r) for r in items])


def render_csv(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV with a header; lists are joined with ``; ``, None is empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    value = _csv_value
    writer.writerows([value(item.get(col)) for col in columns] for item in records)
    return buffer.getvalue()


def _csv_value(value: Any) -> str:
    kind = type(value)
    if kind is int:  # most cells: scores and counts
        return str(value)
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is list:
        return cell("; ".join(map(str, value)))
    return cell(value)


def render_list_csv(items: Sequence[Row]) -> str:
    """``list --format csv``: what :func:`render_csv` makes of :func:`list_record`, each
    partnership's cells made straight from its facets (no dict per row: 10,000 rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LIST_COLUMNS)
    writer.writerows(_list_csv_row(row) for row in items)
    return buffer.getvalue()


def _list_csv_row(row: Row) -> list[str]:
    """The cells of one row, in :data:`LIST_COLUMNS`' order, as :func:`_csv_value` makes them."""
    if row.record is None:
        item = list_record(row)
        return [_csv_value(item[column]) for column in LIST_COLUMNS]
    f = row.record.facets
    return [
        cell(f.id),
        cell(f.name),
        cell(f"{PARTNERSHIPS_DIR}/{row.record.name}"),
        f.primary.value if f.primary else "",  # (the type and stage names, and the time,
        f.stage.value,  # are plain ASCII that starts with a letter or a digit: no cell())
        cell("; ".join(f.tags)),
        cell("; ".join(f.parties)),
        iso_seconds(f.updated),
        *map(str, f.scores),
        "false",
        "",
    ]


# --------------------------------------------------------------------------- portfolio


EXPORT_COLUMNS = (
    *LIST_COLUMNS[:12], "summary", "rationale", "classified_by", "notes", "conflicts",
    "broken", "problem",
)  # fmt: skip


def export_record(record: Record) -> dict[str, Any]:
    """One partnership of ``export --format csv``: the list's columns and a few more.

    Read from the packed file when there is one (no model is built), else the model.
    """
    base = list_record(Row(record=record))
    packed = record.packed
    if packed is not None:
        # (id, name, stage, tags, created, updated, summary, parties, classification,
        #  perspectives, assessments, notes, conflicts); see store.lean.pack.
        classification = packed[8]
        more = {
            "summary": packed[6],
            "rationale": classification[1],
            "classified_by": classification[3],
            "notes": len(packed[11]),
            "conflicts": len(packed[12]),
        }
    else:
        p = record.partnership
        more = {
            "summary": p.summary,
            "rationale": p.classification.rationale,
            "classified_by": p.classification.by,
            "notes": len(p.notes),
            "conflicts": len(p.conflicts),
        }
    return {**base, **more}


def export_csv(records: Sequence[Record], problems: Sequence[Problem] = ()) -> str:
    """The portfolio as CSV; each file that could not be read is a ``broken`` row last.

    What :func:`render_csv` makes of :func:`export_record`, the cells made straight
    from each record (no dict per row: 10,000 rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(_export_csv_row(record) for record in records)
    broken = (broken_record(p, EXPORT_COLUMNS) for p in problems)
    writer.writerows([_csv_value(item[column]) for column in EXPORT_COLUMNS] for item in broken)
    return buffer.getvalue()


def _export_csv_row(record: Record) -> list[str]:
    """The cells of one partnership, in :data:`EXPORT_COLUMNS`' order."""
    cells = _list_csv_row(Row(record=record))[:12]
    packed = record.packed
    if packed is not None:  # see export_record
        classification = packed[8]
        more = (packed[6], classification[1], classification[3], packed[11], packed[12])
    else:
        p = record.partnership
        c = p.classification
        more = (p.summary, c.rationale, c.by, p.notes, p.conflicts)
    summary, rationale, by, notes, conflicts = more
    cells += [_csv_value(summary), _csv_value(rationale), _csv_value(by)]
    return [*cells, str(len(notes)), str(len(conflicts)), "false", ""]


def export_json(
    title: str, records: Sequence[Record], problems: Sequence[Problem], generated: datetime
) -> str:
    """The whole portfolio for scripts: every partnership as in ``show --format json``."""
    return to_json(
        {
            "workspace": title,
            "generated": iso(generated),
            "count": len(records),
            "partnerships": [partnership_document(r) for r in records],
            "broken": [
                {"file": problem_location(p), "problem": problem_reason(p)} for p in problems
            ],
        }
    )


def export_markdown(
    title: str, records: Sequence[Record], problems: Sequence[Problem], generated: datetime
) -> str:
    """The portfolio report: the portfolio sections (types, stage × type, profile, lists),
    an overview table, then each partnership."""
    out = [
        f"# {md(title)}",
        "",
        i18n.t("export.generated", when=when(generated), count=len(records)),
    ]
    if problems:
        out += ["", f"*{md(i18n.t('export.broken_files', count=len(problems)))}*"]
        out += ["", f"## {i18n.t('export_unreadable.heading')}", ""]
        out += [f"- {md(problem_location(p))}: {md(problem_reason(p))}" for p in problems]
    if records:
        pf = portfolio((r.facets for r in records), now=generated, unreadable=len(problems))
        out += ["", *portfolio_markdown(pf, level=2)]
        out += ["", f"## {i18n.t('export.overview')}", ""]
        labels = " | ".join(i18n.type_label(t.value) for t in AgreementType)
        out += [
            f"| {i18n.t('export.name')} | {i18n.t('export.type')} | "
            f"{i18n.t('export.stage')} | {labels} | {i18n.t('export.parties')} |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in records:
            p = r.partnership
            scores = " | ".join(str(p.classification.score(t).score) for t in AgreementType)
            parties = md(", ".join(x.name for x in p.parties))
            out.append(
                f"| {md(p.name)} | {type_badge(p)} | {i18n.stage_name(p.stage.value)} | "
                f"{scores} | {parties} |"
            )
        for r in records:
            out += ["", render_markdown(r, level=2).rstrip("\n")]
    return "\n".join(out) + "\n"


def write_export(path: Path, text: str) -> None:
    """Write a report file atomically (a crash never leaves half a report)."""
    write_atomic(path, text.encode("utf-8"))
