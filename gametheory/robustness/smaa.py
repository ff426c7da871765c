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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._display import Displayed
from ..errors import GameValueError, ModelError
from ._chunks import ChunkSummary, Sampler, _columns, merge, run_chunk

__all__ = [
    "BINS",
    "CHUNK",
    "MODES",
    "QUANTILES",
    "ChunkSummary",
    "RobustnessResult",
    "Sampler",
    "SupportStats",
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
class RobustnessResult(Displayed):
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

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from .report import format_robustness  # what `gametheory robustness` prints

        return format_robustness(self, format)

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
    from ..models.distributions import parse_distribution

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
