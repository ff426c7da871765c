"""Lemke-Howson in exact integer arithmetic, for games too large for floating point.

Method (Lemke and Howson, 1964; von Stengel, 2007, sections 3.4 and 3.7)
------------------------------------------------------------------------
With payoffs shifted and scaled to positive integers, the two tableaux

.. math::

    B^\\top x + s = 1, \\qquad A y + r = 1, \\qquad x, s, y, r \\ge 0

start from the basis of slacks (the artificial equilibrium ``x = 0, y = 0``). Strategy ``i`` of
the row player is the label of ``x_i`` and ``r_i``, strategy ``j`` of the column player the
label of ``y_j`` and ``s_j``. Dropping a label lets its variable enter; the variable that leaves
carries a label, whose twin in the other tableau enters next, until the dropped label leaves:
the end of the path is a Nash equilibrium.

Every entry is a Python integer: *integer pivoting* divides each new entry exactly by the
previous pivot element, so the tableau stays integral and its entries are subdeterminants of
the original system (bounded by Hadamard's inequality, never rounded). Ties in the minimum-ratio
test (degenerate games) are broken *lexicographically* on the columns of the slacks, which
cannot cycle. The work per pivot is one vectorised row operation on a numpy object array.

A path in exact integers costs seconds per pivot on a 200 x 200 game (the entries grow to
thousands of bits), so :func:`large_lemke_howson` first follows the same path in floating
point (ordinary pivoting, lexicographic ties within a tolerance) and only uses its *final
basis*: the supports ``S`` of ``x`` and ``J`` of ``y``. The equilibrium on those supports is
solved exactly (fraction-free Gaussian elimination, Bareiss 1968) and certified exactly; if the
floating-point path went astray (no exact solution, negative probabilities, or a best-response
condition fails), the exact integer path is followed instead.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

__all__ = ["ALL_LABELS_LIMIT", "large_lemke_howson"]

#: Largest m + n for which :func:`large_lemke_howson` follows the path of every label.
ALL_LABELS_LIMIT = 100


class _Tableau:
    """One integer tableau ``[M | I | 1]`` with its basis and the last pivot element."""

    def __init__(self, matrix: np.ndarray, first_label: int, slack_label: int) -> None:
        rows, cols = matrix.shape
        self.table = np.zeros((rows, cols + rows + 1), dtype=object)
        self.table[:, :cols] = matrix
        self.table[np.arange(rows), cols + np.arange(rows)] = 1
        self.table[:, -1] = 1
        self.cols = cols
        # Variable k < cols is a strategy variable with label first_label + k; variable
        # cols + i is the slack of row i, with label slack_label + i.
        self.labels = [first_label + k for k in range(cols)] + [
            slack_label + i for i in range(rows)
        ]
        self.column_of = {label: k for k, label in enumerate(self.labels[:cols])}
        self.slack_of = {label: cols + i for i, label in enumerate(self.labels[cols:])}
        self.basis = [cols + i for i in range(rows)]
        self.det = 1
        self.ties = False

    def variable(self, label: int) -> int:
        """The variable of this tableau carrying the label (there is one)."""
        return self.column_of[label] if label in self.column_of else self.slack_of[label]

    def pivot(self, entering: int) -> int:
        """Let the variable enter, lexicographic minimum ratio; return the leaving variable."""
        column = self.table[:, entering]
        candidates = [i for i in range(len(column)) if column[i] > 0]
        # Lexicographic minimum ratio: first on the right-hand side, then on the slack columns
        # in order (the columns of the inverse basis), which is never tied for two rows.
        for k in [self.table.shape[1] - 1, *range(self.cols, self.table.shape[1] - 1)]:
            if len(candidates) == 1:
                break
            ratios = [Fraction(int(self.table[i, k]), int(column[i])) for i in candidates]
            low = min(ratios)
            kept = [i for i, q in zip(candidates, ratios, strict=True) if q == low]
            if k == self.table.shape[1] - 1 and len(kept) > 1:
                self.ties = True
            candidates = kept
        row = candidates[0]
        element = self.table[row, entering]
        pivot_row = self.table[row].copy()
        # Integer pivoting: every other row becomes (row * element - column * pivot row) / det,
        # an exact division (Edmonds, 1967).
        self.table = (self.table * element - np.outer(column, pivot_row)) // self.det
        self.table[row] = pivot_row
        self.det = element
        leaving = self.basis[row]
        self.basis[row] = entering
        return leaving

    def point(self) -> list[int]:
        """The strategy variables' values times ``det`` (non-negative integers)."""
        values = [0] * self.cols
        for row, var in enumerate(self.basis):
            if var < self.cols:
                values[var] = int(self.table[row, -1])
        return values


