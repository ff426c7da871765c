"""SMAA: shares against exact values, the batch solver against a reference loop, runners."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

from gametheory import Game, solve
from gametheory.errors import GameValueError, ModelError
from gametheory.models import load_model
from gametheory.robustness import LocalRunner, format_robustness, robustness
from gametheory.robustness.smaa import Sampler, run_chunk
from gametheory.robustness.verdicts import player_orders

ONE_OPEN = "tests/data/models/one_open.toml"


def _within(count: int, samples: int, p: Fraction, sigmas: float = 6) -> bool:
    """The sample share is within ``sigmas`` binomial standard errors of ``p``."""
    p = float(p)
    return abs(count / samples - p) <= sigmas * (p * (1 - p) / samples) ** 0.5 + 1e-12


def test_equilibrium_share_matches_the_exact_share_of_orders() -> None:
    # The pure equilibria depend on the orders only, so the sampled share estimates the exact
    # share of admissible readings: 1/6 for (r1, c1), 5/6 for (r2, c1).
    result = robustness(load_model(ONE_OPEN), samples=20_000, seed=7)
    assert result.mode == "ranks"
    exact = {o.profile: o.share for o in result.verdicts.outcomes}
    assert exact[(0, 0)] == Fraction(1, 6) and exact[(1, 0)] == Fraction(5, 6)
    for profile, share in exact.items():
        count = int(result.pure_counts[profile])
        if share in (0, 1):
            assert count == share * 20_000
        else:
            assert _within(count, 20_000, share)


def test_over_parameters_chicken() -> None:
    # c uniform on [0, 10]: (swerve, straight) is an equilibrium exactly when c > 1.
    result = robustness(load_model("chicken"), samples=5_000, seed=3)
    assert result.mode == "parameters" and result.verdicts is None
    assert result.distributions == (("c", "uniform(0, 10)"),)
    assert _within(int(result.pure_counts[0, 1]), 5_000, Fraction(9, 10))
    assert result.pure_counts[1, 1] == 5_000 - result.pure_counts[0, 1]  # the crash when c < 1
    given = robustness(load_model("chicken"), samples=2_000, seed=3,
                       distributions={"c": "uniform(2, 3)"})
    assert given.pure_counts[0, 1] == 2_000 and given.unique_share == 0


def _reference(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, dict]:
    """Pure-equilibrium counts and support-pair counts by the exact solver, game by game."""
    m, n = A.shape[1:]
    pure = np.zeros((m, n), dtype=int)
    supports: dict = {}
    for a, b in zip(A, B, strict=True):
        game = Game.from_arrays([[Fraction(float(v)) for v in row] for row in a],
                                [[Fraction(float(v)) for v in row] for row in b])
        seen = set()
        for eq in solve(game).equilibria:
            rows = tuple(j for j, p in enumerate(eq.profile[0]) if p > 0)
            cols = tuple(j for j, p in enumerate(eq.profile[1]) if p > 0)
            if len(rows) == len(cols) == 1:
                pure[rows[0], cols[0]] += 1
            key = (sum(1 << j for j in rows), sum(1 << j for j in cols))
            if key not in seen:
                supports[key] = supports.get(key, 0) + 1
                seen.add(key)
    return pure, supports


@pytest.mark.parametrize("model", ["us-russia", "us-russia-2x2"])
def test_a_chunk_agrees_with_the_exact_solver(model: str) -> None:
    orders = player_orders(load_model(model))
    shape = load_model(model).shape
    sampler = Sampler("ranks", shape, tuple(o.class_of for o in orders),
                      tuple(o.above for o in orders))
    summary = run_chunk(sampler, 11, 0, 60)
    A, B = sampler.draw(np.random.default_rng(np.random.SeedSequence(11, spawn_key=(0,))), 60)
    pure, supports = _reference(A, B)
    assert summary.pure.tolist() == pure.tolist()
    assert summary.supports == supports


def test_same_seed_same_bytes_for_any_runner() -> None:
    distributed = pytest.importorskip("distributed")
    model = load_model("us-russia")
    kwargs = {"samples": 2_500, "seed": 42, "chunk": 1_000}  # three chunks
    one = format_robustness(robustness(model, runner=LocalRunner(1), **kwargs), "json")
    two = format_robustness(robustness(model, runner=LocalRunner(2), **kwargs), "json")
    assert one == two
    from gametheory.robustness import DaskRunner

    cluster = distributed.LocalCluster(n_workers=2, processes=False, dashboard_address=None)
    with cluster, DaskRunner(cluster.scheduler_address) as runner:
        dask = format_robustness(robustness(model, runner=runner, **kwargs), "json")
    assert dask == one
    assert json.loads(one)["samples"] == 2_500


def test_progress_counts_samples() -> None:
    seen: list[tuple[int, int]] = []
    robustness(load_model(ONE_OPEN), samples=250, seed=1, chunk=100,
               progress=lambda done, total: seen.append((done, total)))
    assert seen == [(100, 250), (200, 250), (250, 250)]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"samples": 0}, GameValueError, "positive integer"),
        ({"samples": 10, "seed": -1}, GameValueError, "non-negative"),
        ({"samples": 10, "over": "ranks"}, ModelError, "has none"),
        ({"samples": 10, "distributions": {"cc": "uniform(0, 1)"}}, ModelError,
         "unknown parameter 'cc'"),
        ({"samples": 10, "distributions": {"c": "beta(1, 2)"}}, ModelError,
         "unknown distribution 'beta'"),
    ],
)
def test_bad_input(kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        robustness(load_model("chicken"), **kwargs)


def test_unreachable_scheduler_is_one_error() -> None:
    pytest.importorskip("distributed")
    from gametheory.robustness import DaskRunner

    with pytest.raises(GameValueError, match="cannot reach the Dask scheduler"):
        DaskRunner("tcp://127.0.0.1:9", timeout=2)


def test_over_d_matches_the_exact_regimes_of_the_sensitivity_analysis() -> None:
    # gametheory sensitivity us-russia --param d: thresholds 1, 3/2, 15/7 and 5 on [0, 10].
    # With d uniform on [0, 10] each set of equilibria has the share of its regime's length.
    import dataclasses

    from gametheory.models.judgements import Judgements
    from gametheory.sensitivity import ParametricGame, analyse_parameter

    model = load_model("us-russia")
    # d alone (the file also declares r, p and b, one open judgement each: issue 10).
    model = dataclasses.replace(
        model, judgements=Judgements(model.judgements.comparisons, (("d", "uniform"),))
    )
    analysis = analyse_parameter(ParametricGame.from_model(model), "d")
    assert list(analysis.thresholds) == [1, Fraction(3, 2), Fraction(15, 7), 5]
    result = robustness(model, over="parameters", samples=20_000, seed=9)
    assert result.distributions == (("d", "uniform(0, 10)"),)
    sets = {pairs: count for pairs, count in result.equilibrium_sets}
    dual_track = (((0, 1), (2, 3)),)
    concede_hard = (((0,), (3,)),)
    assert _within(sets[concede_hard], 20_000, Fraction(5, 10))
    assert _within(sets[dual_track], 20_000, (5 - Fraction(15, 7)) / 10)
    reset = [count for pairs, count in sets.items() if ((2,), (2,)) in pairs]
    assert _within(sum(reset), 20_000, Fraction(1, 10))
