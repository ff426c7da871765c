"""Stackelberg commitment: literature cases, an exact brute-force reference, properties, CLI."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import games

from cli import cli
from gametheory import Game, GameValueError, solve
from gametheory.concepts import stackelberg


# --------------------------------------------------------------------------- reference
def _value(x, column):
    return sum((p * v for p, v in zip(x, column, strict=True)), F(0))


def _reference_2xn(game: Game, leader: int):
    """Exact strong value, weak supremum and whether it is attained, for a 2-strategy leader.

    Independent of the LP code: the leader's commitment is p = P(first strategy) in [0, 1];
    the follower's payoffs are linear in p, so its best-response set is constant between the
    points where two of its payoff lines cross, and the reply worst for the leader changes only
    where two of the leader's payoff lines cross. The strong value is attained at one of those
    points (or an end); the weak value's supremum is a value or a one-sided limit there.
    """
    a, b = game.matrices()
    a, b = a.tolist(), b.tolist()
    if leader == 1:
        a, b = [list(r) for r in zip(*b, strict=True)], [list(r) for r in zip(*a, strict=True)]
    assert len(a) == 2
    n = len(a[0])
    lines = [(b[1][j], b[0][j] - b[1][j]) for j in range(n)]  # follower: c + s p
    own = [(a[1][j], a[0][j] - a[1][j]) for j in range(n)]  # leader, against each reply
    cuts = {F(0), F(1)}
    # Between consecutive cuts the follower's best replies are fixed, and so is the reply
    # worst for the leader among them: the weak payoff is linear there.
    for family in (lines, own):
        for (c1, s1), (c2, s2) in ((family[j], family[k]) for j in range(n) for k in range(j)):
            if s1 != s2:
                p = (c2 - c1) / (s1 - s2)
                if 0 <= p <= 1:
                    cuts.add(p)
    cuts = sorted(cuts)

    def replies(p):
        values = [c + s * p for c, s in lines]
        return [j for j, v in enumerate(values) if v == max(values)]

    def leader(p, j):
        return a[0][j] * p + a[1][j] * (1 - p)

    strong = max(max(leader(p, j) for j in replies(p)) for p in cuts)
    attained_values = [min(leader(p, j) for j in replies(p)) for p in cuts]
    sup = max(attained_values)
    for lo, hi in itertools.pairwise(cuts):
        mid = (lo + hi) / 2
        r = replies(mid)
        attained_values.append(min(leader(mid, j) for j in r))
        limits = [min(leader(end, j) for j in r) for end in (lo, hi)]  # one-sided limits
        sup = max(sup, *limits)
        if limits[0] == limits[1]:  # constant on the open interval: attained inside it
            attained_values.append(limits[0])
    return strong, sup, max(attained_values) == sup


# --------------------------------------------------------------------------- literature
CONITZER_SANDHOLM = Game.from_arrays(
    [[2, 4], [1, 3]], [[1, 0], [0, 1]], players=("Leader", "Follower"),
    strategies=(("U", "D"), ("L", "R")),
)


CASES = [
    pytest.param(
        # Conitzer and Sandholm (2006), Section 2 example: Nash (U, L) gives the leader 2; pure
        # commitment to D gives 3; mixed commitment (1/2, 1/2) with ties broken for the leader
        # gives 7/2, approached but not attained when ties go against it.
        CONITZER_SANDHOLM, "Leader",
        {"pure": ((F(0), F(1)), "R", (F(3), F(1))),
         "mixed": ((F(1, 2), F(1, 2)), "R", (F(7, 2), F(1, 2))),
         "nash": F(2), "weak_attained": False, "weak_value": F(7, 2)},
        id="conitzer-sandholm-2006",
    ),
    pytest.param(
        # Matching pennies (zero-sum): commitment is worth nothing; the leader's value is the
        # game's value 0 (von Neumann), at (1/2, 1/2); the follower's tie-break gives -0.
        Game.from_arrays([[1, -1], [-1, 1]]), "Row",
        {"pure": ((F(1), F(0)), "2", (F(-1), F(1))),
         "mixed": ((F(1, 2), F(1, 2)), "1", (F(0), F(0))),
         "nash": F(0), "weak_attained": True, "weak_value": F(0)},
        id="matching-pennies",
    ),
    pytest.param(
        # Battle of the sexes, Osborne (2004) Bach or Stravinsky: the leader commits to its
        # favourite concert and gets 2 (its best Nash payoff): no value of commitment.
        Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("B", "S"), ("B", "S"))),
        "Row",
        {"pure": ((F(1), F(0)), "B", (F(2), F(1))),
         "mixed": ((F(1), F(0)), "B", (F(2), F(1))),
         "nash": F(2), "weak_attained": True, "weak_value": F(2)},
        id="battle-of-the-sexes",
    ),
]


@pytest.mark.parametrize(("game", "leader", "expected"), CASES)
def test_literature(game, leader, expected):
    r = stackelberg(game, leader)
    for kind in ("pure", "mixed"):
        c = getattr(r, kind)
        strategy, follower, payoffs = expected[kind]
        assert c.strategy == strategy
        assert game.strategies[r.follower][c.follower] == follower
        assert c.payoffs == payoffs
    assert r.best_nash == expected["nash"]
    assert r.mixed_weak.attained is expected["weak_attained"]
    assert r.mixed_weak.payoffs[0] == expected["weak_value"]


def test_conitzer_sandholm_json_contract():
    data = stackelberg(CONITZER_SANDHOLM, "Leader").to_dict()
    assert data["leader"] == "Leader"
    assert data["mixed"] == {
        "commitment": {"U": "1/2", "D": "1/2"}, "follower": "R",
        "payoffs": {"Leader": "7/2", "Follower": "1/2"}, "tie_breaking": "strong",
        "attained": True,
    }
    assert data["pure"]["commitment"] == {"U": "0", "D": "1"}
    assert data["value_of_commitment"] == "3/2"
    assert data["mixed_weak"]["attained"] is False


def test_follower_as_leader_transposes():
    game = CONITZER_SANDHOLM
    swapped = Game.from_arrays(
        [list(r) for r in zip(*game.payoffs[1].tolist(), strict=True)],
        [list(r) for r in zip(*game.payoffs[0].tolist(), strict=True)],
    )
    a, b = stackelberg(game, "Follower"), stackelberg(swapped, 0)
    assert a.mixed.payoffs == b.mixed.payoffs and a.mixed.strategy == b.mixed.strategy


def test_errors():
    three = Game.from_arrays([[[1]]], [[[1]]], [[[1]]])
    with pytest.raises(GameValueError, match="two-player"):
        stackelberg(three)
    with pytest.raises(GameValueError, match="did you mean 'Leader'"):
        stackelberg(CONITZER_SANDHOLM, "Leadr")


# --------------------------------------------------------------------------- properties
def _check_certificates(game: Game, r) -> None:
    a, b = game.matrices()
    for c in (r.pure, r.mixed, r.pure_weak, r.mixed_weak):
        assert all(p >= 0 for p in c.strategy) and sum(c.strategy) == 1
        x = c.strategy
        if r.leader == 0:
            follower_values = [_value(x, [b[i][j] for i in range(len(x))])
                               for j in range(game.shape[1])]
            leader_value = _value(x, [a[i][c.follower] for i in range(len(x))])
        else:
            follower_values = [_value(x, [a[j][i] for i in range(len(x))])
                               for j in range(game.shape[0])]
            leader_value = _value(x, [b[c.follower][i] for i in range(len(x))])
        if c.attained:
            assert follower_values[c.follower] == max(follower_values)  # a best response
            assert leader_value == c.payoffs[0]


@settings(max_examples=60)
@given(games(min_size=1, max_size=3), st.integers(0, 1))
def test_commitment_properties(game, leader):
    r = stackelberg(game, leader)
    _check_certificates(game, r)
    # von Stengel and Zamir (2010): the strong commitment value is at least every Nash payoff.
    nash = max(eq.payoffs[leader] for eq in solve(game).equilibria)
    assert r.best_nash == nash
    assert r.value_of_commitment >= 0
    assert r.mixed.payoffs[0] >= r.pure.payoffs[0] >= r.pure_weak.payoffs[0]
    assert r.mixed.payoffs[0] >= r.mixed_weak.payoffs[0] >= r.pure_weak.payoffs[0]


@settings(max_examples=60)
@given(games(min_size=2, max_size=4), st.integers(0, 1))
def test_two_strategy_leader_matches_reference(game, leader):
    keep = [list(range(k)) for k in game.shape]
    keep[leader] = [0, 1]
    game = game.restricted(keep)
    strong, sup, attained = _reference_2xn(game, leader)
    r = stackelberg(game, leader)
    assert r.mixed.payoffs[0] == strong
    assert r.mixed_weak.payoffs[0] == sup
    assert r.mixed_weak.attained is attained


@settings(max_examples=25)
@given(games(min_size=2, max_size=3), st.fractions(F(1, 4), 4, max_denominator=6),
       st.fractions(-5, 5, max_denominator=6))
def test_leader_payoff_affine(game, scale, shift):
    """Commitment is unchanged, and the leader's value maps, under a positive affine map."""
    r = stackelberg(game, 0)
    moved = stackelberg(game.transformed(0, scale, shift), 0)
    assert moved.mixed.payoffs[0] == scale * r.mixed.payoffs[0] + shift
    assert moved.mixed_weak.payoffs[0] == scale * r.mixed_weak.payoffs[0] + shift


