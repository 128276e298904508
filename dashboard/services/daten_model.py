"""View model of the page Daten: display tables of a preview and of the import log (no Streamlit).

Every table speaks the user's language: indicator, area and group names instead of ids, German
numbers, flags as words.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd

from dashboard.datacare import Preview
from dashboard.errors import Problem
from dashboard.present.format import fmt_date, fmt_number

Tr = Callable[..., str]
Labels = dict[str, dict[str, Any]]
KIND_KEYS = ("stats", "observations", "areas", "targets", "measures")
LEVEL_ORDER = ("stadtteil", "stadtbezirk", "stadt", "nicht_zuzuordnen")
SHA_SHOWN = 12  # leading hex digits shown in the table; the download holds all 64


def indicator_name(labels: Labels, indicator_id: str) -> str:
    """The indicator's name from the catalogue (its id only if unknown)."""
    row = labels["indicator"].get(indicator_id)
    return str(row["name"]) if row else indicator_id


def value_text(value: object, flag: object, decimals: int, tr: Tr, lang: str) -> str:
    """A stored or incoming value as read: '1.234', '16,1 (vorläufig)', 'geheim', '–'."""
    number = None if value is None or pd.isna(value) else float(value)
    flag = None if flag is None or (isinstance(flag, float) and pd.isna(flag)) else str(flag)
    flag_text = tr(f"karte.flag.{flag}") if flag else ""
    if number is None:
        return flag_text or "–"
    text = fmt_number(number, decimals, lang)
    return f"{text} ({flag_text})" if flag_text else text


def _decimals(labels: Labels, indicator_id: str) -> int:
    row = labels["indicator"].get(indicator_id) or {}
    decimals = row.get("decimals")
    return 0 if decimals is None or pd.isna(decimals) else int(decimals)


def _list_text(values: object, labels: Labels, tr: Tr, key: str) -> str:
    if isinstance(values, dict):  # areas matched per level, finest first
        order = {level: i for i, level in enumerate(LEVEL_ORDER)}
        items = sorted(values.items(), key=lambda kv: order.get(kv[0], len(order)))
        return ", ".join(
            f"{n} {tr(f'dt.level1.{level}' if n == 1 else f'dt.level.{level}')}"
            for level, n in items
        )
    if isinstance(values, list | tuple):
        if key == "indicators":
            return ", ".join(indicator_name(labels, v) for v in values)
        if key == "groups":
            return ", ".join(str(labels["group"].get(v, v)) for v in values)
        return ", ".join(str(v) for v in values)
    if key == "file_group":
        return str(labels["group"].get(values, values))
    if key == "layer":  # a map layer by its name, not its id
        text = tr(f"layer.{values}")
        return str(values) if text == f"layer.{values}" else text
    return "–" if values is None else str(values)


def layout_frame(preview: Preview, labels: Labels, tr: Tr) -> pd.DataFrame:
    """What the reader detected: sheet, indicator, unit, years, groups, areas, checks."""
    rows: list[tuple[str, str]] = []
    if preview.sheet:
        rows.append((tr("dt.layout.sheet"), preview.sheet))
    for key, value in preview.layout.items():
        label = tr(f"dt.layout.{key}")
        if label == f"dt.layout.{key}":  # a detail a newer parser adds: readable all the same
            label = key.replace("_", " ").capitalize()
        rows.append((label, _list_text(value, labels, tr, key)))
    rows += [(tr("dt.layout.check"), note) for note in preview.notes]
    return pd.DataFrame(rows, columns=[tr("dt.layout.item"), tr("dt.layout.value")])


def summary_frame(preview: Preview, labels: Labels, tr: Tr) -> pd.DataFrame:
    """Rows new / changed / unchanged per indicator and period."""
    s = preview.summary
    return pd.DataFrame(
        {
            tr("dt.h.indicator"): [indicator_name(labels, i) for i in s["indicator_id"]],
            tr("dt.h.period"): s["period"].astype(str),
            tr("dt.h.new"): s["new"].astype(int),
            tr("dt.h.changed"): s["changed"].astype(int),
            tr("dt.h.unchanged"): s["unchanged"].astype(int),
        }
    )


def changes_frame(preview: Preview, labels: Labels, tr: Tr, lang: str) -> pd.DataFrame:
    """Every stored value the import would overwrite: before → after."""
    c = preview.changes
    dec = [_decimals(labels, i) for i in c["indicator_id"]]
    return pd.DataFrame(
        {
            tr("dt.h.indicator"): [indicator_name(labels, i) for i in c["indicator_id"]],
            tr("dt.h.area"): [labels["area"].get(a, a) for a in c["area_code"]],
            tr("dt.h.group"): [labels["group"].get(g, g) for g in c["grp"]],
            tr("dt.h.period"): c["period"].astype(str),
            tr("dt.h.before"): [
                value_text(v, f, d, tr, lang)
                for v, f, d in zip(c["old_value"], c["old_flag"], dec, strict=True)
            ],
            tr("dt.h.after"): [
                value_text(v, f, d, tr, lang)
                for v, f, d in zip(c["new_value"], c["new_flag"], dec, strict=True)
            ],
        }
    )


