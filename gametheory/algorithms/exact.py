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
:mod:`._polytope`; complete labelling is a bit-mask test. From :data:`FLOAT_PASS_FROM`
strategies a side the certified floating-point pass (:mod:`._float_vertices`) comes first:
the double description runs in floating point with every sign it uses proven
(:mod:`._float_dd`), so its tight sets are exactly those of the exact enumeration and a
nondegenerate game is decided without exact arithmetic but for the equilibria's coordinates;
where the proof fails (a degenerate game) the exact enumeration runs. In a large rectangular
game (a side of :data:`ONE_SIDED_FROM` strategies or more) only the smaller player's polytope
is enumerated, and the matching vertices of the other are solved for exactly
(:mod:`._one_sided`, as lrsnash does); its status is then ``"degenerate"`` when a degenerate
vertex is met, and the message says that the larger polytope was not searched for degenerate
vertices away from the equilibria.

The extreme equilibria form a bipartite graph (row vertices, column vertices, an edge per
equilibrium). Its maximal bicliques are the maximal Nash subsets (each the product of the convex
hulls of its two vertex sets) and its connected components are the components of the
equilibrium set.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np

from ..game import Game
from ..result import SolveInterrupted, SolveResult
from ._components import _components
from ._exact_keys import (
    Key,
    _certified_values,
    _equilibrium,
    _exactly_sorted,
    _Fractions,
    _Int64Payoffs,
    _key,
)
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
#: Square-ish games whose smaller side has at least this many strategies (and fewer than
#: :data:`REVERSE_SEARCH_FROM`) report the double description's progress: constraints added.
PROGRESS_FROM = 13
#: Games whose smaller side has at least this many strategies (and fewer than
#: :data:`REVERSE_SEARCH_FROM`) try the certified floating-point pass first
#: (:mod:`._float_vertices`: the vertices are found in floating point with every decision
#: proven; a degenerate game falls back to the exact double description). Below it the exact
#: enumeration is faster (exact against the pass, random games: 6x6 3.4 against 3.8 ms; 7x7
#: 5.3 against 4.6 ms).
FLOAT_PASS_FROM = 7
#: ... and whose scaled payoffs (positive integers) reach this size somewhere.
FLOAT_PASS_ENTRIES = 32


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


# The float pass and the one-sided searches are imported on first use (a 4x4 game needs
# neither; importing their modules took about 16 ms of the command line's 0.3 s start-up).
def float_pass_pairs(p_matrix: np.ndarray, q_matrix: np.ndarray) -> list | None:
    """:func:`._float_vertices.float_pass_pairs`."""
    from ._float_vertices import float_pass_pairs as pairs

    return pairs(p_matrix, q_matrix)


def one_sided_pairs(p_matrix: np.ndarray, q_matrix: np.ndarray, float_pass: bool) -> tuple:
    """:func:`._one_sided.one_sided_pairs`."""
    from ._one_sided import one_sided_pairs as pairs

    return pairs(p_matrix, q_matrix, float_pass)


def streamed_pairs(p_matrix: np.ndarray, q_matrix: np.ndarray, progress: Any) -> tuple:
    """:func:`._one_sided.streamed_pairs`."""
    from ._one_sided import streamed_pairs as pairs

    return pairs(p_matrix, q_matrix, progress)


def _remap_q_labels(mask: int, m: int, n: int) -> int:
    """Q's own labels (bit j: y_j = 0, bit n + i: row i tight) to the game's labels."""
    return (mask >> n) | ((mask & ((1 << n) - 1)) << m)


