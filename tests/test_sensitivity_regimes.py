"""Thresholds and regimes of one parameter: hand-derived closed forms and a property test."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.algorithms.exact import exact_equilibria
from gametheory.errors import GameValueError
from gametheory.sensitivity import ParametricGame, analyse_parameter
from gametheory.sensitivity._poly import Algebraic, between

c = sympy.Symbol("c", real=True)


def _parse(text: str, name: str = "c") -> sympy.Expr:
    # Tests only: check that the strings of the JSON contract read back as expressions.
    return sympy.sympify(text, locals={name: sympy.Symbol(name, real=True)})


def _same(text: str, expected: sympy.Expr) -> bool:
    return sympy.simplify(_parse(text) - expected) == 0


def _points(regime):
    """A few rational points inside a regime (the point itself for a rational point)."""
    if regime.is_point:
        exact = isinstance(regime.low, Fraction) and "undefined" not in regime.note
        return [regime.low] if exact else []
    out, lo = [], regime.low
    for _ in range(3):
        lo = between(lo, regime.high)
        out.append(lo)
    return out


def _check_against_solver(pg: ParametricGame, analysis) -> None:
    """At points of every regime, the formulas give exactly the exact solver's equilibria."""
    for regime in analysis.regimes:
        for t in _points(regime):
            assert regime.contains(t)
            result = exact_equilibria(pg.game({analysis.parameter: t}))
            numeric = [(eq.profile, eq.payoffs) for eq in result.equilibria]
            symbolic = [eq.evaluate({analysis.parameter: t}) for eq in regime.equilibria]
            assert sorted(numeric) == sorted(symbolic), (regime.interval(), t)
            if regime.is_point:
                assert [k.equilibria for k in result.components] == [
                    k.equilibria for k in regime.components
                ]


# A 2x2 game in which the row player's first strategy becomes dominant at c = 2.
DOMINANCE = ([[c, 1], [2, 0]], [[1, 0], [0, 1]])
# A coordination game: a mixed equilibrium appears at c = 0, with a continuum at c = 0 itself.
COORDINATION = ([[c, 0], [0, 1]], [[1, 0], [0, 1]])


def test_dominance_threshold_closed_forms() -> None:
    pg = ParametricGame.from_arrays(*DOMINANCE, parameters={"c": 1})
    out = analyse_parameter(pg, "c").to_dict()
    assert out["parameter"] == "c"
    assert out["thresholds"] == ["2"]
    low, point, high = out["regimes"]
    assert low["interval"] == ["-oo", "2"] and point["interval"] == ["2", "2"]
    assert high["interval"] == ["2", "oo"]
    # Below 2: the column player mixes y = 1/(3 - c) to keep the row player indifferent
    # (c y + 1 - y = 2 y), the row player mixes 1/2 to keep the column player indifferent.
    [mixed] = low["equilibria"]
    assert _same(mixed["strategies"]["Column"]["1"], 1 / (3 - c))
    assert _same(mixed["strategies"]["Column"]["2"], (2 - c) / (3 - c))
    assert _same(mixed["strategies"]["Row"]["1"], sympy.Rational(1, 2))
    assert _same(mixed["payoffs"]["Row"], 2 / (3 - c))
    assert _same(mixed["payoffs"]["Column"], sympy.Rational(1, 2))
    # Above 2 the first row is dominant: the pure equilibrium (1, 1) with payoffs (c, 1).
    [pure] = high["equilibria"]
    assert pure["strategies"] == {"Row": {"1": "1", "2": "0"}, "Column": {"1": "1", "2": "0"}}
    assert _same(pure["payoffs"]["Row"], c)
    # At 2 itself: a continuum, from (1/2, 1/2) to (1, 0) against the first column.
    rows = [eq["strategies"]["Row"] for eq in point["equilibria"]]
    assert rows == [{"1": "1", "2": "0"}, {"1": "1/2", "2": "1/2"}]
    assert point["components"] == [{"equilibria": [0, 1], "nash_subsets": [[0, 1]]}]


def test_coordination_mixed_equilibrium_and_continuum_at_threshold() -> None:
    pg = ParametricGame.from_arrays(*COORDINATION, parameters={"c": ("1", None, None)})
    analysis = analyse_parameter(pg, "c")
    assert [str(t) for t in analysis.thresholds] == ["0"]
    regimes = analysis.to_dict()["regimes"]
    assert len(regimes[0]["equilibria"]) == 1
    mixed = regimes[2]["equilibria"][1]
    # p = c/(c + 1) on the column player's second strategy (c y1 = y2).
    assert _same(mixed["strategies"]["Column"]["2"], c / (c + 1))
    assert [len(k["equilibria"]) for k in regimes[1]["components"]] == [2, 1]
    _check_against_solver(pg, analysis)


