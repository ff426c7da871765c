"""Bargaining: literature polygons, Rubinstein's closed form and limit, properties, CLI."""

from __future__ import annotations

import json
import math
from fractions import Fraction as F

import pytest
import sympy
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games, positive_affine

from cli import cli
from gametheory import Game, GameValueError
from gametheory.concepts import bargain, disagreement_point, rubinstein
from gametheory.concepts._lp import maximize
from gametheory.concepts.rubinstein import discount_symbol, rubinstein_shares


def polygon_game(*points):
    """A 2x2 game whose four outcomes have the given payoff pairs."""
    (a, b), (c, d), (e, f), (g, h) = points
    return Game.from_arrays([[a, c], [e, g]], [[b, d], [f, h]])


# Kalai and Smorodinsky (1975), the example behind individual monotonicity: on
# S = conv{(0,0), (1,0), (0,1), (3/4,3/4)} the Nash solution is (3/4, 3/4); enlarging it to
# S' = conv{(0,0), (1,0), (0,1), (1, 7/10)} moves the Nash solution to (1, 7/10), worse for
# player 2, while the Kalai-Smorodinsky solution moves to (10/13, 10/13).
S = polygon_game((0, 0), (1, 0), (0, 1), ("3/4", "3/4"))
S_PRIME = polygon_game((0, 0), (1, 0), (0, 1), (1, "7/10"))
# Divide the dollar: the triangle with d = (0, 0).
DOLLAR = polygon_game((0, 0), (1, 0), (0, 1), (0, 0))

CASES = [
    pytest.param(S, "nash", None, (F(3, 4), F(3, 4)), id="KS1975-S-nash"),
    pytest.param(S, "kalai-smorodinsky", None, (F(3, 4), F(3, 4)), id="KS1975-S-ks"),
    pytest.param(S_PRIME, "nash", None, (F(1), F(7, 10)), id="KS1975-S'-nash"),
    pytest.param(S_PRIME, "kalai-smorodinsky", None, (F(10, 13), F(10, 13)), id="KS1975-S'-ks"),
    pytest.param(S_PRIME, "egalitarian", None, (F(10, 13), F(10, 13)), id="S'-egalitarian"),
    pytest.param(S_PRIME, "utilitarian", None, (F(1), F(7, 10)), id="S'-utilitarian"),
    pytest.param(DOLLAR, "nash", None, (F(1, 2), F(1, 2)), id="dollar-symmetric"),
    # Weighted Nash on the simplex gives each player its weight share (Kalai 1977).
    pytest.param(DOLLAR, "nash", (2, 1), (F(2, 3), F(1, 3)), id="dollar-weighted-2-1"),
    pytest.param(DOLLAR, "nash", (1, 3), (F(1, 4), F(3, 4)), id="dollar-weighted-1-3"),
    pytest.param(DOLLAR, "utilitarian", None, (F(1, 2), F(1, 2)), id="dollar-utilitarian-tie"),
]


@pytest.mark.parametrize(("game", "solution", "weights", "expected"), CASES)
def test_literature(game, solution, weights, expected):
    r = bargain(game, solution, disagreement=(0, 0), weights=weights)
    assert r.payoffs == expected
    assert r.status == "ok"


def test_prisoners_dilemma_from_security_levels():
    g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    r = bargain(g)
    assert r.disagreement.payoffs == (1, 1) and r.disagreement.source == "security levels"
    assert r.payoffs == (3, 3)
    assert r.lottery == ((("1", "1"), F(1)),)
    data = r.to_dict()
    assert data["solution"] == "nash"
    assert data["payoffs"] == {"Row": "3", "Column": "3"}
    assert data["payoffs_decimal"] == {"Row": "3.000000", "Column": "3.000000"}
    assert data["disagreement"] == {"Row": "1", "Column": "1"}
    assert data["feasible_set"]["correlated_play"] is True


def test_lottery_reproduces_the_payoffs():
    r = bargain(S_PRIME, "kalai-smorodinsky", disagreement=(0, 0))
    total = [F(0), F(0)]
    for profile, q in r.lottery:
        u = S_PRIME.payoff(profile)
        total = [t + q * v for t, v in zip(total, u, strict=True)]
    assert tuple(total) == r.payoffs


