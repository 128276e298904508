"""'Neu seit …' in the start page's district entry: what changed for one district since a date.

The date lives in the URL (?seit=JJJJ-MM-TT), so a network can share "what's new since our last
meeting". Titles are user text (file names, measure titles, organisations): shown escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import clock
from dashboard.escaping import markdown_literal
from dashboard.present.format import fmt_date
from dashboard.services import note_lines
from dashboard.services import whats_new as wn
from dashboard.ui import data, url_state
from dashboard.ui import measure_views as views

Tr = Callable[..., str]
PAGE, PARAM, KEY = "start", "seit", "start_since"
DEFAULT_DAYS = 30  # "what's new" looks back a month unless a date is chosen
DEMO_KIND = "demo"  # the import kind of the demo seed (its file reads "Demodaten")


def changes(db: str, code: str, since: dt.date, tr: Tr) -> list[wn.Change]:
    """The district's changes since ``since``, read through the store and the cached views."""
    store = data.get_store(db)
    imports = store.imports_since(since)
    if not imports.empty:  # the demo seed reads "Demodaten" in the UI language
        demo = imports["kind"] == DEMO_KIND
        imports = imports.assign(file=imports["file"].where(~demo, tr("data.demo")))
    return wn.for_district(
        imports,
        store.area_import_ids(code),
        views.events(db),
        views.measures(db),
        note_lines.shown_notes(store, code),
        code,
        since,
    )


def line(change: wn.Change, tr: Tr, lang: str) -> str:
    """'- 03.11.2026: Neue Daten eingelesen: bev.csv' (the title escaped; repeats counted)."""
    when = fmt_date(pd.Timestamp(change.when).date(), lang)
    title = markdown_literal(change.title or "–")
    repeats = tr("start.new.times", n=change.count) if change.count > 1 else ""
    return f"- {when}: {tr(f'start.new.{change.kind}', title=title)}{repeats}"


def section(db: str, code: str, name: str, tr: Tr, lang: str) -> None:
    """Date input 'Neu seit', then one plain line per change, newest first."""
    today = clock.today()
    default = today - dt.timedelta(days=DEFAULT_DAYS)
    url_state.sync(PAGE, PARAM, KEY, lambda text: url_state.dates(text, (default,), today)[0])
    since = st.date_input(
        tr("start.new.since"),
        key=KEY,
        max_value=today,
        format="DD.MM.YYYY",
        help=tr("start.new.since_help"),
    )
    since = since if isinstance(since, dt.date) else default
    url_state.write(PAGE, PARAM, None if since == default else since.isoformat())
    found = changes(db, code, since, tr)
    if found:
        st.markdown(tr("start.new.heading", name=name, date=fmt_date(since, lang)))
        st.markdown("\n".join(line(c, tr, lang) for c in found))
    else:
        st.caption(tr("start.new.none", name=name, date=fmt_date(since, lang)))
    st.caption(tr("start.new.no_status"))
