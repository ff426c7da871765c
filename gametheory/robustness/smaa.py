"""Cardinal robustness (SMAA): how often each conclusion holds over the payoffs a model allows.

Stochastic multicriteria acceptability analysis (Lahdelma, Hokkanen and Salminen, 1998,
"SMAA - Stochastic multiobjective acceptability analysis", European Journal of Operational
Research 106(1), 137-143) asks, for uncertain criteria, in what share of the admissible values
each alternative comes out best. Here the uncertain values are the payoffs and the "conclusions"
are the equilibria. Two modes, named in the output:

``ranks`` (the default where a model has ranks)
    Each player's payoffs are drawn uniformly among the cardinalisations consistent with its
    admissible orders, the payoff expressions set aside: a uniform admissible order
    (:class:`~.orders.AdmissibleOrders`), then sorted uniform numbers on [0, 1], the largest to
    the best outcome (tied outcomes share one number). This is the uniform distribution on the
    union of the order polytopes of the admissible orders.
``parameters`` (the only mode for a model without ranks)
    Parameter values are drawn from their distributions (``[distributions]`` in the model file,
    or ``--param-distribution``; without any, every parameter with a declared range is drawn
    uniformly on it) and the payoff expressions are evaluated in floating point.

Every sample is solved by the batch solver (:func:`~.batch.solve_batch`: every equilibrium,
certified; games without a certified float margin go to the exact solver). Reported: the share
of samples in which each pure profile is an equilibrium; the share in which each pair of supports
carries an equilibrium; per pair of supports, the mean and quantiles of the probabilities and
payoffs (floats); the share of samples with exactly one equilibrium.

Reproducibility: samples are drawn in chunks of :data:`CHUNK` samples; chunk ``c`` draws from
``numpy.random.SeedSequence(seed, spawn_key=(c,))`` (the ``c``-th child of the seed), and the
chunks' results are merged in chunk order. The result therefore depends only on the seed, the
sample count and the model, never on the number of workers or where the chunks run.

Examples
--------
>>> from gametheory.models import load_model
>>> r = robustness(load_model("tests/data/models/open_judgement.toml"), samples=200, seed=1)
>>> r.mode, r.samples, [round(float(s), 1) for s in r.pure_shares.reshape(-1)]
('ranks', 200, [1.0, 0.0, 0.0, 1.0])
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameValueError, ModelError

__all__ = [
    "CHUNK",
    "MODES",
    "ChunkSummary",
    "RobustnessResult",
    "Sampler",
    "robustness",
    "run_chunk",
]

#: Samples per chunk: part of the reproducibility key (see the module docstring).
CHUNK = 10_000
MODES = ("ranks", "parameters")
#: Quantiles reported for each mixed probability and payoff.
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
#: Bins of the histograms of mixed probabilities (for the figure).
BINS = 50


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


# ---------------------------------------------------------------------- the run
@dataclass(frozen=True)
class SupportStats:
    """One pair of supports: how often it carries an equilibrium, and its numbers."""

    supports: tuple[tuple[int, ...], tuple[int, ...]]
    count: int
    equilibria: int  # equilibria with these supports over all samples (>= count)
    mean: tuple[float, ...] = ()  # per column of x | y | payoffs
    quantiles: tuple[tuple[float, ...], ...] = ()  # per column: QUANTILES
    histograms: tuple[tuple[int, ...], ...] = ()  # per probability column: BINS bins on [0, 1]


@dataclass(frozen=True)
class RobustnessResult:
    """The result of :func:`robustness`. Shares are exact fractions ``count / samples``.

    Attributes
    ----------
    title, model : str
    mode : str
        ``"ranks"`` or ``"parameters"``.
    samples, seed : int
    players : tuple of str
    strategies : tuple of tuple of str
    pure_counts : numpy.ndarray of int, shape (m, n)
        Samples in which each pure profile is an equilibrium.
    supports : tuple of SupportStats
        Pairs of supports that carry an equilibrium in some sample, most frequent first.
    equilibrium_counts : dict of int to int
        Number of equilibria (extreme equilibria for degenerate samples) -> samples.
    equilibrium_sets : tuple of (tuple of support pairs, int)
        Each set of support pairs that is exactly the set of a sample's equilibria, with its
        number of samples, most frequent first (a support pair is two tuples of strategy
        indices).
    fallback : int
        Samples solved by the exact solver (no certified float margin).
    verdicts : RankVerdicts or None
        The exact rank-only verdicts, for a model with ranks.
    distributions : tuple of (str, str)
        parameters mode: each drawn parameter and its distribution.
    """

    title: str
    model: str
    mode: str
    samples: int
    seed: int
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    pure_counts: np.ndarray
    supports: tuple[SupportStats, ...]
    equilibrium_counts: dict[int, int]
    fallback: int
    verdicts: Any = None
    equilibrium_sets: tuple[tuple[tuple[Any, ...], int], ...] = ()
    distributions: tuple[tuple[str, str], ...] = ()
    open_comparisons: tuple[Any, ...] = field(default=())

    @property
    def pure_shares(self) -> np.ndarray:
        """The share of samples in which each pure profile is an equilibrium (object array)."""
        out = np.empty(self.pure_counts.shape, dtype=object)
        for index, c in np.ndenumerate(self.pure_counts):
            out[index] = Fraction(int(c), self.samples)
        return out

    @property
    def unique_share(self) -> Fraction:
        return Fraction(self.equilibrium_counts.get(1, 0), self.samples)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``gametheory robustness`` (see :mod:`.report`)."""
        from .report import robustness_json

        return robustness_json(self)