# --------------------------------------------------------------------------- CLI
def test_cli_stackelberg_json():
    result = CliRunner().invoke(cli, ["stackelberg", "prisoners-dilemma", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["model"] == "prisoners-dilemma"
    assert [d["leader"] for d in data["stackelberg"]] == ["Prisoner 1", "Prisoner 2"]
    # Finking is dominant: commitment cannot help.
    assert all(d["value_of_commitment"] == "0" for d in data["stackelberg"])


def test_cli_stackelberg_text_and_errors():
    runner = CliRunner()
    result = runner.invoke(cli, ["stackelberg", "us-russia-2x2", "--leader", "US"])
    assert result.exit_code == 0, result.output
    assert "US leads, Russia follows" in result.output
    for fmt in ("markdown", "latex", "csv"):
        assert runner.invoke(cli, ["stackelberg", "chicken", "-f", fmt]).exit_code == 0
    bad = runner.invoke(cli, ["stackelberg", "us-russia", "--leader", "USA"])
    assert bad.exit_code == 1
    assert bad.output.startswith("Error: ") and bad.output.count("\n") == 1


def test_us_russia_write_up():
    """The figures quoted in docs/concepts.md (Commitment)."""
    from gametheory.models import load_model

    model = load_model("us-russia")
    game = model.game()
    us, russia = stackelberg(game, "US"), stackelberg(game, "Russia")
    assert (us.pure.payoffs[0], us.mixed.payoffs[0], us.best_nash) == (11, 12, F(43, 5))
    assert us.mixed.strategy == (F(1, 3), 0, F(2, 3), 0)
    assert us.value_of_commitment == F(17, 5)
    assert (russia.pure.payoffs[0], russia.mixed.payoffs[0], russia.best_nash) == (14, F(79, 5), 9)
    assert russia.mixed.strategy == (0, 0, F(1, 10), F(9, 10))
    assert russia.value_of_commitment == F(34, 5)
    assert not us.mixed_weak.attained and not russia.mixed_weak.attained
    assert stackelberg(model.game({"d": "2"}), "Russia").value_of_commitment == F(31, 3)
    at_six = stackelberg(model.game({"d": "6"}), "Russia")
    assert at_six.mixed.payoffs[0] == 16 and at_six.value_of_commitment == 0


def test_closed_forms_hold_near_the_values():
    """The formulas found at the defaults give the exact commitments at nearby values."""
    import sympy

    from gametheory.models import load_model

    model = load_model("us-russia")
    symbolic = model.symbolic_payoffs()
    for leader in ("US", "Russia"):
        closed = stackelberg(model.game(), leader, symbolic, model.values()).closed_forms
        for change in ({"d": "7/2"}, {"d": "9/2", "v": "5/2"}, {"w": "7/2"}):
            values = model.values(change)
            exact = stackelberg(model.game(change), leader)
            point = {sympy.Symbol(k, real=True): sympy.Rational(v.numerator, v.denominator)
                     for k, v in values.items()}
            strategy, payoff, _ = closed["mixed"]
            assert tuple(F(str(e.subs(point))) for e in strategy) == exact.mixed.strategy
            assert F(str(payoff.subs(point))) == exact.mixed.payoffs[0]
            assert F(str(closed["pure"][1].subs(point))) == exact.pure.payoffs[0]