def lemke_howson_exact(
    a: np.ndarray, b: np.ndarray, label: int, max_pivots: int | None = None
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...], bool] | None:
    """The end of the Lemke-Howson path that drops ``label``, in exact arithmetic.

    Parameters
    ----------
    a, b : numpy.ndarray
        Payoff matrices of shape (m, n), positive Python integers (see
        :func:`gametheory.algorithms.exact._positive_integer`).
    label : int
        The dropped label: ``0..m-1`` for a row strategy, ``m..m+n-1`` for a column strategy.
    max_pivots : int, optional
        Give up (return ``None``) after this many pivots.

    Returns
    -------
    tuple or None
        ``(x, y, tied)``: the equilibrium's exact probabilities and whether a tie in a ratio
        test was met (the game is then degenerate); ``None`` if ``max_pivots`` was reached.

    References
    ----------
    C. E. Lemke and J. T. Howson (1964), Equilibrium points of bimatrix games, *SIAM J. Appl.
    Math.* 12, 413-423; B. von Stengel (2007), Equilibrium computation for two-player games in
    strategic and extensive form, ch. 3 of *Algorithmic Game Theory*, sections 3.4 and 3.7.

    Examples
    --------
    >>> a = np.array([[3, 1], [1, 2]], dtype=object)
    >>> b = np.array([[2, 1], [1, 3]], dtype=object)
    >>> x, y, tied = lemke_howson_exact(a, b, 0)
    >>> [str(p) for p in x], [str(p) for p in y], tied
    (['1', '0'], ['1', '0'], False)
    """
    m = a.shape[0]
    # P's tableau: rows are columns j (label m + j on s_j), variables x_i (label i).
    p = _Tableau(np.asarray(b, dtype=object).T, first_label=0, slack_label=m)
    # Q's tableau: rows are rows i (label i on r_i), variables y_j (label m + j).
    q = _Tableau(np.asarray(a, dtype=object), first_label=m, slack_label=0)
    tableau = p if label < m else q
    entering = tableau.variable(label)
    pivots = 0
    while True:
        if max_pivots is not None and pivots >= max_pivots:
            return None
        leaving = tableau.pivot(entering)
        pivots += 1
        left = tableau.labels[leaving]
        if left == label:
            break
        tableau = q if tableau is p else p
        entering = tableau.variable(left)
    x, y = p.point(), q.point()
    return _distribution(x), _distribution(y), p.ties or q.ties


def _float_path(a: np.ndarray, b: np.ndarray, label: int, max_pivots: int):
    """The final bases of the floating-point Lemke-Howson path, or None (pivot limit, no
    pivot row)."""
    m, n = a.shape
    tables = []
    for matrix in (b.T, a):
        rows, cols = matrix.shape
        table = np.zeros((rows, cols + rows + 1))
        table[:, :cols] = matrix
        table[np.arange(rows), cols + np.arange(rows)] = 1.0
        table[:, -1] = 1.0
        tables.append(table)
    bases = [list(range(m, m + n)), list(range(n, n + m))]
    labels = [list(range(m)) + list(range(m, m + n)), list(range(m, m + n)) + list(range(m))]
    index = [{lab: k for k, lab in enumerate(side)} for side in labels]
    side = 0 if label < m else 1
    entering = index[side][label]
    for _ in range(max_pivots):
        table, basis = tables[side], bases[side]
        cols = table.shape[1] - 1 - table.shape[0]
        column = table[:, entering]
        candidates = np.flatnonzero(column > 1e-9 * max(1.0, np.abs(column).max()))
        if len(candidates) == 0:
            return None
        for k in [table.shape[1] - 1, *range(cols, table.shape[1] - 1)]:
            if len(candidates) == 1:
                break
            ratios = table[candidates, k] / column[candidates]
            low = ratios.min()
            candidates = candidates[ratios <= low + 1e-9 * max(1.0, abs(low))]
        row = candidates[0]
        table[row] /= table[row, entering]
        others = np.arange(table.shape[0]) != row
        table[others] -= np.outer(table[others, entering], table[row])
        left = labels[side][basis[row]]
        basis[row] = entering
        if left == label:
            return bases
        side = 1 - side
        entering = index[side][left]
    return None


