"""Every Nash equilibrium of many small bimatrix games of one shape, vectorised and certified.

The batch solver is the engine of the cardinal robustness analysis (SMAA): it solves ``G``
two-player games of one shape ``m x n`` at once with numpy, vectorised over the games. A game
whose floating-point margin is too small is degenerate or nearly so: if its payoffs are
integers (after a power-of-two scaling) it is solved in the batch by exact vertex
enumeration, otherwise it goes to the exact solver (:func:`gametheory.solve` with
``method="exact"``).

Input and exactness
-------------------
Payoffs are ``float64`` arrays; each float is taken as the exact binary (dyadic) rational it
denotes, ``fractions.Fraction(value)``. (This differs from :meth:`gametheory.Game.from_arrays`,
which reads a float through its shortest decimal form: ``0.1`` is 1/10 there and
3602879701896397/36028797018963968 here. The batch solver certifies the games it is given.)

Method (support enumeration with a certified float margin)
----------------------------------------------------------
Each player's payoffs are first multiplied by a power of two (exact; no equilibrium changes):
to the smallest integers when the game is integer after some scaling by ``2**s``, ``s <= 20``
(with entries below ``2**40``), else to a largest absolute entry in [1, 2).

For each player and each pair of equal-size sets (``S`` of the player's own strategies, ``T`` of
the opponent's, ``k = |S| = |T|`` from 1 to ``min(m, n)``), the *support system* asks for a mixed
strategy on ``S`` that makes the opponent indifferent among ``T``. Its solution is ``C / D``
(Cramer's rule), with ``C`` the cofactor vector of the ``(k-1) x k`` matrix of the opponent's
payoff differences ``b[S, t] - b[S, t0]`` (``t`` in ``T``, ``t0`` its first element) and
``D = sum(C)`` the system's determinant. The checks are the signs of ``D``, of every ``C_i``
(the probability of ``S_i`` is positive) and of every gain ``T_j = sum_i C_i (b[S_i, j] -
b[S_i, t0])`` for ``j`` outside ``T`` (times ``1 / D``: what the opponent gains by ``j`` over
``T``). All are small determinants of payoff differences, evaluated in floating point by
Laplace expansion, vectorised over games and support pairs (:mod:`._batch_kernel`).

Every value comes with a rigorous bound on its floating-point error: it is a polynomial of
degree at most ``k`` in the rounded differences, evaluated with at most ``k (k+1) / 2 - 1``
roundings on any path, so it errs by at most ``gamma_d = d u / (1 - d u)`` (``u = 2**-53``,
``d = k (k+1) / 2 + k - 1``) times the same expression in absolute values (Higham 2002,
section 3.1 and Lemma 3.3), a permanent bounded by ``V = (k R)^(k-1) k max(R, 1)`` with ``R``
the spread of the player's payoffs. The bound used is ``2 gamma_(d+3) V + 1e-200`` (spare for
the rounding of the bound itself, and underflow; :func:`._batch_kernel.error_bound`). A
sign is *certified* when the value exceeds its bound. For an integer-scaled game with
``V < 2**52`` every intermediate value is an integer below ``2**53``: the evaluation is exact,
the bound is zero and exact zeros are recognised (a singular support system of an integer game
is skipped instead of forcing a fallback).

Each pair ``(S, T)`` of one player is a *basis* of that player's best-response polytope (von
Stengel 2007, section 3.5). It is classified as *valid* (``D`` and every ``C_i`` and ``-T_j``
certified nonzero with one sign: a mixed strategy with support exactly ``S`` against which
exactly ``T`` are the opponent's best replies), *infeasible* (two values certified with
opposite signs), *singular* (``D`` exactly 0) or *uncertain* (anything else). In a game
without an uncertain basis, for either player, the equilibria are the pairs ``(I, J)`` valid
for the row player as ``(I, J)`` and for the column player as ``(J, I)``. A game with an
uncertain basis is solved again:

- if every value of the game is computed exactly (integer-scaled, bound zero), an uncertain
  basis is a feasible one with an exact zero: the game is degenerate (``degenerate`` True).
  Its feasible bases give every vertex of both best-response polytopes with its exact labels
  (tight constraints; the labels determine the vertex), and its extreme equilibria are the
  completely labelled vertex pairs (von Stengel 2007, section 3.5; Avis, Rosenberg, Savani and
  von Stengel 2010), all in the batch (:mod:`._batch_degenerate`). ``x_basis`` and
  ``y_basis`` record the bases from which :meth:`BatchResult.exact_equilibria` recomputes
  the vertices in rational arithmetic;
- otherwise the game goes to the exact solver (``exact_fallback`` True).

Certified facts (the contract)
------------------------------
For a game not marked in ``exact_fallback``:

- the game is **nondegenerate**. Proof: a degenerate game has a point of a best-response
  polytope with more labels than the dimension, hence such a vertex; that vertex is the
  solution of a nonsingular basis among its tight constraints, with an exact zero in a
  coordinate or a gain (an extra label) and no value of the wrong sign (it is feasible); such a
  basis can be neither valid, nor infeasible, nor singular, so it would be uncertain. Hence
  the game's equilibria are isolated, have supports of equal size, and each is the unique
  solution of the support system of its supports (von Stengel 2007, Definition 3.2,
  Proposition 3.3 and Algorithm 3.4, support enumeration);
- each reported equilibrium's **supports are exact**, and the equilibrium is the *unique*
  solution of its support system (the determinant is certified nonzero), which exists and is an
  equilibrium (every inequality certified strict): existence is proven, not sampled;
- the list is **complete**: every equilibrium of a nondegenerate game solves a nonsingular
  basis with all other constraints strict, so both of its bases are valid and it is reported;
- only the reported probabilities ``x``, ``y`` and ``payoffs`` are floats: ``C / D`` rounded,
  and the payoffs computed from them. Their accuracy is not part of the certificate (in the
  tests they agree with the exact values to 1e-9 relative); the exact values come from
  :meth:`BatchResult.exact_equilibria`, which solves each support system in rational
  arithmetic and certifies the result with :func:`gametheory.certify` (regret exactly 0).

For a degenerate game (``degenerate`` True) and for a game marked in ``exact_fallback`` (a
margin not certified: a degenerate or nearly degenerate game that is not integer), the
equilibria listed are the *extreme* equilibria, the same set as the exact solver's, with
``in_continuum`` True for those that lie in a component with more than one extreme equilibrium
(a continuum of equilibria: two extreme equilibria sharing a vertex lie in one maximal Nash
subset, the product of the convex hulls of its vertices; see :class:`gametheory.Component`).
Their supports are exact (from exact labels, or from the exact solver), their probabilities
floats. Random games with continuous payoffs practically never fall back; integer games with
ties are degenerate and solved in the batch; non-integer games with exact ties (decimals such as
0.1, which are not short binary fractions) go to the exact solver, one exact solve each.

References
----------
B. von Stengel (2007), Equilibrium computation for two-player games in strategic and extensive
form, ch. 3 of *Algorithmic Game Theory*: nondegenerate games (Definition 3.2, Proposition 3.3),
support enumeration (Algorithm 3.4), best-response polytopes and their labels (section 3.5, as
in :mod:`gametheory.algorithms.exact`).

D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010), Enumeration of Nash equilibria
for two-player games, *Economic Theory* 42, 9-37.

N. J. Higham (2002), *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM, ch. 3.

Examples
--------
>>> import numpy as np
>>> A = np.array([[[2.0, 0.0], [0.0, 1.0]], [[1.0, -1.0], [-1.0, 1.0]]])
>>> B = np.array([[[1.0, 0.0], [0.0, 2.0]], [[-1.0, 1.0], [1.0, -1.0]]])
>>> result = solve_batch(A, B)
>>> result.n_equilibria.tolist(), result.exact_fallback.tolist()
([3, 1], [False, False])
>>> [[str(p) for p in sigma] for sigma in result.exact_equilibria(1)[0].profile]
[['1/2', '1/2'], ['1/2', '1/2']]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from ..game import Game
    from ..result import Equilibrium

__all__ = ["BatchResult", "solve_batch"]


@dataclass(frozen=True)
class BatchResult:
    """The equilibria of ``G`` games of one shape ``m x n``, as flat arrays.

    Equilibria are stored as one flat table of ``E`` rows, grouped by game in increasing game
    order: the equilibria of game ``g`` are rows ``offsets[g]:offsets[g + 1]``.

    Attributes
    ----------
    A, B : numpy.ndarray, shape (G, m, n)
        The payoffs of the row and column player (float64, read-only).
    n_equilibria : numpy.ndarray of int, shape (G,)
        The number of equilibria of each game (of extreme equilibria for a fallback game);
        0 for a game that was not solved (see ``solved``).
    offsets : numpy.ndarray of int, shape (G + 1,)
        Row ranges of each game's equilibria in the flat table.
    exact_fallback : numpy.ndarray of bool, shape (G,)
        True for the games whose float margin was too small (degenerate or nearly degenerate
        games) and that are not exactly integer: they went to the exact solver
        ``gametheory.solve(game, "exact")``.
    degenerate : numpy.ndarray of bool, shape (G,)
        True for the games proven degenerate: integer games solved in the batch by exact
        vertex enumeration, and fallback games the exact solver found degenerate. False for
        the other games: proven nondegenerate (or, with ``fallback=False``, unsolved).
    solved : numpy.ndarray of bool, shape (G,)
        False only for fallback games when ``solve_batch(..., fallback=False)``: their
        equilibria are not in the table.
    game : numpy.ndarray of int, shape (E,)
        The game index of each equilibrium.
    row_support, col_support : numpy.ndarray of bool, shapes (E, m) and (E, n)
        The exact supports.
    x, y : numpy.ndarray of float, shapes (E, m) and (E, n)
        The probabilities, as floats (exact values: :meth:`exact_equilibria`).
    payoffs : numpy.ndarray of float, shape (E, 2)
        The expected payoffs of the row and column player, as floats.
    in_continuum : numpy.ndarray of bool, shape (E,)
        True for an extreme equilibrium of a degenerate game that lies in a component with
        more than one extreme equilibrium (a continuum); always False for nondegenerate games,
        whose equilibria are isolated.
    x_basis, y_basis : numpy.ndarray of int, shape (E,)
        The support systems that define ``x`` and ``y`` exactly, as bit masks (bit ``i`` for
        row ``i``, bit ``m + j`` for column ``j``): ``x`` is the unique mixed strategy on the
        rows of ``x_basis`` that makes the column player indifferent among its columns, ``y``
        likewise with the roles swapped. For a nondegenerate game both are the union of the
        supports; 0 for a game solved by the exact solver (recomputed on demand).
    players : tuple of str
        The players' names used by :meth:`to_game`.
    strategies : tuple of tuple of str
        The strategy labels used by :meth:`to_game` (empty: ``"1"``, ``"2"``, ...).
    """

    A: np.ndarray
    B: np.ndarray
    n_equilibria: np.ndarray
    offsets: np.ndarray
    exact_fallback: np.ndarray
    degenerate: np.ndarray
    solved: np.ndarray
    game: np.ndarray
    row_support: np.ndarray
    col_support: np.ndarray
    x: np.ndarray
    y: np.ndarray
    payoffs: np.ndarray
    in_continuum: np.ndarray
    x_basis: np.ndarray
    y_basis: np.ndarray
    players: tuple[str, str] = ("Row", "Column")
    strategies: tuple[tuple[str, ...], ...] = ()

    def __len__(self) -> int:
        """The number of games ``G``."""
        return int(self.n_equilibria.shape[0])

    @property
    def shape(self) -> tuple[int, int]:
        """The shape ``(m, n)`` of every game."""
        return int(self.A.shape[1]), int(self.A.shape[2])

    def rows(self, g: int) -> slice:
        """The rows of game ``g``'s equilibria in the flat table."""
        g = self._index(g)
        return slice(int(self.offsets[g]), int(self.offsets[g + 1]))

    def to_game(self, g: int) -> Game:
        """Game ``g`` as an exact :class:`gametheory.Game` (each float's exact binary value)."""
        from ..game import Game

        g = self._index(g)
        exact_a = [[Fraction(float(v)) for v in row] for row in self.A[g]]
        exact_b = [[Fraction(float(v)) for v in row] for row in self.B[g]]
        return Game.from_arrays(
            exact_a, exact_b, players=self.players, strategies=self.strategies or None
        )

    def exact_equilibria(self, g: int) -> tuple[Equilibrium, ...]:
        """Game ``g``'s equilibria as exact, certified :class:`gametheory.Equilibrium` objects.

        In the order of the flat table. For a game solved in the batch, the support systems
        ``x_basis`` and ``y_basis`` are solved in rational arithmetic and the result certified
        by :func:`gametheory.certify` (regret exactly 0); for a fallback game, the exact
        solver's extreme equilibria are returned.

        Raises
        ------
        GameValueError
            If ``g`` is not a game index, or the game was not solved (``fallback=False``).
        """
        from ..algorithms.exact import exact_equilibria
        from ..errors import GameValueError
        from ..result import certify

        g = self._index(g)
        if not self.solved[g]:
            raise GameValueError(
                "the game was not solved (solve_batch(..., fallback=False) and its float "
                "margin was too small)",
                key=f"game {g}",
            )
        game = self.to_game(g)
        if self.exact_fallback[g]:
            return exact_equilibria(game).equilibria
        a, b = game.matrices()
        found = []
        m, n = self.shape
        for e in range(*self.rows(g).indices(len(self.game))):
            x_rows, x_cols = _bits(int(self.x_basis[e]), m, n)
            y_rows, y_cols = _bits(int(self.y_basis[e]), m, n)
            x = _mixed(b[np.ix_(x_rows, x_cols)], x_rows, m)
            y = _mixed(a[np.ix_(y_rows, y_cols)].T, y_cols, n)
            eq = certify(game, (x, y))
            if eq is None:  # pragma: no cover - would be a bug in the certificate
                raise AssertionError(f"game {g}: equilibrium {e} is not certified")
            found.append(eq)
        return tuple(found)

    def _index(self, g: int) -> int:
        from ..errors import GameValueError

        if isinstance(g, (bool, np.bool_)) or not isinstance(g, (int, np.integer)):
            raise GameValueError(f"a game index must be an integer, not {g!r}", key="game")
        if not -len(self) <= g < len(self):
            raise GameValueError(f"no game {g} among {len(self)}", key="game")
        return int(g) % len(self)


