"""Vertex enumeration of {z >= 0, C z <= 1} by lexicographic reverse search, in bounded memory.

Method (Avis and Fukuda, 1992, "A pivoting algorithm for convex hulls and vertex enumeration of
arrangements and polyhedra", *Discrete Comput. Geom.* 8; Avis, 2000, "lrs: a revised
implementation of the reverse search vertex enumeration algorithm"; the method of ``lrsnash``)
---------------------------------------------------------------------------------------------
With slacks ``s = 1 - C z`` the polytope's vertices are the feasible bases of the system. The
right-hand side is perturbed lexicographically (row ``j`` gets ``+ eps**(j + 1)``): the
perturbed polytope is simple, its vertices are the *lexicographically feasible* bases, and every
vertex of the original polytope has at least one of them. The origin (every slack basic) is the
unique optimum of ``max -sum(z)``; from any other lex-feasible basis the simplex method with
Bland's entering rule (the improving variable of least index) and the lexicographic ratio test
is a *parent* pivot that climbs strictly towards it. These pivots form a spanning tree of the lex-
feasible bases rooted at the origin, which is searched depth first by reversing them: a basis
``B'`` one pivot away from ``B`` is a child of ``B`` exactly when Bland's rule in ``B'`` picks
the variable that left ``B`` (the lexicographic ratio test then picks the way back; see
:func:`_is_child`). The search keeps one dictionary and a stack of pivots, never the vertex set,
so memory does not grow with the number of vertices. A degenerate vertex has several lex-feasible
bases; it is reported once (its label set is remembered, for degenerate vertices only).

The dictionary is kept fraction-free (as lrs does): integers ``T`` and a positive common
denominator ``D``, every basic variable being ``(T[i][0] - sum_j T[i][j] v_j) / D`` in the
cobasic variables ``v_j``; a pivot divides exactly (Bareiss). Written by hand for the reason
given in :mod:`._polytope` (no exact, pip-installable enumerator) and because the streaming
order matters: equilibria are found while the search runs, so it can report progress and stop
on Ctrl-C with what it found.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

__all__: list[str] = []


def reverse_search_vertices(matrix: np.ndarray) -> Iterator[tuple[np.ndarray, int]]:
    """Yield every vertex of {z in R^d : z >= 0, C z <= 1} once, as :mod:`._polytope` labels it.

    Parameters
    ----------
    matrix : numpy.ndarray
        Integer matrix C of shape (k, d), every entry positive (so the polytope is bounded).

    Yields
    ------
    tuple
        ``(point, labels)``: ``point`` an object array ``(w_1, ..., w_d, t)`` of Python integers,
        primitive, ``t > 0``, the vertex being ``w / t``; ``labels`` the zero set as a bit mask
        (bit ``i < d``: ``z_i = 0``; bit ``d + j``: row ``j`` of C tight). The origin first.
    """
    c = np.asarray(matrix, dtype=object)
    k, d = c.shape
    # Variables 0..d-1 are z, d..d+k-1 the slacks. Row 0 of the tableau is the objective
    # -sum(z), rows 1..k the basic variables; column 0 the right-hand side, columns 1..d the
    # cobasic variables.
    table = np.empty((k + 1, d + 1), dtype=object)
    table[0, 0] = 0
    table[0, 1:] = 1
    table[1:, 0] = 1
    table[1:, 1:] = c
    basis = [d + j for j in range(k)]  # variable of each row 1..k
    cobasis = list(range(d))  # variable of each column 1..d
    det = 1
    seen_degenerate: set[int] = set()

    def vertex() -> tuple[np.ndarray, int] | None:
        rhs = table[1:, 0].tolist()
        labels = 0
        for v in cobasis:
            labels |= 1 << v
        degenerate = False
        for row, v in enumerate(basis):
            if rhs[row] == 0:
                labels |= 1 << v
                degenerate = True
        if degenerate:
            if labels in seen_degenerate:
                return None
            seen_degenerate.add(labels)
        point = np.zeros(d + 1, dtype=object)
        for row, v in enumerate(basis):
            if v < d:
                point[v] = rhs[row]
        point[d] = det
        g = int(np.gcd.reduce(point))
        return (point // g if g > 1 else point), labels

    first = vertex()
    if first is not None:
        yield first
    # Depth-first search. The stack holds each ancestor's dictionary (a copy: its depth is the
    # length of a simplex path, so memory stays small) and the next column to try there.
    stack: list[tuple[np.ndarray, list[int], list[int], int, int, list[int | None]]] = []
    rows = _leaving_rows(table, basis, cobasis, d, det)
    col = 1
    while True:
        child = None
        while col <= d:
            row = rows[col - 1]
            if row is not None and _is_child(table, cobasis, basis, row, col):
                child = (row, col)
                break
            col += 1
        if child is not None:
            row, col = child
            stack.append((table, basis[:], cobasis[:], det, col + 1, rows))
            table, det = _pivoted(table, det, row, col)
            basis[row - 1], cobasis[col - 1] = cobasis[col - 1], basis[row - 1]
            found = vertex()
            if found is not None:
                yield found
            rows = _leaving_rows(table, basis, cobasis, d, det)
            col = 1
            continue
        if not stack:
            return
        table, basis[:], cobasis[:], det, col, rows = stack.pop()


def _pivoted(table: np.ndarray, det: int, row: int, col: int) -> tuple[np.ndarray, int]:
    """The dictionary after the pivot on ``(row, col)`` (a new array) and its denominator.

    Fraction-free (Bareiss): entries off the pivot row and column become
    ``(T[i][j] T[row][col] - T[i][col] T[row][j]) / D``, divided exactly; the pivot row is
    kept, the pivot column negated, the pivot becomes ``D`` and the denominator ``T[row][col]``.
    """
    pivot_value = table[row, col]
    pivot_row = table[row]
    pivot_col = table[:, col]
    out = (table * pivot_value - np.outer(pivot_col, pivot_row)) // det
    out[row] = pivot_row
    out[:, col] = -pivot_col
    out[row, col] = det
    return out, pivot_value


#: Relative margin of the float prefilter of the ratio test: far above the rounding error of
#: int-to-float conversion and one division (a few units of 2**-53).
_MARGIN = 1e-9


def _leaving_rows(
    table: np.ndarray, basis: list[int], cobasis: list[int], d: int, det: int
) -> list[int | None]:
    """For each column 1..d whose variable could enter towards a child (positive objective
    entry), the leaving row of :func:`_lex_min_ratio_row`; None for the other columns.

    The ratios are compared in floating point first, and only the rows whose float ratio is
    within :data:`_MARGIN` of the smallest go to the exact test (usually one, decided at once):
    a row outside the margin has an exactly larger ratio, whatever the rounding.
    """
    out: list[int | None] = [None] * d
    wanted = [j for j in range(1, d + 1) if table[0, j] > 0]
    if not wanted:
        return out
    try:
        floats = table[1:, :].astype(np.float64)
    except OverflowError:
        floats = None
    if floats is None or not np.isfinite(floats).all() or np.abs(floats).max() > 1e300:
        for j in wanted:
            out[j - 1] = _lex_min_ratio_row(table, basis, cobasis, d, j, det)
        return out
    columns = floats[:, wanted]
    positive = columns > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(positive, floats[:, :1] / np.where(positive, columns, 1.0), np.inf)
    low = ratios.min(axis=0)
    near = positive & (ratios <= low * (1 + _MARGIN))
    counts = near.sum(axis=0).tolist()
    best = ratios.argmin(axis=0).tolist()
    for at, j in enumerate(wanted):
        if counts[at] == 1:
            out[j - 1] = best[at] + 1
        elif counts[at] > 1:
            out[j - 1] = _lex_min_ratio_row(
                table, basis, cobasis, d, j, det, candidates=np.flatnonzero(near[:, at]).tolist())
    return out


def _lex_min_ratio_row(
    table: np.ndarray, basis: list[int], cobasis: list[int], d: int, col: int, det: int,
    candidates: list[int] | None = None,
) -> int | None:
    """The leaving row when the cobasic variable of column ``col`` enters: the lexicographic
    minimum ratio test (rows with a positive entry), or None if the column is unbounded.

    A row's perturbed value is its right-hand side, then for each slack ``j`` in order the
    coefficient of ``eps**(j + 1)``: ``det`` if the row's basic variable is slack ``j``, the row's
    entry in slack ``j``'s column if that slack is cobasic, else 0.
    """
    entries = table[1:, col].tolist()
    if candidates is None:
        candidates = [i for i, a in enumerate(entries) if a > 0]
    if not candidates:
        return None
    rhs = table[1:, 0].tolist()
    # Minimum of rhs / a by cross-multiplication (all a > 0).
    best = [candidates[0]]
    for i in candidates[1:]:
        lhs_value, rhs_value = rhs[i] * entries[best[0]], rhs[best[0]] * entries[i]
        if lhs_value < rhs_value:
            best = [i]
        elif lhs_value == rhs_value:
            best.append(i)
    if len(best) == 1:
        return best[0] + 1
    # Ties (a degenerate vertex): break them on the perturbation, slack by slack.
    column_of = {v: c for c, v in enumerate(cobasis, start=1)}
    row_of = {v: r for r, v in enumerate(basis)}
    for slack in range(d, d + len(basis)):
        if len(best) == 1:
            break
        if slack in column_of:
            values = table[1:, column_of[slack]].tolist()
        else:
            values = [0] * len(basis)
            values[row_of[slack]] = det
        low = min(values[i] * _prod_except(entries, best, i) for i in best)
        best = [i for i in best if values[i] * _prod_except(entries, best, i) == low]
    if len(best) != 1:  # pragma: no cover - the perturbed polytope is simple
        raise AssertionError("lexicographic ratio test left a tie")
    return best[0] + 1


def _prod_except(entries: list[int], rows: list[int], i: int) -> int:
    """The product of ``entries[r]`` over ``rows`` but ``i``: compares ``v_i / a_i`` over the
    rows as ``v_i * prod(a_r, r != i)`` (all ``a_r > 0``)."""
    out = 1
    for r in rows:
        if r != i:
            out *= entries[r]
    return out


def _is_child(table: np.ndarray, cobasis: list[int], basis: list[int], row: int, col: int) -> bool:
    """Whether pivoting on ``(row, col)`` leads to a child: in the new basis, Bland's rule (the
    improving cobasic variable of least index) must pick the variable leaving now.

    After the pivot, the objective entry of column ``j != col`` is
    ``(T[0][j] T[row][col] - T[0][col] T[row][j]) / D`` and that of ``col`` is ``-T[0][col]``;
    a variable improves the objective when its entry is negative. (The lexicographic ratio test
    from the child then picks ``row`` again, the way back: from the child every other
    candidate row's ratio exceeds the step just taken.)
    """
    leaving = basis[row - 1]
    t0col = table[0, col]
    if not t0col > 0:  # the leaving variable would not improve the child's objective
        return False
    a = table[row, col]
    t0 = table[0]
    tr = table[row]
    for j, v in enumerate(cobasis, start=1):
        if j == col or v > leaving:
            continue
        if t0[j] * a - t0col * tr[j] < 0:  # a variable of smaller index improves
            return False
    return True
