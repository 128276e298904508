"""The statuses are defined once, in dashboard/domain: no other module spells them out.

Table-driven: each row names a set of status words, the module that defines them, the check
and the modules still exempt (with the reason). A module that needs a status imports its name.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.domain import measures, progress

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "dashboard").rglob("*.py"), *(ROOT / "pages").glob("*.py")])
# Translation tables key their words by the status (message data, not rules).
TRANSLATIONS = "dashboard/present/i18n"


@dataclass(frozen=True)
class Rule:
    """One set of status words, where it lives, and how other modules may not use it."""

    name: str
    words: tuple[str, ...]
    home: str
    any_use: bool  # True: no literal at all; False: no collection of two or more words
    exempt: tuple[str, ...] = ()


RULES = [
    Rule("measure statuses", measures.STATUSES, "dashboard/domain/measures.py", any_use=True,
         exempt=(
             "dashboard/demo/measure_table.py",  # the demo generator's seed rows (data, not rules)
             "dashboard/reports/slides.py",  # owned by the reports branch: use domain.measures
         )),
    Rule("progress statuses", progress.STATUS_CODES, "dashboard/domain/progress.py",
         any_use=False,
         exempt=("dashboard/reports/profile_report.py",)),  # its palette joins the one palette
]  # fmt: skip


def _offences(path: Path, rule: Rule) -> list[str]:
    """Lines of ``path`` that spell out status words against ``rule``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    words = set(rule.words)
    found = []
    for node in ast.walk(tree):
        if rule.any_use:
            if isinstance(node, ast.Constant) and node.value in words:
                found.append(f"{node.lineno}: {node.value!r}")
            continue
        items = (
            node.keys if isinstance(node, ast.Dict)
            else node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else []
        )  # fmt: skip
        hits = [i.value for i in items if isinstance(i, ast.Constant) and i.value in words]
        if len(hits) >= 2:
            found.append(f"{node.lineno}: {hits}")
    return found


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_status_words_only_in_their_home(rule: Rule) -> None:
    offences = {}
    for path in SOURCES:
        rel = path.relative_to(ROOT).as_posix()
        if rel == rule.home or rel in rule.exempt or rel.startswith(TRANSLATIONS):
            continue
        if found := _offences(path, rule):
            offences[rel] = found
    assert offences == {}, f"{rule.name} spelled out outside {rule.home}: {offences}"


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_the_check_sees_a_spelled_out_status(rule: Rule, tmp_path: Path) -> None:
    """The check can fail: a module defining the words again is caught."""
    module = tmp_path / "copy.py"
    module.write_text(f"STATUSES = {tuple(rule.words)!r}\n", encoding="utf-8")
    assert _offences(module, rule)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_the_home_defines_the_words(rule: Rule) -> None:
    tree = ast.parse((ROOT / rule.home).read_text(encoding="utf-8"))
    constants = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    assert set(rule.words) <= constants
