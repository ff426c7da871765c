"""The driver of :mod:`.batch`: scaling, chunks, the two sides, the flat table, the fallback."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._batch_kernel import error_bound, exact_games, side_signs, subsets


def _scaled(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each game's payoffs times a power of two, exactly (no equilibrium changes).

    A game whose entries are integers after some scaling by ``2**s`` (``s <= 20``), with the
    largest entry then below ``2**40``, is scaled to the smallest such integers; any other game
    so that its largest absolute entry lies in [1, 2) (or is 0). Returns the scaled array,
    whether each game became integer, its spread (a bound on every difference of two
    entries), and whether the scaling was exact (False only for games with subnormal entries
    far below the largest one).
    """
    largest = np.abs(m).max(axis=(1, 2))
    top = np.frexp(largest)[1]  # largest < 2**top
    power = 1 - top
    with np.errstate(over="ignore", invalid="ignore"):
        wide = np.ldexp(m, 20)
        dyadic = (np.rint(wide) == wide).all(axis=(1, 2)) & (largest < 2.0**20)
    as_integer = np.zeros(len(m), dtype=bool)
    chosen = np.flatnonzero(dyadic)
    if chosen.size:
        shift = _integer_shift(m[chosen])
        ok = shift + top[chosen] <= 40  # the largest entry times 2**shift stays below 2**40
        power[chosen[ok]] = shift[ok]
        as_integer[chosen[ok]] = True
    scaled = np.ldexp(m, power[:, None, None])
    # Every difference of two entries is at most the spread (the float subtraction is rounded:
    # a relative margin of 2**-50 makes the bound safe).
    spread = (scaled.max(axis=(1, 2)) - scaled.min(axis=(1, 2))) * (1.0 + 2.0**-50)
    faithful = (np.ldexp(scaled, -power[:, None, None]) == m).all(axis=(1, 2))
    return scaled, as_integer, spread, faithful


def _integer_shift(m: np.ndarray) -> np.ndarray:
    """Per game, the smallest s (possibly negative) making every entry times 2**s an integer."""
    mant, ex = np.frexp(m)
    odd = (mant * 2.0**53).astype(np.int64)
    low = (odd & -odd).astype(np.float64)
    zero = m == 0
    trailing = np.frexp(np.where(zero, 1.0, low))[1] - 1
    # m * 2**need is an odd integer; the largest need over a game makes all of it integer.
    need = np.where(zero, -(2**20), 53 - ex - trailing)
    shift = need.max(axis=(1, 2))
    return np.where(zero.all(axis=(1, 2)), 0, shift)


def solve_arrays(
    a: np.ndarray, b: np.ndarray, *, chunk_size: int, fallback: bool
) -> dict[str, Any]:
    """The flat equilibrium table of :class:`.batch.BatchResult` (every field but the inputs)."""
    n_games, m, n = a.shape
    sa, int_a, spread_a, ok_a = _scaled(a)
    sb, int_b, spread_b, ok_b = _scaled(b)
    uncertain = ~(ok_a & ok_b)
    records: list[tuple[np.ndarray, ...]] = []
    for start in range(0, n_games, chunk_size):
        stop = min(start + chunk_size, n_games)
        bt = np.ascontiguousarray(sb[start:stop].transpose(1, 2, 0))  # (m, n, Gc)
        at = np.ascontiguousarray(sa[start:stop].transpose(2, 1, 0))  # (n, m, Gc)
        for k in range(1, min(m, n) + 1):
            sl = slice(start, stop)
            err_b = error_bound(k, spread_b[sl], exact_games(k, int_b[sl], spread_b[sl]))
            err_a = error_bound(k, spread_a[sl], exact_games(k, int_a[sl], spread_a[sl]))
            valid_x, unsure_x, cof_x, det_x = side_signs(bt, k, err_b)  # (nI, nJ, Gc)
            valid_y, unsure_y, cof_y, det_y = side_signs(at, k, err_a)  # (nJ, nI, Gc)
            uncertain[start:stop] |= unsure_x.any(axis=(0, 1)) | unsure_y.any(axis=(0, 1))
            i_idx, j_idx, g_idx = np.nonzero(valid_x & valid_y.transpose(1, 0, 2))
            records.append(
                (
                    g_idx + start,
                    subsets(m, k)[i_idx],
                    subsets(n, k)[j_idx],
                    _solution(cof_x, det_x, (i_idx, j_idx, g_idx)),
                    _solution(cof_y, det_y, (j_idx, i_idx, g_idx)),
                )
            )
    return _table(a, b, records, uncertain, fallback)


