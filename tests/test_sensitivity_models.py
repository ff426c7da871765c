"""The sensitivity analysis of the built-in models, checked against the exact solver."""

from __future__ import annotations

from fractions import Fraction

import pytest

from gametheory.algorithms.exact import exact_equilibria
from gametheory.sensitivity import ParametricGame, analyse_parameter, comparative_statics
from gametheory.sensitivity._poly import between

models = pytest.importorskip("gametheory.models")

NAMES = ["us-russia", "us-russia-2x2"]


@pytest.mark.parametrize("name", NAMES)
def test_parametric_game_equals_the_model_game(name: str) -> None:
    model = models.load_model(name)
    pg = ParametricGame.from_model(model)
    assert pg.game().same_payoffs(model.game())
    assert pg.strategies == model.game().strategies


@pytest.mark.parametrize("name", NAMES)
def test_every_parameter_regime_agrees_with_the_solver(name: str) -> None:
    pg = ParametricGame.from_model(models.load_model(name))
    for parameter in pg.parameter_names:
        analysis = analyse_parameter(pg, parameter)
        for regime in analysis.regimes:
            if regime.is_point:
                points = [regime.low] if isinstance(regime.low, Fraction) else []
            else:
                points = [between(regime.low, regime.high)]
            for t in points:
                numeric = exact_equilibria(pg.game({parameter: t})).equilibria
                symbolic = [eq.evaluate({parameter: t}) for eq in regime.equilibria]
                assert sorted(symbolic) == sorted((e.profile, e.payoffs) for e in numeric)


def test_us_russia_statics_show_tsebelis() -> None:
    pg = ParametricGame.from_model(models.load_model("us-russia-2x2"))
    statics = comparative_statics(pg)
    for effect in statics.payoffs.equilibria:
        if effect.regular and not effect.equilibrium.is_pure:
            for player in effect.equilibrium.players:
                assert effect.own_payoff_effect(player) == 0


# The thresholds quoted in docs/sensitivity.md: a change to a model that moves them must
# update that page in the same commit.
DOCUMENTED = [
    pytest.param("us-russia-2x2", "d", ["2"], id="2x2-d"),
    pytest.param("us-russia-2x2", "w", ["1"], id="2x2-w"),
    pytest.param("us-russia-2x2", "b", ["-1"], id="2x2-b"),
    pytest.param("us-russia", "d", ["1", "3/2", "15/7", "5"], id="4x4-d"),
    pytest.param("us-russia", "v", [], id="4x4-v"),
    pytest.param("us-russia", "s", ["4", "7"], id="4x4-s"),
    pytest.param("us-russia", "w", ["5/3"], id="4x4-w"),
    pytest.param("us-russia", "r", ["3"], id="4x4-r"),
    pytest.param("us-russia", "p", ["-1"], id="4x4-p"),
    pytest.param("us-russia", "b", ["-5/3", "-4/3"], id="4x4-b"),
]


@pytest.mark.parametrize(("name", "parameter", "thresholds"), DOCUMENTED)
def test_documented_thresholds(name: str, parameter: str, thresholds: list[str]) -> None:
    pg = ParametricGame.from_model(models.load_model(name))
    assert analyse_parameter(pg, parameter).to_dict()["thresholds"] == thresholds
