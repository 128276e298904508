"""The Handlungsfelder page's texts: the overview of the fields and the Leitbild tree as markdown.

Pure (no Streamlit): built from the goal roll-up of one area, the assessments its goals own and
the measures; dashboard.ui.field_tree_view caches and draws them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.analysis import goal_rollup
from dashboard.escaping import user_markdown
from dashboard.present import progress_explain as pexplain
from dashboard.present import progress_labels as plabels
from dashboard.present import progress_tables as ptables
from dashboard.present.format import fmt_number

Tr = Callable[..., str]
STATUSES = goal_rollup.STATUS_ORDER
ATTENTION = ("off_track_no_measure", "completed_not_moving")  # what the review asks first


@dataclass
class TreeText:
    """What the texts need: language, labels, the goals' own assessments and the measures."""

    tr: Tr
    lang: str
    labels: ptables.Labels
    assessment_rows: list[dict[str, Any]] = field(default_factory=list)
    rows_of_key: dict[object, list[int]] = field(default_factory=dict)
    measure_titles: dict[int, str] = field(default_factory=dict)
    measure_status: dict[int, str] = field(default_factory=dict)


def owned_keys(nodes: pd.DataFrame) -> set[str]:
    """The keys of the assessments the goals of a roll-up own (the rows its tree lists)."""
    return {k for keys in nodes["own_keys"] for k in keys}


def tree_text(
    tr: Tr,
    lang: str,
    labels: ptables.Labels,
    nodes: pd.DataFrame,
    assessments: pd.DataFrame,
    measures: pd.DataFrame,
) -> TreeText:
    """The context of one area's tree: only the assessments its goals own, looked up by key."""
    # one pass here instead of a mask and a to_dict per goal (hundreds of goals a rerun)
    rows = assessments[assessments["key"].isin(owned_keys(nodes))].to_dict("records")
    rows_of_key: dict[object, list[int]] = {}
    for i, row in enumerate(rows):
        rows_of_key.setdefault(row["key"], []).append(i)
    ids = measures["id"].astype(int)
    titles = dict(zip(ids, measures["title"], strict=True))
    status = dict(zip(ids, measures["status"], strict=True))
    return TreeText(tr, lang, labels, rows, rows_of_key, titles, status)


def counts_text(node: Mapping[str, Any], tr: Tr, lang: str) -> str:
    """'Punktwert 1,3 aus 4 Bewertungen: 2 ☀ auf Kurs, 1 ⚡ falsche Richtung, …'."""
    if not node["n_items"]:
        return tr("hf.no_assessment")
    parts = ", ".join(
        f"{int(node['n_' + s])} {plabels.status_text(s, tr)}" for s in STATUSES if node["n_" + s]
    )
    n = tr("hf.n_one") if node["n_items"] == 1 else tr("hf.n_many", n=int(node["n_items"]))
    if node["score"] is None or pd.isna(node["score"]):
        return tr("hf.counts_only", n=n, parts=parts)
    return tr("hf.counts", score=fmt_number(node["score"], 1, lang), n=n, parts=parts)


def measures_text(node: Mapping[str, Any], tr: Tr, lang: str) -> str:
    """Measures beside the status: '3 laufend, 1 abgeschlossen (Ø Fortschritt 40 %)'."""
    if not node["n_measures"]:
        return tr("hf.no_measures")
    parts = ", ".join(
        f"{int(node['m_' + s])} {tr('zi.measure.' + s)}"
        for s in goal_rollup.MEASURE_STATUSES
        if node["m_" + s]
    )
    progress_part = ""
    if node["measure_progress"] is not None and not pd.isna(node["measure_progress"]):
        progress_part = tr("hf.progress", value=fmt_number(node["measure_progress"], 0, lang))
    return tr("hf.measures", parts=parts) + progress_part


def flags_text(flags: list[str], tr: Tr) -> str:
    """Flags as coloured markdown."""
    return " ".join(f":orange[:material/warning: {tr('zi.flag.' + f)}]" for f in flags)


def item_text(row: Mapping[str, Any], ctx: TreeText) -> str:
    """One linked assessment: status, series, area, short reason."""
    tr, labels = ctx.tr, ctx.labels
    name = ptables.series_label(row["indicator_id"], row["grp"], labels)
    where = labels["area"].get(row["area"], row["area"])
    kind = (
        tr("hf.implicit")
        if row["implicit"]
        else ptables.target_description(row, labels, tr, ctx.lang)
    )
    return (
        f"{plabels.status_markdown(row['status'], tr)} {name} · {where} · {kind} — "
        f"*{pexplain.short_reason(row['result'], tr, ctx.lang)}*"
    )


