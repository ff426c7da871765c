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
    high, low = m.max(axis=(1, 2)), m.min(axis=(1, 2))
    largest = np.maximum(np.abs(high), np.abs(low))
    top = np.frexp(largest)[1]  # largest < 2**top
    power = 1 - top
    with np.errstate(over="ignore"):
        wide = m * 2.0**20  # exact below 2**1000 (no overflow, no underflow)
    dyadic = (np.rint(wide) == wide).all(axis=(1, 2)) & (largest < 2.0**1000)
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
    with np.errstate(over="ignore"):
        spread = np.ldexp(high - low, power) * (1.0 + 2.0**-50)
    # Scaling up is exact; scaling down may round entries that become subnormal.
    faithful = np.ones(len(m), dtype=bool)
    down = np.flatnonzero(power < 0)
    if down.size:
        back = np.ldexp(scaled[down], -power[down, None, None])
        faithful[down] = (back == m[down]).all(axis=(1, 2))
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
    exact_all = ok_a & ok_b & (m + n <= 62)  # label masks fit in int64
    sizes = range(1, min(m, n) + 1)
    err_a, err_b = {}, {}
    for k in sizes:
        exact_a, exact_b = exact_games(k, int_a, spread_a), exact_games(k, int_b, spread_b)
        exact_all &= exact_a & exact_b
        err_a[k], err_b[k] = error_bound(k, spread_a, exact_a), error_bound(k, spread_b, exact_b)
    blocks: list[dict[str, np.ndarray]] = []
    for start in range(0, n_games, chunk_size):
        alive = np.arange(start, min(start + chunk_size, n_games))
        for k in sizes:
            # A game found uncertain at a smaller size goes to the exact path as a whole:
            # its larger support systems would be computed for nothing (the costly ones).
            alive = alive[~uncertain[alive]]
            step = _games_per_step(m, n, k)
            for first in range(0, alive.size, step):
                blocks.append(_support_size(sa, sb, alive[first : first + step], k, err_a[k],
                                            err_b[k], uncertain))
    degenerate = uncertain & exact_all
    blocks = [_select(block, ~uncertain[block["game"]]) for block in blocks]
    if degenerate.any():
        from ._batch_degenerate import degenerate_blocks

        step = min(chunk_size, *(_games_per_step(m, n, k) for k in sizes))
        blocks.append(degenerate_blocks(sa, sb, np.flatnonzero(degenerate), step))
    return _table(a, b, blocks, uncertain & ~exact_all, degenerate, fallback)


#: Float64 values the kernel may hold at once for one support size (about 130 MB): the
#: games of a chunk are split further where the support systems are many (8x8 games).
_BUDGET = 16_000_000


