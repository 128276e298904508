"""The measures register without widgets: links, search, filters and the table rows."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis.lateness import FLAGS
from dashboard.present.i18n import t
from dashboard.services.measure_register import (
    attention_label,
    district_url,
    field_labels,
    filter_measures,
    goal_url,
    measure_url,
    register_rows,
    search_mask,
)


def _tr(key: str, **values: object) -> str:
    return t(key, "de", **values)


def _measure(mid: int, title: str, **values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": mid, "title": title, "description": None, "status": "laufend", "progress": 40,
        "fields": ["8.2"], "goals": [], "areas": [], "organisation_id": "awo",
        "organisation": "AWO", "contact": None, "partners": None, "notes": None,
        "next_step": None, "origin": None, "planned_end": None, "next_step_date": None,
        "last_reviewed": None, **{flag: False for flag in FLAGS}, "flags": [],
    }  # fmt: skip
    return {**base, **values}


FRAME = pd.DataFrame(
    [
        _measure(1, "Sprachcafé Coerde", areas=["61"], goals=["8.2-L2"]),
        _measure(2, "Elternlotsen", status="geplant", fields=["6.3"], organisation_id="caritas",
                 organisation="Caritas", description="Begleitung zu Kita-Terminen"),
        _measure(3, "Fachtag", status="abgeschlossen", progress=100, overdue=True,
                 flags=["overdue"], areas=["61", "91"]),
    ]
)  # fmt: skip


def test_links_follow_the_url_scheme() -> None:
    assert measure_url(7) == "/massnahmen?id=7"
    assert district_url("61", "Coerde") == "/stadtteil?stadtteil=61#Coerde"
    assert goal_url("8.2-L2") == "/handlungsfelder?ziel=8.2-L2"


@pytest.mark.parametrize(
    ("query", "ids"),
    [("", [1, 2, 3]), ("sprachcafé", [1]), ("kita termin", [2]), ("3", [3]), ("8.2-L2", [1]),
     ("nichts", [])],
)  # fmt: skip
def test_search_matches_every_word(query: str, ids: list[int]) -> None:
    assert list(FRAME[search_mask(FRAME, query)]["id"]) == ids


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        ({}, [1, 2, 3]),
        ({"fields": ["6.3"]}, [2]),
        ({"areas": ["91"]}, [3]),
        ({"areas": ["stadtweit"]}, [2]),
        ({"statuses": ["geplant", "abgeschlossen"]}, [2, 3]),
        ({"organisations": ["caritas"]}, [2]),
        ({"lateness": ["overdue"]}, [3]),
        ({"goals": ["8.2-L2"], "query": "coerde"}, [1]),
    ],
)
def test_filters_combine(filters: dict, ids: list[int]) -> None:
    assert list(filter_measures(FRAME, **filters)["id"]) == ids


def test_register_rows_read_as_people_read_them() -> None:
    rows = register_rows(FRAME, _tr, {"61": "Coerde", "91": "Berg Fidel"}, {"8.2": "8.2 Bildung"})
    first, second, third = rows.to_dict("records")
    assert first["status"] == "laufend" and first["link"] == "/massnahmen?id=1"
    assert first["district"] == "/stadtteil?stadtteil=61#Coerde"
    assert second["areas"] == t("mn.citywide", "de") and pd.isna(second["district"])
    assert third["district"].endswith("#Coerde%20%2B1") and third["areas"] == "Coerde, Berg Fidel"
    assert third["flags"] == t("flag.short.overdue", "de")


def test_field_labels_name_every_field_and_event_kind() -> None:
    labels = field_labels(_tr)
    assert labels["planned_end"] == "Geplantes Ende"
    assert labels["kind.archiviert"] == t("event.archiviert", "de")
    assert "{field}" in labels["changed"]


@pytest.mark.parametrize(("lang", "expected"), [("de", "(Nr. 3)"), ("en", "(no. 3)")])
def test_attention_label_names_the_number_in_the_page_language(lang: str, expected: str) -> None:
    row = {"id": 3, "title": "Fachtag", "flags": ["overdue", "finished_late"]}
    label = attention_label(row, lambda key, **v: t(key, lang, **v), ["Ziel abseits"])
    overdue = t("flag.short.overdue", lang)
    assert label == f"**Fachtag** {expected} — {overdue} · Ziel abseits"
