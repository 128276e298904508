"""Data care (Daten): upload with preview, import or discard, import log with undo."""

from __future__ import annotations

from dashboard import config
from dashboard.ui import daten
from dashboard.ui.shell import guarded, language, translator

with guarded():
    daten.page(str(config.db_path()), translator(), language())