def _games_per_step(m: int, n: int, k: int) -> int:
    """Games solved together at support size ``k``, so that the kernel's arrays fit the budget.

    The kernel holds about ``k * k + 3 * k + max(m, n)`` arrays of ``C(m, k) C(n, k)`` values
    per game (the support blocks, the cofactors and their minors, the losses).
    """
    from math import comb

    per_game = comb(m, k) * comb(n, k) * (k * k + 3 * k + max(m, n))
    return max(1, _BUDGET // per_game)


def _support_size(
    sa: np.ndarray,
    sb: np.ndarray,
    games: np.ndarray,
    k: int,
    err_a: np.ndarray,
    err_b: np.ndarray,
    uncertain: np.ndarray,
) -> dict[str, np.ndarray]:
    """The equilibria with supports of size ``k`` of ``games``; marks the uncertain ones."""
    _, m, n = sa.shape
    bt = np.ascontiguousarray(sb[games].transpose(1, 2, 0))  # (m, n, Gc)
    at = np.ascontiguousarray(sa[games].transpose(2, 1, 0))  # (n, m, Gc)
    valid_x, unsure_x, cof_x, det_x = side_signs(bt, k, err_b[games])  # (nI, nJ, Gc)
    valid_y, unsure_y, cof_y, det_y = side_signs(at, k, err_a[games])  # (nJ, nI, Gc)
    uncertain[games] |= unsure_x.any(axis=(0, 1)) | unsure_y.any(axis=(0, 1))
    i_idx, j_idx, g_idx = np.nonzero(valid_x & valid_y.transpose(1, 0, 2))
    x = _solution(cof_x, det_x, (i_idx, j_idx, g_idx), subsets(m, k)[i_idx], m)
    y = _solution(cof_y, det_y, (j_idx, i_idx, g_idx), subsets(n, k)[j_idx], n)
    return _nondegenerate_block(games[g_idx], x, y, subsets(m, k)[i_idx], subsets(n, k)[j_idx])


def _solution(
    cof: list[np.ndarray], det: np.ndarray, at: tuple[np.ndarray, ...], sets: np.ndarray, size: int
) -> np.ndarray:
    """The float probabilities ``C / D`` of the selected systems, shape (E, size)."""
    out = np.zeros((len(det[at]), size))
    values = np.stack([c[at] for c in cof], axis=1) / det[at][:, None]
    np.put_along_axis(out, sets, values, axis=1)
    return out


def _nondegenerate_block(
    game: np.ndarray, x: np.ndarray, y: np.ndarray, rows: np.ndarray, cols: np.ndarray
) -> dict[str, np.ndarray]:
    m = x.shape[1]
    row_support, col_support = _indicator(rows, m), _indicator(cols, y.shape[1])
    # Nondegenerate: each support system is the basis of both vertices.
    basis = _mask(row_support) | (_mask(col_support) << m)
    return {
        "game": game,
        "x": x,
        "y": y,
        "row_support": row_support,
        "col_support": col_support,
        "in_continuum": np.zeros(len(game), dtype=bool),
        "x_basis": basis,
        "y_basis": basis,
    }


def _select(block: dict[str, np.ndarray], keep: np.ndarray) -> dict[str, np.ndarray]:
    return {key: value[keep] for key, value in block.items()}


def _mask(indicator: np.ndarray) -> np.ndarray:
    return (indicator.astype(np.int64) << np.arange(indicator.shape[1], dtype=np.int64)).sum(axis=1)


def _indicator(sets: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros((len(sets), size), dtype=bool)
    np.put_along_axis(out, sets, True, axis=1)
    return out


def _table(
    a: np.ndarray,
    b: np.ndarray,
    blocks_in: list[dict[str, np.ndarray]],
    fallen: np.ndarray,
    degenerate: np.ndarray,
    fallback: bool,
) -> dict[str, Any]:
    n_games, m, n = a.shape
    none = np.zeros((0, 0), dtype=np.intp)
    empty = _nondegenerate_block(none.sum(axis=1), np.zeros((0, m)), np.zeros((0, n)), none, none)
    blocks = [empty]
    blocks += blocks_in
    solved = ~fallen
    degenerate = degenerate.copy()
    for g in np.flatnonzero(fallen):
        if fallback:
            block, is_degenerate = _exact_block(g, a[g], b[g])
            blocks.append(block)
            degenerate[g] = is_degenerate
            solved[g] = True
    game = np.concatenate([block["game"] for block in blocks]).astype(np.int64)
    order = np.argsort(game, kind="stable")
    table = {
        key: np.concatenate([block[key] for block in blocks])[order]
        for key in ("x", "y", "row_support", "col_support", "in_continuum", "x_basis", "y_basis")
    }
    game = game[order]
    x, y = table["x"], table["y"]
    payoffs = np.stack(
        [np.einsum("em,emn,en->e", x, a[game], y), np.einsum("em,emn,en->e", x, b[game], y)],
        axis=1,
    ).reshape(-1, 2)
    counts = np.bincount(game, minlength=n_games).astype(np.int64)
    table.update(
        n_equilibria=counts,
        offsets=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        exact_fallback=fallen,
        degenerate=degenerate,
        solved=solved,
        game=game,
        payoffs=payoffs,
    )
    for value in table.values():
        value.setflags(write=False)
    return table


def _exact_block(g: int, a: np.ndarray, b: np.ndarray) -> tuple[dict[str, np.ndarray], bool]:
    """One game through the exact solver, as a table block; and whether it is degenerate."""
    from fractions import Fraction

    from ..algorithms.exact import exact_equilibria
    from ..game import Game

    m, n = a.shape
    game = Game.from_arrays(
        [[Fraction(float(v)) for v in row] for row in a],
        [[Fraction(float(v)) for v in row] for row in b],
    )
    result = exact_equilibria(game)
    profiles = [eq.profile for eq in result.equilibria]
    flags = np.zeros(len(profiles), dtype=bool)
    for component in result.components:
        if not component.is_singleton:
            flags[list(component.equilibria)] = True
    block = {
        "game": np.full(len(profiles), g, dtype=np.int64),
        "x": np.array([[float(p) for p in x] for x, _ in profiles]).reshape(-1, m),
        "y": np.array([[float(p) for p in y] for _, y in profiles]).reshape(-1, n),
        "row_support": np.array([[p > 0 for p in x] for x, _ in profiles], bool).reshape(-1, m),
        "col_support": np.array([[p > 0 for p in y] for _, y in profiles], bool).reshape(-1, n),
        "in_continuum": flags,
        # The exact solver's equilibria are recomputed on demand: no bases.
        "x_basis": np.zeros(len(profiles), dtype=np.int64),
        "y_basis": np.zeros(len(profiles), dtype=np.int64),
    }
    return block, result.status == "degenerate"
