"""The driver of :mod:`.batch`: scaling, chunks, the two sides, the flat table, the fallback."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._batch_kernel import side_signs, subsets

#: Integer scalings are used up to this largest entry (beyond, floats with error bounds).
_MAX_INTEGER = 2.0**40


def _scaled(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each game's payoffs times a power of two, exactly (no equilibrium changes).

    Returns the scaled array, whether each game became integer (with its largest entry ``L``
    at most :data:`_MAX_INTEGER`), ``L``, and whether the scaling was exact (False only for
    games with subnormal entries far below the largest one).
    """
    mant, ex = np.frexp(m)
    odd = (mant * 2.0**53).astype(np.int64)
    low = (odd & -odd).astype(np.float64)
    zero = m == 0
    trailing = np.frexp(np.where(zero, 1.0, low))[1] - 1
    # m * 2**need is an odd integer; the largest need over a game makes all of it integer.
    need = np.where(zero, np.iinfo(np.int64).min // 2, 53 - ex - trailing)
    shift = need.max(axis=(1, 2))
    shift = np.where(zero.all(axis=(1, 2)), 0, shift)
    top = ex.max(axis=(1, 2), initial=0, where=~zero)
    as_integer = shift + top <= 40  # the largest entry times 2**shift is below 2**40
    power = np.where(as_integer, shift, 1 - top)[:, None, None]
    scaled = np.ldexp(m, power)
    largest = np.abs(scaled).max(axis=(1, 2))
    as_integer &= largest <= _MAX_INTEGER
    faithful = (np.ldexp(scaled, -power) == m).all(axis=(1, 2))
    return scaled, as_integer, largest, faithful


def _exact_for(k: int, as_integer: np.ndarray, largest: np.ndarray) -> np.ndarray:
    """Integer games whose size-k determinants stay below 2**52: ``(2 k L)**k``."""
    with np.errstate(divide="ignore"):
        bits = k * np.log2(np.maximum(2.0 * k * largest, 1.0))
    return as_integer & (bits < 52)


def solve_arrays(
    a: np.ndarray, b: np.ndarray, *, chunk_size: int, fallback: bool
) -> dict[str, Any]:
    """The flat equilibrium table of :class:`.batch.BatchResult` (every field but the inputs)."""
    n_games, m, n = a.shape
    sa, int_a, big_a, ok_a = _scaled(a)
    sb, int_b, big_b, ok_b = _scaled(b)
    uncertain = ~(ok_a & ok_b)
    records: list[tuple[np.ndarray, ...]] = []
    for start in range(0, n_games, chunk_size):
        stop = min(start + chunk_size, n_games)
        bt = np.ascontiguousarray(sb[start:stop].transpose(1, 2, 0))  # (m, n, Gc)
        at = np.ascontiguousarray(sa[start:stop].transpose(2, 1, 0))  # (n, m, Gc)
        for k in range(1, min(m, n) + 1):
            ex_b = _exact_for(k, int_b[start:stop], big_b[start:stop])
            ex_a = _exact_for(k, int_a[start:stop], big_a[start:stop])
            valid_x, unsure_x, px = side_signs(bt, k, ex_b)  # (nI, nJ, Gc)
            valid_y, unsure_y, py = side_signs(at, k, ex_a)  # (nJ, nI, Gc)
            uncertain[start:stop] |= unsure_x.any(axis=(0, 1)) | unsure_y.any(axis=(0, 1))
            i_idx, j_idx, g_idx = np.nonzero(valid_x & valid_y.transpose(1, 0, 2))
            records.append(
                (
                    g_idx + start,
                    subsets(m, k)[i_idx],
                    subsets(n, k)[j_idx],
                    px[:, i_idx, j_idx, g_idx].T,
                    py[:, j_idx, i_idx, g_idx].T,
                )
            )
    return _table(a, b, records, uncertain, fallback)


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
