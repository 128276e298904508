"""The weekly review: what changed, what is late or due for review, and the protocol.

Pure functions over the measure frame (``Store.measures``) and the event frame
(``Store.measure_events``: id, measure_id, happened_at, actor, kind, changes (JSON), comment).
Words that appear in the protocol come in through ``labels`` so that the UI's translations are
used; dates are formatted by a function passed in (default: German ``dd.mm.yyyy``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.analysis.lateness import (
    DEFAULT_REVIEW_DAYS,
    FLAGS,
    OPEN_STATUSES,
    as_date,
    with_lateness,
)
from dashboard.domain.measures import LIFECYCLE_ORDER
from dashboard.escaping import user_markdown

DEFAULT_WINDOW_DAYS = 7
STATUS_ORDER = LIFECYCLE_ORDER
# Event kind → category shown in "what changed".
CATEGORIES = {
    "angelegt": "new",
    "status": "status",
    "geändert": "edit",
    "wiederhergestellt": "edit",
    "kommentar": "comment",
    "geprüft": "reviewed",
    "archiviert": "archived",
}
CATEGORY_ORDER = ("new", "status", "edit", "comment", "reviewed", "archived")
DATE_FIELDS = {
    "planned_start", "planned_end", "actual_start", "actual_end", "last_reviewed",
    "next_step_date",
}  # fmt: skip
# Event fields that a reader of a change list cares about more than about others.
CHANGE_FIELD_ORDER = (
    "status", "title", "progress", "next_step", "next_step_date", "last_reviewed",
    "planned_start", "planned_end", "actual_start", "actual_end", "organisation_id", "fields",
    "goals", "areas", "contact", "partners", "reach", "budget", "origin", "description", "notes",
    "archived",
)  # fmt: skip


def german_date(value: dt.date) -> str:
    """24.11.2025 (the protocol's default date format)."""
    return value.strftime("%d.%m.%Y")


def default_window(today: dt.date, days: int = DEFAULT_WINDOW_DAYS) -> tuple[dt.date, dt.date]:
    """The review window: the last ``days`` days up to and including today.

    The first day is included, so changes made after last week's review (held on that day)
    are not missed; seeing one day twice is better than missing one.
    """
    return today - dt.timedelta(days=days), today


def parse_changes(value: Any) -> dict[str, list[Any]]:
    """The {field: [before, after]} dict of an event (JSON text or dict)."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str) or not value.strip():
        return {}
    try:
        parsed = json.loads(value)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def format_value(field_name: str, value: Any, fmt_date: Callable[[dt.date], str]) -> str:
    """A field value as it reads in a change list (dates formatted, lists joined)."""
    if value is None or value == "" or value == []:
        return "–"
    if field_name in DATE_FIELDS:
        try:
            day = as_date(value)
        except ValueError:
            return str(value)
        return fmt_date(day) if day else "–"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if field_name == "progress":
        return f"{value} %"
    return str(value)


def describe_changes(
    changes: Mapping[str, list[Any]],
    labels: Mapping[str, str],
    fmt_date: Callable[[dt.date], str] = german_date,
) -> str:
    """'Status: laufend → pausiert; Fortschritt: 40 % → 50 %' (fields in a reader's order)."""
    order = {name: i for i, name in enumerate(CHANGE_FIELD_ORDER)}
    parts = []
    for name in sorted(changes, key=lambda n: (order.get(n, len(order)), n)):
        pair = changes[name]
        before, after = (pair[0], pair[1]) if isinstance(pair, list | tuple) else (None, pair)
        label = labels.get(name, name)
        if name in ("description", "notes"):
            # long texts: saying that they changed is enough for a change list
            parts.append(labels.get("changed", "{field} geändert").format(field=label))
            continue
        old, new = format_value(name, before, fmt_date), format_value(name, after, fmt_date)
        parts.append(f"{label}: {old} → {new}")
    return "; ".join(parts)


def changes_in_window(
    events: pd.DataFrame, measures: pd.DataFrame, start: dt.date, end: dt.date
) -> pd.DataFrame:
    """Events from ``start`` to ``end`` (both days included), newest first, with titles.

    Columns: the event columns plus title, category and the parsed change dict ``diff``.
    """
    columns = [*events.columns, "title", "category", "diff"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    day = pd.to_datetime(events["happened_at"]).dt.date
    out = events[(day >= start) & (day <= end)].copy()
    titles = dict(zip(measures["id"], measures["title"], strict=True))
    out["title"] = out["measure_id"].map(titles)
    out["category"] = out["kind"].map(CATEGORIES).fillna("edit")
    out["diff"] = out["changes"].map(parse_changes)
    out = out.sort_values(["happened_at", "id"], ascending=False)
    return out.reset_index(drop=True)[columns]


def category_counts(changes: pd.DataFrame) -> dict[str, int]:
    """Number of events per category (every category present, zero when none)."""
    counts = changes["category"].value_counts() if len(changes) else pd.Series(dtype=int)
    return {c: int(counts.get(c, 0)) for c in CATEGORY_ORDER}


def off_track_measures(measures: pd.DataFrame, off_track_goals: Iterable[str]) -> pd.DataFrame:
    """Open measures linked to at least one off-track goal, with those goals in ``off_track``."""
    goals = set(off_track_goals)
    hits = measures["goals"].map(lambda gs: sorted(g for g in gs if g in goals))
    mask = (hits.map(len) > 0) & measures["status"].isin(OPEN_STATUSES)
    return measures[mask].assign(off_track=hits[mask])


def goals_without_measure(off_track_goals: Iterable[str], measures: pd.DataFrame) -> list[str]:
    """Off-track goals that no open measure (geplant, laufend, pausiert) names, sorted."""
    open_ = measures[measures["status"].isin(OPEN_STATUSES)] if len(measures) else measures
    covered = {g for gs in (open_["goals"] if len(open_) else []) if gs is not None for g in gs}
    return sorted(set(off_track_goals) - covered)


def status_field_counts(measures: pd.DataFrame, field_ids: Iterable[str]) -> pd.DataFrame:
    """Measures per field (rows, in catalogue order) and status (columns), with totals.

    A measure in two fields counts in both rows; the total row counts every measure once.
    """
    fields = list(field_ids)
    exploded = measures[["id", "status", "fields"]].explode("fields").dropna(subset=["fields"])
    table = pd.crosstab(exploded["fields"], exploded["status"])
    table = table.reindex(index=fields, columns=list(STATUS_ORDER), fill_value=0)
    table["gesamt"] = table.sum(axis=1)
    total = measures["status"].value_counts().reindex(list(STATUS_ORDER), fill_value=0)
    table.loc["gesamt"] = [*total.tolist(), len(measures)]
    return table.astype(int)


@dataclass
class Review:
    """Everything the weekly review shows for one window."""

    today: dt.date
    start: dt.date
    end: dt.date
    review_days: int
    measures: pd.DataFrame  # active measures with lateness columns
    changes: pd.DataFrame
    late: pd.DataFrame
    needs_review: pd.DataFrame
    off_track: pd.DataFrame
    counts: pd.DataFrame
    off_track_goals: frozenset[str] = field(default_factory=frozenset)
    uncovered_goals: list[str] = field(default_factory=list)  # off track, no open measure

    @property
    def open_measures(self) -> pd.DataFrame:
        """Measures still under way (geplant, laufend, pausiert): completed and stopped ones
        are not active."""
        return self.measures[self.measures["status"].isin(OPEN_STATUSES)]

    @property
    def attention_ids(self) -> list[int]:
        """Measures that need attention (late, review due or off track), each once, by id."""
        ids = set(self.late["id"]) | set(self.needs_review["id"]) | set(self.off_track["id"])
        return sorted(int(i) for i in ids)


def _sort_late(frame: pd.DataFrame) -> pd.DataFrame:
    """Most days behind first (overdue, then a late start, then an overdue next step)."""
    behind = frame[["overdue_days", "start_delay_days", "next_step_days"]].max(axis=1)
    return (
        frame.assign(_behind=behind.fillna(0))
        .sort_values(["_behind", "id"], ascending=[False, True])
        .drop(columns="_behind")
    )


def build_review(
    measures: pd.DataFrame,
    events: pd.DataFrame,
    today: dt.date,
    start: dt.date,
    end: dt.date,
    field_ids: Iterable[str],
    review_days: int = DEFAULT_REVIEW_DAYS,
    off_track_goals: Iterable[str] = (),
) -> Review:
    """Assemble the review of the active measures for the window from ``start`` to ``end``."""
    active = measures[~measures["archived"]] if "archived" in measures else measures
    flagged = with_lateness(active.reset_index(drop=True), today, review_days)
    late = _sort_late(flagged[flagged["late"]])
    never = flagged["days_since_review"].isna()
    due = (
        flagged[flagged["needs_review"]]
        .assign(_never=never)
        .sort_values(["_never", "days_since_review", "id"], ascending=[False, False, True])
        .drop(columns="_never")
    )
    goals = frozenset(off_track_goals)
    return Review(
        today=today,
        start=start,
        end=end,
        review_days=review_days,
        measures=flagged,
        changes=changes_in_window(events, measures, start, end),
        late=late,
        needs_review=due,
        off_track=off_track_measures(flagged, goals),
        counts=status_field_counts(active, field_ids),
        off_track_goals=goals,
        uncovered_goals=goals_without_measure(goals, flagged),
    )


# --- the protocol -------------------------------------------------------------------------------
PROTOCOL_LABELS_DE: dict[str, str] = {
    "title": "Wochenreview Maßnahmen – {date}",
    "window": "Zeitraum: {start} bis {end}",
    "author": "Protokoll: {author}",
    "overview": "Überblick",
    "overview_line": (
        "{measures} aktive Maßnahmen; im Zeitraum {changes} Einträge ({new} neu, {status} "
        "Statusänderungen, {edit} Bearbeitungen, {comment} Kommentare, {reviewed} geprüft); "
        "{late} verspätet oder überfällig; {due} Prüfung fällig; {off_track} mit Zielen "
        "nicht auf Kurs."
    ),
    "items": "Beschlüsse und Änderungen je Maßnahme",
    "no_items": "Im Zeitraum wurde keine Maßnahme geändert.",
    "pending": "Weiterer Handlungsbedarf (im Zeitraum unverändert)",
    "no_pending": "Keine weitere Maßnahme mit Handlungsbedarf.",
    "notes": "Notizen und weitere Beschlüsse",
    "status_line": "Status: {status}, Fortschritt {progress} %",
    "changes": "Im Zeitraum",
    "attention": "Handlungsbedarf",
    "next_step": "Nächster Schritt",
    "no_next_step": "kein nächster Schritt festgelegt",
    "until": "bis {date}",
    "off_track_goals": "Ziele nicht auf Kurs: {goals}",
    "flag.overdue": "überfällig seit {days} Tagen (geplantes Ende {date})",
    "flag.started_late": "Beginn seit {days} Tagen überfällig (geplant {date})",
    "flag.next_step_overdue": "nächster Schritt seit {days} Tagen fällig",
    "flag.needs_review": "Prüfung fällig (zuletzt vor {days} Tagen)",
    "flag.needs_review_never": "Prüfung fällig (noch nie geprüft)",
    "flag.finished_late": "{days} Tage nach dem geplanten Ende abgeschlossen",
}


# Overview parts with singular and plural ('1 Statusänderung', '2 Statusänderungen') and the
# section of off-track goals without a measure.
PROTOCOL_EXTRA_DE: dict[str, str] = {
    "ov.measures": "{n} offene Maßnahmen (geplant, laufend oder pausiert)",
    "ov.measures.one": "1 offene Maßnahme (geplant, laufend oder pausiert)",
    "ov.entries": "{n} Einträge im Zeitraum",
    "ov.entries.one": "1 Eintrag im Zeitraum",
    "ov.cat.new": "{n} neue Maßnahmen",
    "ov.cat.new.one": "1 neue Maßnahme",
    "ov.cat.status": "{n} Statusänderungen",
    "ov.cat.status.one": "1 Statusänderung",
    "ov.cat.edit": "{n} Bearbeitungen",
    "ov.cat.edit.one": "1 Bearbeitung",
    "ov.cat.comment": "{n} Kommentare",
    "ov.cat.comment.one": "1 Kommentar",
    "ov.cat.reviewed": "{n} Prüfungen",
    "ov.cat.reviewed.one": "1 Prüfung",
    "ov.cat.archived": "{n} archiviert",
    "ov.cat.archived.one": "1 archiviert",
    "ov.late": "{n} Maßnahmen verspätet oder überfällig",
    "ov.late.one": "1 Maßnahme verspätet oder überfällig",
    "ov.due": "bei {n} Maßnahmen ist die Prüfung fällig",
    "ov.due.one": "bei 1 Maßnahme ist die Prüfung fällig",
    "ov.off_track": "{n} Maßnahmen zu Zielen abseits",
    "ov.off_track.one": "1 Maßnahme zu Zielen abseits",
    "ov.uncovered": "{n} Ziele abseits ohne Maßnahme",
    "ov.uncovered.one": "1 Ziel abseits ohne Maßnahme",
    "uncovered": "Ziele abseits ohne Maßnahme",
    "uncovered_explain": (
        "Ziele, deren Zielwerte deutlich abseits liegen oder sich in die falsche Richtung "
        "entwickeln, und die keine offene Maßnahme nennt."
    ),
    "no_uncovered": "Jedes Ziel abseits hat mindestens eine offene Maßnahme.",
}


def counted(labels: Mapping[str, str], key: str, n: int) -> str:
    """The singular label for one, the plural otherwise, with the number filled in."""
    return labels[f"{key}.one" if n == 1 and f"{key}.one" in labels else key].format(n=n)


def overview_text(review: Review, labels: Mapping[str, str]) -> str:
    """'12 offene Maßnahmen; 3 Einträge im Zeitraum (1 Statusänderung, 2 Kommentare); …'."""
    counts = category_counts(review.changes)
    parts = [counted(labels, f"ov.cat.{c}", n) for c, n in counts.items() if n]
    entries = counted(labels, "ov.entries", len(review.changes))
    entries += f" ({', '.join(parts)})" if parts else ""
    return "; ".join([
        counted(labels, "ov.measures", len(review.open_measures)), entries,
        counted(labels, "ov.late", len(review.late)),
        counted(labels, "ov.due", len(review.needs_review)),
        counted(labels, "ov.off_track", len(review.off_track)),
        counted(labels, "ov.uncovered", len(review.uncovered_goals)),
    ]) + "."  # fmt: skip


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
            "overdue": "overdue_days", "started_late": "start_delay_days",
            "next_step_overdue": "next_step_days", "needs_review": "days_since_review",
            "finished_late": "finish_delay_days",
        }[flag]  # fmt: skip
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
            row = {"id": mid, "title": events[0]["title"], "status": "archiviert",
                   "progress": 0, "goals": []}  # fmt: skip
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