def _solve_integer(matrix: list[list[int]]) -> list[Fraction] | None:
    """Solve ``M v = 1`` exactly for a square integer matrix, or None if M is singular.

    :func:`solve_fraction_free`, as Fractions.
    """
    solved = solve_fraction_free(matrix)
    if solved is None:
        return None
    numerators, determinant = solved
    return [Fraction(v, determinant) for v in numerators]


def solve_fraction_free(matrix: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve ``M v = 1`` for a square integer matrix in integers: ``(w, d)`` with ``v = w / d``
    and ``d > 0`` (``|d|`` is ``|det M|``), or None if M is singular.

    Fraction-free Gaussian elimination (Bareiss, 1968) and fraction-free back-substitution:
    by Cramer's rule ``det(M) v`` is an integer vector, so every division is exact and the
    numbers stay of the size of subdeterminants; no Fraction is made.
    """
    k = len(matrix)
    rows = [[*row, 1] for row in matrix]
    previous = 1
    for c in range(k):
        pivot = next((r for r in range(c, k) if rows[r][c] != 0), None)
        if pivot is None:
            return None
        rows[c], rows[pivot] = rows[pivot], rows[c]
        head, diagonal = rows[c], rows[c][c]
        for r in range(c + 1, k):
            row, factor = rows[r], rows[r][c]
            rows[r] = [0] * (c + 1) + [
                (row[j] * diagonal - factor * head[j]) // previous for j in range(c + 1, k + 1)
            ]
        previous = diagonal
    # ``previous`` is now the determinant of the row-swapped matrix, ``+-det(M)``; it
    # divides every numerator below exactly (Cramer). Solve U w = previous * rhs.
    determinant = previous
    out = [0] * k
    for r in range(k - 1, -1, -1):
        rest = determinant * rows[r][k] - sum(rows[r][j] * out[j] for j in range(r + 1, k))
        out[r] = rest // rows[r][r]
    if determinant < 0:
        return [-v for v in out], -determinant
    return out, determinant


def _support_solution(
    matrix: np.ndarray, support: list[int], tight: list[int], size: int
) -> tuple[Fraction, ...] | None:
    """The distribution on ``support`` making every column in ``tight`` tight: solve
    ``matrix[tight][:, support] v = 1`` exactly; None if singular or not non-negative."""
    if len(support) != len(tight) or not support:
        return None
    solved = _solve_integer([[int(matrix[j, i]) for i in support] for j in tight])
    if solved is None or any(v < 0 for v in solved) or sum(solved) == 0:
        return None
    total = sum(solved)
    values = [Fraction(0)] * size
    for i, v in zip(support, solved, strict=True):
        values[i] = v / total
    return tuple(values)


def _float_certified(
    game: object,
    a: np.ndarray,
    b: np.ndarray,
    af: np.ndarray,
    bf: np.ndarray,
    label: int,
    max_pivots: int,
    found: dict,
) -> object:
    """The certified equilibrium at the end of the floating-point path (certified once per
    profile: ``found`` holds those already certified), or None."""
    from ..result import certify

    m, n = a.shape
    bases = _float_path(af, bf, label, max_pivots)
    if bases is None:
        return None
    support = sorted(v for v in bases[0] if v < m)
    tight_columns = sorted(j for j in range(n) if m + j not in bases[0])
    y_support = sorted(v for v in bases[1] if v < n)
    tight_rows = sorted(i for i in range(m) if n + i not in bases[1])
    x = _support_solution(b.T, support, tight_columns, m)
    y = _support_solution(a, y_support, tight_rows, n) if x is not None else None
    if y is None:
        return None
    return found[(x, y)] if (x, y) in found else certify(game, (x, y))


def _distribution(values: list[int]) -> tuple[Fraction, ...]:
    total = sum(values)
    return tuple(Fraction(v, total) for v in values)


def large_lemke_howson(game: object) -> object:
    """Lemke-Howson on a large two-player game, every equilibrium certified exactly.

    Follows the path of each starting label ``0, 1, ...`` in floating point, with at most
    ``2 (m + n)`` pivots per path (a longer path is skipped), and solves and certifies its end
    exactly (module docstring). With ``m + n <=`` :data:`ALL_LABELS_LIMIT` every label is
    tried; beyond, the labels are tried in order until one path ends at a certified
    equilibrium. If none does, the exact integer path of label 0 decides. The polytopes are
    never enumerated, so memory stays that of two tableaux.

    Parameters
    ----------
    game : Game
        A two-player game.

    Returns
    -------
    SolveResult
        Method ``"lemke-howson"``, ``exact=True`` (the equilibria are solved exactly),
        ``complete=False``, status ``"ok"`` (``"degenerate"`` if an exact path met a tie); the
        message names the labels followed.

    References
    ----------
    As :func:`lemke_howson_exact`.

    Examples
    --------
    >>> from gametheory import Game
    >>> r = large_lemke_howson(Game.from_arrays([[3, 1], [1, 2]], [[2, 1], [1, 3]]))
    >>> [eq.is_pure for eq in r.equilibria], r.complete, r.status
    ([True, True], False, 'ok')
    """
    from ..result import SolveResult
    from .exact import _positive_integer

    a_game, b_game = game.matrices()
    m, n = game.shape
    a, b = _positive_integer(a_game), _positive_integer(b_game)
    af, bf = np.array(a, dtype=float), np.array(b, dtype=float)
    every = m + n <= ALL_LABELS_LIMIT
    found: dict = {}
    followed = skipped = 0
    for label in range(m + n):
        followed += 1
        equilibrium = _float_certified(game, a, b, af, bf, label, 2 * (m + n), found)
        if equilibrium is None:
            skipped += 1
        else:
            found.setdefault(equilibrium.profile, equilibrium)
            if not every:
                break
    tied = False
    if not found:
        x, y, tied = lemke_howson_exact(a, b, 0)
        equilibrium = _certify(game, x, y)
        found[equilibrium.profile] = equilibrium
    equilibria = tuple(
        found[key] for key in sorted(found, key=lambda p: tuple(tuple(-v for v in s) for s in p))
    )
    count = len(equilibria)
    notes = [
        f"Lemke-Howson found {count} equilibri{'um' if count == 1 else 'a'} "
        + ("from every starting label" if every else f"from the first {followed} starting "
           f"label{'s' if followed > 1 else ''} (one equilibrium: the game has more than "
           f"{ALL_LABELS_LIMIT} strategies)"),
        "paths followed in floating point, their ends solved and certified exactly",
    ]
    if skipped:
        notes.append(f"{skipped} path{'s' if skipped > 1 else ''} too long or inexact, skipped")
    notes.append("degeneracy not decided (the polytopes are not enumerated)")
    notes.append("Lemke-Howson need not find every equilibrium")
    return SolveResult(
        game=game,
        method="lemke-howson",
        equilibria=equilibria,
        exact=True,
        complete=False,
        status="degenerate" if tied else "ok",
        message="; ".join(notes),
    )


def _certify(game: object, x: tuple, y: tuple) -> object:
    from ..result import certify

    equilibrium = certify(game, (x, y))
    if equilibrium is None:  # pragma: no cover - would be a bug in the pivoting
        raise AssertionError("exact Lemke-Howson ended off equilibrium")
    return equilibrium