def test_disagreement_specs():
    g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("B", "S"), ("B", "S")))
    assert disagreement_point(g, "nash:2").payoffs == (F(2, 3), F(2, 3))
    assert disagreement_point(g, "S,B").payoffs == (0, 0)
    assert disagreement_point(g, "Column=1,Row=1/2").payoffs == (F(1, 2), 1)
    for spec, message in [("nash:9", "no equilibrium '9'"), ("B,X", "Column has no strategy 'X'"),
                          ("Rowe=1,Column=1", "did you mean 'Row'"), ("1", "expected")]:
        with pytest.raises(GameValueError, match=message):
            disagreement_point(g, spec)
    with pytest.raises(GameValueError, match="no feasible payoff"):
        bargain(g, disagreement=(3, 3))
    with pytest.raises(GameValueError, match="did you mean 'nash'"):
        bargain(g, "nsh")
    with pytest.raises(GameValueError, match="positive"):
        bargain(g, weights=(1, 0))


# --------------------------------------------------------------------------- properties
def _efficient(game: Game, u) -> bool:
    """Exact LP over lotteries of outcomes (independent of the polygon code): no lottery gives
    both players at least u and more in total."""
    a, b = game.matrices()
    cells = list(game.pure_profiles())
    k = len(cells)
    ua = [a[c] for c in cells]
    ub = [b[c] for c in cells]
    rows = [[-v for v in ua], [-v for v in ub]] + [
        [F(-int(i == j)) for j in range(k)] for i in range(k)
    ]
    rhs = [-u[0], -u[1]] + [F(0)] * k
    best = maximize([x + y for x, y in zip(ua, ub, strict=True)], rows, rhs,
                    [[F(1)] * k], [F(1)])
    return best is not None and best[0] == u[0] + u[1]


@settings(max_examples=40)
@given(games(min_size=1, max_size=3), st.sampled_from(["nash", "kalai-smorodinsky",
                                                         "utilitarian"]))
def test_solutions_are_pareto_efficient(game, solution):
    r = bargain(game, solution)
    if r.status == "ok":
        assert _efficient(game, r.payoffs)
    assert all(u >= d for u, d in zip(r.payoffs, r.disagreement.payoffs, strict=True))


@settings(max_examples=40)
@given(games(min_size=1, max_size=3), st.integers(1, 3), st.integers(1, 3))
def test_nash_maximises_the_product(game, w1, w2):
    r = bargain(game, "nash", weights=(w1, w2))
    d = r.disagreement.payoffs

    def product(u):
        return (u[0] - d[0]) ** w1 * (u[1] - d[1]) ** w2

    best = product(r.payoffs)
    for vertex in r.bargaining_set:
        assert product(vertex) <= best
    for p, q in zip(r.bargaining_set, r.bargaining_set[1:], strict=False):
        for t in (F(1, 3), F(1, 2), F(2, 3)):
            assert product((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))) <= best


@settings(max_examples=30)
@given(games(min_size=1, max_size=3), positive_affine(), positive_affine(),
       st.sampled_from(["nash", "kalai-smorodinsky"]))
def test_affine_invariance(game, map1, map2, solution):
    """Nash (1950) and Kalai-Smorodinsky (1975): the solution follows positive affine maps."""
    moved = game.transformed(0, *map1).transformed(1, *map2)
    r, s = bargain(game, solution), bargain(moved, solution)
    assert s.payoffs == (map1[0] * r.payoffs[0] + map1[1], map2[0] * r.payoffs[1] + map2[1])


@settings(max_examples=30)
@given(games(min_size=2, max_size=3))
def test_symmetric_games_give_symmetric_solutions(game):
    a = game.payoffs[0].tolist()
    symmetric = Game.from_arrays(a, [list(r) for r in zip(*a, strict=True)]) if game.shape[
        0] == game.shape[1] else None
    if symmetric is None:
        return
    for solution in ("nash", "kalai-smorodinsky", "egalitarian", "utilitarian"):
        u = bargain(symmetric, solution).payoffs
        assert u[0] == u[1]


