"""One chunk of a robustness run: draw the games, solve them, summarise (see :mod:`.smaa`).

Everything here is what a worker process (or a Dask worker) runs: :class:`Sampler` travels to
it, :func:`run_chunk` draws chunk ``c`` of a run from ``SeedSequence(seed, spawn_key=(c,))``,
solves it with the batch solver and returns a :class:`ChunkSummary`; :func:`merge` adds the
summaries up in chunk order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import GameValueError

__all__ = ["ChunkSummary", "Sampler", "merge", "run_chunk"]


# ---------------------------------------------------------------------- sampling
@dataclass(frozen=True)
class Sampler:
    """How one chunk of games is drawn (picklable: it travels to worker processes).

    Attributes
    ----------
    mode : str
        ``"ranks"`` or ``"parameters"``.
    shape : tuple of int
        ``(m, n)``.
    class_of : tuple of tuple of int
        ranks: per player, the tie class of each cell (cells in row-major order).
    above : tuple of tuple of int
        ranks: per player, per class, the bitmask of the classes settled above it.
    payoffs : tuple
        parameters: per player, the payoff expressions of the cells (row-major).
    distributions : tuple of (str, str, tuple of float)
        parameters: name, distribution and its arguments, for each drawn parameter.
    fixed : tuple of (str, float)
        parameters: the other parameters' values.
    """

    mode: str
    shape: tuple[int, int]
    class_of: tuple[tuple[int, ...], ...] = ()
    above: tuple[tuple[int, ...], ...] = ()
    payoffs: tuple[tuple[Any, ...], ...] = ()
    distributions: tuple[tuple[str, str, tuple[float, ...]], ...] = ()
    fixed: tuple[tuple[str, float], ...] = ()

    def draw(self, rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
        """``size`` games: payoff arrays A and B of shape (size, m, n), float64."""
        m, n = self.shape
        if self.mode == "ranks":
            arrays = []
            for class_of, above in zip(self.class_of, self.above, strict=True):
                positions = _orders(above).sample(rng, size)
                k = len(above)
                values = -np.sort(-rng.random((size, k)), axis=1)  # largest first
                by_class = np.take_along_axis(values, positions, axis=1)
                arrays.append(by_class[:, np.asarray(class_of)].reshape(size, m, n))
            return arrays[0], arrays[1]
        values: dict[str, Any] = {name: value for name, value in self.fixed}
        for name, kind, args in self.distributions:
            if kind == "uniform":
                values[name] = rng.uniform(args[0], args[1], size)
            else:
                values[name] = rng.triangular(args[0], args[1], args[2], size)
        arrays = []
        for cells in self.payoffs:
            out = np.empty((size, m * n))
            for c, expression in enumerate(cells):
                with np.errstate(all="ignore"):
                    out[:, c] = _evaluate(expression, values)
            if not np.isfinite(out).all():
                c = int(np.argwhere(~np.isfinite(out))[0][1])
                raise GameValueError(
                    f"payoff {cells[c]} is not finite for some drawn parameter values "
                    "(a division by zero?)",
                    hint="narrow the parameter distributions",
                )
            arrays.append(out.reshape(size, m, n))
        return arrays[0], arrays[1]


_ORDERS: dict[tuple[int, ...], Any] = {}


def _orders(above: tuple[int, ...]) -> Any:
    """The sampler of one player's orders, built once per process."""
    from .orders import AdmissibleOrders

    if above not in _ORDERS:
        _ORDERS[above] = AdmissibleOrders(above)
    return _ORDERS[above]


def _evaluate(expression: Any, values: Mapping[str, Any]) -> Any:
    """A payoff expression in floating point, vectorised over the drawn parameter values."""
    from ..models.expression import _Binary, _Number, _Symbol, _Unary

    if isinstance(expression, _Number):
        return float(expression.value)
    if isinstance(expression, _Symbol):
        return values[expression.name]
    if isinstance(expression, _Unary):
        inner = _evaluate(expression.operand, values)
        return -inner if expression.op == "-" else inner
    if isinstance(expression, _Binary):
        a = _evaluate(expression.left, values)
        if expression.op == "**":
            return np.power(np.asarray(a, dtype=float), float(expression.exponent))
        b = _evaluate(expression.right, values)
        return {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}[
            expression.op
        ](a, b)
    raise TypeError(f"not an expression: {expression!r}")  # pragma: no cover


