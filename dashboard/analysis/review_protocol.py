"""The weekly review's protocol: overview, decisions and flags per measure, Markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.analysis.lateness import (
    FLAGS,
    OPEN_STATUSES,
    as_date,
)
from dashboard.analysis.review import Review, category_counts, describe_changes, german_date
from dashboard.analysis.review_labels import PROTOCOL_EXTRA_DE, PROTOCOL_LABELS_DE
from dashboard.escaping import user_markdown


def counted(labels: Mapping[str, str], key: str, n: int) -> str:
    """The singular label for one, the plural otherwise, with the number filled in."""
    return labels[f"{key}.one" if n == 1 and f"{key}.one" in labels else key].format(n=n)


def overview_text(review: Review, labels: Mapping[str, str]) -> str:
    """'12 offene Maßnahmen; 3 Einträge im Zeitraum (1 Statusänderung, 2 Kommentare); …'."""
    counts = category_counts(review.changes)
    parts = [counted(labels, f"ov.cat.{c}", n) for c, n in counts.items() if n]
    entries = counted(labels, "ov.entries", len(review.changes))
    entries += f" ({', '.join(parts)})" if parts else ""
    return (
        "; ".join(
            [
                counted(labels, "ov.measures", len(review.open_measures)),
                entries,
                counted(labels, "ov.late", len(review.late)),
                counted(labels, "ov.due", len(review.needs_review)),
                counted(labels, "ov.off_track", len(review.off_track)),
                counted(labels, "ov.uncovered", len(review.uncovered_goals)),
            ]
        )
        + "."
    )


@dataclass
class ProtocolItem:
    """One measure in the protocol: what was decided or changed, and what comes next."""

    measure_id: int
    title: str
    status_line: str
    changes: list[str]
    attention: list[str]
    next_step: str


@dataclass
class Protocol:
    """The review as a short document (rendered to Markdown here, to DOCX in the UI)."""

    title: str
    meta: list[str]
    overview: str
    items: list[ProtocolItem]
    notes: str
    labels: dict[str, str] = field(default_factory=dict)
    uncovered: list[str] = field(default_factory=list)  # names of off-track goals w/o measure

    @property
    def decided(self) -> list[ProtocolItem]:
        """Measures changed in the window: the decisions of the review and the week."""
        return [item for item in self.items if item.changes]

    @property
    def pending(self) -> list[ProtocolItem]:
        """Measures that need attention but did not change in the window."""
        return [item for item in self.items if not item.changes]


def flag_texts(
    row: Mapping[str, Any],
    labels: Mapping[str, str],
    fmt_date: Callable[[dt.date], str] = german_date,
    flags: Iterable[str] = FLAGS,
) -> list[str]:
    """Readable reasons for the flags a measure carries (from its lateness columns)."""
    texts = []
    for flag in flags:
        if not row.get(flag):
            continue
        if flag == "needs_review" and pd.isna(row.get("days_since_review")):
            texts.append(labels["flag.needs_review_never"])
            continue
        days_col = {
            "overdue": "overdue_days",
            "started_late": "start_delay_days",
            "next_step_overdue": "next_step_days",
            "needs_review": "days_since_review",
            "finished_late": "finish_delay_days",
        }[flag]
        date_col = {"overdue": "planned_end", "started_late": "planned_start"}.get(flag)
        day = as_date(row.get(date_col)) if date_col else None
        texts.append(
            labels[f"flag.{flag}"].format(
                days=row.get(days_col), date=fmt_date(day) if day else "–"
            )
        )
    return texts


def _item(
    row: Mapping[str, Any],
    events: list[dict[str, Any]],
    review: Review,
    labels: Mapping[str, str],
    field_labels: Mapping[str, str],
    fmt_date: Callable[[dt.date], str],
    goal_names: Mapping[str, str] | None = None,
) -> ProtocolItem:
    names = goal_names or {}
    changes = []
    for ev in events:  # in time order (build_protocol sorts them)
        when = fmt_date(pd.Timestamp(ev["happened_at"]).date())
        # creating and reviewing say everything in their kind; their diff adds nothing
        quiet = ev["kind"] in ("angelegt", "geprüft")
        what = "" if quiet else describe_changes(ev["diff"], field_labels, fmt_date)
        text = f"{when}, {ev['actor']}: {field_labels.get('kind.' + ev['kind'], ev['kind'])}"
        text += f" – {what}" if what else ""
        comment = ev.get("comment")
        text += f" – „{comment}“" if isinstance(comment, str) and comment.strip() else ""
        changes.append(text)
    attention = flag_texts(row, labels, fmt_date, [f for f in FLAGS if f != "finished_late"])
    hits = [g for g in row.get("goals", []) if g in review.off_track_goals]
    if hits and row.get("status") in OPEN_STATUSES:
        named = "; ".join(names.get(g, g) for g in hits)
        attention.append(labels["off_track_goals"].format(goals=named))
    step = row.get("next_step")
    step_day = as_date(row.get("next_step_date"))
    if isinstance(step, str) and step.strip():
        next_step = step.strip()
        if step_day:
            next_step += " (" + labels["until"].format(date=fmt_date(step_day)) + ")"
    else:
        next_step = labels["no_next_step"]
    status_line = labels["status_line"].format(
        status=row.get("status"), progress=int(row.get("progress") or 0)
    )
    return ProtocolItem(
        int(row["id"]), str(row["title"]), status_line, changes, attention, next_step
    )


def build_protocol(
    review: Review,
    author: str,
    notes: str = "",
    labels: Mapping[str, str] | None = None,
    field_labels: Mapping[str, str] | None = None,
    fmt_date: Callable[[dt.date], str] = german_date,
    goal_names: Mapping[str, str] | None = None,
) -> Protocol:
    """The protocol: overview, then per measure the decisions, flags and the next step.

    ``goal_names`` turns goal ids into what a person reads ('7.1 Teilziel 2: …').

    A measure is listed when it changed in the window or needs attention (late, review due,
    goals off track); each measure once, by id.
    """
    lab = {**PROTOCOL_LABELS_DE, **PROTOCOL_EXTRA_DE, **(labels or {})}
    flabels = dict(field_labels or {})
    names = dict(goal_names or {})
    overview = overview_text(review, lab)
    ids = sorted(set(review.changes["measure_id"].astype(int)) | set(review.attention_ids))
    by_id = {int(r["id"]): r for r in review.measures.to_dict("records")}
    # each measure's events once (the changes are sorted per item; hundreds of items at 10x)
    events_of: dict[int, list[dict[str, Any]]] = {}
    for ev in review.changes.sort_values(["happened_at", "id"]).to_dict("records"):
        events_of.setdefault(int(ev["measure_id"]), []).append(ev)
    items = []
    for mid in ids:
        row = by_id.get(mid)
        events = events_of.get(mid, [])
        if row is None:  # archived in the window: still part of what was decided
            row = {
                "id": mid,
                "title": events[0]["title"],
                "status": "archiviert",
                "progress": 0,
                "goals": [],
            }
        items.append(_item(row, events, review, lab, flabels, fmt_date, names))
    meta = [lab["window"].format(start=fmt_date(review.start), end=fmt_date(review.end))]
    if author.strip():
        meta.append(lab["author"].format(author=author.strip()))
    return Protocol(
        title=lab["title"].format(date=fmt_date(review.today)),
        meta=meta,
        overview=overview,
        items=items,
        notes=notes.strip(),
        labels=lab,
        uncovered=[names.get(g, g) for g in review.uncovered_goals],
    )


def _md_escape(text: str) -> str:
    """Keep user text from turning into Markdown structure (headings, lists, emphasis)."""
    return "".join("\\" + ch if ch in "\\`*_[]#<>|" else ch for ch in text)


def pending_line(item: ProtocolItem, labels: Mapping[str, str]) -> str:
    """One line for a measure without changes: reasons and the next step."""
    reasons = "; ".join(item.attention)
    return f"{reasons}. {labels['next_step']}: {item.next_step}"


def protocol_markdown(protocol: Protocol) -> str:
    """The protocol as Markdown."""
    lab = protocol.labels
    lines = [f"# {_md_escape(protocol.title)}", ""]
    lines += [f"{_md_escape(m)}  " for m in protocol.meta] + [""]
    lines += [f"## {lab['overview']}", "", protocol.overview, ""]
    lines += [f"## {lab['uncovered']}", "", lab["uncovered_explain"], ""]
    lines += [f"- {_md_escape(name)}" for name in protocol.uncovered] or [lab["no_uncovered"]]
    lines += [""]
    lines += [f"## {lab['items']}", ""]
    if not protocol.decided:
        lines += [lab["no_items"], ""]
    for item in protocol.decided:
        lines += [f"### {_md_escape(item.title)} (Nr. {item.measure_id})", "", item.status_line, ""]
        lines += [f"- {_md_escape(c)}" for c in item.changes]
        if item.attention:
            lines.append(f"- **{lab['attention']}:** " + "; ".join(item.attention))
        lines += [f"- **{lab['next_step']}:** {_md_escape(item.next_step)}", ""]
    lines += [f"## {lab['pending']}", ""]
    if not protocol.pending:
        lines += [lab["no_pending"], ""]
    for item in protocol.pending:
        title = f"**{_md_escape(item.title)}** (Nr. {item.measure_id})"
        lines.append(f"- {title}: {_md_escape(pending_line(item, lab))}")
    lines.append("")
    if protocol.notes:
        # the team's own notes may use Markdown (lists, emphasis) on purpose
        lines += [f"## {lab['notes']}", "", user_markdown(protocol.notes), ""]
    return "\n".join(lines).rstrip() + "\n"
