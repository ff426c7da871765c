"""Every extreme Nash equilibrium of a bimatrix game, exactly, and the equilibrium components.

Method (von Stengel, 2007, section 3.5; Avis, Rosenberg, Savani and von Stengel, 2010)
--------------------------------------------------------------------------------------
Shift and scale both payoff matrices to positive integers (this changes no equilibrium) and
form the best-response polytopes

.. math::

    P = \\{x \\in \\mathbb{R}^m : x \\ge 0,\\ B^\\top x \\le 1\\}, \\qquad
    Q = \\{y \\in \\mathbb{R}^n : A y \\le 1,\\ y \\ge 0\\}.

Label the row strategies :math:`1..m` and the column strategies :math:`m+1..m+n`. A point of
:math:`P` has label :math:`i` if :math:`x_i = 0` and label :math:`m+j` if column :math:`j` is a
best response (:math:`(B^\\top x)_j = 1`); a point of :math:`Q` has label :math:`m+j` if
:math:`y_j = 0` and label :math:`i` if row :math:`i` is a best response. The extreme Nash
equilibria are exactly the *completely labelled* pairs of vertices :math:`(x, y) \\ne (0, 0)`,
rescaled to probabilities, in degenerate games too. Vertices are enumerated exactly by
:mod:`._polytope`; complete labelling is a bit-mask test. In a large rectangular game (a side
of :data:`ONE_SIDED_FROM` strategies or more) only the smaller player's polytope is enumerated,
and the matching vertices of the other are solved for exactly (:mod:`._one_sided`, as lrsnash
does); its status is then ``"degenerate"`` when a degenerate vertex is met, and the message says
that the larger polytope was not searched for degenerate vertices away from the equilibria.

The extreme equilibria form a bipartite graph (row vertices, column vertices, an edge per
equilibrium). Its maximal bicliques are the maximal Nash subsets (each the product of the convex
hulls of its two vertex sets) and its connected components are the components of the
equilibrium set.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from ..game import Game
from ..result import Component, Equilibrium, SolveInterrupted, SolveResult
from ._one_sided import Key, _key, one_sided_pairs, streamed_pairs
from ._polytope import Vertices, enumerate_vertices

__all__ = ["exact_equilibria"]


#: Rectangular games whose larger side has at least this many strategies are enumerated from
#: the smaller side only (:mod:`._one_sided`); smaller ones from both sides.
ONE_SIDED_FROM = 13
#: Games whose smaller side has at least this many strategies are searched in bounded memory:
#: the smaller player's polytope by reverse search (:mod:`._reverse_search`), each vertex matched
#: as in the one-sided enumeration, equilibria found while the search runs (progress, Ctrl-C).
#: Below it the double description method is faster (it keeps every vertex in memory).
REVERSE_SEARCH_FROM = 19

def _positive_integer(matrix: np.ndarray) -> np.ndarray:
    """A positive affine image of the matrix with positive integer entries."""
    # In integers: (v - min + 1) * L = v * L - min * L + L, with L the lcm of the denominators.
    values = matrix.reshape(-1).tolist()  # Fractions or ints
    scale = math.lcm(*(v.denominator for v in values))
    ints = [v.numerator * (scale // v.denominator) for v in values]
    low = min(ints)
    out = np.empty(len(ints), dtype=object)
    out[:] = [v - low + scale for v in ints]
    return out.reshape(matrix.shape)


def _remap_q_labels(mask: int, m: int, n: int) -> int:
    """Q's own labels (bit j: y_j = 0, bit n + i: row i tight) to the game's labels."""
    return (mask >> n) | ((mask & ((1 << n) - 1)) << m)


def exact_equilibria(
    game: Game, progress: Callable[[int, int | None, int], Any] | None = None
) -> SolveResult:
    """Every extreme Nash equilibrium of a two-player game, exactly, with the components.

    Parameters
    ----------
    game : Game
        A two-player game.
    progress : callable, optional
        For games whose smaller side has :data:`REVERSE_SEARCH_FROM` strategies or more (the
        streamed search): called as ``progress(visited, None, found)``, vertices of the smaller
        player's polytope visited and equilibria found so far. Not called for smaller games.

    Returns
    -------
    SolveResult
        ``equilibria`` holds every extreme equilibrium, sorted (pure strategies of the first
        player first, then by decreasing probabilities); ``components`` lists the connected
        components of the equilibrium set with their maximal Nash subsets. ``status`` is
        ``"degenerate"`` for a degenerate game (the result is still complete).

    Raises
    ------
    SolveInterrupted
        Ctrl-C during a streamed search; its ``result`` (status ``"incomplete"``) holds the
        equilibria certified so far.

    References
    ----------
    B. von Stengel (2007), Equilibrium computation for two-player games in strategic and
    extensive form, ch. 3 of *Algorithmic Game Theory*, section 3.5.

    D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010), Enumeration of Nash
    equilibria for two-player games, *Economic Theory* 42, 9-37.

    Examples
    --------
    A degenerate game with a continuum of equilibria (one component, two extreme points):

    >>> g = Game.from_arrays([[1, 1], [0, 2]], [[1, 1], [1, 1]])
    >>> result = exact_equilibria(g)
    >>> [eq.profile for eq in result.equilibria]  # doctest: +NORMALIZE_WHITESPACE
    [((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1))),
     ((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 2), Fraction(1, 2))),
     ((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 2), Fraction(1, 2))),
     ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))]
    >>> result.status, [c.equilibria for c in result.components]
    ('degenerate', [(0, 1, 2, 3)])
    """
    a, b = game.matrices()
    m, n = game.shape
    # Enumerating the smaller side only pays on large rectangular games; it cannot decide
    # whether the game is degenerate away from the equilibria, so on smaller games (where
    # both polytopes are cheap) both are enumerated and the status is decided exactly.
    one_sided = m != n and max(m, n) >= ONE_SIDED_FROM
    streamed = min(m, n) >= REVERSE_SEARCH_FROM
    interrupted = False
    if streamed:
        one_sided = True
        if m <= n:
            keys, degenerate, interrupted = streamed_pairs(
                _positive_integer(b).T.copy(), _positive_integer(a), progress)
        else:
            yx, degenerate, interrupted = streamed_pairs(
                _positive_integer(a), _positive_integer(b).T.copy(), progress)
            keys = [(x, y) for y, x in yx]
    elif one_sided and m < n:
        keys, degenerate = one_sided_pairs(_positive_integer(b).T.copy(), _positive_integer(a))
    elif one_sided:
        yx, degenerate = one_sided_pairs(_positive_integer(a), _positive_integer(b).T.copy())
        keys = [(x, y) for y, x in yx]
    else:
        keys, degenerate = _both_sides(a, b, m, n)

    # Every candidate is certified and sorted on its integer key (weights, common
    # denominator), which is canonical; Fractions are made once, for the result.
    (a_scaled, a_scale), (b_scaled, b_scale) = game._integer_payoffs()
    values = {}
    small = _Int64Payoffs(a_scaled, b_scaled)
    for kx, ky in keys:
        value = _certified_values(a_scaled, b_scaled, kx, ky, small)
        if value is None:  # pragma: no cover - would be a bug in the enumeration
            raise AssertionError(f"exact enumeration produced a non-equilibrium {(kx, ky)}")
        values[kx, ky] = value
    keys = _exactly_sorted(keys, lambda k: k)
    fractions = _Fractions()
    equilibria = tuple(
        _equilibrium(game, a_scale, b_scale, kx, ky, values[kx, ky], fractions)
        for kx, ky in keys)
    components = _components(keys)

    if interrupted:
        raise SolveInterrupted(SolveResult(
            game=game, method="exact", equilibria=equilibria, components=components,
            exact=True, complete=False, status="incomplete",
            message=(f"interrupted: {len(equilibria)} extreme "
                     f"{'equilibrium' if len(equilibria) == 1 else 'equilibria'} certified so "
                     "far; others may exist"),
        ))
    if degenerate:
        status = "degenerate"
        message = (
            "the game is degenerate; every extreme equilibrium and every component was found"
        )
    elif one_sided:
        status, message = "ok", (
            "every equilibrium was found (the smaller player's polytope was "
            + ("searched by reverse search" if streamed else "enumerated") + " and is "
            "nondegenerate; no degenerate vertex of the other's meets an equilibrium; whether "
            "the game is degenerate elsewhere was not decided)"
        )
    else:
        status, message = "ok", "every equilibrium was found (the game is nondegenerate)"
    return SolveResult(
        game=game,
        method="exact",
        equilibria=equilibria,
        components=components,
        exact=True,
        complete=True,
        status=status,
        message=message,
    )




def _key_of_point(point: np.ndarray) -> Key:
    """The canonical key of a vertex ``(w, t)`` of a best-response polytope, rescaled to a
    distribution: ``w / sum(w)`` in lowest terms (the gcd of the weights divided out, their
    sum is then the least common denominator)."""
    return _key(point[:-1].tolist())  # Python integers (an object array)


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


def _both_sides(a: np.ndarray, b: np.ndarray, m: int, n: int) -> tuple[list[tuple[Key, Key]], bool]:
    """Completely labelled pairs by enumerating both polytopes, and whether one is degenerate."""
    p_vertices = enumerate_vertices(_positive_integer(b).T.copy())
    q_vertices = enumerate_vertices(_positive_integer(a))
    p_labels = list(p_vertices.labels)
    q_labels = [_remap_q_labels(mask, m, n) for mask in q_vertices.labels]
    pairs = _completely_labelled(p_labels, q_labels, p_vertices, q_vertices, m, n)
    degenerate = any(v.bit_count() > m for v in p_labels) or any(
        v.bit_count() > n for v in q_labels
    )
    x_of = {i: _key_of_point(p_vertices.points[i]) for i in {i for i, _ in pairs}}
    y_of = {j: _key_of_point(q_vertices.points[j]) for j in {j for _, j in pairs}}
    return [(x_of[i], y_of[j]) for i, j in pairs], degenerate


def _completely_labelled(
    p_labels: list[int],
    q_labels: list[int],
    p_vertices: Vertices,
    q_vertices: Vertices,
    m: int,
    n: int,
) -> list[tuple[int, int]]:
    """Index pairs (P vertex, Q vertex) whose labels cover all m + n labels, but (0, 0)."""
    full = (1 << (m + n)) - 1
    # A Q vertex with exactly n labels can cover a needed set of n labels only by equalling it,
    # which hashing finds; Q vertices with more labels (degenerate ones, few) are tested one by
    # one. A degenerate P vertex needs fewer than n labels: then every Q vertex is tested.
    by_mask: dict[int, list[int]] = defaultdict(list)
    extra: list[int] = []
    for j, mask in enumerate(q_labels):
        if mask.bit_count() > n:
            extra.append(j)
        else:
            by_mask[mask].append(j)
    origin_p = next(i for i, row in enumerate(p_vertices.points) if not any(row[:-1]))
    pairs = []
    for i, mask in enumerate(p_labels):
        if i == origin_p:
            continue
        need = full & ~mask
        if need.bit_count() < n:
            matches = [j for j, labels in enumerate(q_labels) if labels & need == need]
        else:
            matches = list(by_mask.get(need, ()))
            matches.extend(j for j in extra if q_labels[j] & need == need)
        pairs.extend((i, j) for j in matches)
    origin_q = next(j for j, row in enumerate(q_vertices.points) if not any(row[:-1]))
    return [(i, j) for i, j in pairs if j != origin_q]


def _components(keys: list[tuple[Key, Key]]) -> tuple[Component, ...]:
    """Connected components and maximal Nash subsets of the extreme-equilibrium graph.

    ``keys`` are the equilibria's (row, column) distributions as :data:`Key`, in the order of
    the equilibria. Components are listed by their first equilibrium, each one's equilibria and
    Nash subsets as sorted tuples of indices (so the numbering of the vertices below, by first
    appearance, does not show in the result).
    """
    xi: dict[Key, int] = {}
    yi: dict[Key, int] = {}
    edges = [(xi.setdefault(kx, len(xi)), yi.setdefault(ky, len(yi))) for kx, ky in keys]

    # Union-find over row vertices k and column vertices len(xi) + col.
    parent = list(range(len(xi) + len(yi)))

    def find(u: int) -> int:
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for k, col in edges:
        ru, rv = find(k), find(len(xi) + col)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    # Each component's edges, in one pass over the edges (not one pass per component:
    # coordination games have thousands of components). Edges are visited in increasing
    # order, so each group is sorted and the groups appear by their first equilibrium.
    groups: dict[int, list[int]] = {}
    for e, (k, _) in enumerate(edges):
        groups.setdefault(find(k), []).append(e)
    components = []
    for group in groups.values():
        if len(group) == 1:  # an isolated extreme equilibrium (nondegenerate games: all)
            components.append(Component(equilibria=(group[0],), nash_subsets=((group[0],),)))
            continue
        # Column vertices numbered within the component, so the masks stay small.
        local: dict[int, int] = {}
        neighbours: dict[int, int] = defaultdict(int)
        edge_of: dict[tuple[int, int], int] = {}
        for e in group:
            k, col = edges[e]
            c = local.setdefault(col, len(local))
            neighbours[k] |= 1 << c
            edge_of[k, c] = e
        rows = sorted(neighbours)
        subsets = []
        for ymask in _closed_sets([neighbours[k] for k in rows]):
            xset = [k for k in rows if neighbours[k] & ymask == ymask]
            yset = _bits(ymask)
            subsets.append(tuple(sorted(edge_of[k, c] for k in xset for c in yset)))
        components.append(Component(equilibria=tuple(group), nash_subsets=tuple(sorted(subsets))))
    return tuple(components)


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of a non-negative integer, in increasing order."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _closed_sets(neighbourhoods: list[int]) -> list[int]:
    """All non-empty intersections of the given neighbourhood masks (the maximal bicliques)."""
    closed: set[int] = set()
    frontier = {mask for mask in neighbourhoods if mask}
    while frontier:
        closed |= frontier
        frontier = {
            a & b for a in frontier for b in neighbourhoods if a & b and (a & b) not in closed
        }
    return sorted(closed)