# --------------------------------------------------------------------------- Rubinstein
def test_rubinstein_closed_form():
    """Rubinstein (1982); Osborne and Rubinstein (1994), Proposition 122.1."""
    d1, d2 = sympy.symbols("d1 d2")
    x1, x2 = rubinstein_shares(0, (d1, d2))
    assert sympy.simplify(x1 - (1 - d2) / (1 - d1 * d2)) == 0
    assert sympy.simplify(x1 + x2 - 1) == 0
    _y1, y2 = rubinstein_shares(1, (d1, d2))
    assert sympy.simplify(y2 - (1 - d1) / (1 - d1 * d2)) == 0
    # Equal discount factors delta: the first mover gets 1 / (1 + delta).
    assert rubinstein_shares(0, (F(9, 10), F(9, 10)))[0] == F(10, 19)


def test_rubinstein_symbols_in_json():
    r = rubinstein(DOLLAR, disagreement=(0, 0))
    data = r.to_dict()
    share = sympy.sympify(data["shares"]["Row"])
    d_row, d_col = sympy.Symbol("delta_Row"), sympy.Symbol("delta_Column")
    assert sympy.simplify(share - (1 - d_col) / (1 - d_row * d_col)) == 0
    assert data["payoffs"] is None
    assert discount_symbol("Prisoner 1").name == "delta_Prisoner_1"


@settings(max_examples=25)
@given(st.fractions(F(1, 20), F(19, 20), max_denominator=20),
       st.fractions(F(1, 20), F(19, 20), max_denominator=20))
def test_rubinstein_on_the_dollar_equals_the_closed_form(d1, d2):
    r = rubinstein(DOLLAR, {"Row": d1, "Column": d2}, disagreement=(0, 0))
    assert r.payoffs[0] == rubinstein_shares(0, (d1, d2))
    assert r.payoffs[1] == rubinstein_shares(1, (d1, d2))


@settings(max_examples=25)
@given(games(min_size=2, max_size=3), st.fractions(F(1, 10), F(9, 10), max_denominator=10),
       st.fractions(F(1, 10), F(9, 10), max_denominator=10))
def test_rubinstein_responders_are_indifferent(game, d1, d2):
    """Binmore, Rubinstein and Wolinsky (1986): each responder accepts what it would get by
    proposing next period, discounted; proposing first is never worse."""
    r = rubinstein(game, {"Row": d1, "Column": d2})
    x, y = r.payoffs[0], r.payoffs[1]
    d = r.disagreement.payoffs
    if r.payoffs[0] == r.payoffs[1]:
        return
    assert y[0] - d[0] == d1 * (x[0] - d[0])
    assert x[1] - d[1] >= d2 * (y[1] - d[1])
    top = max(p[0] for p in bargain(game, disagreement=r.disagreement).bargaining_set)
    if x[0] < top:
        assert x[1] - d[1] == d2 * (y[1] - d[1])
    assert x[0] >= y[0] and y[1] >= x[1]


def test_rubinstein_limit_is_the_weighted_nash_solution():
    """delta_i = exp(-r_i h), h -> 0: the SPE split tends to r2 / (r1 + r2) (Binmore,
    Rubinstein and Wolinsky 1986), the Nash solution with weights 1/r1, 1/r2."""
    r1, r2, h = sympy.symbols("r1 r2 h", positive=True)
    share = rubinstein_shares(0, (sympy.exp(-r1 * h), sympy.exp(-r2 * h)))[0]
    assert sympy.simplify(sympy.limit(share, h, 0) - r2 / (r1 + r2)) == 0
    # On a kinked frontier: SPE payoffs with h small approach the reported limit.
    game = S_PRIME
    rates = (F(1), F(3))
    step = F(1, 4000)
    deltas = {"Row": 1 - rates[0] * step, "Column": 1 - rates[1] * step}
    r = rubinstein(game, deltas, disagreement=(0, 0))
    weighted = bargain(game, "nash", disagreement=(0, 0), weights=(1 / rates[0], 1 / rates[1]))
    for u, v in zip(r.payoffs[0], weighted.payoffs, strict=True):
        assert math.isclose(float(u), float(v), abs_tol=2e-3)
    for u, v in zip(r.limit_payoffs, weighted.payoffs, strict=True):
        assert math.isclose(float(u), float(v), abs_tol=2e-3)