def test_declared_range_and_closed_ends() -> None:
    pg = ParametricGame.from_arrays(*DOMINANCE, parameters={"c": ("1", "0", "5")})
    analysis = analyse_parameter(pg, "c")
    first, _, last = analysis.regimes
    assert first.interval() == ("0", "2") and first.closed == (True, False)
    assert last.interval() == ("2", "5") and last.closed == (False, True)
    assert analysis.regime_at("0") is first and analysis.regime_at(5) is last
    with pytest.raises(GameValueError, match="outside"):
        analysis.regime_at(6)


def test_threshold_at_the_end_of_the_range_is_a_point_regime() -> None:
    pg = ParametricGame.from_arrays(*DOMINANCE, parameters={"c": ("1", "0", "2")})
    analysis = analyse_parameter(pg, "c")
    assert [r.interval() for r in analysis.regimes] == [("0", "2"), ("2", "2")]
    assert [str(t) for t in analysis.thresholds] == ["2"]


def test_irrational_threshold_is_solved_exactly() -> None:
    # The first row is dominant when c**2 > 2: thresholds -sqrt(2) and sqrt(2).
    pg = ParametricGame.from_arrays([[c**2, 1], [2, 0]], [[1, 0], [0, 1]], parameters={"c": 0})
    analysis = analyse_parameter(pg, "c")
    assert all(isinstance(t, Algebraic) for t in analysis.thresholds)
    out = analysis.to_dict()
    assert [_parse(t) for t in out["thresholds"]] == [-sympy.sqrt(2), sympy.sqrt(2)]
    point = out["regimes"][1]
    assert point["interval"] == ["-sqrt(2)", "-sqrt(2)"]
    assert len(point["equilibria"]) == 2 and len(point["components"]) == 1
    assert "irrational" in analysis.regimes[1].note
    _check_against_solver(pg, analysis)


def test_three_players_pure_equilibria() -> None:
    # Player 1 prefers its first strategy exactly when c > 1; the others are indifferent.
    a = [[[c, c], [c, c]], [[1, 1], [1, 1]]]
    zero = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
    pg = ParametricGame.from_arrays(a, zero, zero, parameters={"c": 0})
    analysis = analyse_parameter(pg, "c")
    assert analysis.kind == "pure"
    assert [str(t) for t in analysis.thresholds] == ["1"]
    assert [len(r.equilibria) for r in analysis.regimes] == [4, 8, 4]
    assert analysis.regimes[2].equilibria[0].probabilities[0] == (1, 0)


def test_pole_of_a_payoff_is_a_threshold() -> None:
    pg = ParametricGame.from_arrays(
        [[1 / (c - 1), 0], [0, 1]], [[1, 0], [0, 1]], parameters={"c": ("2", "0", "3")}
    )
    analysis = analyse_parameter(pg, "c")
    assert "1" in [str(t) for t in analysis.thresholds]
    pole = analysis.regime_at(1)
    assert pole.equilibria == () and "undefined" in pole.note
    _check_against_solver(pg, analysis)


def test_json_strings_read_back_and_are_sorted() -> None:
    pg = ParametricGame.from_arrays(*DOMINANCE, parameters={"c": 1})
    out = json.loads(json.dumps(analyse_parameter(pg, "c").to_dict()))
    values = [_parse(t) for t in out["thresholds"]]
    assert values == sorted(values)
    for regime in out["regimes"]:
        for eq in regime["equilibria"]:
            for player in ("Row", "Column"):
                for text in [*eq["strategies"][player].values(), eq["payoffs"][player]]:
                    assert str(_parse(text)) == text


def test_bad_input() -> None:
    pg = ParametricGame.from_arrays(*DOMINANCE, parameters={"c": 1})
    with pytest.raises(GameValueError, match="did you mean 'c'"):
        analyse_parameter(pg, "C")
    with pytest.raises(GameValueError, match="empty range"):
        analyse_parameter(pg, "c", low=3, high=1)


# -------------------------------------------------------------------- property
_entry = st.tuples(st.integers(-3, 3), st.integers(-2, 2))


@st.composite
def _parametric_games(draw):
    m, n = draw(st.integers(2, 3)), draw(st.integers(2, 3))
    cells = draw(st.lists(_entry, min_size=2 * m * n, max_size=2 * m * n))
    # Some entries do not depend on c, as in real models (and ties make degenerate games).
    exprs = [a + b * c if k % 3 == 0 else sympy.Integer(a) for k, (a, b) in enumerate(cells)]
    a = [exprs[i * n : (i + 1) * n] for i in range(m)]
    b = [exprs[m * n + i * n : m * n + (i + 1) * n] for i in range(m)]
    return ParametricGame.from_arrays(a, b, parameters={"c": ("0", "-4", "4")})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_parametric_games())
def test_formulas_equal_the_exact_solver_inside_every_regime(pg: ParametricGame) -> None:
    analysis = analyse_parameter(pg, "c")
    assert analysis.regimes[0].interval()[0] == "-4"
    _check_against_solver(pg, analysis)
    # Consecutive regimes differ (no spurious threshold is left).
    for left, right in zip(analysis.regimes, analysis.regimes[1:], strict=False):
        assert left.is_point or right.is_point
