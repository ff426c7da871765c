"""The logit QRE branch, checked against pygambit, a closed form and the fixed-point equations.

pygambit (Gambit's ``logit_solve_lambda`` and ``logit_solve``, Turocy 2005) is a test-only
reference: the branch is compared at given precisions lambda, and its limit with ours. In a game
where each player's second strategy beats the first by 2 whatever the other does, the logit
QRE is known in closed form: P(second) = 1 / (1 + exp(-2 lambda)) (McKelvey and Palfrey, 1995,
section 3: with a constant payoff difference the logit response does not depend on the other
player). Every point of the branch must solve the logit equations (an independent check), and
every limit must be an exact Nash equilibrium.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from strategies import games, n_player_games

from gametheory import Game, GameValueError
from gametheory.concepts.qre import logit_branch, logit_qre

gbt = pytest.importorskip("pygambit")


def _pygambit(game: Game):
    return gbt.Game.from_arrays(*(np.array(p, dtype=float) for p in game.to_float()))


def _as_lists(profile, game: Game) -> list[list[float]]:
    return [[float(profile[s]) for s in player.strategies] for player in game.players]


def _logit_residual(game: Game, lam: float, profile) -> float:
    """Largest violation of sigma_ij = exp(lam U_ij) / sum_k exp(lam U_ik) (independent code)."""
    payoffs = [p.astype(float) for p in game.to_float()]
    sigmas = [np.array(s) for s in profile]
    worst = 0.0
    for i, u in enumerate(payoffs):
        values = u
        for j in reversed(range(game.n_players)):
            if j != i:
                values = np.tensordot(values, sigmas[j], axes=([j], [0]))
        with np.errstate(under="ignore"):
            weights = np.exp(lam * (values - values.max()))
        worst = max(worst, float(np.abs(weights / weights.sum() - sigmas[i]).max()))
    return worst


GAMES = [
    pytest.param(Game.from_arrays([[4, 2], [1, 3]], [[3, 4], [2, 1]]), id="2x2-mixed"),
    pytest.param(Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]]), id="stag-hunt-skyrms"),
    pytest.param(
        Game.from_arrays([[3, 0, 2], [1, 4, 0], [0, 2, 5]], [[1, 3, 0], [2, 0, 4], [3, 1, 0]]),
        id="3x3",
    ),
]

#: A three-player game whose logit solution is irrational (about 0.6306, 0.3694 for each
#: player): the branch is followed, but its limit cannot be certified in fractions.
THREE = Game.from_arrays([[[1, 0], [0, 2]], [[0, 3], [1, 0]]], [[[2, 0], [1, 0]], [[0, 1], [0, 2]]],
                         [[[0, 1], [2, 0]], [[1, 0], [0, 3]]])


def _close(ours, theirs, reference, atol: float) -> bool:
    return np.allclose([float(p) for s in ours for p in s],
                       [p for s in _as_lists(theirs, reference) for p in s], atol=atol)


@pytest.mark.parametrize("game", GAMES)
def test_against_pygambit(game: Game) -> None:
    reference = _pygambit(game)
    for lam in (0.3, 1.0, 3.0):
        theirs = gbt.qre.logit_solve_lambda(reference, lam=[lam])[0]
        assert _close(logit_qre(game, lam), theirs.profile, reference, 1e-6)
    branch = logit_branch(game)
    assert branch.status == "ok" and branch.limit is not None and not branch.bifurcations
    assert game.is_nash(branch.limit.profile)
    assert _close(branch.limit.profile, gbt.nash.logit_solve(reference).equilibria[0],
                  reference, 1e-4)


def test_three_players_irrational_limit() -> None:
    reference = _pygambit(THREE)
    for lam in (0.3, 1.0, 3.0):
        theirs = gbt.qre.logit_solve_lambda(reference, lam=[lam])[0]
        assert _close(logit_qre(THREE, lam), theirs.profile, reference, 1e-6)
    branch = logit_branch(THREE)
    assert branch.status == "uncertified" and branch.limit is None
    assert "could not be identified exactly" in branch.message
    assert _close(branch.points[-1].profile, gbt.nash.logit_solve(reference).equilibria[0],
                  reference, 1e-6)


def test_symmetric_chicken_bifurcates() -> None:
    # Aumann's chicken is symmetric: the symmetric QREs form a curve from lambda = 0 to the
    # mixed equilibrium, and asymmetric branches split off where 3 lambda p (1 - p) = 1 (p the
    # symmetric probability of swerving; 3 is the slope of the payoff difference). We follow
    # the smooth, symmetric continuation; Gambit perturbs the game and takes an asymmetric
    # branch. Both agree before the bifurcation.
    game = Game.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    reference = _pygambit(game)
    branch = logit_branch(game)
    (fork,) = branch.bifurcations
    before = [p for p in branch.points if p.lam < fork]
    after = [p for p in branch.points if p.lam > fork]
    p_before, p_after = before[-1].profile[0][0], after[0].profile[0][0]
    assert 3 * before[-1].lam * p_before * (1 - p_before) < 1 < 3 * after[0].lam * p_after * (
        1 - p_after)
    for lam in (0.3, 1.0):
        theirs = gbt.qre.logit_solve_lambda(reference, lam=[lam])[0]
        assert _close(logit_qre(game, lam), theirs.profile, reference, 1e-6)
    assert [[str(p) for p in s] for s in branch.limit.profile] == [["2/3", "1/3"]] * 2
    assert "bifurcation" in branch.message


def test_closed_form_dominant_strategies() -> None:
    game = Game.from_arrays([[3, 0], [5, 2]], [[1, 3], [0, 2]])
    branch = logit_branch(game)
    for point in branch.points:
        expected = 1 / (1 + math.exp(-2 * point.lam))
        assert point.profile[0][1] == pytest.approx(expected, abs=1e-9)
        assert point.profile[1][1] == pytest.approx(expected, abs=1e-9)
    assert [[str(p) for p in s] for s in branch.limit.profile] == [["0", "1"], ["0", "1"]]


def test_uniform_equilibrium_is_the_whole_branch() -> None:
    game = Game.from_arrays([[1, -1], [-1, 1]])
    branch = logit_branch(game)
    assert branch.steps == 0 and len(branch.points) == 1
    assert branch.limit.profile == ((0.5, 0.5), (0.5, 0.5))
    assert logit_qre(game, 7.0) == ((0.5, 0.5), (0.5, 0.5))


def test_max_lambda() -> None:
    game = GAMES[0].values[0]
    branch = logit_branch(game, max_lambda=2.0)
    assert branch.limit is None and branch.status == "ok"
    assert branch.points[-1].lam >= 2.0
    assert [p.lam for p in branch.grid_points()][-1] == 2.0
    with pytest.raises(GameValueError, match="max_lambda: must be positive"):
        logit_branch(game, max_lambda=0)
    with pytest.raises(GameValueError, match="lambda: must be non-negative"):
        logit_qre(game, -1.0)


def test_json_contract() -> None:
    data = logit_branch(GAMES[0].values[0]).to_dict()
    assert data["exact"] is False and data["status"] == "ok"
    first = data["branch"][0]
    assert first == {"lambda": 0.0,
                     "strategies": {"Row": {"1": 0.5, "2": 0.5}, "Column": {"1": 0.5, "2": 0.5}}}
    assert all(set(p) == {"lambda", "strategies"} for p in data["branch"])
    assert data["limit"]["strategies"] == {"Row": {"1": "1/2", "2": "1/2"},
                                           "Column": {"1": "1/4", "2": "3/4"}}
    assert data["limit"]["payoffs"] == {"Row": "5/2", "Column": "5/2"}


# --------------------------------------------------------------------------- properties
def _check_branch(game: Game) -> None:
    branch = logit_branch(game)
    assert branch.points[0].lam == 0
    assert branch.points[0].profile == tuple((1 / k,) * k for k in game.shape)
    scale = max(float(v) for p in game.payoffs for v in p.reshape(-1))
    for point in branch.points:
        # What floating point allows: rounding errors grow like lambda * payoffs * epsilon.
        tolerance = 1e-9 + 1e-12 * point.lam * scale
        assert _logit_residual(game, point.lam, point.profile) < tolerance
        assert all(abs(sum(s) - 1) < 1e-9 for s in point.profile)
    if branch.status == "ok":
        assert branch.limit is not None and game.is_nash(branch.limit.profile)
        assert branch.distance <= 1e-4


@settings(max_examples=15)
@given(games(min_size=2, max_size=3, degenerate=False, payoff_range=(0, 99)))
def test_branch_solves_the_logit_equations(game: Game) -> None:
    _check_branch(game)


@settings(max_examples=5)
@given(n_player_games(min_size=2, max_size=2, payoff_range=(0, 9)))
def test_branch_three_players(game: Game) -> None:
    # Every point returned solves the logit equations, and an "ok" limit is a certified Nash
    # equilibrium. The continuation may stop short on a degenerate three-player game (about
    # one 2x2x2 game in 300 with payoffs 0..9: the branch ends in a continuum of equilibria);
    # it then says so ("failed", with the reason), it never returns a wrong limit.
    branch = logit_branch(game)
    scale = max(float(v) for p in game.payoffs for v in p.reshape(-1))
    for point in branch.points:
        assert _logit_residual(game, point.lam, point.profile) < 1e-9 + 1e-12 * point.lam * scale
    assert branch.status in ("ok", "uncertified", "failed")
    if branch.status == "ok" and branch.limit is not None:
        assert game.is_nash(branch.limit.profile)
    if branch.status != "ok":
        assert branch.limit is None and branch.message


def _compare_with_pygambit(game: Game) -> None:
    reference = _pygambit(game)
    branch = logit_branch(game)
    assert branch.status == "ok"
    limit = gbt.nash.logit_solve(reference).equilibria[0]
    assert np.allclose(
        [float(p) for s in branch.limit.profile for p in s],
        [p for s in _as_lists(limit, reference) for p in s], atol=1e-4,
    )


@settings(max_examples=8)
@given(games(min_size=2, max_size=3, degenerate=False, payoff_range=(0, 99)))
def test_limit_agrees_with_pygambit(game: Game) -> None:
    _compare_with_pygambit(game)


@pytest.mark.slow
@settings(max_examples=100)
@given(games(min_size=2, max_size=4, degenerate=False, payoff_range=(0, 999)))
def test_limit_agrees_with_pygambit_many(game: Game) -> None:
    _compare_with_pygambit(game)


# --------------------------------------------------------------------------- command line
def _run(*args: str):
    from click.testing import CliRunner

    import cli

    return CliRunner().invoke(cli.cli, list(args))


def test_cli(tmp_path) -> None:
    import json

    game = tmp_path / "dual.nfg"
    game.write_text('NFG 1 R "Dual" { "Row" "Column" }\n{ { "a" "b" } { "x" "y" } }\n\n'
                    "4 3 1 2 2 4 3 1\n")
    result = _run("qre", str(game), "--plot", str(tmp_path / "qre.png"))
    assert result.exit_code == 0, result.output
    assert "  0       0.5000  0.5000  0.5000     0.5000\n" in result.output
    # Gambit's logit_solve_lambda at 0.5: 0.60952, 0.39048; 0.47265, 0.52735.
    assert "  0.5     0.6095  0.3905  0.4726     0.5274\n" in result.output
    assert ("Limit as lambda grows (the logit solution): Row 1/2 a + 1/2 b; Column 1/4 x + "
            "3/4 y\n(payoffs Row 5/2, Column 5/2).") in result.output
    assert (tmp_path / "qre.png").read_bytes().startswith(b"\x89PNG")
    data = json.loads(_run("qre", str(game), "--max-lambda", "2", "-f", "json").output)
    assert data["branch"][-1]["lambda"] >= 2 and data["limit"] is None
    assert data["branch"][0]["strategies"] == {"Row": {"a": 0.5, "b": 0.5},
                                               "Column": {"x": 0.5, "y": 0.5}}
    rows = _run("qre", str(game), "-f", "csv").output.splitlines()
    assert rows[:2] == ["lambda,Row: a,Row: b,Column: x,Column: y", "0.0,0.5,0.5,0.5,0.5"]
    bad = _run("qre", str(game), "--plot", str(tmp_path / "qre.gif"))
    assert bad.exit_code == 2 and "suffix" in bad.output


def test_us_russia_write_up() -> None:
    """The figures quoted in docs/concepts.md (Noisy players), and Gambit's agreement."""
    from fractions import Fraction as F

    from gametheory.models import load_model

    model = load_model("us-russia")
    branch = logit_branch(model.game())
    assert branch.limit.profile == ((F(1, 2), F(1, 2), 0, 0), (0, 0, F(1, 10), F(9, 10)))
    us, russia = logit_qre(model.game(), 1.0)
    assert (round(us[0], 2), round(russia[0], 2), round(russia[3], 2)) == (0.51, 0.01, 0.55)
    patient = model.game({"d": "0"})
    branch = logit_branch(patient)
    assert branch.limit.profile == ((0, F(1, 2), 0, F(1, 2)), (0, 0, F(2, 7), F(5, 7)))
    assert branch.limit.payoffs == (F(55, 7), 5)
    reference = _pygambit(patient)
    assert _close(branch.limit.profile, gbt.nash.logit_solve(reference).equilibria[0],
                  reference, 1e-4)