def _solution(cof: list[np.ndarray], det: np.ndarray, at: tuple[np.ndarray, ...]) -> np.ndarray:
    """The float probabilities ``C / D`` of the selected systems, shape (E, k)."""
    return np.stack([c[at] for c in cof], axis=1) / det[at][:, None]


def _table(
    a: np.ndarray,
    b: np.ndarray,
    records: list[tuple[np.ndarray, ...]],
    uncertain: np.ndarray,
    fallback: bool,
) -> dict[str, Any]:
    n_games, m, n = a.shape
    games, rows, cols, xs, ys, continuum = [], [], [], [], [], []
    # Supports are kept from the index sets (exact), never re-derived from float values.
    for g_idx, i_sets, j_sets, x_vals, y_vals in records:
        keep = ~uncertain[g_idx]
        g_idx, i_sets, j_sets = g_idx[keep], i_sets[keep], j_sets[keep]
        count = len(g_idx)
        x = np.zeros((count, m))
        y = np.zeros((count, n))
        np.put_along_axis(x, i_sets, x_vals[keep], axis=1)
        np.put_along_axis(y, j_sets, y_vals[keep], axis=1)
        rows.append(_indicator(i_sets, m))
        cols.append(_indicator(j_sets, n))
        games.append(g_idx)
        xs.append(x)
        ys.append(y)
        continuum.append(np.zeros(count, dtype=bool))
    solved = np.ones(n_games, dtype=bool)
    fallen = np.flatnonzero(uncertain)
    if fallback:
        for g in fallen:
            x, y, row_sup, col_sup, flags = _exact_rows(a[g], b[g])
            games.append(np.full(len(x), g, dtype=np.intp))
            rows.append(row_sup)
            cols.append(col_sup)
            xs.append(x)
            ys.append(y)
            continuum.append(flags)
    else:
        solved[fallen] = False
    game = np.concatenate(games) if games else np.zeros(0, dtype=np.intp)
    order = np.argsort(game, kind="stable")
    game = game[order].astype(np.int64)
    x = np.concatenate(xs)[order] if xs else np.zeros((0, m))
    y = np.concatenate(ys)[order] if ys else np.zeros((0, n))
    row_support = np.concatenate(rows)[order] if rows else np.zeros((0, m), dtype=bool)
    col_support = np.concatenate(cols)[order] if cols else np.zeros((0, n), dtype=bool)
    payoffs = np.stack(
        [
            np.einsum("em,emn,en->e", x, a[game], y),
            np.einsum("em,emn,en->e", x, b[game], y),
        ],
        axis=1,
    ).reshape(-1, 2)
    counts = np.bincount(game, minlength=n_games).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    table = {
        "n_equilibria": counts,
        "offsets": offsets,
        "exact_fallback": uncertain,
        "solved": solved,
        "game": game,
        "row_support": row_support,
        "col_support": col_support,
        "x": x,
        "y": y,
        "payoffs": payoffs,
        "in_continuum": np.concatenate(continuum)[order] if continuum else np.zeros(0, bool),
    }
    for value in table.values():
        value.setflags(write=False)
    return table


def _indicator(sets: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros((len(sets), size), dtype=bool)
    np.put_along_axis(out, sets, True, axis=1)
    return out


def _exact_rows(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    """One game through the exact solver: probabilities, supports, continuum flags."""
    from fractions import Fraction

    from ..algorithms.exact import exact_equilibria
    from ..game import Game

    game = Game.from_arrays(
        [[Fraction(float(v)) for v in row] for row in a],
        [[Fraction(float(v)) for v in row] for row in b],
    )
    result = exact_equilibria(game)
    m, n = a.shape
    x = np.array([[float(p) for p in eq.profile[0]] for eq in result.equilibria]).reshape(-1, m)
    y = np.array([[float(p) for p in eq.profile[1]] for eq in result.equilibria]).reshape(-1, n)
    row_sup = np.array([[p > 0 for p in eq.profile[0]] for eq in result.equilibria], dtype=bool)
    col_sup = np.array([[p > 0 for p in eq.profile[1]] for eq in result.equilibria], dtype=bool)
    flags = np.zeros(len(result.equilibria), dtype=bool)
    for component in result.components:
        if not component.is_singleton:
            flags[list(component.equilibria)] = True
    return x, y, row_sup.reshape(-1, m), col_sup.reshape(-1, n), flags
