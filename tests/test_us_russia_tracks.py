"""us-russia-tracks: the file is what its generator writes, its payoffs are its declared
cardinalisation of its facts, and the test of the text's thesis (the dual track as one pure
strategy) at the defaults and over the parameters."""

from __future__ import annotations

import importlib.util
import random
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory import solve
from gametheory.algorithms.pure import pure_equilibria
from gametheory.algorithms.standing import strategy_standing
from gametheory.models import load_model
from gametheory.robustness.standing import standing_over_parameters

ROOT = Path(__file__).resolve().parents[1]
DUAL = "offer_maximal_continue"


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_us_russia_tracks", ROOT / "tools" / "make_us_russia_tracks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_model_file_is_what_the_generator_writes() -> None:
    assert (ROOT / "models" / "us-russia-tracks.toml").read_text() == _generator().render()


@pytest.mark.parametrize(
    ("us", "russia", "facts"),
    [
        # Hand-read from the rules: Moscow's terms accepted with maximal demands, relief, no
        # pressure: a ceasefire on Russia's terms, sanctions lifted, support for Kyiv halted.
        ("relief_moscow_nopress", DUAL,
         ("russia_terms", "lifted", "halted", "stops", "goes_ahead")),
        # Compromise terms against maximal demands, pressure: no ceasefire, sanctions expanded,
        # more aid; the offer is made and not taken up.
        ("norelief_compromise_press", DUAL,
         ("none", "expanded", "increased", "continues", "offered")),
        # Moscow settles for compromise under pressure: a ceasefire on the line, sanctions eased.
        ("norelief_compromise_press", "none_compromise_continue",
         ("current_line", "eased", "increased", "stops", "none")),
        # Escalation rules out a ceasefire whatever the terms.
        ("relief_moscow_nopress", "offer_maximal_escalate",
         ("none", "lifted", "halted", "escalates", "goes_ahead")),
        # Nothing offered, compromise terms, no pressure: the stand-off.
        ("norelief_compromise_nopress", "none_maximal_continue",
         ("none", "kept", "continued", "continues", "none")),
    ],
)
def test_facts_follow_the_stated_rules(us: str, russia: str, facts: tuple) -> None:
    model = load_model("us-russia-tracks")
    (outcome,) = [o for o in model.outcomes if o.profile == (us, russia)]
    assert tuple(v for _, v in outcome.facts) == facts


def test_payoffs_are_the_declared_sum_over_the_facts() -> None:
    # Independent of the payoff strings: the sum of the values of each outcome's facts, with
    # the values of the cardinalisation, at random rational parameter values.
    g = _generator()
    model = load_model("us-russia-tracks")
    rng = random.Random(7)
    for _ in range(5):
        values = {name: p.low + (p.high - p.low) * Fraction(rng.randint(0, 12), 12)
                  for name, p in model.parameters.items()}
        game = model.game({n: str(v) for n, v in values.items()})

        def worth(table, facts, values=values):
            total = Fraction(0)
            for key in facts.items():
                if key in table:
                    expr = table[key]
                    total += _evaluate(expr, values)
            return total

        for outcome in model.outcomes:
            facts = dict(outcome.facts)
            expected = (worth(g.US_VALUES, facts), worth(g.RUSSIA_VALUES, facts))
            assert game.payoff(outcome.profile) == expected


def _evaluate(expr: str, values: dict) -> Fraction:
    # The value tables use "name", "-name", "name - name" and integers only.
    total, sign = Fraction(0), 1
    for token in expr.replace("-", " - ").split():
        if token == "-":
            sign = -1
            continue
        total += sign * (values[token] if token in values else Fraction(token))
        sign = 1
    return total


def test_the_thesis_at_the_defaults() -> None:
    game = load_model("us-russia-tracks").game()
    result = solve(game)
    assert result.complete and len(result.equilibria) == 1
    (eq,) = result.equilibria
    assert eq.support() == (("relief_compromise_nopress",), (DUAL,))
    # The same pure equilibrium by brute force over the 64 profiles.
    assert [e.support() for e in pure_equilibria(game).equilibria] == [eq.support()]
    s = strategy_standing(game, "Russia", DUAL, result=result)
    pressed = ("relief_compromise_press", "norelief_compromise_press")
    assert set(s.only_best_reply_to) == set(game.strategies[0]) - set(pressed)
    assert s.in_equilibria == (0,)
    # Against compromise terms backed by pressure, accepting them while offering business is
    # the better answer.
    for us in pressed:
        k = game.strategy_index("US", us)
        assert game.best_responses("Russia", [[int(j == k) for j in range(8)],
                                              [1] + [0] * 7]) == (
            game.strategy_index("Russia", "offer_compromise_continue"),)


def test_standing_counts_match_a_direct_count() -> None:
    # standing_over_parameters against a direct count of best replies from the payoffs.
    model = load_model("us-russia-tracks")
    s = standing_over_parameters(model, "Russia", DUAL, samples=30, seed=11)
    import numpy as np

    rng = np.random.default_rng(11)
    counts = dict.fromkeys(model.players[0].ids, 0)
    for _ in range(30):
        values = {}
        for name, _text in model.judgements.distributions:
            p = model.parameters[name]
            values[name] = Fraction(float(rng.uniform(float(p.low), float(p.high))))
        game = model.game(values)
        k = game.strategy_index("Russia", DUAL)
        for i, us in enumerate(game.strategies[0]):
            row = [game.payoffs[1][i, j] for j in range(8)]
            counts[us] += row[k] == max(row)
    assert s.best_reply_counts == counts
