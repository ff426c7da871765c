"""Components of N-player results (``SolveResult.components`` of the ``exact`` method).

What is reported (docs/nplayer.md, "Components"): one ``SupportComponent`` per support profile
whose solution set has positive dimension, with its ``boundary`` (equilibria on smaller supports
at which every strategy of the set's support is a best response, so that they may be its limit
points), then a singleton ``Component`` for each equilibrium proven isolated. References:

- McKelvey and McLennan's 2x2x2 game has nine isolated equilibria (Gambit issues #474, #591):
  nine singletons.
- The independent brute-force solver of ``test_exact_nplayer.py`` (``sympy.solve`` on every
  support profile, no pruning) says whether every support's solution set is finite; when it is,
  the equilibrium set is finite and every equilibrium is a component by itself.
- An independent isolation check below: an equilibrium is isolated when no support profile
  containing its own, other than its own, holds a positive-dimensional solution set on which all
  the support's strategies are best responses at it (sympy.solve again, not our Groebner code).
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from pathlib import Path

from hypothesis import given, settings
from strategies import n_player_games
from test_exact_nplayer import Degenerate, brute_force

from gametheory import Game, solve
from gametheory.algorithms.exact_nplayer import exact_nplayer_equilibria
from gametheory.io.nfg import read_nfg
from gametheory.models import load_model
from gametheory.result import SupportComponent

DATA = Path(__file__).parent / "data"


def singletons(result) -> list[int]:
    return sorted(c.equilibria[0] for c in result.components if c.is_singleton)


def sets(result) -> list[SupportComponent]:
    return [c for c in result.components if isinstance(c, SupportComponent)]


def test_mckelvey_mclennan_nine_singletons() -> None:
    result = solve(read_nfg(DATA / "mckelvey-mclennan-2x2x2.nfg"))
    assert result.status == "ok" and len(result.equilibria) == 9
    assert singletons(result) == list(range(9))
    assert [c.to_dict() for c in result.components][:2] == [
        {"equilibria": [0], "nash_subsets": [[0]]}, {"equilibria": [1], "nash_subsets": [[1]]}]


def test_europe_at_the_threshold() -> None:
    # us-russia-europe at e = 1 (models/README.md): the dual track is isolated; Moscow's ideal,
    # pure, is the end point of the set in which Europe eases with probability 1/2 to 1.
    game = load_model("us-russia-europe").game({"e": 1})
    result = solve(game)
    assert result.status == "degenerate" and result.complete
    (component,) = sets(result)
    ideal = next(k for k, eq in enumerate(result.equilibria)
                 if eq.support() == (("concede",), ("hard_demand",), ("ease",)))
    dual = next(k for k, eq in enumerate(result.equilibria) if len(eq.support()[0]) == 2)
    assert component.boundary == (ideal,)
    assert singletons(result) == [dual]
    # The ideal is a limit of the set: Europe holding with probability 1/n is an equilibrium.
    for n in (3, 10, 1000):
        assert game.is_nash([[1, 0], [0, 1], [F(1, n), 1 - F(1, n)]])
    assert _isolated_by_sympy(game, result.equilibria[dual])
    assert not _isolated_by_sympy(game, result.equilibria[ideal])
    data = result.to_dict()["components"]
    assert data[0]["boundary"] == [ideal] and data[1] == {"equilibria": [dual],
                                                         "nash_subsets": [[dual]]}


def test_constant_payoff_player_has_no_singletons() -> None:
    # C's payoff is constant: every equilibrium of A and B extends to every mixture of C's, so
    # every equilibrium lies in a set or on its boundary; none is isolated.
    table = {
        s: (int(s[0] == s[1]), int(s[0] == s[1]), 0) for s in itertools.product("ab", repeat=3)
    }
    result = solve(Game.from_payoffs(table, ("A", "B", "C"), [["a", "b"]] * 3))
    assert singletons(result) == []
    accounted = {k for c in sets(result) for k in (*c.equilibria, *c.boundary)}
    assert accounted == set(range(len(result.equilibria)))


def test_incomplete_result_claims_no_isolation() -> None:
    result = exact_nplayer_equilibria(read_nfg(DATA / "mckelvey-mclennan-2x2x2.nfg"),
                                      time_limit=0)
    assert result.status == "incomplete" and result.components == ()


def _isolated_by_sympy(game: Game, eq) -> bool:
    """Independent check that a rational equilibrium is isolated (see the module docstring)."""
    import sympy

    own = eq.support()
    best = [set(game.strategies[i][a] for a in game.best_responses(i, eq.profile))
            for i in range(game.n_players)]
    choices = [
        [c for k in range(1, len(labels) + 1) for c in itertools.combinations(labels, k)
         if set(own[i]) <= set(c)]
        for i, labels in enumerate(game.strategies)
    ]
    for supports in itertools.product(*choices):
        if not all(set(s) <= best[i] for i, s in enumerate(supports)):
            continue  # a profile that cannot reach eq (a closed condition fails)
        x = [[sympy.Symbol(f"x{i}_{a}") if s in supports[i] else 0
              for a, s in enumerate(labels)] for i, labels in enumerate(game.strategies)]
        equations = [sum(row) - 1 for row in x]
        for i, support in enumerate(supports):
            values = []
            for a in (game.strategies[i].index(s) for s in support):
                total = 0
                for r in itertools.product(*(range(m) for m in game.shape)):
                    if r[i] == a:
                        term = sympy.Rational(str(game.payoffs[i][r]))
                        for j in range(game.n_players):
                            if j != i:
                                term *= x[j][r[j]]
                        total += term
                values.append(total)
            equations += [v - values[0] for v in values[1:]]
        unknowns = [v for row in x for v in row if isinstance(v, sympy.Symbol)]
        for solution in sympy.solve(equations, unknowns, dict=True):
            if len(solution) < len(unknowns):
                return False  # a positive-dimensional set that may reach eq
    return True


@settings(max_examples=8, deadline=None)
@given(n_player_games(max_size=2, payoff_range=(0, 2)))
def test_property_singletons_are_isolated_and_cover_finite_games(game: Game) -> None:
    result = solve(game)
    if not result.complete:
        return
    # The sympy check is a sufficient condition (it ignores the best-response conditions of
    # strategies outside a support, so it may miss an isolated equilibrium, as in a 2x1x2
    # game with ties): what it proves isolated, the solver must list as a singleton.
    for k, eq in enumerate(result.equilibria):
        if eq.is_rational and _isolated_by_sympy(game, eq):
            assert k in singletons(result)
    accounted = set(singletons(result)) | {
        k for c in sets(result) for k in (*c.equilibria, *c.boundary)}
    assert accounted == set(range(len(result.equilibria)))
    try:
        brute_force(game)
    except Degenerate:
        return
    # Every support's solution set is finite: so is the equilibrium set, all singletons.
    assert singletons(result) == list(range(len(result.equilibria)))