def goal_block(node: Mapping[str, Any], ctx: TreeText) -> str:
    """Markdown of one goal: status, our summary of its text, indicators, measures, flags."""
    tr, labels = ctx.tr, ctx.labels
    goal = labels["goal"][node["node_id"]]
    indent = "    " * (int(node["depth"]) - 1)
    kind = tr(f"zi.goalkind.{goal['kind']}")
    head = (
        f"{indent}- {plabels.status_markdown(node['status'], tr)} **{kind} {goal['number']}**"
        f" – {goal['label']}"
    )
    if not node["n_items"] and not node["own_measures"] and list(node["flags"]) == ["no_indicator"]:
        # nothing measured and nothing done: one line is enough
        return f"{head} · :gray[{tr('zi.flag.no_indicator')}]"
    lines = [head, f"{indent}    - {counts_text(node, tr, ctx.lang)}"]
    positions = sorted({i for k in node["own_keys"] for i in ctx.rows_of_key.get(k, ())})
    own = [ctx.assessment_rows[i] for i in positions]  # in the assessments' order
    lines += [f"{indent}    - {item_text(row, ctx)}" for row in own]
    missing = [i for i in node["indicators"] if i not in {r["indicator_id"] for r in own}]
    if missing:
        names = ", ".join(labels["indicator"][i]["short"] for i in missing)
        lines.append(f"{indent}    - {tr('hf.indicators_without', names=names)}")
    if node["own_measures"]:
        titles = "; ".join(
            f"{user_markdown(ctx.measure_titles.get(m, m))} "
            f"({tr('zi.measure.' + ctx.measure_status.get(m, ''))})"
            for m in node["own_measures"]
        )
        lines.append(f"{indent}    - {tr('hf.linked_measures', titles=titles)}")
    if node["flags"]:
        lines.append(f"{indent}    - {flags_text(node['flags'], tr)}")
    return "\n".join(lines)


def _flagged(goal_nodes: pd.DataFrame, flags: tuple[str, ...]) -> pd.Series:
    """Goals per field carrying any of ``flags`` (each goal once)."""
    hit = goal_nodes["flags"].map(lambda f: any(x in flags for x in f))
    return hit.groupby(goal_nodes["field_id"]).sum()


def overview_frame(
    nodes: pd.DataFrame, cover: pd.DataFrame, fields: list[str], ctx: TreeText
) -> pd.DataFrame:
    """One row per field: status, score, coverage, what needs attention, counts."""
    tr, labels = ctx.tr, ctx.labels
    field_nodes = nodes[nodes["node_type"] == "field"].set_index("node_id").reindex(fields)
    goal_nodes = nodes[nodes["node_type"] != "field"].drop_duplicates("node_id")
    attention = _flagged(goal_nodes, ATTENTION).reindex(fields, fill_value=0)
    no_indicator = _flagged(goal_nodes, ("no_indicator",)).reindex(fields, fill_value=0)
    coverage = cover["share_assessed"].astype(float).reindex(fields, fill_value=0.0) * 100
    score = pd.to_numeric(field_nodes["score"], errors="coerce").astype(float)
    return pd.DataFrame(
        {
            tr("col.field"): fields,
            tr("col.title"): [labels["field"][f] for f in fields],
            tr("col.status"): [plabels.status_text(s, tr) for s in field_nodes["status"]],
            tr("hf.col.score"): score.to_numpy(),
            # what the review asks first (status, coverage, what to watch) before the counts: at
            # 1440 px the last columns sit behind the table's horizontal scroll
            tr("hf.col.coverage"): coverage.to_numpy(),
            tr("hf.col.attention"): attention.astype(int).to_numpy(),
            tr("hf.col.assessments"): field_nodes["n_items"].astype(int).to_numpy(),
            tr("hf.col.running"): field_nodes["n_active"].astype(int).to_numpy(),
            tr("hf.col.completed"): field_nodes["n_completed"].astype(int).to_numpy(),
            tr("hf.col.no_indicator"): no_indicator.astype(int).to_numpy(),
        }
    )
