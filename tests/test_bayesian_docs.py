"""docs/bayesian.md is true: its command outputs are real and every number it states is computed.

After an intended change of output, rewrite the page's outputs with::

    python tests/test_bayesian_docs.py --update
"""

from __future__ import annotations

import sys
from fractions import Fraction as F
from pathlib import Path

import pytest
import sympy
from test_readme import _run, _session, examples, update
from test_us_russia_signals import brute_force

from gametheory import solve
from gametheory.models import load_model
from gametheory.sensitivity.regimes import analyse_parameter

PAGE = Path(__file__).resolve().parent.parent / "docs" / "bayesian.md"
TYPES = load_model("us-russia-types")
SIGNALS = load_model("us-russia-signals")


def test_page_examples_match_the_real_output() -> None:
    found = examples(PAGE.read_text())
    assert len(found) == 3
    with _session():
        for command, expected, _ in found:
            assert _run(command) == expected, f"docs/bayesian.md example: $ {command}"


def _russia_hard(eq) -> str:
    """Moscow's probability of hard demands (Bayesian results nest it under its one type)."""
    russia = eq.to_dict()["strategies"]["Russia"]
    return russia.get("-", russia)["hard_demand"]


def _thresholds(name: str, **at) -> tuple:
    return analyse_parameter(TYPES.parametric_game(), name, at=at).thresholds


def test_types_cutoff_and_the_equilibria_on_each_side() -> None:
    q = sympy.Symbol("q")
    analysis = analyse_parameter(TYPES.parametric_game(), "q")
    assert analysis.thresholds == (0, F(1, 2), 1)  # "Thresholds: 0, 1/2, 1"
    (above,) = analysis.regime_at("3/4").equilibria  # q > 1/2: pure hard line
    d = above.to_dict()
    assert d["strategies"]["US"]["concede|pressure"] == "1" and _russia_hard(above) == "1"
    assert d["payoffs"] == {"US": "3", "Russia": "3*q + 1"}
    (below,) = analysis.regime_at("1/4").equilibria  # q < 1/2: the mixture
    d = below.to_dict()
    assert d["strategies"]["Russia"] == {"friendly_offer": "1/4", "hard_demand": "3/4"}
    assert sympy.simplify(sympy.sympify(d["payoffs"]["US"]) - (3 * q + 10) / 4) == 0
    assert d["payoffs"]["Russia"] == "5/2"
    # The strength type concedes with (1 - 2q)/(2(1 - q)); Washington as a whole with 1/2.
    for value in (F(1, 10), F(1, 4), F(2, 5)):
        (eq,) = solve(TYPES.game({"q": value})).equilibria
        s = F(eq.to_dict()["strategies"]["US"]["strength"]["concede"])
        assert s == (1 - 2 * value) / (2 * (1 - value))
        assert value + (1 - value) * s == F(1, 2)
        assert eq.to_dict()["ex_ante"]["Russia"] == "5/2"
    # At 1/2: a continuum, Moscow's hard line from 3/4 to 1.
    at_half = analysis.regime_at("1/2")
    assert sorted(_russia_hard(e) for e in at_half.equilibria) == ["1", "3/4"]
    assert at_half.components and len(at_half.components[0].to_dict()["equilibria"]) == 2
    # Ex ante at the default: US 3, Russia 13/4.
    assert solve(TYPES.game()).equilibria[0].to_dict()["ex_ante"] == {"US": "3", "Russia": "13/4"}


def test_types_robustness_statements() -> None:
    # Every b in its range at q = 3/4: no threshold in b; the cutoff at most 3/5 (b = 1/2).
    assert _thresholds("b") == ()
    assert max((1 + b) / (2 + b) for b in (F(-1), F(0), F(1, 2))) == F(3, 5)
    for b in ("-2", "-1", "1/2"):
        assert {_russia_hard(e) for e in solve(TYPES.game({"b": b})).equilibria} == {"1"}
    # At b = 0, w above 4/3.
    assert _thresholds("w") == (1, F(4, 3))
    assert {_russia_hard(e) for e in solve(TYPES.game({"w": "7/5"})).equilibria} == {"1"}
    assert {_russia_hard(e) for e in solve(TYPES.game({"w": "5/4"})).equilibria} == {"3/4"}
    # b < -1: the hard line whatever the prior.
    for q in ("1/20", "1/4", "1/2", "19/20"):
        assert {_russia_hard(e) for e in solve(TYPES.game({"q": q, "b": "-3/2"})).equilibria} \
            == {"1"}
    # The general cutoff (1 + b)/(w + b).
    assert F(1, 4) in _thresholds("q", w=3, b="-1/3")  # (2/3)/(8/3)
    assert F(1, 3) in _thresholds("q", w=3)


