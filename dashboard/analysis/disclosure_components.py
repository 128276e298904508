"""The hidden quantities of a frame grouped into components, with array operations.

A component is what one linear program covers: hidden quantities tied together by sets
(total = sum of parts) and by numerator ≤ denominator. At 100x a period holds ~40,000 hidden
quantities and the audit regroups them every round; a union-find over Python tuples took
~0.25 s of every round, a graph over integer keys ~0.1 s (most of it making the tuples).

A quantity's key is rank × rows + position, the rank ordering the quantity names as sorted
``Var`` tuples would ("denominator" < "numerator" < "value").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from dashboard.analysis.disclosure_lp import Component, Row, Var
from dashboard.analysis.disclosure_model import QUANTITIES, RANK

if TYPE_CHECKING:
    from dashboard.analysis.disclosure_model import Masks, Model

BY_RANK = ("denominator", "numerator", "value")


def components(model: Model, masks: Masks) -> list[Component]:
    """Hidden quantities grouped by the sets and bounds that tie them together.

    Components come in the order of their first quantity (by name, then position), each
    with its quantities in that order, its sets in set order and its pairs in bound order.
    """
    hidden = np.vstack([masks.hidden, masks.hidden, masks.hidden_den])
    codes, positions = model.bound_codes, model.bound_positions
    small_hidden = hidden[codes[:, 0], positions[:, 0]]
    large_hidden = hidden[codes[:, 1], positions[:, 1]]
    # a numerator of a published denominator 0 is 0 by definition ("0 of 0"): nobody to protect
    pinned = small_hidden & ~large_hidden & (model.bound_amounts[:, 1] == 0)
    unknown = hidden.copy()
    unknown[codes[pinned, 0], positions[pinned, 0]] = False
    member_keys, row_keys, rows = _rows(model, masks, unknown)
    sizes = np.fromiter((len(coef) for coef, _rhs in rows), dtype=np.int64, count=len(rows))
    row_of_member = np.repeat(row_keys, sizes)
    keys = RANK[codes] * model.size + positions  # per bound: (smaller, larger)
    chosen = (small_hidden & ~pinned) | large_hidden
    small = chosen & unknown[codes[:, 0], positions[:, 0]]
    large = chosen & unknown[codes[:, 1], positions[:, 1]]
    pair = small & large
    nodes = np.unique(np.concatenate([member_keys, keys[small, 0], keys[large, 1]]))
    label = _label(
        nodes,
        np.concatenate([member_keys, keys[pair, 0]]),
        np.concatenate([row_of_member, keys[pair, 1]]),
    )
    ranks, at = np.divmod(nodes, model.size)
    variables: list[Var] = [
        (BY_RANK[r], p) for r, p in zip(ranks.tolist(), at.tolist(), strict=True)
    ]
    lower, upper = _limits(model, nodes, keys, small & ~large, large & ~small)
    low = dict(zip(variables, lower.tolist(), strict=True))
    high = dict(zip(variables, upper.tolist(), strict=True))
    out = [Component([], [], low, high, []) for _ in range(int(label.max(initial=-1)) + 1)]
    for k, var in zip(label.tolist(), variables, strict=True):
        out[k].variables.append(var)
    row_label = label[np.searchsorted(nodes, row_keys)]
    for k, row in zip(row_label.tolist(), rows, strict=True):
        out[k].rows.append(row)
    for i in np.flatnonzero(pair).tolist():
        out[int(label[np.searchsorted(nodes, keys[i, 0])])].inequalities.append(model.bounds[i])
    return out


def _rows(
    model: Model, masks: Masks, unknown: np.ndarray
) -> tuple[np.ndarray, np.ndarray, list[Row]]:
    """The equations of the sets with an unknown member: sum(±1 × unknown) = rhs.

    Returns the keys of all unknown members (set by set), the key of each row's first
    unknown member, and the rows. The first member of a set is its total (+1), the others
    its parts (-1); the visible members move to the right-hand side, summed in member order.
    """
    touched = np.zeros(len(model.sets), dtype=bool)
    touched[model.touched(masks)] = True
    in_touched = touched[model.member_set]
    is_unknown = unknown[model.member_code, model.member_position]
    visible = in_touched & ~is_unknown
    chosen = np.flatnonzero(in_touched & is_unknown)
    sets = model.member_set[chosen]
    terms = model.member_sign[visible] * model.member_amount[visible]
    total = np.bincount(model.member_set[visible], weights=terms, minlength=len(model.sets))
    seen = np.bincount(model.member_set[visible], minlength=len(model.sets))
    starts = np.flatnonzero(np.r_[True, sets[1:] != sets[:-1]])[: len(sets)]
    row_sets = sets[starts]
    # a set without visible members: 0 (as a sum over nothing), not -0.0
    rhs = np.where(seen[row_sets] > 0, -total[row_sets], 0.0).tolist()
    code, position = model.member_code[chosen], model.member_position[chosen]
    keys = RANK[code] * model.size + position
    terms_of = list(
        zip(
            zip([QUANTITIES[c] for c in code.tolist()], position.tolist(), strict=True),
            model.member_sign[chosen].tolist(),
            strict=True,
        )
    )
    ends = [*starts.tolist()[1:], len(chosen)][: len(starts)]
    rows = [(tuple(terms_of[a:b]), r) for a, b, r in zip(starts.tolist(), ends, rhs, strict=True)]
    return keys, keys[starts], rows


def _label(nodes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per node its component number, components numbered in the order of their first node."""
    from scipy.sparse import coo_matrix  # imported here: only imports release values
    from scipy.sparse.csgraph import connected_components

    if not len(nodes):
        return np.zeros(0, dtype=np.int64)
    i, j = np.searchsorted(nodes, a), np.searchsorted(nodes, b)
    graph = coo_matrix((np.ones(len(i)), (i, j)), shape=(len(nodes), len(nodes)))
    count, labels = connected_components(graph, directed=False)
    _labels, first = np.unique(labels, return_index=True)
    number = np.empty(count, dtype=np.int64)
    number[np.argsort(first)] = np.arange(count)
    return number[labels]


def _limits(
    model: Model, nodes: np.ndarray, keys: np.ndarray, small: np.ndarray, large: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per node its least and greatest amount from the published side of its bounds.

    A hidden numerator is at most its published denominator; a hidden denominator at least
    its published numerator; otherwise 0 … unlimited.
    """
    lower, upper = np.zeros(len(nodes)), np.full(len(nodes), np.inf)
    np.fmax.at(lower, np.searchsorted(nodes, keys[large, 1]), model.bound_amounts[large, 0])
    np.fmin.at(upper, np.searchsorted(nodes, keys[small, 0]), model.bound_amounts[small, 1])
    return lower, upper
