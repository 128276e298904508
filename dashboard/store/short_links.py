"""Short links: one random code per view (page plus whitelisted URL parameters)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from urllib.parse import parse_qsl, urlencode

import duckdb
import pandas as pd

from dashboard.store import Store

# the pages a link may name, and the only parameters a short link stores (anything else in
# the URL, e.g. a login token or a typo, is dropped)
PAGES = frozenset(
    {"start", "karte", "stadtteil", "ziele", "handlungsfelder", "indikator", "massnahmen",
     "praesentation", "review", "daten"}
)  # fmt: skip
PARAMS = frozenset(
    {"lang", "einbetten", "indikator", "periode", "gruppe", "klassen", "anzahl",
     "beschriftung", "ebene", "geometrie", "ansicht", "stadtteil", "vergleich", "trend", "id",
     "ziel", "feld", "status", "traeger", "verzug", "suche", "deck", "folie", "gebiet",
     "methode", "ohne_ziel", "hinweise", "frage", "zeitraum", "tage", "kategorie", "art", "seit"}
)  # fmt: skip
CODE_BYTES = 9  # 72 random bits, 12 URL-safe characters: not guessable by trying
MAX_QUERY = 2000  # a longer query is no view a person built by hand

SQL_BY_QUERY = "SELECT code FROM short_link WHERE query = ?"
SQL_BY_CODE = "SELECT page, query FROM short_link WHERE code = ?"
SQL_INSERT = "INSERT INTO short_link (code, page, query, created_at) VALUES (?, ?, ?, ?)"


def canonical(page: str, params: Mapping[str, Sequence[str] | str]) -> str:
    """The page's whitelisted parameters as sorted query text (the identity of a view)."""
    if page not in PAGES:
        raise ValueError(page)
    pairs: list[tuple[str, str]] = []
    for key in sorted(k for k in params if k in PARAMS):
        values = params[key]
        for value in [values] if isinstance(values, str) else values:
            pairs.append((key, str(value)))
    text = urlencode(pairs)
    if len(text) > MAX_QUERY:
        raise ValueError("query too long")
    return text


class ShortLinkRepository:
    """Creates and resolves short links through the store's connection and transactions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def code_for(self, page: str, params: Mapping[str, Sequence[str] | str]) -> str:
        """The code of this view: the stored one, or a new random one (same view, same code)."""
        query = canonical(page, params)
        key = f"{page}?{query}"
        # a view seen before is only read: no write lock and commit on every page run (every
        # session's every click showed its link); a new view is inserted, checking again inside
        with self.store.cursor() as cur:
            known = cur.execute(SQL_BY_QUERY, [key]).fetchone()
        if known:
            return str(known[0])

        def work(cur: duckdb.DuckDBPyConnection) -> str:
            found = cur.execute(SQL_BY_QUERY, [key]).fetchone()
            if found:
                return str(found[0])
            code = secrets.token_urlsafe(CODE_BYTES)
            cur.execute(SQL_INSERT, [code, page, key, pd.Timestamp.now().floor("s")])
            return code

        return self.store.transaction(work)

    def resolve(self, code: str) -> tuple[str, dict[str, list[str]]] | None:
        """The page and parameters of a code, or None for an unknown code."""
        if not code or len(code) > 40:
            return None
        with self.store.cursor() as cur:
            found = cur.execute(SQL_BY_CODE, [code]).fetchone()
        if not found:
            return None
        page, key = str(found[0]), str(found[1])
        params: dict[str, list[str]] = {}
        for name, value in parse_qsl(key.partition("?")[2]):
            if name in PARAMS:  # stored text is whitelisted already; checked again on the way out
                params.setdefault(name, []).append(value)
        return page, params