def exact_equilibria(
    game: Game, progress: Callable[[int, int | None, int | None], Any] | None = None
) -> SolveResult:
    """Every extreme Nash equilibrium of a two-player game, exactly, with the components.

    Parameters
    ----------
    game : Game
        A two-player game.
    progress : callable, optional
        For games whose smaller side has :data:`REVERSE_SEARCH_FROM` strategies or more (the
        streamed search): called as ``progress(visited, None, found)``, vertices of the smaller
        player's polytope visited and equilibria found so far. For games enumerated from both
        sides whose smaller side has :data:`PROGRESS_FROM` strategies or more: called as
        ``progress(added, total, None)``, constraints added to the two best-response polytopes
        by the double description method. Not called for other games.

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
        keys, (degenerate, interrupted) = _from_smaller_side(
            a, b, m, n, lambda p, q: streamed_pairs(p, q, progress))
    elif one_sided:
        float_pass = _float_pass_pays(min(m, n))
        keys, (degenerate,) = _from_smaller_side(
            a, b, m, n, lambda p, q: one_sided_pairs(p, q, float_pass))
    else:
        keys, degenerate = _both_sides(
            a, b, m, n, progress if min(m, n) >= PROGRESS_FROM else None)

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


def _from_smaller_side(
    a: np.ndarray, b: np.ndarray, m: int, n: int, search: Callable[..., tuple]
) -> tuple[list[tuple[Key, Key]], tuple]:
    """``search(P's matrix, Q's matrix)`` run on the smaller player's polytope (the row
    player's when ``m <= n``), its pairs turned back into (row, column) order, and the rest of
    what it returned."""
    if m <= n:
        keys, *rest = search(_positive_integer(b).T.copy(), _positive_integer(a))
        return keys, tuple(rest)
    yx, *rest = search(_positive_integer(a), _positive_integer(b).T.copy())
    return [(x, y) for y, x in yx], tuple(rest)


def _key_of_point(point: np.ndarray) -> Key:
    """The canonical key of a vertex ``(w, t)`` of a best-response polytope, rescaled to a
    distribution: ``w / sum(w)`` in lowest terms (the gcd of the weights divided out, their
    sum is then the least common denominator)."""
    return _key(point[:-1].tolist())  # Python integers (an object array)


def _both_sides(
    a: np.ndarray, b: np.ndarray, m: int, n: int,
    progress: Callable[[int, int | None, int | None], Any] | None = None,
) -> tuple[list[tuple[Key, Key]], bool]:
    """Completely labelled pairs by enumerating both polytopes, and whether one is degenerate.

    ``progress``, if given, is called as ``progress(added, m + n, None)`` as the constraints of
    P (n of them), then of Q (m), are added."""
    total = m + n
    p_matrix, q_matrix = _positive_integer(b).T.copy(), _positive_integer(a)
    if (_float_pass_pays(min(m, n)) and not _small_entries(p_matrix, q_matrix)
            and not _pure_ties(p_matrix, q_matrix)):
        if progress is not None:
            progress(0, total, None)
        keys = float_pass_pairs(p_matrix, q_matrix)
        if keys is not None:
            if progress is not None:
                progress(total, total, None)
            return keys, False
    on_p = on_q = None
    if progress is not None:
        def on_p(added: int, _k: int) -> None:
            progress(added, total, None)

        def on_q(added: int, _k: int) -> None:
            progress(n + added, total, None)
    p_vertices = enumerate_vertices(p_matrix, on_p)
    q_vertices = enumerate_vertices(q_matrix, on_q)
    p_labels = list(p_vertices.labels)
    q_labels = [_remap_q_labels(mask, m, n) for mask in q_vertices.labels]
    pairs = _completely_labelled(p_labels, q_labels, p_vertices, q_vertices, m, n)
    degenerate = any(v.bit_count() > m for v in p_labels) or any(
        v.bit_count() > n for v in q_labels
    )
    x_of = {i: _key_of_point(p_vertices.points[i]) for i in {i for i, _ in pairs}}
    y_of = {j: _key_of_point(q_vertices.points[j]) for j in {j for _, j in pairs}}
    return [(x_of[i], y_of[j]) for i, j in pairs], degenerate


def _float_pass_pays(smaller: int) -> bool:
    """Whether to try the certified float pass on a game with ``smaller`` strategies a side."""
    return smaller >= FLOAT_PASS_FROM


def _small_entries(p_matrix: np.ndarray, q_matrix: np.ndarray) -> bool:
    """Whether every entry is below :data:`FLOAT_PASS_ENTRIES`: the exact enumeration's
    integers then stay small (a coordination game's enumeration is cheaper exactly), and such
    games are mostly degenerate."""
    return max(max(p_matrix.flat), max(q_matrix.flat)) < FLOAT_PASS_ENTRIES


def _pure_ties(p_matrix: np.ndarray, q_matrix: np.ndarray) -> bool:
    """Whether some pure strategy has two best responses (the commonest degeneracy, decided
    exactly here so that such games skip the float pass, which would fail on them)."""
    for matrix in (p_matrix.T, q_matrix.T):  # rows of B, columns of A
        for line in matrix.tolist():
            top = max(line)
            if line.count(top) > 1:
                return True
    return False


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
