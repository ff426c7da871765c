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
from fractions import Fraction

import numpy as np

from ..game import Game
from ..result import Component, Equilibrium, SolveResult
from ._one_sided import one_sided_pairs
from ._polytope import Vertices, enumerate_vertices

__all__ = ["exact_equilibria"]


#: Rectangular games whose larger side has at least this many strategies are enumerated from
#: the smaller side only (:mod:`._one_sided`); smaller ones from both sides.
ONE_SIDED_FROM = 13

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


def _probabilities(point: np.ndarray) -> tuple[Fraction, ...]:
    weights = [int(v) for v in point[:-1]]
    total = sum(weights)
    return tuple(Fraction(w, total) for w in weights)


def _remap_q_labels(mask: int, m: int, n: int) -> int:
    """Q's own labels (bit j: y_j = 0, bit n + i: row i tight) to the game's labels."""
    return (mask >> n) | ((mask & ((1 << n) - 1)) << m)


def exact_equilibria(game: Game) -> SolveResult:
    """Every extreme Nash equilibrium of a two-player game, exactly, with the components.

    Parameters
    ----------
    game : Game
        A two-player game.

    Returns
    -------
    SolveResult
        ``equilibria`` holds every extreme equilibrium, sorted (pure strategies of the first
        player first, then by decreasing probabilities); ``components`` lists the connected
        components of the equilibrium set with their maximal Nash subsets. ``status`` is
        ``"degenerate"`` for a degenerate game (the result is still complete).

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
    if one_sided and m < n:
        xy, degenerate = one_sided_pairs(_positive_integer(b).T.copy(), _positive_integer(a))
    elif one_sided:
        yx, degenerate = one_sided_pairs(_positive_integer(a), _positive_integer(b).T.copy())
        xy = [(x, y) for y, x in yx]
    else:
        xy, degenerate = _both_sides(a, b, m, n)

    found: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...], Equilibrium]] = []
    (a_scaled, a_scale), (b_scaled, b_scale) = game._integer_payoffs()
    for x, y in xy:
        eq, key = _certify_integers(game, a_scaled, b_scaled, a_scale, b_scale, x, y)
        if eq is None:  # pragma: no cover - would be a bug in the enumeration
            raise AssertionError(f"exact enumeration produced a non-equilibrium {(x, y)}")
        found.append((x, y, eq, key))
    found = _exactly_sorted(found, lambda t: (t[0], t[1]))
    equilibria = tuple(eq for _, _, eq, _ in found)
    components = _components([(x, y) for x, y, _, _ in found], [key for *_, key in found])

    if degenerate:
        status = "degenerate"
        message = (
            "the game is degenerate; every extreme equilibrium and every component was found"
        )
    elif one_sided:
        status, message = "ok", (
            "every equilibrium was found (the smaller player's polytope was enumerated and is "
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


def _decreasing(vector: tuple[Fraction, ...]) -> tuple[float, ...]:
    """Float sort key by decreasing probabilities; :func:`_exactly_sorted` makes it exact."""
    return tuple(-(p.numerator / p.denominator) for p in vector)


def _exactly_sorted(items: list, key) -> list:
    """Sort by decreasing Fractions, ``key(item)`` being a tuple of vectors, floats first.

    Rounding is monotone, so sorting on floats orders every pair whose floats differ
    correctly; runs of equal float keys are then re-sorted on the exact key.
    """
    decorated = sorted(
        ((tuple(_decreasing(v) for v in key(item)), k, item) for k, item in enumerate(items)),
        key=lambda t: t[:2],
    )
    out, start = [], 0
    while start < len(decorated):
        stop = start + 1
        while stop < len(decorated) and decorated[stop][0] == decorated[start][0]:
            stop += 1
        run = [item for _, _, item in decorated[start:stop]]
        if len(run) > 1:
            run.sort(key=lambda item: tuple(tuple(-p for p in v) for v in key(item)))
        out.extend(run)
        start = stop
    return out


def _weights(vector: tuple[Fraction, ...]) -> tuple[np.ndarray, int]:
    """A distribution as integer weights ``w`` with ``vector = w / d``, and ``d``."""
    d = math.lcm(*(p.denominator for p in vector))
    out = np.empty(len(vector), dtype=object)
    out[:] = [p.numerator * (d // p.denominator) for p in vector]
    return out, d


def _certify_integers(
    game: Game,
    a_scaled: np.ndarray,
    b_scaled: np.ndarray,
    a_scale: int,
    b_scale: int,
    x: tuple[Fraction, ...],
    y: tuple[Fraction, ...],
) -> tuple[Equilibrium | None, tuple]:
    """:func:`gametheory.result.certify` for two players, in integers: every strategy played
    is a best response (payoffs times the lcm of their denominators, probabilities times
    theirs: the same comparisons, no fractions); None if not an equilibrium. Also returns
    the profile's integer weights and denominators, a canonical hashable key."""
    wx, dx = _weights(x)
    wy, dy = _weights(y)
    rows = a_scaled.dot(wy)
    columns = wx.dot(b_scaled)
    key = ((*wx.tolist(), dx), (*wy.tolist(), dy))
    top_row, top_column = max(rows), max(columns)
    if any(p and r != top_row for p, r in zip(x, rows, strict=True)):
        return None, key
    if any(q and c != top_column for q, c in zip(y, columns, strict=True)):
        return None, key
    if min(wx) < 0 or min(wy) < 0 or sum(wx) != dx or sum(wy) != dy:
        return None, key
    return Equilibrium(
        players=game.players,
        strategies=game.strategies,
        profile=(x, y),
        payoffs=(Fraction(top_row, a_scale * dy), Fraction(top_column, b_scale * dx)),
        regret=Fraction(0),
    ), key


