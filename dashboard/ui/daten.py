"""Widgets of the page Daten: upload with preview, import or discard, import log with undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from dashboard import config, datacare
from dashboard.catalogues import display_labels
from dashboard.errors import ConflictError, LeitbildError
from dashboard.imports import Options
from dashboard.services import daten_model as vm
from dashboard.services import prepared
from dashboard.store import Store
from dashboard.ui import data, downloads, login, share, url_state

Tr = Callable[..., str]
FILE_TYPES = {
    "stats": ["csv", "txt", "xlsx"], "observations": ["csv", "txt", "xlsx"],
    "areas": ["geojson", "json", "gpkg", "zip"], "targets": ["csv", "xlsx"],
    "measures": ["csv", "xlsx"],
}  # fmt: skip
PREVIEW = "dt_preview"  # (inputs key, list of previews) of the file on screen
NONCE = "dt_nonce"  # bumped to give the uploader a fresh key after an import or discard
FLASH = "dt_flash"  # message for the next run (after st.rerun)
PAGE = "daten"  # the page whose URL keeps the chosen kind (?art=)


def _flash() -> None:
    for kind, message in st.session_state.pop(FLASH, []):
        if kind == "warn":
            st.warning(message, icon=":material/sync_problem:")
        else:
            (st.success if kind == "ok" else st.info)(message, icon=":material/check:")


def _done(messages: list[tuple[str, str]]) -> None:
    """After a write or discard: forget the file and preview, drop caches, show the outcome."""
    st.session_state[FLASH] = messages
    st.session_state.pop(PREVIEW, None)
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
    data.clear_all_caches()
    st.rerun()


def _importable_indicators(db: str) -> dict[str, str]:
    """Indicators a statistics table can hold (not the derived shares), id → name."""
    ind = data.catalogue(db, "indicator")
    ind = ind[ind["numerator_id"].isna()].sort_values("name")
    return dict(zip(ind["id"], ind["name"], strict=True))


# a reader that takes the group of a whole table (``Options.group``) gets a choice for it
TABLE_GROUP = "group" in getattr(Options, "__dataclass_fields__", {})


def _part_options(i: int, part: str | None, label: str, db: str, tr: Tr) -> Options:
    """Indicator, year and (where supported) group of one sheet of a statistics table."""
    names = _importable_indicators(db)
    columns = st.columns([3, 2, 2] if TABLE_GROUP else [3, 2])
    indicator = columns[0].selectbox(
        tr("dt.indicator", part=label),
        list(names),
        index=None,
        key=f"dt_ind_{i}_{part}",
        format_func=names.get,
        placeholder=tr("dt.indicator.choose"),
    )
    period = columns[1].number_input(
        tr("dt.period", part=label),
        min_value=1990,
        max_value=2100,
        value=None,
        step=1,
        key=f"dt_period_{i}_{part}",
        placeholder=tr("dt.period.none"),
    )
    extra: dict[str, Any] = {}
    if TABLE_GROUP:
        groups = data.catalogue(db, "group_label")
        labels = dict(zip(groups["id"], groups["label"], strict=True))
        extra["group"] = columns[2].selectbox(
            tr("dt.group", part=label),
            list(labels),
            index=None,
            key=f"dt_grp_{i}_{part}",
            format_func=labels.get,
            placeholder=tr("dt.group.none"),
        )
    year = None if period is None else int(period)
    return Options(indicator=indicator, sheet=part, period=year, **extra)


def _options(
    kind: str, parts: list[str | None], name: str, db: str, tr: Tr
) -> list[Options] | None:
    """Per part (sheet) the options of a statistics table; None until every indicator is set."""
    if kind != "stats":
        return [Options(sheet=p) for p in parts]
    chosen = [_part_options(i, part, part or name, db, tr) for i, part in enumerate(parts)]
    if any(o.indicator is None for o in chosen):
        st.info(tr("dt.need_indicator"))
        return None
    return chosen


def _previews(
    store: Store, kind: str, raw: bytes, name: str, opts: list[Options]
) -> list[datacare.Preview]:
    """The previews of the file on screen, computed once per file and choices.

    Not recomputed when the data change meanwhile: the import then refuses (the preview's
    data version is stale) and the page shows the fresh preview, never one nobody has seen.
    """
    key = (datacare.file_digest(raw), kind, name, tuple(map(repr, opts)))
    cached = st.session_state.get(PREVIEW)
    if cached is None or cached[0] != key:
        with st.spinner():
            parts = [datacare.preview(store, kind, raw, name, o) for o in opts]
        cached = (key, parts)
        st.session_state[PREVIEW] = cached
    return cached[1]


def _show_preview(part: datacare.Preview, labels: dict[str, Any], tr: Tr, lang: str) -> None:
    st.subheader(tr("dt.preview", part=part.label), divider="gray")
    if part.layout or part.sheet or part.notes:
        st.markdown(f"**{tr('dt.layout')}**")
        st.dataframe(vm.layout_frame(part, labels, tr), hide_index=True, placeholder="–")
    if part.checked is not None and part.kind in ("stats", "observations") and not part.errors:
        st.markdown(f"**{tr('dt.change')}**")
        summary = part.summary
        if summary[["new", "changed"]].to_numpy().sum() == 0:
            st.info(tr("dt.change.none"))
        st.dataframe(vm.summary_frame(part, labels, tr), hide_index=True, placeholder="–")
        st.markdown(f"**{tr('dt.changed_values')}**")
        if part.changes.empty:
            st.caption(tr("dt.no_changed_values"))
        else:
            st.dataframe(vm.changes_frame(part, labels, tr, lang), hide_index=True, placeholder="–")
    elif part.checked is not None and not part.errors:
        st.caption(tr("dt.no_diff", rows=part.checked.rows))
    st.markdown(f"**{tr('dt.problems')}**")
    if part.errors:
        n = len(part.errors)
        st.error(
            tr("dt.refused1") if n == 1 else tr("dt.refused", errors=n), icon=":material/block:"
        )
    if part.problems:
        st.dataframe(vm.problems_frame(part.problems, tr), hide_index=True, placeholder="–")
    else:
        st.caption(tr("dt.no_problems"))


def _prepare(store: Store, tr: Tr) -> None:
    """Released values and goal assessments for the new data now, not on the next page visit."""
    with st.spinner(tr("dt.preparing")):
        prepared.try_prepare(store)


def _commit(store: Store, parts: list[datacare.Preview], tr: Tr) -> None:
    try:
        entries = datacare.commit(store, login.current_user(), parts)
    except ConflictError as err:  # the data moved since the preview: show the new one
        st.session_state.pop(PREVIEW, None)
        st.session_state[FLASH] = [("warn", err.user_message())]
        st.rerun()
    except LeitbildError as err:
        st.error(err.user_message())
        return
    _prepare(store, tr)
    _done(
        [
            (
                "ok",
                tr(
                    "dt.imported",
                    file=e.file,
                    inserted=e.inserted,
                    updated=e.updated,
                    unchanged=e.unchanged,
                ),
            )
            for e in entries
        ]
    )


def upload(db: str, tr: Tr, lang: str) -> None:
    """Choose kind and file (sheets, indicator), preview the change, then import or discard."""
    store = data.store()
    key = url_state.restore(PAGE, "art", "dt_kind", vm.KIND_KEYS, vm.KIND_KEYS[0])
    kind = st.selectbox(
        tr("dt.kind"), vm.KIND_KEYS, format_func=lambda k: tr(f"dt.kind.{k}"), key=key
    )
    url_state.write(PAGE, "art", None if kind == vm.KIND_KEYS[0] else kind)
    nonce = st.session_state.get(NONCE, 0)
    upload = st.file_uploader(tr("dt.file"), type=FILE_TYPES[kind], key=f"dt_file_{nonce}")
    if upload is None:
        return
    raw = upload.getvalue()
    if len(raw) > float(config.get("max_upload_mb")) * 1024 * 1024:
        st.error(tr("dt.too_large", mb=config.get("max_upload_mb")))
        return
    sheets = datacare.sheet_names(raw) if kind != "areas" else []
    parts: list[str | None] = [None]
    if len(sheets) > 1:
        parts = st.multiselect(
            tr("dt.sheets"), sheets, default=sheets[:1], key="dt_sheets", help=tr("dt.sheets_help")
        ) or [sheets[0]]
    opts = _options(kind, parts, upload.name, db, tr)
    if opts is None:
        return
    try:
        previews = _previews(store, kind, raw, upload.name, opts)
    except LeitbildError as err:
        st.error(err.user_message())
        return
    labels = display_labels(data.catalogues(db))
    for part in previews:
        _show_preview(part, labels, tr, lang)
    ready = all(p.ready for p in previews)
    row = st.container(horizontal=True)
    if row.button(
        tr("dt.import"),
        type="primary",
        icon=":material/upload:",
        disabled=not ready,
        key="dt_import",
    ):
        _commit(store, previews, tr)
    if row.button(tr("dt.discard"), icon=":material/delete:", key="dt_discard"):
        _done([("info", tr("dt.discarded"))])


def _logged_problems(history: Any, tr: Tr, lang: str) -> None:
    """The problems and warnings an import (or a refused file) logged, one entry at a time."""
    options = vm.problem_options(history, tr, lang)
    if not options:
        return
    with st.expander(tr("dt.log.problems")):
        choice = st.selectbox(
            tr("dt.log.problems_of"), list(options), format_func=options.get, key="dt_log_problems"
        )
        raw = history.loc[history["id"] == choice, "problems"].iloc[0]
        frame = vm.problems_frame(vm.logged_problems(raw), tr)
        st.dataframe(frame, hide_index=True, placeholder="–")


def import_log(db: str, tr: Tr, lang: str) -> None:
    """The import log with every entry's undo state, and the undo of one import."""
    store = data.store()
    history = store.import_history(100)  # not cached: it must show the import just made
    if history.empty:
        st.caption(tr("dt.log.empty"))
        return
    shown = vm.log_frame(history, tr, lang)
    st.dataframe(shown, hide_index=True, placeholder="–")
    full = shown.assign(**{tr("dt.h.sha256"): history["sha256"].tolist()})
    downloads.offer(full, tr("dt.tab.log"), "dt_log")
    _logged_problems(history, tr, lang)
    options = vm.undo_options(history, tr, lang)
    if not options:
        st.caption(tr("dt.undo.none"))
        return
    choice = st.selectbox(
        tr("dt.undo.choose"),
        list(options),
        format_func=options.get,
        key="dt_undo_choice",
        help=tr("dt.undo.help"),
    )
    if st.button(tr("dt.undo"), icon=":material/undo:", key="dt_undo"):
        try:
            entry = datacare.undo(store, login.current_user(), int(choice))
        except LeitbildError as err:
            st.error(err.user_message())
            return
        _prepare(store, tr)
        undone = store.import_history(1)
        restored = int(undone["undo_restored"].iloc[0]) if len(undone) else entry.updated
        removed = int(undone["undo_removed"].iloc[0]) if len(undone) else 0
        _done([("ok", tr("dt.undone", file=entry.file, restored=restored, removed=removed))])


def page(db: str, tr: Tr, lang: str) -> None:
    """The whole page: title, then upload and log for those who may change data."""
    st.title(tr("dt.title"))
    st.caption(tr("dt.caption"))
    _flash()
    if not login.may("import"):
        login.hint(tr, "login" if login.current_user() is None else "role")
        st.caption(tr("dt.need_role"))
    else:
        tab_upload, tab_log = st.tabs([tr("dt.tab.upload"), tr("dt.tab.log")])
        with tab_upload:
            upload(db, tr, lang)
        with tab_log:
            import_log(db, tr, lang)
    share.share_box(PAGE, tr)  # links: short link and iframe snippet
