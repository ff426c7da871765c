"""Equilibrium selection: payoff dominance, risk dominance (2x2) and Nash products.

Literature cases: Skyrms's (2004, ch. 1) stag hunt, where hunting the stag is payoff-dominant
and hunting hares risk-dominant; the battle of the sexes, symmetric in its deviation losses.
Properties: risk dominance agrees with its equivalent form through the mixed equilibrium
(Harsanyi and Selten, 1988, section 3.9: e risk-dominates e' exactly when, at the mixed
equilibrium, the product of the probabilities of e's strategies is smaller than that of e''s);
every selection is invariant under positive affine maps of a player's payoffs.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games, positive_affine

from gametheory import Game, GameValueError, solve
from gametheory.concepts.selection import risk_dominance, select_equilibria

F = Fraction


def _stag_hunt_skyrms() -> Game:
    # Skyrms (2004), ch. 1: stag together 4, hare 3 whatever the other does, stag alone 0.
    return Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]],
                            strategies=(("stag", "hare"), ("stag", "hare")))


def _labels(game: Game, selection, k: int) -> tuple[str, ...]:
    eq = selection.equilibria[k]
    return tuple(
        labels[sigma.index(1)] for labels, sigma in zip(game.strategies, eq.profile, strict=True)
    )


CASES = [
    pytest.param(
        _stag_hunt_skyrms(), ("stag", "stag"), ("hare", "hare"), (F(1), F(9)),
        id="stag-hunt-skyrms",
    ),
    # Deviation losses 1 and 1 at both pure equilibria: no risk dominance.
    pytest.param(
        Game.from_arrays([[2, 0], [1, 1]], [[2, 1], [0, 1]],
                         strategies=(("stag", "hare"), ("stag", "hare"))),
        ("stag", "stag"), None, (F(1), F(1)), id="stag-hunt-tie",
    ),
    # Battle of the sexes: losses (2, 1) and (1, 2); neither payoff- nor risk-dominant.
    pytest.param(
        Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]]), None, None, (F(2), F(2)),
        id="battle-of-the-sexes",
    ),
]


@pytest.mark.parametrize(("game", "payoff_dominant", "risk_dominant", "products"), CASES)
def test_literature(game, payoff_dominant, risk_dominant, products) -> None:
    s = select_equilibria(game)
    if payoff_dominant is None:
        assert s.payoff_dominant is None
    else:
        assert _labels(game, s, s.payoff_dominant) == payoff_dominant
    assert s.risk is not None and s.risk.products == products
    if risk_dominant is None:
        assert s.risk.dominant is None
    else:
        assert _labels(game, s, s.risk.dominant) == risk_dominant


def test_nash_products_over_the_security_levels() -> None:
    game = _stag_hunt_skyrms()
    s = select_equilibria(game)
    # Each hunter can guarantee 3 (hare); the equilibria pay (4, 4), (3, 3) mixed, (3, 3).
    assert s.disagreement == (3, 3) and s.disagreement_source == "security levels"
    assert s.nash_products == (1, 0, 0)
    assert [_labels(game, s, k) for k in s.nash_selected] == [("stag", "stag")]
    given_point = select_equilibria(game, disagreement={"Row": 0, "Column": 0})
    assert given_point.nash_products == (16, 9, 9) and given_point.disagreement_source == "given"
    above = select_equilibria(game, disagreement=[F(7, 2), 0])
    assert above.nash_products == (F(1, 2) * 4, None, None) and above.nash_selected == (0,)


def test_risk_dominance_needs_two_strict_equilibria() -> None:
    pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    risk, note = risk_dominance(pd, solve(pd).equilibria)
    assert risk is None and "has 1" in note
    big = Game.from_arrays([[1, 0, 0], [0, 1, 0]], [[1, 0, 0], [0, 1, 0]])
    risk, note = risk_dominance(big, solve(big).equilibria)
    assert risk is None and "2x2" in note


def test_bad_disagreement_point() -> None:
    game = _stag_hunt_skyrms()
    with pytest.raises(GameValueError, match="one value per player"):
        select_equilibria(game, disagreement=[1])
    with pytest.raises(GameValueError, match="unknown player"):
        select_equilibria(game, disagreement={"Rwo": 1, "Column": 1})
    with pytest.raises(GameValueError, match=r"disagreement\.Column"):
        select_equilibria(game, disagreement={"Row": 1})


def test_json() -> None:
    data = select_equilibria(_stag_hunt_skyrms()).to_dict()
    assert data["payoff_dominant"] == 1 and data["risk_dominance"]["risk_dominant"] == 3
    assert data["risk_dominance"]["deviation_losses"][1] == {"Row": "3", "Column": "3"}
    assert data["nash_selected"] == [1] and data["disagreement"] == {"Row": "3", "Column": "3"}


# --------------------------------------------------------------------------- properties
@st.composite
def coordination_games(draw: st.DrawFn) -> Game:
    """2x2 games with strict pure equilibria on the diagonal (any payoffs otherwise)."""
    value, loss = st.integers(-6, 6), st.integers(1, 6)
    a11, a22, b11, b22 = (draw(value) for _ in range(4))
    a21, a12, b12, b21 = a11 - draw(loss), a22 - draw(loss), b11 - draw(loss), b22 - draw(loss)
    return Game.from_arrays([[a11, a12], [a21, a22]], [[b11, b12], [b21, b22]])


@settings(max_examples=60)
@given(coordination_games())
def test_risk_dominance_agrees_with_the_mixed_equilibrium(game: Game) -> None:
    s = select_equilibria(game)
    mixed = [eq for eq in s.equilibria if not eq.is_pure]
    assert len(mixed) == 1 and s.risk is not None
    (p, _), (q, _) = mixed[0].profile
    first = p * q  # probability of (row 1, column 1) at the mixed equilibrium
    second = (1 - p) * (1 - q)
    diagonal = {_labels(game, s, k): k for k in s.risk.pair}
    if first == second:
        assert s.risk.dominant is None
    elif first < second:
        assert s.risk.dominant == diagonal[("1", "1")]
    else:
        assert s.risk.dominant == diagonal[("2", "2")]


@settings(max_examples=40)
@given(games(max_size=3), st.integers(0, 1), positive_affine())
def test_selection_is_invariant_under_positive_affine_maps(game: Game, player, affine) -> None:
    scale, shift = affine
    s = select_equilibria(game)
    t = select_equilibria(game.transformed(player, scale, shift))
    assert t.payoff_undominated == s.payoff_undominated
    assert t.payoff_dominant == s.payoff_dominant
    assert t.nash_selected == s.nash_selected
    assert (t.risk is None) == (s.risk is None)
    if s.risk is not None:
        assert t.risk.dominant == s.risk.dominant


@settings(max_examples=40)
@given(games(max_size=3))
def test_payoff_dominance_and_nash_products(game: Game) -> None:
    s = select_equilibria(game)
    payoffs = [eq.payoffs for eq in s.equilibria]
    for k in s.payoff_undominated:
        assert not any(all(x > y for x, y in zip(v, payoffs[k], strict=True)) for v in payoffs)
    if s.payoff_dominant is not None:
        assert s.payoff_undominated == (s.payoff_dominant,)
    # Equilibrium payoffs are never below the security levels: every product is eligible.
    assert all(v is not None and v >= 0 for v in s.nash_products)
    best = max(s.nash_products)
    assert s.nash_selected == tuple(k for k, v in enumerate(s.nash_products) if v == best)
    for k, u in enumerate(payoffs):
        gains = [x - d for x, d in zip(u, s.disagreement, strict=True)]
        assert s.nash_products[k] == gains[0] * gains[1]


def test_us_russia_write_up() -> None:
    """The figures quoted in docs/concepts.md (Equilibrium selection)."""
    from gametheory.models import load_model

    game = load_model("us-russia").game({"d": "0"})
    s = select_equilibria(game)
    cooperative = next(k for k, eq in enumerate(s.equilibria)
                       if eq.profile == ((0, 0, 1, 0), (0, 0, 1, 0)))
    assert s.payoff_dominant == cooperative and s.nash_selected == (cooperative,)
    assert s.disagreement == (4, 4)
    assert sorted(s.nash_products) == [F(27, 7), 30, 63]
    assert s.risk is None