def test_rubinstein_errors():
    with pytest.raises(GameValueError, match="strictly between 0 and 1"):
        rubinstein(DOLLAR, {"Row": 1})
    with pytest.raises(GameValueError, match="did you mean 'Row'"):
        rubinstein(DOLLAR, {"Rw": "1/2"})


# --------------------------------------------------------------------------- CLI
def test_cli_bargain():
    runner = CliRunner()
    result = runner.invoke(cli, ["bargain", "prisoners-dilemma", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["solution"] == "nash"
    assert data["payoffs"] == {"Prisoner 1": "-1", "Prisoner 2": "-1"}
    result = runner.invoke(cli, ["bargain", "us-russia", "--solution", "all"])
    assert result.exit_code == 0, result.output
    assert "Kalai-Smorodinsky" in result.output and "correlated play is assumed" in result.output
    for fmt in ("markdown", "latex", "csv"):
        assert runner.invoke(cli, ["bargain", "chicken", "-f", fmt]).exit_code == 0


def test_cli_rubinstein():
    runner = CliRunner()
    result = runner.invoke(cli, ["bargain", "us-russia", "--rubinstein", "--discount", "US=0.8",
                                 "--discount", "Russia=0.95", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["shares"] == {"US": "5/24", "Russia": "19/24"}
    assert data["payoffs"] is not None
    result = runner.invoke(cli, ["bargain", "us-russia", "--rubinstein"])
    assert result.exit_code == 0 and "delta_US" in result.output


def test_cli_bargain_errors():
    runner = CliRunner()
    bad = runner.invoke(cli, ["bargain", "us-russia", "--discount", "US=0.9"])
    assert bad.exit_code == 2
    bad = runner.invoke(cli, ["bargain", "us-russia", "--disagreement", "nash:7"])
    assert bad.exit_code == 1 and bad.output.startswith("Error: ")
    bad = runner.invoke(cli, ["bargain", "us-russia", "--rubinstein", "--discount", "US=2"])
    assert bad.exit_code == 1 and "strictly between 0 and 1" in bad.output


def test_us_russia_write_up():
    """The figures quoted in docs/concepts.md (Bargaining, Alternating offers)."""
    from gametheory.models import load_model
    from gametheory.numbers import format_decimal

    game = load_model("us-russia").game()
    for solution in ("nash", "kalai-smorodinsky", "egalitarian", "utilitarian"):
        r = bargain(game, solution)
        assert r.payoffs == (14, 14) and r.lottery == ((("concede", "friendly_offer"), 1),)
    assert bargain(game).bargaining_set == (
        (4, 4), (F(27, 2), 4), (15, 5), (16, 9), (14, 14), (8, 16), (4, F(108, 7)))
    assert bargain(game, "kalai-smorodinsky", "nash:1").payoffs == (F(17724, 1265), F(3535, 253))
    assert bargain(game, "egalitarian", "nash:1").payoffs == (F(137, 10), F(141, 10))
    rows = {
        "0.5": ("2/21", "9.80", "15.40", "6.90", "16.00"),
        "0.8": ("5/24", "12.33", "14.56", "10.67", "15.11"),
        "0.99": ("100/119", "15.76", "9.59", "15.65", "9.88"),
    }
    for delta, (share, *payoffs) in rows.items():
        r = rubinstein(game, {"US": delta, "Russia": "0.95"})
        assert str(r.shares[0][0]) == share
        assert [format_decimal(v, 2) for k in (0, 1) for v in r.payoffs[k]] == payoffs
    assert rubinstein(game, {"US": "0.8", "Russia": "0.95"}).payoffs[0] == (F(37, 3), F(131, 9))
