"""Raw values on the map page: admins only, asked for explicitly, every view logged."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth import guard
from dashboard.auth.roles import User
from dashboard.errors import PermissionDenied
from dashboard.store import Store
from tests.auth_helpers import log_in
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "karte.py")
TOGGLE = "karte_raw"


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def _page(user: str | None = None, role: str = "admin", **scope: object) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["indikator"] = "anteil_mv"
    if user is not None:
        log_in(at, user, role, run=False, **scope)
    return at.run()


@pytest.mark.parametrize(
    ("user", "role", "scope"),
    [(None, "viewer", {}), ("vera", "viewer", {}), ("cora", "editor", {"areas": ["61"]})],
)
def test_only_admins_see_the_toggle(
    demo_db: Path, user: str | None, role: str, scope: dict
) -> None:
    at = _page(user, role, **scope)
    assert not at.exception
    assert TOGGLE not in [t.key for t in at.toggle]


def test_admin_asks_for_raw_values_and_it_is_logged(demo_db: Path) -> None:
    at = _page("ada")
    assert not at.exception
    tables = len(at.dataframe)
    assert not Store(demo_db).access_log().query("action == 'raw.view'").shape[0]
    at.toggle(key=TOGGLE).set_value(True).run()
    assert not at.exception
    assert any("Rohwerte ohne Geheimhaltung" in w.value for w in at.warning)
    raw = at.dataframe[-1].value
    # a derived share: its stored numerator and denominator counts, unsuppressed
    assert len(at.dataframe) == tables + 1 and len(raw) > 0
    assert set(raw["indicator_id"]) <= {"anteil_mv", "bevoelkerung", "bevoelkerung_mv"}
    log = Store(demo_db).access_log().query("action == 'raw.view'")
    assert len(log) >= 1 and set(log["username"]) == {"ada"}
    assert log.iloc[0]["detail"].startswith("anteil_mv")


@pytest.mark.parametrize("user", [None, User("cora", "Cora", "editor", frozenset({"0"}))])
def test_the_read_itself_refuses_non_admins(demo_store: Store, user: User | None) -> None:
    with pytest.raises(PermissionDenied):
        guard.raw_observations(demo_store, user, ["anteil_mv"], ["61"], [2023])
    assert demo_store.access_log().empty


def test_district_profile_offers_raw_values_to_admins_only(demo_db: Path) -> None:
    page = str(ROOT / "pages" / "stadtteil.py")
    anonymous = AppTest.from_file(page, default_timeout=60)
    anonymous.query_params["stadtteil"] = "61"
    anonymous.run()
    assert not anonymous.exception and "stadtteil_raw" not in [t.key for t in anonymous.toggle]
    at = AppTest.from_file(page, default_timeout=60)
    at.query_params["stadtteil"] = "61"
    log_in(at, "ada", "admin", run=False)
    at.run()
    at.toggle(key="stadtteil_raw").set_value(True).run()
    assert not at.exception
    raw = next(d.value for d in at.dataframe if "numerator" in d.value.columns)
    assert set(raw["area_code"]) == {"61"} and len(raw) > 0
    log = Store(demo_db).access_log().query("action == 'raw.view'")
    assert len(log) == 1 and "| 61 |" in log.iloc[0]["detail"]
