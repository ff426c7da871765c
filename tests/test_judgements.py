"""Open judgements in model files: parsing, semantics, the checks validate makes, round trips."""

from __future__ import annotations

import re

import pytest

from gametheory.errors import ModelError
from gametheory.models import load_model, parse_model, validate_model_file
from gametheory.models.distributions import parse_distribution
from gametheory.models.judgements import player_order

BROKEN = "tests/data/models/broken"

COORDINATION = """\
[game]
title = "Coordination"

[[players]]
name = "Row"
strategies = ["r1", "r2"]

[[players]]
name = "Column"
strategies = ["c1", "c2"]

[payoffs]
Row = [[4, 1], [2, 3]]
Column = [[4, 2], [1, 3]]

[[outcomes]]
profile = ["r1", "c1"]
ranks = { Row = 4, Column = 4 }

[[outcomes]]
profile = ["r1", "c2"]
ranks = { Row = 1, Column = 2 }

[[outcomes]]
profile = ["r2", "c1"]
ranks = { Row = 2, Column = 1 }

[[outcomes]]
profile = ["r2", "c2"]
ranks = { Row = 3, Column = 3 }
"""


def test_a_model_without_judgements_keeps_its_meaning() -> None:
    model = parse_model(COORDINATION)
    assert model.judgements is None
    order = player_order(model, "Row")
    # Ranks 4 > 3 > 2 > 1: every comparison settled, one admissible order.
    ranked = sorted(range(4), key=lambda c: -[4, 1, 2, 3][c])
    for k, better in enumerate(ranked):
        for worse in ranked[k + 1:]:
            assert order.better(better, worse) and not order.better(worse, better)


def test_an_open_comparison_is_removed_from_the_settled_ones() -> None:
    text = COORDINATION + """
[[judgements.Row.open]]
outcomes = [["r1", "c1"], ["r2", "c2"]]
why = "w"
source = "s"
"""
    model = parse_model(text)
    order = player_order(model, "Row")
    a, d = 0, 3  # (r1, c1) and (r2, c2)
    assert not order.better(a, d) and not order.better(d, a)
    assert order.better(a, 1) and order.better(d, 2)  # the rest stays settled
    assert [c.to_dict() for c in model.judgements.open] == [
        {"player": "Row", "outcomes": [["r1", "c1"], ["r2", "c2"]], "source": "s"}
    ]


def test_validate_reports_a_contradiction_with_its_cycle() -> None:
    problems = [str(p) for p in validate_model_file(f"{BROKEN}/contradiction.toml")]
    assert any(
        "contradict themselves: (r1, c1) > (r1, c2) > (r2, c1) > (r1, c1)" in p for p in problems
    )


def test_validate_reports_an_implied_open_comparison_with_its_chain() -> None:
    problems = [str(p) for p in validate_model_file(f"{BROKEN}/implied_open.toml")]
    assert problems == [
        f"{BROKEN}/implied_open.toml:32: judgements.Row.open[0]: Row: the open comparison "
        "(r2, c2) vs (r1, c2) is already settled by transitivity: (r2, c2) > (r2, c1) > "
        "(r1, c2) (remove it from [judgements] or open a comparison of the chain)"
    ]


def test_settled_comparisons_must_hold_at_the_model_payoffs() -> None:
    text = COORDINATION.split("[[outcomes]]")[0] + """
[[judgements.Row.settled]]
better = ["r1", "c2"]
worse = ["r2", "c2"]
"""
    with pytest.raises(ModelError, match="not higher than"):
        parse_model(text)


def test_stated_ties_make_one_class() -> None:
    text = COORDINATION.split("[[outcomes]]")[0].replace("[[2, 3]", "[[2, 3]") + """
[[judgements.Row.ties]]
outcomes = [["r1", "c2"], ["r1", "c2"]]
"""
    with pytest.raises(ModelError, match="compared with itself"):
        parse_model(text)
    tied = COORDINATION.split("[[outcomes]]")[0].replace(
        "Row = [[4, 1], [2, 3]]", "Row = [[4, 1], [1, 3]]"
    ) + """
[[judgements.Row.ties]]
outcomes = [["r1", "c2"], ["r2", "c1"]]
"""
    order = player_order(parse_model(tied), "Row")
    assert len(order.classes) == 3 and order.tied(1, 2)


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ('[[judgements.Rwo.open]]\noutcomes = [["r1", "c1"], ["r2", "c2"]]',
         "unknown player 'Rwo' (did you mean 'Row'?)"),
        ('[[judgements.Row.open]]\noutcomes = [["r1", "c1"], ["r3", "c2"]]',
         "unknown strategy 'r3' of Row"),
        ('[[judgements.Row.open]]\noutcomes = [["r1", "c1"]]', "two outcomes"),
        ('[[judgements.Row.opne]]\noutcomes = [["r1", "c1"], ["r2", "c2"]]',
         "unknown key 'opne' (did you mean 'open'?)"),
        ('[distributions]\nc = "uniform(0, 1)"', "unknown parameter 'c'"),
    ],
)
def test_bad_judgements_are_located(snippet: str, message: str) -> None:
    with pytest.raises(ModelError, match=re.escape(message)):
        parse_model(COORDINATION + "\n" + snippet + "\n", file="m.toml")


def test_judgements_round_trip_through_toml() -> None:
    model = load_model("us-russia")
    again = parse_model(model.to_toml(), name="us-russia")
    assert again == model
    assert again.judgements == model.judgements
    assert len(model.judgements.open) == 7  # 4 of the US, 3 of Russia (issue 10)
    assert model.judgements.distributions == (
        ("d", "uniform"), ("r", "uniform"), ("p", "uniform"), ("b", "uniform")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("uniform(0, 1/2)", ("uniform", (0.0, 0.5))),
        ("triangular(0, 1, 4)", ("triangular", (0.0, 1.0, 4.0))),
        (" uniform ( 2 , 3 ) ", ("uniform", (2.0, 3.0))),
    ],
)
def test_distributions(text: str, expected: tuple) -> None:
    assert parse_distribution(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("normal(0, 1)", "unknown distribution 'normal'"),
        ("uniform(1, 0)", "must increase"),
        ("uniform(0, 1, 2)", "takes 2 numbers"),
        ("uniform", "needs 2 numbers"),
        ("uniform(a, 1)", "not a number"),
    ],
)
def test_bad_distributions(text: str, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        parse_distribution(text)


def test_an_edit_that_breaks_a_player_s_ranks_drops_its_judgements() -> None:
    model = load_model("us-russia")
    # US now prefers pressing on to conceding whatever Russia does: its ranks no longer hold.
    edited = model.with_payoff("US", ["pressure", "pressure"], "100")
    assert edited.judgements is not None
    assert not edited.judgements.of("US") and edited.judgements.distributions
    assert "judgements of US were removed" in edited.notes
    assert parse_model(edited.to_toml(), name="x") == edited
