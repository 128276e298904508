"""Number and date formatting for display (German conventions via Babel)."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import math
from collections.abc import Callable, Iterable

import pandas as pd
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from pandas.io.formats.style import Styler

LOCALES = {"de": "de_DE", "en": "en_GB"}


def fmt_number(value: float | int | None, decimals: int = 0, lang: str = "de") -> str:
    """1234.5 → '1.234,5' (de) or '1,234.5' (en); missing values as an en dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return _formatted(str(value), decimals, lang)


# Pages format the same few thousand values on every rerun, and Babel takes ~0.1 ms a number:
# the text depends only on the value's shortest decimal text, the places and the language.
@functools.lru_cache(maxsize=65536)
def _formatted(text: str, decimals: int, lang: str) -> str:
    """The shown text of one number (``text`` = its shortest decimal text)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    # Official statistics round half away from zero (2,45 → 2,5); Babel's default is half-even.
    # The shortest decimal text of a float is what the reader saw, so round that, not the binary.
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        return format_decimal(
            decimal.Decimal(text), format=pattern, locale=LOCALES.get(lang, "de_DE")
        )


def fmt_percent(value: float | None, decimals: int = 1, lang: str = "de") -> str:
    """49.66 → '49,7 %'."""
    text = fmt_number(value, decimals, lang)
    return text if text == "–" else f"{text} %"


def fmt_date(value: dt.date | dt.datetime | None, lang: str = "de") -> str:
    """A date as '24.11.2026' (de) or '24 Nov 2026' (en); datetimes with time."""
    if value is None:
        return "–"
    locale = LOCALES.get(lang, "de_DE")
    if isinstance(value, dt.datetime):
        pattern = "dd.MM.yyyy, HH:mm" if lang == "de" else "d MMM yyyy, HH:mm"
        return format_datetime(value, format=pattern, locale=locale)
    return format_date(value, format="medium", locale=locale)


def styled(
    frame: pd.DataFrame, places: dict[str, int], lang: str, percent: Iterable[str] = ()
) -> Styler:
    """The frame with numbers shown in the page language's format; columns stay numeric.

    st.dataframe formats numbers in the browser with a decimal point and ignores the shown text
    of a column that has a column_config format, so such columns must not get one.
    """
    in_percent = set(percent)

    def text_of(decimals: int, as_percent: bool) -> Callable[[object], str]:
        show = fmt_percent if as_percent else fmt_number
        return lambda v: "–" if pd.isna(v) else show(v, decimals, lang)

    return frame.style.format({col: text_of(d, col in in_percent) for col, d in places.items()})
