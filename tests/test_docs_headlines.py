"""The headline sentences of the US-Russia write-up match the verdicts computed now.

Each test computes a verdict and checks the sentence of docs/robustness.md or models/README.md
that states it. Exact verdicts (rank-only, over every admissible reading) must match exactly.
Sampled figures: the test repeats the run with the seed the docs give and fewer samples
(20,000 for SMAA, 300 draws for the tracks model) and allows the tolerance the docs state
(1.5 and 9 percentage points, more than 4 and 3 standard errors). A change to a model that
moves a headline fails here until the docs are updated.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory import solve
from gametheory.algorithms.standing import strategy_standing
from gametheory.models import load_model
from gametheory.models.audit import comparison_counts
from gametheory.robustness import rank_verdicts, robustness
from gametheory.robustness.standing import standing_over_parameters

ROOT = Path(__file__).resolve().parents[1]
ROBUSTNESS = (ROOT / "docs" / "robustness.md").read_text()
MODELS = (ROOT / "models" / "README.md").read_text()
DUAL = (((0, 1), (2, 3)),)  # US concede/pressure against Russia friendly_offer/hard_demand


def _flat(text: str) -> str:
    return " ".join(text.split())


def _says(doc: str, sentence: str) -> None:
    assert _flat(sentence) in _flat(doc), f"the docs no longer say: {sentence!r}"


def _figure(doc: str, pattern: str) -> float:
    match = re.search(pattern, _flat(doc))
    assert match, f"no sentence matches {pattern!r}"
    return float(match.group(1))


def _shares(model: str) -> dict:
    v = rank_verdicts(load_model(model))
    return v, {o.ids: o.share for o in v.outcomes if o.share}


def test_us_russia_exact_verdicts() -> None:
    v, shares = _shares("us-russia")
    assert v.orders == {"US": 8, "Russia": 6}
    _says(ROBUSTNESS, "The US then has **8** admissible orders, Russia **6**: 48 readings.")
    _says(MODELS, "So the US has **8** admissible orders")
    _says(MODELS, "and Russia **6** (its three answers to pressure in any order)")
    for ids, text in ((("concede", "hard_demand"), "[concede, hard_demand] is one in **{}**"),
                      (("pressure", "hard_demand"), "[pressure, hard_demand] is one in **{}**"),
                      (("friendly_offer", "friendly_offer"),
                       "[friendly_offer, friendly_offer], is one in **{}**")):
        _says(ROBUSTNESS, text.format(shares[ids]))
    assert set(shares) == {("concede", "hard_demand"), ("pressure", "hard_demand"),
                           ("friendly_offer", "friendly_offer")}
    _says(ROBUSTNESS, "no pure outcome is an equilibrium in every reading")
    assert not any(o.always for o in v.outcomes)
    assert {(d.player, d.strategy, d.by) for d in v.dominance} == {
        ("Russia", "pressure", "hard_demand")}
    _says(ROBUSTNESS, "Russia's escalation is strictly dominated by its hard demands in every "
                      "reading; its concession is not dominated in every reading")


def test_us_russia_2x2_exact_verdicts() -> None:
    v, shares = _shares("us-russia-2x2")
    assert v.orders == {"US": 2, "Russia": 2}
    assert shares == {("concede", "hard_demand"): Fraction(1, 2),
                      ("pressure", "hard_demand"): Fraction(1, 4)}
    # The pure equilibria exclude each other (they need the US comparison both ways), so the
    # readings without one are 1 - 1/2 - 1/4; a 2x2 game without a pure equilibrium has one,
    # mixed, equilibrium: the dual track.
    rest = 1 - sum(shares.values())
    conceded, pressed = shares[("concede", "hard_demand")], shares[("pressure", "hard_demand")]
    _says(ROBUSTNESS, f"[concede, hard_demand] is an equilibrium in **{conceded}** of the "
                      f"readings and [pressure, hard_demand] in **{pressed}**; in the remaining "
                      f"**{rest}**")
    _says(MODELS, "[concede, hard_demand] in **2** of the 4")


@pytest.mark.parametrize("model", ["us-russia", "us-russia-2x2"])
def test_comparison_counts_table(model: str) -> None:
    everything = comparison_counts(model=load_model(model))
    deciding = comparison_counts(load_model(model), best_replies=True)
    for player, counts in everything.items():
        b = deciding[player]
        row = (f"| `{model}` | {player} | {counts['settled']} ({b['settled']}) | "
               f"{counts['open']} ({b['open']}) | {counts['assumed']} ({b['assumed']}) |")
        _says(ROBUSTNESS, row)
    if model == "us-russia":
        for player, counts in everything.items():
            b = deciding[player]
            _says(MODELS, f"| {player} | {counts['settled']} | {counts['open']} | "
                          f"{counts['assumed']} | {b['settled']} / {b['open']} / {b['assumed']} |")


def _set_share(result, pairs) -> float:
    return sum(c for s, c in result.equilibrium_sets if s == pairs) / result.samples


def test_us_russia_smaa_headline() -> None:
    result = robustness(load_model("us-russia"), samples=20_000, seed=2025)
    alone = _set_share(result, DUAL)
    some = sum(c for s, c in result.equilibrium_sets if DUAL[0] in s) / result.samples
    unique = result.equilibrium_counts.get(1, 0) / result.samples
    tolerance = 0.015
    doc = _figure(ROBUSTNESS, r"one mixed equilibrium, the dual track, holds in \*\*([\d.]+)%\*\*")
    assert abs(alone - doc / 100) < tolerance
    doc = _figure(ROBUSTNESS, r"the dual track is \*an\* equilibrium in \*\*([\d.]+)%\*\*")
    assert abs(some - doc / 100) < tolerance
    doc = _figure(ROBUSTNESS, r"a unique equilibrium of any kind in \*\*([\d.]+)%\*\*")
    assert abs(unique - doc / 100) < tolerance
    for pairs, label in ((((0,), (3,)),), "[concede, hard_demand] alone"), \
                        ((((1,), (3,)),), "[pressure, hard_demand] alone"):
        doc = _figure(ROBUSTNESS, re.escape(f"| {label} | ") + r"([\d.]+) \|")
        assert abs(_set_share(result, pairs) - doc) < tolerance
    # models/README.md rounds the same figures to whole percents.
    assert abs(alone - _figure(MODELS, r"the only equilibrium in \*\*(\d+)%\*\* of samples")
               / 100) < 0.02
    assert abs(some - _figure(MODELS, r"\(and an equilibrium in (\d+)%\)") / 100) < 0.02


def test_us_russia_2x2_smaa_headline() -> None:
    # The docs quote exactly this run.
    result = robustness(load_model("us-russia-2x2"), samples=20_000, seed=2025)
    share = _set_share(result, (((0, 1), (0, 1)),))  # both strategies of both players
    _says(ROBUSTNESS, f"the dual track is the equilibrium in **{100 * share:.1f}%** of samples")
    _says(MODELS, f"the dual track is the equilibrium in {100 * share:.1f}%")
    assert result.equilibrium_counts == {1: 20_000}


def test_us_russia_tracks_headline() -> None:
    model = load_model("us-russia-tracks")
    game = model.game()
    result = solve(game)
    (eq,) = result.equilibria
    assert eq.support() == (("relief_compromise_nopress",), ("offer_maximal_continue",))
    _says(ROBUSTNESS, "one equilibrium, [relief_compromise_nopress, offer_maximal_continue]")
    s = strategy_standing(game, "Russia", "offer_maximal_continue", result=result)
    n = len(s.only_best_reply_to)
    _says(ROBUSTNESS, f"unique best reply to {n} of the 8 US strategies")
    _says(MODELS, f"**unique best reply to {n} of the 8** US strategies")
    draws = standing_over_parameters(model, "Russia", "offer_maximal_continue", samples=300,
                                     seed=2025, equilibria=True)
    tolerance = 0.09
    doc = _figure(ROBUSTNESS, r"played in an equilibrium in \*\*([\d.]+)%\*\* of the draws")
    assert abs(draws.equilibrium_count / 300 - doc / 100) < tolerance
    doc = _figure(ROBUSTNESS, r"part of a pure equilibrium in \*\*([\d.]+)%\*\*")
    assert abs(draws.pure_equilibrium_count / 300 - doc / 100) < tolerance
    doc = _figure(ROBUSTNESS, r"compromise terms backed by pressure in only \*\*([\d.]+)%\*\*")
    assert abs(draws.only_best_reply_counts["relief_compromise_press"] / 300 - doc / 100) \
        < tolerance
    doc = _figure(MODELS, r"played in \*\*some equilibrium in ([\d.]+)%\*\*")
    assert abs(draws.equilibrium_count / 300 - doc / 100) < tolerance