# ---------------------------------------------------------------------- one chunk
@dataclass
class ChunkSummary:
    """What one chunk of samples found (merged in chunk order by :func:`merge`)."""

    samples: int
    pure: np.ndarray  # (m, n) int: samples in which each pure profile is an equilibrium
    supports: dict[tuple[int, int], int]  # (row mask, column mask) -> samples with one
    # Per mixed support pair: the support's probabilities and the payoffs, one row per
    # equilibrium, as float32 (for quantiles and histograms: small to ship between processes),
    # and their float64 sums (for the means).
    values: dict[tuple[int, int], list[np.ndarray]]
    counts: dict[int, int]  # number of equilibria -> samples
    fallback: int  # samples solved by the exact solver
    sums: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)
    # The set of support pairs of each sample's equilibria -> samples with exactly that set.
    sets: dict[tuple[tuple[int, int], ...], int] = field(default_factory=dict)


def run_chunk(sampler: Sampler, seed: int, chunk: int, size: int) -> ChunkSummary:
    """Draw and solve chunk number ``chunk`` (``size`` samples) of a run with ``seed``."""
    from .batch import solve_batch

    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(chunk,)))
    A, B = sampler.draw(rng, size)
    result = solve_batch(A, B)
    m, n = sampler.shape
    row_bits = result.row_support @ (1 << np.arange(m))
    col_bits = result.col_support @ (1 << np.arange(n))
    pure = np.zeros((m, n), dtype=np.int64)
    one = (result.row_support.sum(axis=1) == 1) & (result.col_support.sum(axis=1) == 1)
    if one.any():
        rows = result.row_support[one].argmax(axis=1)
        cols = result.col_support[one].argmax(axis=1)
        # A pure profile counts once per game (a fallback game lists each extreme point once).
        keys = np.unique(result.game[one] * (m * n) + rows * n + cols)
        np.add.at(pure, ((keys % (m * n)) // n, keys % n), 1)
    supports: dict[tuple[int, int], int] = {}
    values: dict[tuple[int, int], list[np.ndarray]] = {}
    pairs = row_bits.astype(np.int64) * (1 << n) + col_bits.astype(np.int64)
    sums: dict[tuple[int, int], np.ndarray] = {}
    table = np.column_stack([result.x, result.y, result.payoffs])
    for key in np.unique(pairs):
        mask = pairs == key
        pair = (int(key) >> n, int(key) & ((1 << n) - 1))
        supports[pair] = int(np.unique(result.game[mask]).size)
        if not one[mask][0]:
            data = table[mask][:, _columns(pair, m, n)]
            values[pair] = [data.astype(np.float32)]
            sums[pair] = data.sum(axis=0)
    sets: dict[tuple[tuple[int, int], ...], int] = {}
    offsets = result.offsets.tolist()
    keys = pairs.tolist()
    for g in range(size):
        here = keys[offsets[g]:offsets[g + 1]]
        found = tuple(sorted({(k >> n, k & ((1 << n) - 1)) for k in here}))
        sets[found] = sets.get(found, 0) + 1
    counts: dict[int, int] = {}
    numbers, how_many = np.unique(result.n_equilibria, return_counts=True)
    for k, c in zip(numbers.tolist(), how_many.tolist(), strict=True):
        counts[int(k)] = int(c)
    return ChunkSummary(
        size, pure, supports, values, counts, int(np.count_nonzero(result.exact_fallback)), sums,
        sets,
    )


def _columns(pair: tuple[int, int], m: int, n: int) -> list[int]:
    """The columns of x | y | payoffs kept for a support pair: its support, then the payoffs."""
    return (
        [j for j in range(m) if pair[0] >> j & 1]
        + [m + j for j in range(n) if pair[1] >> j & 1]
        + [m + n, m + n + 1]
    )


def merge(parts: Sequence[ChunkSummary]) -> ChunkSummary:
    """The chunks' summaries added up, in the order given (chunk order)."""
    first = parts[0]
    total = ChunkSummary(0, np.zeros_like(first.pure), {}, {}, {}, 0)
    for part in parts:
        total.samples += part.samples
        total.pure += part.pure
        total.fallback += part.fallback
        for key, c in part.supports.items():
            total.supports[key] = total.supports.get(key, 0) + c
        for key, arrays in part.values.items():
            total.values.setdefault(key, []).extend(arrays)
        for key, c in part.sets.items():
            total.sets[key] = total.sets.get(key, 0) + c
        for key, row in part.sums.items():
            total.sums[key] = total.sums[key] + row if key in total.sums else row.copy()
        for key, c in part.counts.items():
            total.counts[key] = total.counts.get(key, 0) + c
    return total
