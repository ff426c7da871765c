"""The float path (Gambit's gnm and simpdiv, polished exactly) and Gambit's enumpoly as a soft
reference for the exact N-player solver.

Gambit's ``enumpoly`` is a peer with known faults on N-player games (Gambit issues #474 and #591:
a missed equilibrium of McKelvey and McLennan's 2x2x2 game on some platforms; #660: a profile
that is not an equilibrium). So it is compared *softly*: every profile it returns that is an
equilibrium (its regret, computed exactly on the profile rounded to fractions, is tiny) must be
one of ours; equilibria it misses are reported (``print``), and ours are certified exactly.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from pathlib import Path

import pytest

from gametheory import Game, solve
from gametheory.io.nfg import read_nfg

pygambit = pytest.importorskip("pygambit")

DATA = Path(__file__).parent / "data"


def _unanimity3() -> Game:
    table = {
        s: tuple((int(all(t == "a" for j, t in enumerate(s) if j != i)) if s[i] == "a"
                  else F(1, 2)) for i in range(3))
        for s in itertools.product("ab", repeat=3)
    }
    return Game.from_payoffs(table, ("P1", "P2", "P3"), [["a", "b"]] * 3)


def _random(shape: tuple[int, ...], seed: int) -> Game:
    import numpy as np

    rng = np.random.default_rng(seed)
    return Game.from_arrays(*(rng.integers(-1000, 1001, size=shape).tolist() for _ in shape))


def _as_fractions(profile: list[list[float]]) -> tuple[tuple[F, ...], ...]:
    out = []
    for sigma in profile:
        values = [F(p).limit_denominator(10**9) for p in sigma]
        values = [max(v, F(0)) for v in values]
        total = sum(values)
        out.append(tuple(v / total for v in values))
    return tuple(out)


def soft_compare(game: Game) -> tuple[int, int]:
    """(their profiles that are not equilibria, our equilibria they missed)."""
    from gametheory.algorithms.gambit_methods import _gambit_game

    g = _gambit_game(game)
    theirs = [
        [[float(eq[s]) for s in player.strategies] for player in g.players]
        for eq in pygambit.nash.enumpoly_solve(g).equilibria
    ]
    ours = solve(game)
    assert ours.complete
    ours_float = [[float(p) for sigma in eq.profile for p in sigma] for eq in ours.equilibria]
    wrong = 0
    matched = set()
    for profile in theirs:
        flat = [p for sigma in profile for p in sigma]
        near = [k for k, o in enumerate(ours_float)
                if max(abs(a - b) for a, b in zip(o, flat, strict=True)) < 1e-6]
        if near:
            matched.update(near)
            continue
        regret = game.regret(_as_fractions(profile))
        # Not one of ours: it must not be an equilibrium (exact regret of the rounded profile).
        assert regret > F(1, 10**4), f"enumpoly found an equilibrium we missed: {profile}"
        print(f"enumpoly returned a non-equilibrium (exact regret {float(regret):.3g}): {profile}")
        wrong += 1
    missed = [k for k in range(len(ours_float)) if k not in matched]
    for k in missed:
        print(f"enumpoly missed equilibrium {ours.equilibria[k].to_dict()['decimal']} "
              "(ours: regret exactly 0)")
    return wrong, len(missed)


@pytest.mark.parametrize(
    "game",
    [
        pytest.param(read_nfg(DATA / "mckelvey-mclennan-2x2x2.nfg"), id="mckelvey-mclennan"),
        pytest.param(_unanimity3(), id="unanimity-3"),
        pytest.param(_random((2, 2, 2), 7), id="random-2x2x2"),
        pytest.param(_random((2, 2, 3), 8), id="random-2x2x3"),
    ],
)
def test_enumpoly_soft_reference(game: Game) -> None:
    soft_compare(game)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_enumpoly_soft_reference_random_3x3x2(seed: int) -> None:
    soft_compare(_random((3, 3, 2), seed))


def test_simpdiv_is_polished_exactly_and_labelled_incomplete() -> None:
    game = read_nfg(DATA / "mckelvey-mclennan-2x2x2.nfg")
    result = solve(game, "simpdiv")
    assert result.method == "simpdiv" and result.status == "incomplete"
    assert not result.complete and result.exact
    everything = {tuple(eq.profile) for eq in solve(game).equilibria}
    assert result.equilibria and {tuple(eq.profile) for eq in result.equilibria} <= everything
    for eq in result.equilibria:
        assert game.is_nash(eq.profile)


def test_gnm_finds_an_irrational_equilibrium_exactly_or_a_pure_one() -> None:
    game = _unanimity3()
    result = solve(game, "gnm")
    assert result.status == "incomplete" and result.equilibria
    exact = {tuple(str(p) for s in eq.profile for p in s) for eq in solve(game).equilibria}
    assert {tuple(str(p) for s in eq.profile for p in s) for eq in result.equilibria} <= exact


def test_gnm_time_limit_reports_failure() -> None:
    from gametheory.algorithms.gambit_methods import gnm

    # Gambit's gnm does not finish on McKelvey and McLennan's degenerate 2x2x2 game.
    result = gnm(read_nfg(DATA / "mckelvey-mclennan-2x2x2.nfg"), time_limit=3)
    assert result.status == "failed" and "did not finish" in result.message