def problems_frame(problems: list[Problem], tr: Tr) -> pd.DataFrame:
    """Problems and warnings, errors first, with where, expected and found."""
    ordered = sorted(problems, key=lambda p: (p.severity != "error", p.row or 0))
    return pd.DataFrame(
        {
            tr("dt.h.severity"): [
                tr(f"dt.sev.{'error' if p.severity == 'error' else 'warning'}") for p in ordered
            ],
            tr("dt.h.where"): [p.file for p in ordered],
            tr("dt.h.row"): [str(p.row) if p.row is not None else "–" for p in ordered],
            tr("dt.h.column"): [p.column or "–" for p in ordered],
            tr("dt.h.expected"): [p.expected for p in ordered],
            tr("dt.h.found"): [p.found for p in ordered],
        }
    )


def _when(value: object, lang: str) -> str:
    return "–" if value is None or pd.isna(value) else fmt_date(pd.Timestamp(value), lang)


def _status(row: dict[str, Any], tr: Tr, lang: str) -> str:
    if pd.notna(row["undoes_id"]):
        return tr(
            "dt.status.undoes",
            id=int(row["undoes_id"]),
            restored=int(row["undo_restored"]),
            removed=int(row["undo_removed"]),
        )
    if pd.notna(row["undone_by_id"]):
        return tr("dt.status.undone", when=_when(row["undone_at"], lang), who=row["undone_by"])
    key = f"dt.status.{row['status']}"
    text = tr(key)
    return row["status"] if text == key else text


def _problem_count(raw: object) -> int:
    try:
        return len(json.loads(str(raw)))
    except ValueError:
        return 0


def logged_problems(raw: object) -> list[Problem]:
    """The problems stored with an import log entry (JSON), as Problem records."""
    try:
        items = json.loads(str(raw))
    except ValueError:
        return []
    fields = set(Problem.__dataclass_fields__)
    return [Problem(**{k: v for k, v in item.items() if k in fields}) for item in items]


def problem_options(history: pd.DataFrame, tr: Tr, lang: str) -> dict[int, str]:
    """Import number → label, for the entries that logged problems (newest first)."""
    rows = [r for r in history.to_dict("records") if _problem_count(r["problems"])]
    return {
        int(r["id"]): tr(
            "dt.option",
            id=int(r["id"]),
            file=r["file"],
            when=_when(r["logged_at"], lang),
            who=r["actor"],
        )
        for r in rows
    }


def kind_label(kind: str, tr: Tr) -> str:
    """The kind of an import as a short word."""
    key = f"dt.short.{kind}" if kind in KIND_KEYS else f"dt.kind.{kind}"
    text = tr(key)
    return kind if text == key else text


def log_frame(history: pd.DataFrame, tr: Tr, lang: str) -> pd.DataFrame:
    """The import log: who, when, file, sha256, counts, problems, status (undone, undo of)."""
    records = history.to_dict("records")
    return pd.DataFrame(
        {
            tr("dt.h.id"): [int(r["id"]) for r in records],
            tr("dt.h.when"): [_when(r["logged_at"], lang) for r in records],
            tr("dt.h.who"): [r["actor"] for r in records],
            tr("dt.h.file"): [r["file"] for r in records],
            tr("dt.h.kind"): [kind_label(r["kind"], tr) for r in records],
            tr("dt.h.rows"): [int(r["rows"]) for r in records],
            tr("dt.h.new"): [int(r["inserted"]) for r in records],
            tr("dt.h.changed"): [int(r["updated"]) for r in records],
            tr("dt.h.unchanged"): [int(r["unchanged"]) for r in records],
            tr("dt.h.problems"): [_problem_count(r["problems"]) for r in records],
            tr("dt.h.status"): [_status(r, tr, lang) for r in records],
            tr("dt.h.sha256"): [str(r["sha256"])[:SHA_SHOWN] + "…" for r in records],
        }
    )


def undo_options(history: pd.DataFrame, tr: Tr, lang: str) -> dict[int, str]:
    """Import number → label, for the imports that can be undone now (newest first)."""
    rows = history[history["undoable"].fillna(False).astype(bool)]
    return {
        int(r["id"]): tr(
            "dt.option",
            id=int(r["id"]),
            file=r["file"],
            when=_when(r["logged_at"], lang),
            who=r["actor"],
        )
        for r in rows.to_dict("records")
    }