def _bits(mask: int, m: int, n: int) -> tuple[list[int], list[int]]:
    return [i for i in range(m) if mask >> i & 1], [j for j in range(n) if mask >> (m + j) & 1]


def _mixed(block: np.ndarray, support: list[int], size: int) -> tuple[Fraction, ...]:
    """The mixed strategy on ``support`` making the opponent indifferent, exactly.

    ``block[i, j]`` is the opponent's payoff when the mixing player plays its i-th support
    strategy and the opponent its j-th best reply: solve ``block.T x = v 1``, ``sum x = 1``.
    """
    k = len(support)
    # Unknowns x_1..x_k, v; equations: sum_i block[i, j] x_i - v = 0 (j < k), sum_i x_i = 1.
    matrix = [[Fraction(block[i, j]) for i in range(k)] + [Fraction(-1)] for j in range(k)]
    matrix.append([Fraction(1)] * k + [Fraction(0)])
    rhs = [Fraction(0)] * k + [Fraction(1)]
    solution = _solve_fractions(matrix, rhs)
    x = [Fraction(0)] * size
    for i, value in zip(support, solution[:k], strict=True):
        x[i] = value
    return tuple(x)


def _solve_fractions(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction]:
    """Gaussian elimination in rationals for a nonsingular square system."""
    n = len(rhs)
    rows = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    for c in range(n):
        pivot = next(r for r in range(c, n) if rows[r][c] != 0)
        rows[c], rows[pivot] = rows[pivot], rows[c]
        for r in range(n):
            if r != c and rows[r][c] != 0:
                f = rows[r][c] / rows[c][c]
                rows[r] = [u - f * v for u, v in zip(rows[r], rows[c], strict=True)]
    return [rows[i][n] / rows[i][i] for i in range(n)]