def _signals(q: str, k: str):
    return solve(SIGNALS.game({"q": q, "k": k}), method="pbe").equilibria


def test_signals_statements() -> None:
    eqs = _signals("3/4", "2")
    got = {(e.classification, e.intuitive_criterion): e.to_dict()["payoffs"] for e in eqs}
    assert got == {("separating", True): {"US": "13/4", "Russia": "15/4"},
                   ("pooling", False): {"US": "3", "Russia": "13/4"}}
    # Moscow's cutoff belief 2/3: the off-path condition of the pooling equilibrium.
    pooling = next(e for e in eqs if e.classification == "pooling")
    assert pooling.to_dict()["beliefs"]["tough"]["inequalities"] == [
        "mu(dealmaker | tough) >= 2/3"]
    # k = 1: tough words cost the dealmaker 4 - k < 3 exactly when k > 1.
    assert any(e.classification == "separating" for e in _signals("3/4", "11/10"))
    assert not any(e.classification == "separating" for e in _signals("3/4", "9/10"))
    # Soft words draw the hard line in every equilibrium at q = 3/4, whatever k.
    for k in ("0", "1/2", "1", "2", "4"):
        assert {e.choice("conciliatory") for e in _signals("3/4", k)} == {"hard_demand"}
    # q between 1/2 and 2/3: types give the hard line, signals a pooling friendly answer.
    assert {_russia_hard(e) for e in solve(TYPES.game({"q": "3/5"})).equilibria} == {"1"}
    assert any(e.classification == "pooling" and e.choice("conciliatory") == "friendly_offer"
               for e in _signals("3/5", "2"))
    # Moscow's cutoff belief: soft pooling draws hard demands exactly from q = 2/3.
    assert {e.choice("conciliatory") for e in _signals("2/3", "1/2")
            if e.classification == "pooling" and e.choice("dealmaker") == "conciliatory"} \
        == {"friendly_offer", "hard_demand"}


def test_signals_semi_separating_statements() -> None:
    from gametheory.extensive.mixed_pbe import mixed_signalling_pbe

    default = mixed_signalling_pbe(SIGNALS.game())
    assert default.complete and len(default.equilibria) == 2  # the same two, no other
    assert {e.classification for e in default.equilibria} == {"separating", "pooling"}
    for q, k in ((F(3, 4), F(1, 2)), (F(9, 10), F(1, 4)), (F(4, 5), F(3, 4))):
        result = mixed_signalling_pbe(SIGNALS.game({"q": q, "k": k}))
        (semi,) = [e for e in result.equilibria if e.classification == "semi-separating"]
        assert semi.sender["strength"]["tough"] == 1
        assert semi.sender["dealmaker"]["tough"] == 2 * (1 - q) / q
        assert semi.beliefs["tough"]["dealmaker"] == F(2, 3)
        assert semi.beliefs["conciliatory"]["dealmaker"] == 1
        assert semi.receiver["conciliatory"]["hard_demand"] == 1
        assert semi.receiver["tough"]["friendly_offer"] == k
        assert semi.payoffs == {"dealmaker": 3, "strength": 3 + k, "Russia": 3 * q + 1}
    # k > 1 or a prior below 2/3: no semi-separating equilibrium.
    for q, k in (("3/4", "2"), ("1/2", "1/2")):
        result = mixed_signalling_pbe(SIGNALS.game({"q": q, "k": k}))
        assert "semi-separating" not in {e.classification for e in result.equilibria}


@pytest.mark.parametrize(("q", "k"), [("3/4", "2"), ("3/4", "1/2"), ("1/2", "2"), ("1/2", "1/2")])
def test_signals_table_matches_the_brute_force(q, k) -> None:
    # The table's cells, counted: separating and pooling equilibria per (q, k) side.
    found = brute_force(F(q), F(k))
    cells = {("3/4", "2"): 2, ("3/4", "1/2"): 1, ("1/2", "2"): 3, ("1/2", "1/2"): 3}
    assert len(found) == cells[(q, k)]
    failing = {e for e in found if not e[2]}
    assert len(failing) == (1 if (q, k) == ("3/4", "2") else 0)


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update(PAGE)
    else:
        sys.exit(pytest.main([__file__, "-q"]))
