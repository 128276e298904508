"""Settings with defaults and help text, in one place.

Every setting can be overridden by an environment variable of the same name in upper case with
the prefix ``LEITBILD_`` (e.g. ``LEITBILD_MIN_COUNT=5``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# A source checkout has pyproject.toml beside the package; an installed package (wheel) carries
# the catalogues, map, pages and Streamlit config in dashboard/_res with the same layout.
IS_CHECKOUT = (PACKAGE_DIR.parent / "pyproject.toml").is_file()
PROJECT_ROOT = PACKAGE_DIR.parent if IS_CHECKOUT else PACKAGE_DIR / "_res"
DATA_DIR = PROJECT_ROOT / "data"
GEO_DIR = PROJECT_ROOT / "geo"


@dataclass(frozen=True)
class Setting:
    """One configurable value with its default and the help text shown to admins."""

    name: str
    default: str | int | float
    help: str

    @property
    def env_var(self) -> str:
        """Name of the environment variable that overrides this setting."""
        return "LEITBILD_" + self.name.upper()


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "db",
            "data/leitbild.duckdb",
            "Path of the DuckDB file. Relative paths are resolved against the project root "
            "(an installed package: against the current directory).",
        ),
        Setting(
            "min_count",
            3,
            "Counts below this value are suppressed (secret) in every output, as in the "
            "official statistics.",
        ),
        Setting(
            "min_denominator",
            20,
            "Shares and rates whose denominator is below this value are not shown.",
        ),
        Setting(
            "max_upload_mb",
            20,
            "Largest file (in MB) an import accepts.",
        ),
        Setting(
            "import_max_rows",
            100_000,
            "Most rows the sheet of an XLSX import may have (counted by streaming the file "
            "before it is parsed in full; larger tables belong in CSV).",
        ),
        Setting(
            "import_max_cells",
            1_000_000,
            "Most cells the sheet of an XLSX import may have (counted by streaming the file "
            "before it is parsed in full).",
        ),
        Setting(
            "aggregate_tolerance",
            0.5,
            "Largest difference between an aggregate row and the sum of its districts that "
            "an import accepts without a note (in the unit of the table).",
        ),
        Setting(
            "index_min_population",
            300,
            "Districts with fewer residents are left out of the social status index.",
        ),
        Setting(
            "progress_min_points",
            3,
            "Fewest data points a progress status needs; with fewer it is 'nicht bewertbar'.",
        ),
        Setting(
            "progress_window",
            5,
            "Number of most recent annual changes the weather method averages for its trend.",
        ),
        Setting(
            "progress_small_numerator",
            30,
            "Below this numerator (or count) a progress status carries an uncertainty note.",
        ),
        Setting(
            "progress_cagr_min_points",
            2,
            "Fewest data points the growth-rate (Open SDG) method needs.",
        ),
        Setting(
            "review_after_days",
            28,
            "A measure not reviewed for this many days is flagged as 'needs review'.",
        ),
        Setting(
            "table_limit",
            1000,
            "Most rows a long table on a page shows at once (downloads always hold every row).",
        ),
        Setting(
            "matrix_limit",
            60,
            "Most areas the districts × fields matrix draws at once; more are shown a page at a "
            "time (its download holds every area).",
        ),
        Setting(
            "catalogue_dir",
            "",
            "Directory of the strategy catalogue (areas.yaml, leitbild.yaml, indicators.yaml, "
            "optionally tiles.geojson and demo/); empty: the project's data/ (Münster).",
        ),
        Setting(
            "demo_seed",
            20250213,
            "Seed of the deterministic demo data generator.",
        ),
        Setting(
            "anonymous_viewing",
            True,
            "Read-only viewing without login (for public events). Off: every page asks for a "
            "login first.",
        ),
        Setting(
            "login_max_failures",
            5,
            "Failed password logins in a row after which a local account is locked.",
        ),
        Setting(
            "lockout_minutes",
            15,
            "How long a local account stays locked after too many failed logins.",
        ),
        Setting(
            "backup_key",
            "",
            "Secret key (at least 16 characters) that signs backups (HMAC-SHA256); a restore "
            "refuses every file not signed with it. Keep it secret and outside the backups.",
        ),
        Setting(
            "oidc_role_claim",
            "roles",
            "Claim of the city login (OpenID Connect) whose values (e.g. groups) are looked up "
            "in the role mapping table (python -m dashboard user map-claim).",
        ),
        Setting(
            "lock_wait_seconds",
            3.0,
            "How long a command-line call waits for the database while another process (the "
            "running app) holds it, before it says so and stops.",
        ),
    )
}


def get(name: str) -> str | int | float:
    """Return the effective value of a setting (environment override or default)."""
    setting = SETTINGS[name]
    raw = os.environ.get(setting.env_var)
    if raw is None or raw == "":
        return setting.default
    if isinstance(setting.default, bool):
        return raw.lower() in {"1", "true", "yes", "ja"}
    if isinstance(setting.default, int):
        return int(raw)
    if isinstance(setting.default, float):
        return float(raw)
    return raw


def db_path() -> Path | str:
    """The DuckDB file (``LEITBILD_DB``; relative: see the setting's help) or a PostgreSQL URL."""
    raw = str(get("db"))
    if raw.startswith(("postgresql://", "postgres://")):
        return raw  # a URL stays text: Path() would fold its "//"
    path = Path(raw)
    if path.is_absolute():
        return path
    # an installed package must not write into site-packages: its database lives where it runs
    return (PROJECT_ROOT if IS_CHECKOUT else Path.cwd()) / path


def catalogue_dir() -> Path:
    """The catalogue directory (``LEITBILD_CATALOGUE_DIR``), by default the project's data/."""
    raw = str(get("catalogue_dir"))
    return Path(raw).resolve() if raw else DATA_DIR
