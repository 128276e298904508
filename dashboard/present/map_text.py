"""The map's words and numbers: values with units, legend labels, hover texts, table places."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Callable, Sequence

import pandas as pd

from dashboard.analysis.classify import Classification
from dashboard.analysis.social_index import CLASS_KEYS, SocialIndex
from dashboard.present.format import fmt_number
from dashboard.present.hover import Hover, Slots
from dashboard.present.i18n import t

# units that read badly after a number ("4 Anzahl"): the number alone says it
PLAIN_UNITS = ("Anzahl",)


def fmt_value(value: float | None, decimals: int, unit: str, lang: str) -> str:
    """A value with its unit: '49,7 %', '1.234 Personen', '3,2 je 100' ('Anzahl' is implied)."""
    text = fmt_number(value, decimals, lang)
    if text == "–" or not unit or unit in PLAIN_UNITS:
        return text
    return f"{text} {unit}"


def fmt_diff(value: float | None, decimals: int, unit: str, lang: str) -> str:
    """A signed difference; percentage points for shares in %."""
    if value is None or pd.isna(value):
        return "–"
    sign = "+" if round(value, decimals) > 0 else ("±" if round(value, decimals) == 0 else "−")
    text = fmt_number(abs(value), decimals, lang)
    unit_text = t("karte.unit.pp", lang) if unit == "%" else unit
    return f"{sign}{text} {unit_text}".strip()


def flag_text(flag: object, lang: str) -> str:
    """German (or English) label of an official flag ('' for none)."""
    return t(f"karte.flag.{flag}", lang) if isinstance(flag, str) and flag else ""


def legend_labels(
    classes: Classification, unit: str, decimals: int, lang: str, marker: str | None = None
) -> list[str]:
    """One label per class with its bounds (German number format) and number of areas.

    ``marker`` (e.g. '◂ Stadt') is appended to the class that holds the reference value.
    """
    labels = []
    home = classes.class_of(classes.reference) if marker else -1
    for i, ((low, high), n) in enumerate(zip(classes.ranges(), classes.counts(), strict=True)):
        lo, hi = fmt_number(low, decimals, lang), fmt_number(high, decimals, lang)
        if low is None:
            text = t("karte.legend.upto", lang, high=hi)
        elif high is None:
            text = t("karte.legend.from", lang, low=lo)
        elif low >= high:
            text = hi
        else:
            text = t("karte.legend.range", lang, low=lo, high=hi)
        labels.append(f"{text} ({n})" + (f"  {marker}" if i == home else ""))
    return labels


def common_provenance(provenances: Sequence[object]) -> str | None:
    """The provenance most areas share (said once under the map, not in every hover)."""
    texts = Counter(p for p in provenances if isinstance(p, str) and p)
    return texts.most_common(1)[0][0] if texts else None


def provenance_note(provenances: Sequence[object], common: str | None, lang: str) -> str:
    """The note under the map naming the shared provenance ('' without one)."""
    if not common:
        return ""
    differs = any(isinstance(p, str) and p and p != common for p in provenances)
    key = "karte.note.provenance_most" if differs else "karte.note.provenance"
    return t(key, lang, text=common)


def hover_texts(
    table: pd.DataFrame,
    indicator: dict[str, object],
    *,
    city: float | None,
    parts: tuple[str, str],
    lang: str,
    common: str | None = None,
) -> list[Hover]:
    """Hover text per row: name, value, parts, rank, distance to the city, flag.

    A row's provenance is in its hover only when it differs from ``common`` (the provenance
    the note under the map gives for all others). Numbers and names are slots (``Hover``): the
    words around them are the same for most areas and are sent once.
    """
    decimals = int(indicator.get("decimals") or 0)
    unit = str(indicator.get("unit") or "")
    city_text = fmt_value(city, decimals, unit, lang)
    texts = []
    for row in table.itertuples(index=False):
        slot = Slots()
        lines = [f"<b>{slot(f'{row.code} {row.name}')}</b>"]
        if pd.isna(row.value):
            key = "karte.hover.hidden" if row.flag == "secret" else "karte.hover.missing"
            lines.append(t(key, lang))
        else:
            value = slot(fmt_value(row.value, decimals, unit, lang))
            lines.append(f"{indicator['short']}: <b>{value}</b>")
            if not pd.isna(row.numerator) and not pd.isna(row.denominator):
                lines.append(
                    f"{parts[0]}: {slot(fmt_number(row.numerator, 0, lang))} · "
                    f"{parts[1]}: {slot(fmt_number(row.denominator, 0, lang))}"
                )
            rank = slot(str(int(row.rank)))
            lines.append(t("karte.hover.rank", lang, rank=rank, total=int(row.ranked)))
            if not pd.isna(row.diff):
                diff = slot(fmt_diff(row.diff, decimals, unit, lang))
                lines.append(t("karte.hover.diff", lang, diff=diff, city=city_text))
            elif not pd.isna(row.share_of_city):
                share = slot(fmt_number(row.share_of_city, 1, lang) + " %")
                lines.append(t("karte.hover.share_of_city", lang, share=share))
        flag = flag_text(row.flag, lang)
        if flag and row.flag != "secret":
            lines.append(t("karte.hover.flag", lang, flag=flag))
        if row.origin == "computed":
            lines.append(t("karte.hover.computed", lang))
        provenance = getattr(row, "provenance", None)
        if isinstance(provenance, str) and provenance and provenance != common:
            lines.append(t("karte.hover.provenance", lang, text=_wrapped(provenance)))
        texts.append(slot.hover("<br>".join(lines)))
    return texts


def _wrapped(text: str, width: int = 70) -> str:
    """A long provenance text in hover-sized lines."""
    return "<br>".join(textwrap.wrap(text, width))


def social_legend(classes: Classification, lang: str) -> list[str]:
    """One legend label per index class with its number of Stadtteile."""
    return [
        f"{t(f'stadtteil.class.{key}', lang)} ({n})"
        for key, n in zip(CLASS_KEYS, classes.counts(), strict=True)
    ]


def social_hover_texts(table: pd.DataFrame, result: SocialIndex, lang: str) -> list[str]:
    """Hover text per Stadtteil: index, class and rank, or why it is left out."""
    rows = result.frame.set_index("area_code")
    ranked = int(rows["index"].notna().sum())
    texts = []
    for code, name in zip(table["code"], table["name"], strict=True):
        lines = [f"<b>{code} {name}</b>"]
        row = rows.loc[code] if code in rows.index else None
        if row is None or pd.isna(row["index"]) or pd.isna(row["class_key"]):
            reason = row["reason"] if row is not None and isinstance(row["reason"], str) else None
            lines.append(
                t(f"karte.social.reason.{reason or 'none'}", lang, n=result.min_population)
            )
        else:
            lines.append(
                t(
                    "karte.social.hover",
                    lang,
                    index=fmt_number(float(row["index_sd"]), 2, lang),
                    klass=t(f"stadtteil.class.{row['class_key']}", lang),
                    rank=int(row["rank"]),
                    total=ranked,
                )
            )
        texts.append("<br>".join(lines))
    return texts


def column_decimals(frame: pd.DataFrame, decimals: int, tr: Callable[..., str]) -> dict[str, int]:
    """Decimal places per numeric column of the reader's table."""
    whole = {tr("karte.col.rank"), tr("karte.col.numerator"), tr("karte.col.denominator")}
    places = {}
    for col in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[col]):
            places[col] = 0 if col in whole else decimals
    if tr("karte.col.share_of_city") in places:
        places[tr("karte.col.share_of_city")] = 1
    return places
