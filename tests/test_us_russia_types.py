"""The built-in ``us-russia-types`` (issue 12): the dual-track core with two US types.

Every expected value is derived by hand from the file's payoffs (below), independently of the
solver. With q Moscow's prior on the dealmaker:

- the dealmaker concedes whatever Moscow does (4 > 1 and 3 > 2: conceding is dominant);
- the strength type concedes to a friendly offer (4 > 1) and presses against hard demands
  (3 > 2);
- if the strength type presses, Moscow's hard line earns q (2 + w) + (1 - q) and its friendly
  offer 3q + (1 - q)(2 + b): the hard line is its best reply exactly when
  q >= (1 + b)/(w + b), the cutoff belief (1/2 at the defaults w = 2, b = 0);
- below the cutoff there is no pure equilibrium: Moscow makes the strength type indifferent,
  y (4) + (1 - y) 2 = y + (1 - y) 3, so y = 1/4 on the friendly offer, and the strength type
  concedes with the probability s that makes Washington's overall concession
  q + (1 - q) s equal the cutoff (1 + b)/(w + b).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import solve
from gametheory.bayesian import certify_bayesian
from gametheory.models import load_model, validate_model_file
from gametheory.sensitivity.regimes import analyse_parameter

MODEL = load_model("us-russia-types")


def cutoff(w: F, b: F) -> F:
    """Moscow's cutoff belief on the dealmaker, by hand (module docstring)."""
    return (1 + b) / (w + b)


def _profile(eq):
    d = eq.to_dict()["strategies"]
    return (d["US"]["dealmaker"]["concede"], d["US"]["strength"]["concede"],
            d["Russia"]["-"]["hard_demand"])


def test_file_validates_and_russia_is_the_same_against_both_types():
    assert validate_model_file(MODEL.path) == []
    game = MODEL.game()
    deal, strength = game.games[("dealmaker", "-")], game.games[("strength", "-")]
    assert (deal.payoffs[1] == strength.payoffs[1]).all()
    # The types differ in the one comparison us-russia-2x2 leaves open, and nowhere else.
    differ = {(r, c) for r in range(2) for c in range(2)
              if deal.payoffs[0][r, c] != strength.payoffs[0][r, c]}
    assert differ == {(0, 1), (1, 1)}
    two = load_model("us-russia-2x2").game()
    assert (strength.payoffs[0] == two.payoffs[0]).all()
    assert (strength.payoffs[1] == two.payoffs[1]).all()


def test_default_is_the_pure_hard_line():
    result = solve(MODEL.game())
    assert [_profile(e) for e in result.equilibria] == [("1", "0", "1")]
    assert result.equilibria[0].to_dict()["ex_ante"] == {"US": "3", "Russia": "13/4"}


def test_below_the_cutoff_the_dual_track_mixture():
    result = solve(MODEL.game({"q": "1/4"}))
    (eq,) = result.equilibria
    # q + (3/4) s = 1/2, so s = 1/3; Moscow: friendly 1/4, hard 3/4.
    assert _profile(eq) == ("1", "1/3", "3/4")


def test_sensitivity_finds_the_cutoff_exactly():
    analysis = analyse_parameter(MODEL.parametric_game(), "q")
    # 0 and 1 are the degenerate priors (one type has probability 0, its plan is free).
    assert analysis.thresholds == (0, cutoff(F(2), F(0)), 1)
    above = analysis.regime_at("3/4").equilibria
    assert [e.to_dict()["strategies"]["Russia"]["hard_demand"] for e in above] == ["1"]
    below = analysis.regime_at("1/4").equilibria
    assert [e.to_dict()["strategies"]["Russia"]["hard_demand"] for e in below] == ["3/4"]
    at_w3 = analyse_parameter(MODEL.parametric_game(), "q", at={"w": 3, "b": "-1/2"})
    assert cutoff(F(3), F(-1, 2)) in at_w3.thresholds


_rational = st.fractions(min_value=0, max_value=1, max_denominator=20)


@settings(max_examples=25, deadline=None)
@given(q=_rational, w=st.fractions(min_value=F(11, 10), max_value=4, max_denominator=10),
       b=st.fractions(min_value=F(-9, 10), max_value=F(1, 2), max_denominator=10))
def test_equilibria_match_the_hand_derivation(q, w, b):
    q = min(max(q, F(1, 20)), F(19, 20))  # interior priors: both types are played
    game = MODEL.game({"q": q, "w": w, "b": b})
    result = solve(game)
    for eq in result.equilibria:
        profile = {p: {t: {a: F(x) for a, x in row.items()} for t, row in types.items()}
                   for p, types in eq.to_dict()["strategies"].items()}
        assert certify_bayesian(game, profile) is not None
    c = cutoff(w, b)
    profiles = {_profile(e) for e in result.equilibria}
    if q > c:
        assert profiles == {("1", "0", "1")}
    elif q < c:
        s = (c - q) / (1 - q)
        assert profiles == {("1", str(s), "3/4")}
    else:  # at the cutoff: a segment of Moscow's mixtures between 3/4 and 1
        assert ("1", "0", "1") in profiles and ("1", "0", "3/4") in profiles


def test_below_minus_one_moscow_resists_whatever_the_prior():
    for q in ("1/20", "1/2", "19/20"):
        result = solve(MODEL.game({"q": q, "b": "-3/2"}))
        assert {_profile(e)[2] for e in result.equilibria} == {"1"}


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_show_prints_the_cited_reasons(fmt):
    from click.testing import CliRunner

    import cli

    out = CliRunner().invoke(cli.cli, ["show", "us-russia-types", "-f", fmt])
    assert out.exit_code == 0, out.output
    assert "Hopes and fears, fear 1" in out.output
    assert "us-russia-2x2 leaves open" in out.output.replace("\n", " ")
