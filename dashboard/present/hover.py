"""Hover texts that know their wording apart from their values (sent once per map, not per area).

A map of 450 areas sent 450 hover texts that repeat the same words around a few numbers. A
``Hover`` is the full text (it is a ``str``) and also its wording with the varying parts as
plotly placeholders (``%{meta[1]}``) plus those parts. The map puts the wording most areas share
into the figure's template once and gives each area only its values (``meta``); plotly fills
them in when the pointer is on the area, giving exactly the text the ``str`` holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# meta[0] of an area's click targets is its code; its hover values follow from meta[1]
_SLOT = re.compile(r"%\{meta\[(\d+)\]\}")


def placeholder(index: int) -> str:
    """The plotly placeholder of ``meta[index]``."""
    return f"%{{meta[{index}]}}"


def render(template: str, values: Sequence[str]) -> str:
    """The text plotly shows for ``template`` with meta = [code, *values] (one pass)."""
    return _SLOT.sub(lambda m: values[int(m.group(1)) - 1], template)


class Hover(str):
    """A hover text (the str itself) with its ``template`` and the ``values`` for its slots."""

    template: str
    values: tuple[str, ...]

    def __new__(cls, template: str, values: Sequence[str]) -> Hover:
        """The text of ``template`` filled with ``values``."""
        text = super().__new__(cls, render(template, values))
        text.template = template
        text.values = tuple(values)
        return text

    def __getnewargs__(self) -> tuple[str, tuple[str, ...]]:  # type: ignore[override]
        """Copies and pickles are made from the template and values."""
        return (self.template, self.values)


class Slots:
    """Collects the varying parts of one hover text while it is written."""

    def __init__(self) -> None:
        self.values: list[str] = []

    def __call__(self, value: str) -> str:
        """A placeholder for ``value`` (the value is kept for the area's meta)."""
        self.values.append(value)
        return placeholder(len(self.values))

    def hover(self, template: str) -> Hover:
        """The finished hover text."""
        return Hover(template, self.values)
