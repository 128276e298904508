"""Settings: every setting has help text and is documented in the README."""

from __future__ import annotations

import pytest

from dashboard import config
from tests.conftest import ROOT


@pytest.mark.parametrize("name", sorted(config.SETTINGS))
def test_setting_is_documented(name: str) -> None:
    setting = config.SETTINGS[name]
    assert len(setting.help) > 20
    assert setting.env_var in (ROOT / "README.md").read_text(encoding="utf-8")


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEITBILD_MIN_COUNT", "5")
    assert config.get("min_count") == 5
    monkeypatch.setenv("LEITBILD_DB", "elsewhere.duckdb")
    assert config.db_path() == config.PROJECT_ROOT / "elsewhere.duckdb"
