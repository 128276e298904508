"""Convert an old-style message module into locale files.

Old message modules (``dashboard/present/i18n_<group>.py``) filled the shared ``MESSAGES``
dict on import. Translations are now data: ``dashboard/locales/<lang>/<group>.yaml``.

Usage, from the repository root::

    python tools/i18n_to_yaml.py dashboard.present.i18n_foo            # writes locales/*/foo.yaml
    python tools/i18n_to_yaml.py dashboard.present.i18n_foo --group bar

Then delete the module and its ``# noqa: F401`` imports, and run ``tests/test_i18n.py``.
The tool imports the module once, keeps every key it added, and refuses a key the module
changes (a key must be defined in one file only).
"""

from __future__ import annotations

import argparse
import copy
import importlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.present import i18n  # noqa: E402  (needs the repository on the path)


def added_messages(module: str) -> dict[str, dict[str, str]]:
    """The entries ``module`` adds to MESSAGES on import; a changed existing key is an error."""
    before = copy.deepcopy(i18n.MESSAGES)
    importlib.import_module(module)
    changed = sorted(k for k in before if i18n.MESSAGES[k] != before[k])
    if changed:
        raise SystemExit(f"{module} redefines existing keys: {changed}")
    return {k: v for k, v in i18n.MESSAGES.items() if k not in before}


def write_group(messages: dict[str, dict[str, str]], group: str, directory: Path) -> list[Path]:
    """Write one YAML file per language (merged into an existing file of the group)."""
    written = []
    for lang in i18n.LANGUAGES:
        path = directory / lang / f"{group}.yaml"
        existing = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        data = dict(existing or {})
        data.update({k: v[lang] for k, v in messages.items() if lang in v})
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: convert one module."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", help="dotted module name, e.g. dashboard.present.i18n_foo")
    parser.add_argument("--group", help="file name of the group (default: module suffix)")
    args = parser.parse_args(argv)
    group = args.group or args.module.rsplit(".", 1)[-1].removeprefix("i18n_")
    messages = added_messages(args.module)
    for path in write_group(messages, group, i18n.LOCALES_DIR):
        print(f"{path.relative_to(ROOT)}: {len(messages)} keys")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