def solve_batch(
    A: np.ndarray,
    B: np.ndarray,
    *,
    fallback: bool = True,
    chunk_size: int = 2048,
    players: Sequence[str] = ("Row", "Column"),
    strategies: Sequence[Sequence[str]] | None = None,
) -> BatchResult:
    """Every Nash equilibrium of each of ``G`` bimatrix games of one shape, certified.

    See the module docstring for what is exact and what rests on a float margin.

    Parameters
    ----------
    A, B : array_like of float, shape (G, m, n)
        The row and column player's payoffs of ``G`` games (finite floats; each is taken as
        its exact binary value). A single game of shape ``(m, n)`` is accepted as ``G = 1``.
    fallback : bool, optional
        Solve the games whose margin is too small with the exact solver (default). With
        False they are only marked (``exact_fallback`` True, ``solved`` False).
    chunk_size : int, optional
        Games processed together (memory and cache use; the result does not depend on it).
    players : sequence of two str, optional
        Names used by :meth:`BatchResult.to_game` and :meth:`BatchResult.exact_equilibria`.
    strategies : sequence of two sequences of str, optional
        Strategy labels, default ``("1", ..., "m")`` and ``("1", ..., "n")``.

    Returns
    -------
    BatchResult

    Raises
    ------
    GameValueError
        If ``A`` and ``B`` differ in shape, are not (G, m, n) with m, n >= 1, hold a non-finite
        value, ``chunk_size`` is not a positive integer, or the names are not two distinct
        player names and one distinct label per strategy.
    """
    from ..game import Game
    from ._batch_solve import solve_arrays

    a, b = _check(A, B, chunk_size)
    labels = tuple(tuple(s) for s in strategies) if strategies is not None else ()
    zeros = np.zeros(a.shape[1:], dtype=int).tolist()
    Game.from_arrays(zeros, zeros, players=players, strategies=labels or None)  # check names
    table = solve_arrays(a, b, chunk_size=chunk_size, fallback=fallback)
    return BatchResult(A=a, B=b, players=tuple(players), strategies=labels, **table)


def _check(A: object, B: object, chunk_size: object) -> tuple[np.ndarray, np.ndarray]:
    from ..errors import GameValueError

    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)):
        raise GameValueError(f"must be a positive integer, not {chunk_size!r}", key="chunk_size")
    if chunk_size < 1:
        raise GameValueError(f"must be a positive integer, not {chunk_size}", key="chunk_size")
    arrays = []
    for name, value in (("A", A), ("B", B)):
        try:
            array = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise GameValueError("payoffs must be an array of numbers", key=name) from None
        if array.ndim == 2:
            array = array[None]
        if array.ndim != 3 or 0 in array.shape[1:]:
            raise GameValueError(
                f"payoffs must have shape (G, m, n) with m, n >= 1, not {array.shape}", key=name
            )
        if not np.all(np.isfinite(array)):
            where = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0])
            raise GameValueError(f"non-finite payoff at index {where}", key=name)
        array.setflags(write=False)
        arrays.append(array)
    if arrays[0].shape != arrays[1].shape:
        raise GameValueError(
            f"shape {arrays[1].shape} differs from A's shape {arrays[0].shape}", key="B"
        )
    return arrays[0], arrays[1]
