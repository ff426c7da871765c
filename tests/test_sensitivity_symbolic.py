"""Symbolic equilibria with their conditions, and the parametric game they come from."""

from __future__ import annotations

import subprocess
import sys

import pytest
import sympy

from gametheory.errors import GameValueError
from gametheory.sensitivity import ParametricGame, symbolic_equilibria

c, d = sympy.symbols("c d", real=True)


def test_mixed_equilibrium_with_conditions_in_two_parameters() -> None:
    # Coordination game: mixed equilibrium y1 = 1/(c + 1), x1 = 1/(d + 1).
    pg = ParametricGame.from_arrays([[c, 0], [0, 1]], [[d, 0], [0, 1]], parameters={"c": 1, "d": 2})
    eqs = symbolic_equilibria(pg)
    assert len(eqs) == 3
    mixed = next(e for e in eqs if not e.is_pure)
    assert sympy.simplify(mixed.probabilities[1][0] - 1 / (c + 1)) == 0
    assert sympy.simplify(mixed.probabilities[0][0] - 1 / (d + 1)) == 0
    assert mixed.regular
    # The conditions hold at the point and fail where the mixed equilibrium disappears.
    holds = [cond.subs({c: 1, d: 2}) for cond in mixed.conditions]
    assert all(bool(h) for h in holds)
    assert not all(bool(cond.subs({c: -2, d: 2})) for cond in mixed.conditions)
    pure = [e for e in eqs if e.is_pure]
    assert sorted(str(cond) for cond in pure[0].conditions) == ["c >= 0", "d >= 0"]


def test_equilibria_at_other_points() -> None:
    pg = ParametricGame.from_arrays([[c, 0], [0, 1]], [[1, 0], [0, 1]], parameters={"c": -1})
    assert len(symbolic_equilibria(pg)) == 1
    assert len(symbolic_equilibria(pg, points=[{"c": 1}])) == 3


def test_pure_equilibria_of_three_players() -> None:
    a = [[[c, 0], [0, 0]], [[0, 0], [0, 1]]]
    pg = ParametricGame.from_arrays(a, a, a, parameters={"c": 2})
    eqs = symbolic_equilibria(pg)
    assert [e.support() for e in eqs] == [(("1",), ("1",), ("1",)), (("2",), ("2",), ("2",))]
    assert all(e.payoffs == (c, c, c) for e in eqs[:1])


def test_values_and_games() -> None:
    pg = ParametricGame.from_arrays([[c / 2, 1]], [[0, c**2]], parameters={"c": ("1", "0", "4")})
    assert pg.game({"c": 3}).payoffs[1].tolist() == [[0, 9]]
    with pytest.raises(GameValueError, match="outside the range"):
        pg.values({"c": 5})
    with pytest.raises(GameValueError, match="did you mean 'c'"):
        pg.values({"cc": 1})


@pytest.mark.parametrize(
    ("payoff", "message"),
    [
        pytest.param(sympy.sqrt(c), "not a rational function", id="sqrt"),
        pytest.param(sympy.Symbol("x") + c, "unknown parameter 'x'", id="undeclared"),
        pytest.param("1/3; import os", "not a finite number", id="text-is-never-evaluated"),
    ],
)
def test_bad_payoffs(payoff: object, message: str) -> None:
    with pytest.raises(GameValueError, match=message):
        ParametricGame.from_arrays([[payoff]], [[0]], parameters={"c": 1})


def test_importing_does_not_import_sympy_or_matplotlib() -> None:
    code = (
        "import sys, gametheory, gametheory.sensitivity; "
        "print(sorted(m for m in ('sympy', 'matplotlib', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
