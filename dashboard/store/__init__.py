"""The one package that talks to the database: ``Store`` composed of one repository per aggregate.

``db.py`` owns the connection, transactions and write serialisation; ``schema.py`` applies the
numbered migrations in ``migrations/``; every other module is the repository of one aggregate
with its own SQL beside it. ``Store`` is all of them in one object (cheap to create, share one
per app). Local notes are a repository over a ``Store`` (``notes.py``), used by the services.

A schema change is a new file ``migrations/NNN_name.sql`` with the next number (never edit a
released one). A new aggregate is a module here with its SQL constants and a class
``XRepository(Database)``, added to the bases of ``Store`` below
(tests/test_store_layout.py checks both).
"""

from __future__ import annotations

from dashboard.store.accounts import AccountRepository
from dashboard.store.assessments import AssessmentRepository
from dashboard.store.backup import BackupRepository
from dashboard.store.catalogue import CatalogueRepository
from dashboard.store.decks import DeckRepository
from dashboard.store.geometry import GeometryRepository
from dashboard.store.importlog import ImportLogEntry, ImportLogRepository, sha256_of
from dashboard.store.measures import (
    MEASURE_EDITABLE,
    MEASURE_LINKS,
    MeasureConflictError,
    MeasureRepository,
)
from dashboard.store.observations import OBSERVATION_COLUMNS, ObservationRepository
from dashboard.store.overview import OverviewRepository
from dashboard.store.released import ReleasedRepository
from dashboard.store.reviews import ReviewRepository
from dashboard.store.schema import SchemaRepository
from dashboard.store.targets import TARGET_COLUMNS, TargetRepository
from dashboard.store.undo import UndoRepository

__all__ = [
    "MEASURE_EDITABLE",
    "MEASURE_LINKS",
    "OBSERVATION_COLUMNS",
    "TARGET_COLUMNS",
    "ImportLogEntry",
    "MeasureConflictError",
    "Store",
    "sha256_of",
]


class Store(
    SchemaRepository,
    CatalogueRepository,
    UndoRepository,  # includes ObservationRepository and GeometryRepository
    ObservationRepository,
    GeometryRepository,
    ReleasedRepository,
    AssessmentRepository,
    ImportLogRepository,
    TargetRepository,
    MeasureRepository,
    ReviewRepository,
    DeckRepository,
    AccountRepository,
    OverviewRepository,
    BackupRepository,
):
    """Owns one DuckDB database file (or PostgreSQL database) for this process."""
