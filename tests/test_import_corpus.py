"""The importer says and stores exactly what the recorded corpus says (issue 17).

``tests/import_corpus.py`` recorded, for several hundred fuzzed and large files, every problem,
note and checked row and what a write stores. A faster importer must give the same answers;
a deliberate change of a message is re-recorded (``python -m tests.import_corpus``) and shows
up in review as a changed corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.store import Store
from tests import import_corpus

RECORDED = import_corpus.load()
FORMATS = sorted({case["name"] for case in RECORDED["cases"]})


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The empty catalogue database the corpus was recorded against."""
    with import_corpus.catalogue_store(tmp_path_factory.mktemp("corpus")) as store:
        yield store


def _differences(store: Store, cases: list[dict[str, Any]]) -> list[str]:
    found = []
    for number, case in enumerate(cases):
        data, opts = import_corpus.case_file(store, case)
        now = import_corpus.outcome(store, case["kind"], data, case["name"], opts)
        if now != case["outcome"]:
            found.append(f"case {number} ({case.get('recipe') or opts}):\n"
                         f"  recorded {case['outcome']}\n  now      {now}")  # fmt: skip
    return found


@pytest.mark.parametrize("name", FORMATS)
def test_importer_answers_as_recorded(
    corpus_store: Store, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEITBILD_TODAY", RECORDED["today"])
    cases = [case for case in RECORDED["cases"] if case["name"] == name]
    assert len(cases) >= 10, "the corpus lost its cases"
    differences = _differences(corpus_store, cases)
    assert not differences, f"{len(differences)} of {len(cases)} differ:\n" + "\n".join(
        differences[:5]
    )


def test_corpus_covers_refusals_and_imports() -> None:
    """Both outcomes of every format are in the corpus, and the large files reach the write."""
    for name in FORMATS:
        outcomes = [case["outcome"] for case in RECORDED["cases"] if case["name"] == name]
        assert any("refused" in o or o.get("write_refused") for o in outcomes), name
        assert any(not o.get("refused") and not o.get("write_refused") for o in outcomes), name
    large = [c["outcome"] for c in RECORDED["cases"] if "recipe" in c]
    assert sum("written" in o for o in large) >= 2
    assert Path(import_corpus.CORPUS).stat().st_size < 1_000_000
