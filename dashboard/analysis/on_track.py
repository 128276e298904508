"""'Are we on track?' for one district: every target value with its status and, as a separate
judgement, how the district compares with the city; and a topic finder for questions the
Leitbild has no indicator for yet.

Status (distance to the target) and the city gap are two judgements: a target can be on track
while the district is still three times as high as the city. Both are returned, never merged.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from dashboard.analysis import profile as prof
from dashboard.analysis.gaps import CITY
from dashboard.domain import progress as progress_status

GOOD_STATUSES = progress_status.GOOD
COMPARABLE_KINDS = ("share", "rate", "mean")  # counts depend on the area's size
# ratio bands of the city comparison, checked top-down: (lower bound of district/city, key)
RATIO_WORDS = ((4.5, "many"), (3.5, "x4"), (2.5, "x3"), (1.75, "x2"), (1.05, "higher"))
LOW_RATIO_WORDS = ((0.95, "similar"), (0.6, "lower"), (0.4, "half"))  # below the last: "fraction"


def ratio_key(ratio: float) -> str:
    """Word key of a district/city ratio: x3 = 'three times as high', half, similar, …"""
    for lower, key in RATIO_WORDS:
        if ratio >= lower:
            return key
    for lower, key in LOW_RATIO_WORDS:
        if ratio >= lower:
            return key
    return "fraction"


class CityValues:
    """The city's values per indicator and group, looked up by period (latest up to it).

    Built once per district: filtering the city's rows per target took ~3 ms each at 10x.
    """

    def __init__(self, values: pd.DataFrame) -> None:
        rows = values[(values["area_code"] == CITY) & values["value"].notna()]
        rows = rows.sort_values("period", kind="stable")
        self.series: dict[tuple[str, str], list[tuple[int, float]]] = {}
        columns = (rows[c].tolist() for c in ("indicator_id", "grp", "period", "value"))
        for indicator, grp, period, value in zip(*columns, strict=True):
            self.series.setdefault((indicator, grp), []).append((int(period), float(value)))

    def get(self, indicator: str, grp: str, period: int | None) -> float:
        """The city's value of an indicator and group in a period (latest up to it); NaN if none."""
        found = [
            v for p, v in self.series.get((indicator, grp), []) if period is None or p <= period
        ]
        return found[-1] if found else math.nan


def city_value(values: pd.DataFrame, indicator: str, grp: str, period: int | None) -> float:
    """The city's value of an indicator and group in a period (latest up to it); NaN if none."""
    return CityValues(values).get(indicator, grp, period)


def _comparison(value: float, city: float, info: pd.Series) -> tuple[str | None, str | None]:
    """(better|similar|worse|None, ratio word key|None) of a district value against the city."""
    if info["kind"] not in COMPARABLE_KINDS or pd.isna(value) or pd.isna(city) or city == 0:
        return None, None
    judged = prof.assess(value, city, str(info["direction"]), decimals=int(info["decimals"]))
    judged = judged if judged in ("better", "similar", "worse") else None
    key = ratio_key(value / city)
    if judged == "similar":
        key = "similar"
    return judged, key


def district_targets(
    assessments: pd.DataFrame, values: pd.DataFrame, indicators: pd.DataFrame, code: str
) -> pd.DataFrame:
    """Every assessed target value of a district, with the city value and the city judgement.

    One row per assessment of the district (the same rows the Ziel-Ist page lists for it),
    explicit targets first; columns of the assessments plus ``city``, ``city_judgement``
    (better|similar|worse|None, direction-aware), ``ratio_key`` and ``conflict`` (the status is
    good while the district is worse than the city: the case a reader must not miss).
    """
    mine = assessments[assessments["area"].astype(str) == code].copy()
    if mine.empty:
        return mine.assign(city=[], city_judgement=[], ratio_key=[], conflict=[])
    info = indicators.set_index("id")
    city_values = CityValues(values)  # once: filtering per target took seconds at 10x
    cities, judgements, words = [], [], []
    for row in mine.itertuples():
        city = city_values.get(row.indicator_id, row.grp, _period(row.period))
        judged, key = _comparison(row.actual, city, info.loc[row.indicator_id])
        cities.append(city)
        judgements.append(judged)
        words.append(key)
    mine["city"] = cities
    mine["city_judgement"] = judgements
    mine["ratio_key"] = words
    mine["conflict"] = mine["status"].isin(GOOD_STATUSES) & (mine["city_judgement"] == "worse")
    return mine.sort_values(["implicit", "field_id", "indicator_id"], kind="stable").reset_index(
        drop=True
    )


def _period(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


# --- topics without an indicator -----------------------------------------------------------------
_WORD = re.compile(r"[a-zäöüß]+")
STOPWORDS = frozenset({"der", "die", "das", "und", "oder", "für", "mit", "von", "den", "dem", "des",
                       "ein", "eine", "einer", "the", "and", "for", "with", "wie", "was", "gibt",
                       "zur", "zum", "bei", "nach", "über", "im", "in", "an", "auf"})  # fmt: skip
STEM = 5  # compare words by their first letters: 'Sprachförderung' ~ 'Sprachbildung'


def _words(text: str) -> list[str]:
    """Lower-case words of a text without stop words."""
    return [w for w in _WORD.findall(str(text).lower()) if len(w) >= 3 and w not in STOPWORDS]


def _hits(query_words: list[str], text: str) -> int:
    """How many words of ``text`` the question names; German compounds count by their parts
    ('Sprachförderung' names 'Spracherwerb' and 'fördern')."""
    return sum(
        any(q.startswith(w[:STEM]) or (len(w) >= STEM and w[:STEM] in q) for q in query_words)
        for w in set(_words(text))
    )


@dataclass(frozen=True)
class TopicAnswer:
    """What the Leitbild has for a question: matching goals (with or without indicator) and
    the nearest indicators."""

    goals: pd.DataFrame  # id, number, field_id, label, indicators (list), hits
    nearest: list[str]  # indicators of the matching goals and with matching names, best first

    @property
    def without_indicator(self) -> pd.DataFrame:
        """Matching goals the Leitbild measures with no indicator yet."""
        return self.goals[self.goals["indicators"].map(len) == 0]


def find_topic(
    query: str, goals: pd.DataFrame, links: pd.DataFrame, indicators: pd.DataFrame, limit: int = 5
) -> TopicAnswer:
    """Goals and indicators whose words match a question (e.g. 'Sprachförderung in der Kita')."""
    wanted = _words(query)
    linked = links.groupby("goal_id")["indicator_id"].agg(list).to_dict()
    hits = goals["label"].map(lambda label: _hits(wanted, label))
    found = goals.assign(hits=hits)[hits > 0].sort_values(["hits", "sort"], ascending=[False, True])
    # only the best matches: a question naming two things wants goals that name both
    found = found[found["hits"] == found["hits"].max()].head(limit).copy()
    found["indicators"] = found["id"].map(lambda g: list(linked.get(g, [])))
    names = indicators["name"].astype(str) + " " + indicators["short"].astype(str)
    ind_hits = names.map(lambda text: _hits(wanted, text))
    by_name = indicators.assign(h=ind_hits)[ind_hits > 0].sort_values("h", ascending=False)
    of_goals = [i for listed in found["indicators"] for i in listed]
    nearest = list(dict.fromkeys([*of_goals, *by_name["id"]]))
    columns = ["id", "number", "field_id", "label", "indicators", "hits"]
    return TopicAnswer(found[columns].reset_index(drop=True), nearest)
