"""YAML text to Python data, with libyaml's parser where PyYAML was built with it.

The locale and catalogue-text files are read by every process that starts (the app, each CLI
command): the pure-Python parser took about a second for them, the C parser a tenth of that,
with the same result (both resolve the same safe tags).
"""

from __future__ import annotations

from typing import IO, Any

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | bytes | IO[str]) -> Any:
    """The data of one YAML document, loaded safely (no Python objects)."""
    return yaml.load(source, Loader=SafeLoader)
