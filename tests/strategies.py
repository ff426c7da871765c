"""hypothesis strategies for games, and a slow, independent, exact reference for two-player games.

Strategies
----------
- :func:`games`: two-player games with small integer payoffs. Small payoff ranges make ties,
  and so degenerate games, common; ``degenerate=True`` keeps only degenerate games and
  ``degenerate=False`` only nondegenerate ones.
- :func:`n_player_games`: games with three or more players.
- :func:`positive_affine`: a positive affine map ``u -> scale * u + shift`` (scale > 0).
- :func:`permutations`: a reordering of ``range(n)``.

Reference
---------
:func:`reference_extreme_equilibria` computes every extreme equilibrium by brute force and
shares no code with ``gametheory.algorithms``: it finds every vertex of the best-response
polytopes by solving *every* square subsystem of their constraints exactly (Gaussian elimination
in fractions) and pairs completely labelled vertices (von Stengel 2007, Theorem 3.4 and section
3.5; in degenerate games too, the extreme equilibria are exactly the completely labelled vertex
pairs). It is exponential, for games up to about 4 x 4. :func:`is_degenerate` uses the same
vertices: a game is degenerate exactly when some vertex has more tight constraints than the
dimension (a mixed strategy with k strategies in its support and more than k pure best
responses gives such a point, scaled into the polytope, and so a vertex of the face it spans).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

from hypothesis import assume
from hypothesis import strategies as st

from gametheory import Game

__all__ = [
    "brute_force_components",
    "brute_force_pure_equilibria",
    "games",
    "is_degenerate",
    "n_player_games",
    "permutations",
    "positive_affine",
    "reference_extreme_equilibria",
]

Vector = tuple[Fraction, ...]


# --------------------------------------------------------------------------- strategies
@st.composite
def games(
    draw: st.DrawFn,
    min_size: int = 1,
    max_size: int = 4,
    payoff_range: tuple[int, int] = (0, 3),
    degenerate: bool | None = None,
) -> Game:
    """A two-player game, rows and columns each between ``min_size`` and ``max_size``.

    Parameters
    ----------
    min_size, max_size : int
        Bounds on the number of strategies of each player (independently drawn).
    payoff_range : (int, int)
        Inclusive bounds of the integer payoffs. A small range makes ties common.
    degenerate : bool or None
        ``None``: any game. ``True``: only degenerate games. ``False``: only nondegenerate
        games; payoffs then come from a seeded random generator (hypothesis would otherwise
        shrink towards equal, hence degenerate, payoffs), so use a wide range, e.g. (0, 999).
    """
    m = draw(st.integers(min_size, max_size), label="rows")
    n = draw(st.integers(min_size, max_size), label="columns")
    low, high = payoff_range
    if degenerate is False:
        rng = draw(st.randoms(use_true_random=False))
        a = [[rng.randint(low, high) for _ in range(n)] for _ in range(m)]
        b = [[rng.randint(low, high) for _ in range(n)] for _ in range(m)]
    else:
        cells = st.lists(st.integers(low, high), min_size=m * n, max_size=m * n)
        flat_a, flat_b = draw(cells, label="A"), draw(cells, label="B")
        a = [flat_a[i * n : (i + 1) * n] for i in range(m)]
        b = [flat_b[i * n : (i + 1) * n] for i in range(m)]
    game = Game.from_arrays(a, b)
    if degenerate is not None:
        assume(is_degenerate(game) == degenerate)
    return game


@st.composite
def n_player_games(
    draw: st.DrawFn,
    min_players: int = 3,
    max_players: int = 3,
    min_size: int = 1,
    max_size: int = 3,
    payoff_range: tuple[int, int] = (0, 3),
) -> Game:
    """A game with between ``min_players`` and ``max_players`` players and integer payoffs."""
    players = draw(st.integers(min_players, max_players), label="players")
    shape = tuple(draw(st.integers(min_size, max_size)) for _ in range(players))
    cells = 1
    for k in shape:
        cells *= k
    low, high = payoff_range
    arrays = []
    for _ in range(players):
        flat = draw(st.lists(st.integers(low, high), min_size=cells, max_size=cells))
        arrays.append(_nest(flat, shape))
    return Game.from_arrays(*arrays)


def _nest(flat: list[int], shape: tuple[int, ...]) -> list:
    if len(shape) == 1:
        return list(flat)
    step = len(flat) // shape[0]
    return [_nest(flat[k * step : (k + 1) * step], shape[1:]) for k in range(shape[0])]


def positive_affine() -> st.SearchStrategy[tuple[Fraction, Fraction]]:
    """``(scale, shift)`` with an exact positive scale and any exact shift."""
    scale = st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=12)
    shift = st.fractions(min_value=-20, max_value=20, max_denominator=12)
    return st.tuples(scale.filter(lambda s: s > 0), shift)


def permutations(n: int) -> st.SearchStrategy[list[int]]:
    """A reordering of ``range(n)``."""
    return st.permutations(list(range(n)))


# --------------------------------------------------------------------------- reference
def _solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system, or None if it is singular (exact)."""
    size = len(rows)
    aug = [[*r, v] for r, v in zip(rows, rhs, strict=True)]
    for col in range(size):
        pivot = next((r for r in range(col, size) if aug[r][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        for r in range(size):
            if r != col and aug[r][col] != 0:
                factor = aug[r][col] / aug[col][col]
                aug[r] = [x - factor * y for x, y in zip(aug[r], aug[col], strict=True)]
    return [aug[r][size] / aug[r][r] for r in range(size)]


def _vertices(matrix: list[list[Fraction]]) -> dict[Vector, frozenset[int]]:
    """Every vertex of {z >= 0, C z <= 1} (C positive, k x d) with its tight constraints.

    Constraint i < d is ``z_i >= 0``; constraint d + j is row j of C.
    """
    k, d = len(matrix), len(matrix[0])
    constraints = [[Fraction(int(i == t)) for t in range(d)] for i in range(d)] + matrix
    rhs = [Fraction(0)] * d + [Fraction(1)] * k
    found: dict[Vector, frozenset[int]] = {}
    for subset in itertools.combinations(range(d + k), d):
        z = _solve([constraints[c] for c in subset], [rhs[c] for c in subset])
        if z is None or tuple(z) in found:
            continue
        slack = [
            rhs[c] - sum(a * v for a, v in zip(constraints[c], z, strict=True))
            for c in range(d, d + k)
        ]
        if min(z) < 0 or min(slack) < 0:
            continue
        tight = {c for c in range(d) if z[c] == 0} | {d + j for j in range(k) if slack[j] == 0}
        found[tuple(z)] = frozenset(tight)
    return found


def _positive(matrix: Sequence[Sequence[Fraction]]) -> list[list[Fraction]]:
    low = min(min(row) for row in matrix)
    return [[Fraction(v) - low + 1 for v in row] for row in matrix]


def _polytopes(game: Game) -> tuple[dict, dict, int, int]:
    """Vertices of P and Q with labels in the game's numbering (rows 0..m-1, columns m..)."""
    a, b = (x.tolist() for x in game.matrices())
    m, n = game.shape
    bt = [list(col) for col in zip(*_positive(b), strict=True)]  # n x m
    p = _vertices(bt)  # labels: i < m is x_i = 0, m + j is column j a best response
    q_raw = _vertices(_positive(a))  # labels: j < n is y_j = 0, n + i is row i a best response
    q = {y: frozenset(m + t if t < n else t - n for t in labels) for y, labels in q_raw.items()}
    return p, q, m, n


def _normalised(point: Vector) -> Vector:
    total = sum(point)
    return tuple(v / total for v in point)


def reference_extreme_equilibria(game: Game) -> set[tuple[Vector, Vector]]:
    """Every extreme Nash equilibrium of a two-player game, by brute force, exactly."""
    p, q, m, n = _polytopes(game)
    everything = frozenset(range(m + n))
    found = set()
    for x, x_labels in p.items():
        if not any(x):
            continue  # (0, 0) is the only completely labelled pair with x = 0
        for y, y_labels in q.items():
            if any(y) and x_labels | y_labels == everything:
                found.add((_normalised(x), _normalised(y)))
    return found


def is_degenerate(game: Game) -> bool:
    """True if some mixed strategy with k strategies in its support has > k best responses."""
    p, q, m, n = _polytopes(game)
    return any(len(t) > m for t in p.values()) or any(len(t) > n for t in q.values())


def brute_force_pure_equilibria(game: Game) -> set[tuple[int, ...]]:
    """The pure profiles (strategy indices) at which no player gains by deviating."""
    found = set()
    for profile in game.pure_profiles():
        stable = True
        for i, payoff in enumerate(game.payoffs):
            here = payoff[profile]
            for s in range(game.shape[i]):
                other = (*profile[:i], s, *profile[i + 1 :])
                if payoff[other] > here:
                    stable = False
        if stable:
            found.add(profile)
    return found


def brute_force_components(
    equilibria: set[tuple[Vector, Vector]],
) -> tuple[set[frozenset], set[frozenset]]:
    """Components and maximal Nash subsets of the extreme-equilibrium graph, by brute force.

    Returns ``(components, subsets)``: sets of frozensets of extreme equilibria. Two extreme
    equilibria are in one component when a chain of extreme equilibria, each sharing a strategy
    with the next, joins them; a maximal Nash subset is a maximal X x Y with every pair in it
    an extreme equilibrium (Avis et al. 2010), found here by trying every set X.
    """
    components: list[set] = []
    for eq in equilibria:
        touching = [c for c in components if any(e[0] == eq[0] or e[1] == eq[1] for e in c)]
        merged = {eq}.union(*touching)
        components = [c for c in components if c not in touching] + [merged]
    xs = sorted({x for x, _ in equilibria})
    ys = sorted({y for _, y in equilibria})
    bicliques = set()
    for size in range(1, len(xs) + 1):
        for group in itertools.combinations(xs, size):
            partners = [y for y in ys if all((x, y) in equilibria for x in group)]
            if partners:
                rows = [x for x in xs if all((x, y) in equilibria for y in partners)]
                bicliques.add(frozenset(itertools.product(rows, partners)))
    return {frozenset(c) for c in components}, bicliques