def robustness(
    model: Any,
    *,
    over: str | None = None,
    samples: int = 10_000,
    seed: int | None = None,
    distributions: Mapping[str, str] | None = None,
    values: Mapping[str, Any] | None = None,
    runner: Any = None,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = CHUNK,
) -> RobustnessResult:
    """Sample the payoffs a model allows, solve every sample, and count the conclusions.

    Parameters
    ----------
    model : Model
        A two-player model.
    over : {"ranks", "parameters"}, optional
        Default: ``"ranks"`` if every player ranks every outcome, else ``"parameters"``.
    samples : int
        A positive number of samples.
    seed : int, optional
        A non-negative seed; default: fresh entropy (reported in the result).
    distributions : mapping of str to str, optional
        parameters mode: distributions by parameter name (``"uniform(0, 2)"``), replacing the
        model's.
    values : mapping, optional
        parameters mode: values of the parameters not drawn (default: the model's).
    runner : LocalRunner or DaskRunner, optional
        Where chunks run (default: this process).
    progress : callable, optional
        ``progress(done, total)`` in samples, after each chunk.
    chunk : int
        Samples per chunk (part of the reproducibility key; keep the default).

    Returns
    -------
    RobustnessResult

    Raises
    ------
    ModelError
        For a model without ranks asked for ``ranks``, a model that is not a two-player game,
        an unknown parameter or distribution, or no parameter to draw.
    GameValueError
        For a sample count or seed that is not a positive (non-negative) integer.
    """
    from .runners import LocalRunner
    from .verdicts import player_orders, rank_verdicts

    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise GameValueError(f"the number of samples must be a positive integer, got {samples!r}",
                             key="samples")
    if seed is None:
        seed = int(np.random.SeedSequence().entropy) % (1 << 63)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise GameValueError(f"the seed must be a non-negative integer, got {seed!r}", key="seed")
    if len(model.players) != 2:
        raise ModelError(
            f"robustness needs a two-player model; {model.name} has {len(model.players)} players"
        )
    has_ranks = _has_ranks(model)
    if over is None:
        over = "ranks" if has_ranks else "parameters"
    if over not in MODES:
        raise ModelError(f"unknown mode {over!r}", key="over", hint="ranks or parameters")
    verdicts = None
    if has_ranks or over == "ranks":
        verdicts = rank_verdicts(model)  # raises, saying what is missing, without ranks
    m, n = model.shape
    if over == "ranks":
        orders = player_orders(model)
        sampler = Sampler("ranks", (m, n), tuple(o.class_of for o in orders),
                          tuple(o.above for o in orders))
        drawn: tuple[tuple[str, str], ...] = ()
    else:
        sampler, drawn = _parameter_sampler(model, distributions or {}, values or {})
    n_chunks = math.ceil(samples / chunk)
    tasks = [(sampler, seed, c, min(chunk, samples - c * chunk)) for c in range(n_chunks)]
    runner = runner if runner is not None else LocalRunner(1)
    parts = runner.map(run_chunk, tasks, progress=progress, sizes=[t[3] for t in tasks])
    total = merge(parts)
    judgements = getattr(model, "judgements", None)
    return RobustnessResult(
        title=model.title or model.name,
        model=model.name,
        mode=over,
        samples=samples,
        seed=seed,
        players=model.player_names,
        strategies=model.strategy_ids,
        pure_counts=total.pure,
        supports=_support_stats(total, m, n),
        equilibrium_counts=dict(sorted(total.counts.items())),
        fallback=total.fallback,
        verdicts=verdicts,
        equilibrium_sets=_sets(total, m, n),
        distributions=drawn,
        open_comparisons=tuple(judgements.open) if judgements else (),
    )


