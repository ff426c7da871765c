"""Repeated games: textbook critical discount factors, closed forms, properties, CLI."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest
import sympy
from click.testing import CliRunner
from hypothesis import given, settings
from strategies import games

from cli import cli
from gametheory import Game, GameValueError, solve
from gametheory.concepts import repeated
from gametheory.models import load_model


def prisoners_dilemma(t, r, p, s):
    return Game.from_arrays([[r, s], [t, p]], [[r, t], [s, p]], strategies=(("C", "D"),) * 2)


CASES = [
    # Gibbons (1992), Section 2.3.B: R = 4, T = 5, P = 1, S = 0; the trigger strategy is a
    # (subgame-perfect) equilibrium iff delta >= 1/4.
    pytest.param(prisoners_dilemma(5, 4, 1, 0), F(1, 4), id="gibbons-2.3.B"),
    # Osborne (2004), Chapter 14 (grim trigger): payoffs 2 (C,C), 3 and 0, 1 (D,D): 1/2.
    pytest.param(prisoners_dilemma(3, 2, 1, 0), F(1, 2), id="osborne-ch14"),
    # Gibbons (1992), Section 1.1.A payoffs (years in prison): (T - R) / (T - P) = 1/6.
    pytest.param(prisoners_dilemma(0, -1, -6, -9), F(1, 6), id="gibbons-1.1.A"),
]


@pytest.mark.parametrize(("game", "expected"), CASES)
def test_prisoners_dilemma_textbook(game, expected):
    for punishment in (None, "D,D", "nash:1"):
        r = repeated(game, punishment)
        by_profile = {o.profile: o for o in r.outcomes}
        assert by_profile[(0, 0)].critical_discount == expected
        assert by_profile[(1, 1)].critical_discount == 0  # the stage equilibrium itself
        assert by_profile[(0, 1)].critical_discount is None  # the sucker's payoff is below P


def test_prisoners_dilemma_closed_form():
    """(T - R) / (T - P) in symbols, through the model layer's symbolic payoffs."""
    t, r, p, s = sympy.symbols("T R P S")
    a = sympy.Matrix([[r, s], [t, p]])
    game = prisoners_dilemma(5, 4, 1, 0)
    result = repeated(game, "D,D", symbolic=(a, a.T))
    expression = result.outcomes[0].expression
    assert sympy.simplify(expression - (t - r) / (t - p)) == 0


def test_model_closed_form_matches_exact_values():
    model = load_model("us-russia")
    symbolic = model.symbolic_payoffs()
    for values in ({}, {"d": "6"}, {"s": "5", "v": "1"}):
        game = model.game(values)
        result = repeated(game, None, symbolic)
        point = {sympy.Symbol(n, real=True): sympy.Rational(str(v))
                 for n, v in model.values(values).items()}
        for o in result.outcomes:
            if o.expression is not None:
                assert sympy.Rational(str(o.critical_discount)) == o.expression.subs(point)


def test_json_contract_and_folk_set():
    r = repeated(prisoners_dilemma(5, 4, 1, 0))
    data = r.to_dict()
    first = data["outcomes"][0]
    assert first["profile"] == ["C", "C"] and first["critical_discount"] == "1/4"
    assert data["outcomes"][1]["critical_discount"] is None
    assert data["minmax"] == {"Row": "1", "Column": "1"}
    # conv{(4,4), (0,5), (5,0), (1,1)} cut at (1,1).
    assert data["folk_theorem_set"] == [["1", "1"], ["19/4", "1"], ["4", "4"], ["1", "19/4"]]


def test_punishment_errors():
    game = prisoners_dilemma(5, 4, 1, 0)
    with pytest.raises(GameValueError, match="not a Nash equilibrium"):
        repeated(game, "C,C")
    with pytest.raises(GameValueError, match="unknown strategy 'E'"):
        repeated(game, "D,E")
    with pytest.raises(GameValueError, match="no equilibrium '3'"):
        repeated(game, "nash:3")