def _both_sides(
    a: np.ndarray, b: np.ndarray, m: int, n: int
) -> tuple[list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]], bool]:
    """Completely labelled pairs by enumerating both polytopes, and whether one is degenerate."""
    p_vertices = enumerate_vertices(_positive_integer(b).T.copy())
    q_vertices = enumerate_vertices(_positive_integer(a))
    p_labels = list(p_vertices.labels)
    q_labels = [_remap_q_labels(mask, m, n) for mask in q_vertices.labels]
    pairs = _completely_labelled(p_labels, q_labels, p_vertices, q_vertices, m, n)
    degenerate = any(v.bit_count() > m for v in p_labels) or any(
        v.bit_count() > n for v in q_labels
    )
    x_of = {i: _probabilities(p_vertices.points[i]) for i in {i for i, _ in pairs}}
    y_of = {j: _probabilities(q_vertices.points[j]) for j in {j for _, j in pairs}}
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


def _components(
    pairs: list[tuple[tuple, tuple]], keys: list[tuple[tuple, tuple]] | None = None
) -> tuple[Component, ...]:
    """Connected components and maximal Nash subsets of the extreme-equilibrium graph.

    ``keys`` (optional) are cheap hashable stand-ins for the vectors, one pair per pair (tuples
    of integers hash far faster than tuples of Fractions).
    """
    keys = keys if keys is not None else pairs
    first_x: dict = {}
    first_y: dict = {}
    for (x, y), (kx, ky) in zip(pairs, keys, strict=True):
        first_x.setdefault(kx, x)
        first_y.setdefault(ky, y)
    xs = _exactly_sorted(list(first_x), lambda k: (first_x[k],))
    ys = _exactly_sorted(list(first_y), lambda k: (first_y[k],))
    xi = {x: k for k, x in enumerate(xs)}
    yi = {y: k for k, y in enumerate(ys)}
    edge_index = {(xi[kx], yi[ky]): e for e, (kx, ky) in enumerate(keys)}

    # Union-find over row vertices k and column vertices len(xs) + col.
    parent = list(range(len(xs) + len(ys)))

    def find(u: int) -> int:
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for k, col in edge_index:
        ru, rv = find(k), find(len(xs) + col)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    # Each component's edges and row vertices, in one pass over the edges (not one pass per
    # component: coordination games have thousands of components).
    groups: dict[int, list[int]] = defaultdict(list)
    rows_of: dict[int, set[int]] = defaultdict(set)
    neighbours: dict[int, int] = defaultdict(int)
    for (k, col), e in edge_index.items():
        root = find(k)
        groups[root].append(e)
        rows_of[root].add(k)
        neighbours[k] |= 1 << col
    components = []
    for root in sorted(groups, key=lambda r: min(groups[r])):
        rows = sorted(rows_of[root])
        subsets = []
        for ymask in _closed_sets([neighbours[k] for k in rows]):
            xset = [k for k in rows if neighbours[k] & ymask == ymask]
            yset = _bits(ymask)
            subsets.append(tuple(sorted(edge_index[(k, col)] for k in xset for col in yset)))
        components.append(
            Component(equilibria=tuple(sorted(groups[root])), nash_subsets=tuple(sorted(subsets)))
        )
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