def _has_ranks(model: Any) -> bool:
    from .verdicts import player_orders

    try:
        player_orders(model)
    except ModelError:
        return False
    return True


def _parameter_sampler(
    model: Any, given: Mapping[str, str], values: Mapping[str, Any]
) -> tuple[Sampler, tuple[tuple[str, str], ...]]:
    from ..models.judgements import parse_distribution

    declared = dict(model.judgements.distributions) if model.judgements else {}
    for name in given:
        if name not in model.parameters:
            from ..models.model import _unknown_parameter

            error = _unknown_parameter(name, model.parameters)
            raise ModelError(error.message, key="--param-distribution", hint=error.hint)
    chosen = {**declared, **given}
    if not chosen:
        chosen = {
            name: "uniform" for name, p in model.parameters.items()
            if p.low is not None and p.high is not None and p.low < p.high
        }
    if not chosen:
        raise ModelError(
            f"{model.name}: no parameter to draw (no distribution declared and no parameter "
            "with a range)",
            hint="give --param-distribution NAME=uniform(a,b), or use --over ranks",
        )
    dists = []
    for name, text in chosen.items():
        p = model.parameters[name]
        kind, args = parse_distribution(text, p.low, p.high, where=name)
        dists.append((name, kind, args))
    current = model.values(values)
    fixed = tuple((name, float(v)) for name, v in current.items() if name not in chosen)
    payoffs = tuple(tuple(a.reshape(-1).tolist()) for a in model.payoffs)
    sampler = Sampler("parameters", model.shape, payoffs=payoffs,
                      distributions=tuple(dists), fixed=fixed)
    shown = tuple(
        (name, text if "(" in text else f"{text}({args[0]:g}, {args[1]:g})")
        for (name, text), (_, _, args) in zip(chosen.items(), dists, strict=True)
    )
    return sampler, shown


def _sets(total: ChunkSummary, m: int, n: int) -> tuple[Any, ...]:
    def pair(key: tuple[int, int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return (tuple(j for j in range(m) if key[0] >> j & 1),
                tuple(j for j in range(n) if key[1] >> j & 1))

    out = [(tuple(pair(k) for k in keys), c) for keys, c in total.sets.items()]
    out.sort(key=lambda item: (-item[1], len(item[0]), item[0]))
    return tuple(out)


def _support_stats(total: ChunkSummary, m: int, n: int) -> tuple[SupportStats, ...]:
    out = []
    for (rmask, cmask), count in total.supports.items():
        rows = tuple(j for j in range(m) if rmask >> j & 1)
        cols = tuple(j for j in range(n) if cmask >> j & 1)
        arrays = total.values.get((rmask, cmask))
        if arrays:
            # Full-width columns (x | y | payoffs); outside the support a probability is 0.
            data = np.concatenate(arrays).astype(np.float64)
            kept = _columns((rmask, cmask), m, n)
            mean, quantiles = [0.0] * (m + n + 2), [(0.0,) * len(QUANTILES)] * (m + n + 2)
            histograms = [(0,) * BINS] * (m + n)
            for k, column in enumerate(kept):
                mean[column] = float(total.sums[(rmask, cmask)][k] / len(data))
                quantiles[column] = tuple(float(v) for v in np.quantile(data[:, k], QUANTILES))
                if column < m + n:
                    histograms[column] = tuple(
                        int(c) for c in np.histogram(data[:, k], bins=BINS, range=(0, 1))[0]
                    )
            out.append(SupportStats(
                (rows, cols), count, len(data), tuple(mean), tuple(quantiles), tuple(histograms)
            ))
        else:
            out.append(SupportStats((rows, cols), count, count))
    out.sort(key=lambda s: (-s.count, len(s.supports[0]), s.supports))
    return tuple(out)