# --------------------------------------------------------------------------- properties
@settings(max_examples=50)
@given(games(min_size=1, max_size=3))
def test_critical_discount_is_the_threshold(game):
    """At delta*, no one-shot deviation pays against grim trigger; just below it, one does."""
    r = repeated(game)
    p = r.punishment_payoffs
    for o in r.outcomes:
        for i in range(2):
            values = [game.payoffs[i][(*o.profile[:i], s, *o.profile[i + 1:])]
                      for s in range(game.shape[i])]
            top, u = max(values), o.payoffs[i]

            def gains(delta, top=top, u=u, i=i):
                return (1 - delta) * top + delta * p[i] > u

            c = o.player_critical[i]
            if c is None:
                assert all(gains(delta) for delta in (F(0), F(1, 2), F(999, 1000)))
            else:
                assert 0 <= c < 1 and not gains(c)
                if c > 0:
                    assert gains(c - F(1, 10**6))
        if o.critical_discount is not None:
            assert o.critical_discount == max(o.player_critical)


@settings(max_examples=40)
@given(games(min_size=1, max_size=3))
def test_nash_payoffs_lie_in_the_folk_set(game):
    """Every stage equilibrium is individually rational and feasible."""
    r = repeated(game)
    from gametheory.concepts._polygon import line_interval

    for eq in solve(game).equilibria:
        assert all(u >= v for u, v in zip(eq.payoffs, r.minmax, strict=True))
        found = line_interval(r.folk, eq.payoffs, (F(1), F(0)))
        assert found is not None and found[0] <= 0 <= found[1]


# --------------------------------------------------------------------------- CLI
def test_cli_repeated(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["repeated", "prisoners-dilemma", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["outcomes"][0]["critical_discount"] == "1/6"
    result = runner.invoke(cli, ["repeated", "us-russia"])
    assert result.exit_code == 0 and "closed form" in result.output
    figure = tmp_path / "folk.svg"
    result = runner.invoke(cli, ["repeated", "us-russia-2x2", "--plot", str(figure)])
    assert result.exit_code == 0, result.output
    assert figure.read_bytes().startswith(b"<?xml")
    for fmt in ("markdown", "latex", "csv"):
        assert runner.invoke(cli, ["repeated", "chicken", "-f", fmt]).exit_code == 0
    bad = runner.invoke(cli, ["repeated", "chicken", "--punishment", "nash:0"])
    assert bad.exit_code == 1 and bad.output.startswith("Error: ")
    bad = runner.invoke(cli, ["repeated", "chicken", "--plot", "x.gif"])
    assert bad.exit_code == 2


def test_us_russia_write_up():
    """The figures quoted in docs/concepts.md (Repeated play)."""
    model = load_model("us-russia")
    game = model.game()
    minmax = {tuple(game.strategies[i][k] for i, k in enumerate(o.profile)): o
              for o in repeated(game, None, model.symbolic_payoffs()).outcomes}
    expected = {
        ("concede", "friendly_offer"): (F(1, 6), "(w - 1)/(-b + s + w + 7)"),
        ("friendly_offer", "friendly_offer"): (F(3, 10), "-(-d + r + 1)/(d + v + 4)"),
        ("friendly_offer", "concede"): (F(4, 9), "4/(-b + s + 7)"),
        ("concede", "concede"): (F(1, 2), "(w + 3)/(-b + s + w + 7)"),
        ("hard_demand", "hard_demand"): (F(2, 5), "(p + 2)/(p + 5)"),
        ("concede", "hard_demand"): (F(1, 5), "(-d + p + 5)/(p + 5)"),
    }
    for profile, (value, text) in expected.items():
        assert minmax[profile].critical_discount == value
        assert str(minmax[profile].expression) == text
    nash = {tuple(game.strategies[i][k] for i, k in enumerate(o.profile)): o
            for o in repeated(game, "nash:1").outcomes}
    assert nash[("concede", "friendly_offer")].critical_discount == F(2, 7)
    assert nash[("friendly_offer", "friendly_offer")].critical_discount == F(5, 9)
    assert nash[("friendly_offer", "concede")].critical_discount is None
