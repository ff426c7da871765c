"""Certifying, sorting and writing out the extreme equilibria of :mod:`.exact`, on integer keys.

Each distribution is carried as a :data:`Key` (its integer weights in lowest terms,
then their sum), which is canonical: equal distributions have equal keys. Certification is in
integers (:func:`_certified_values`: int64 products where they provably fit, Python integers
otherwise), sorting by decreasing probabilities on floats made exact on ties
(:func:`_exactly_sorted`), and Fractions are made once, shared (:class:`_Fractions`).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ..game import Game
from ..result import Equilibrium

__all__: list[str] = []

#: A distribution as its integer weights in lowest terms followed by their sum.
Key = tuple[int, ...]


def _key(weights: list[int]) -> Key:
    """The distribution ``weights / sum(weights)`` as a :data:`Key` (non-negative weights)."""
    g = math.gcd(*weights)
    if g != 1:
        weights = [v // g for v in weights]
    return (*weights, sum(weights))


def _decreasing(key: Key) -> tuple[float, ...]:
    """Float sort key by decreasing probabilities; :func:`_exactly_sorted` makes it exact.

    ``w / d`` of two Python integers is correctly rounded, so the order is monotone."""
    d = key[-1]
    return tuple(-(w / d) for w in key[:-1])


def _float_keys(keys: list[tuple[Key, ...]]) -> np.ndarray:
    """The float sort keys (:func:`_decreasing`) of many items, one row each.

    Integers below 2**53 convert to float64 exactly and numpy's division is correctly rounded,
    so the vectorised keys equal the per-item ones; larger integers take the per-item path."""
    widths = [len(k) for k in keys[0]]
    try:
        flat = np.array([[w for k in item for w in k] for item in keys], dtype=np.int64)
    except OverflowError:
        flat = None
    if flat is None or np.abs(flat).max() >= 2**53:
        return np.array([[f for k in item for f in _decreasing(k)] for item in keys])
    parts, at = [], 0
    for width in widths:
        block = flat[:, at : at + width]
        parts.append(-(block[:, :-1] / block[:, -1:]))
        at += width
    return np.concatenate(parts, axis=1)


def _exact_decreasing(key: Key) -> tuple[Fraction, ...]:
    d = key[-1]
    return tuple(-Fraction(w, d) for w in key[:-1])


def _exactly_sorted(items: list, key) -> list:
    """Sort by decreasing probabilities, ``key(item)`` being a tuple of :data:`Key`, floats first.

    Rounding is monotone, so sorting on floats orders every pair whose floats differ
    correctly (numpy's stable lexicographic sort); runs of equal float keys are then
    re-sorted on the exact key. Ties keep the order of ``items``.
    """
    if len(items) < 2:
        return list(items)
    floats = _float_keys([key(item) for item in items])
    order = np.lexsort(floats.T[::-1])
    ordered = floats[order]
    same = np.all(ordered[1:] == ordered[:-1], axis=1)
    out = [items[k] for k in order.tolist()]
    if not same.any():
        return out
    # Runs of equal floats: [start, stop) where same[start..stop-2] all hold.
    starts = np.flatnonzero(same & ~np.concatenate(([False], same[:-1])))
    for start in starts.tolist():
        stop = start + 1
        while stop - 1 < len(same) and same[stop - 1]:
            stop += 1
        out[start:stop] = sorted(
            out[start:stop], key=lambda item: tuple(_exact_decreasing(v) for v in key(item)))
    return out


class _Int64Payoffs:
    """The scaled payoffs as int64 when they fit, for the fast products of
    :func:`_certified_values` (exact while no sum can reach 2**63)."""

    def __init__(self, a_scaled: np.ndarray, b_scaled: np.ndarray) -> None:
        self.a = self.b = None
        self.bound = 0
        big = max((abs(int(v)) for v in (*a_scaled.flat, *b_scaled.flat)), default=0)
        if big < 2**62:
            self.a = a_scaled.astype(np.int64)
            self.b = b_scaled.astype(np.int64)
            self.bound = big

    def fits(self, total: int) -> bool:
        """Whether ``payoff x weight`` sums with weights summing to ``total`` fit in int64."""
        return self.a is not None and self.bound * total < 2**62


def _certified_values(
    a_scaled: np.ndarray, b_scaled: np.ndarray, kx: Key, ky: Key,
    small: _Int64Payoffs | None = None,
) -> tuple[int, int] | None:
    """:func:`gametheory.result.certify` for two players, in integers: every strategy played
    is a best response (payoffs times the lcm of their denominators, probabilities as integer
    weights: the same comparisons, no fractions). Returns the two best-response values (in
    those units) or None if the profile is not an equilibrium."""
    wx, wy = kx[:-1], ky[:-1]
    if min(wx) < 0 or min(wy) < 0 or sum(wx) != kx[-1] or sum(wy) != ky[-1]:
        return None
    if small is not None and small.fits(max(kx[-1], ky[-1])):
        rows = small.a.dot(np.array(wy, dtype=np.int64)).tolist()
        columns = np.array(wx, dtype=np.int64).dot(small.b).tolist()
    else:
        rows = a_scaled.dot(np.fromiter(wy, dtype=object, count=len(wy))).tolist()
        columns = np.fromiter(wx, dtype=object, count=len(wx)).dot(b_scaled).tolist()
    top_row, top_column = max(rows), max(columns)
    if all(r == top_row for p, r in zip(wx, rows, strict=True) if p) and all(
            c == top_column for q, c in zip(wy, columns, strict=True) if q):
        return top_row, top_column
    return None


def _equilibrium(
    game: Game, a_scale: int, b_scale: int, kx: Key, ky: Key, values: tuple[int, int],
    fractions: _Fractions,
) -> Equilibrium:
    """The certified equilibrium of the keys, with its payoffs ``values`` (from
    :func:`_certified_values`) as exact Fractions. ``fractions`` caches the probabilities made
    so far (Fractions are immutable: equal ones are shared)."""
    dx, dy = kx[-1], ky[-1]
    zero = _ZERO
    x = tuple(zero if not w else fractions[w, dx] for w in kx[:-1])
    y = tuple(zero if not w else fractions[w, dy] for w in ky[:-1])
    return Equilibrium(
        players=game.players,
        strategies=game.strategies,
        profile=(x, y),
        payoffs=(Fraction(values[0], a_scale * dy), Fraction(values[1], b_scale * dx)),
        regret=_ZERO,
    )


_ZERO = Fraction(0)


class _Fractions(dict):
    """``cache[w, d]`` is ``Fraction(w, d)``, made once (Fractions are immutable)."""

    def __missing__(self, key: tuple[int, int]) -> Fraction:
        value = self[key] = Fraction(*key)
        return value
