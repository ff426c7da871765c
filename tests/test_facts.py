"""Outcome facts: parsing, the dominance checks of validate, show --explain, round trips."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import cli
from gametheory.errors import ModelError
from gametheory.models import load_model, parse_model
from gametheory.models.facts import Dominance, fact_problems

# Row chooses whether sanctions are lifted (r1) or kept (r2); Column whether the fighting stops
# (c1) or continues (c2). Column's ranks: lifted > kept whatever the fighting does.
GAME = """\
[game]
title = "Facts"

[[players]]
name = "Row"
strategies = ["r1", "r2"]

[[players]]
name = "Column"
strategies = ["c1", "c2"]

[payoffs]
Row = [[4, 1], [2, 3]]
Column = [[COLUMN_R1C1, 3], [1, 2]]

[[outcomes]]
profile = ["r1", "c1"]
ranks = { Row = 4, Column = COLUMN_R1C1 }
facts = { sanctions = "lifted", fighting = "stops" }

[[outcomes]]
profile = ["r1", "c2"]
ranks = { Row = 1, Column = 3 }
facts = { sanctions = "lifted", fighting = "continues" }

[[outcomes]]
profile = ["r2", "c1"]
ranks = { Row = 2, Column = 1 }
facts = { sanctions = "kept", fighting = "stops" }

[[outcomes]]
profile = ["r2", "c2"]
ranks = { Row = 3, Column = 2 }
facts = { sanctions = "kept", fighting = "continues" }

[facts.dimensions]
sanctions = ["kept", "lifted"]
fighting = ["stops", "continues"]

[[facts.dominance]]
player = "Column"
fact = "sanctions"
better = "lifted"
worse = "kept"
source = "the text"
"""


def _game(column_r1c1: int = 4, extra: str = "") -> str:
    return GAME.replace("COLUMN_R1C1", str(column_r1c1)) + extra


def test_facts_are_read_and_round_trip() -> None:
    model = parse_model(_game(), name="facts")
    assert dict(model.outcomes[2].facts) == {"sanctions": "kept", "fighting": "stops"}
    assert model.facts.names == ("sanctions", "fighting")
    assert model.facts.dominances == (Dominance("Column", "sanctions", "lifted", "kept",
                                                source="the text"),)
    assert parse_model(model.to_toml(), name="facts") == model


def test_a_rank_that_breaks_a_declared_dominance_is_reported() -> None:
    # (r1, c1) and (r2, c1) differ only in sanctions, lifted against kept. Swap Column's ranks
    # (and payoffs) of the two: 1 against 4 breaks the declared dominance.
    text = _game().replace("Column = [[4, 3], [1, 2]]", "Column = [[1, 3], [4, 2]]")
    text = text.replace("ranks = { Row = 4, Column = 4 }", "ranks = { Row = 4, Column = 1 }")
    text = text.replace("ranks = { Row = 2, Column = 1 }", "ranks = { Row = 2, Column = 4 }")
    with pytest.raises(ModelError) as info:
        parse_model(text, file="m.toml")
    message = str(info.value)
    assert "Column ranks (r1, c1) (1) not above (r2, c1) (4)" in message
    assert "which differ only in sanctions (lifted against kept)" in message
    assert "facts.dominance" in message


def test_an_open_comparison_that_a_dominance_settles_is_reported() -> None:
    extra = """
[[judgements.Column.open]]
outcomes = [["r1", "c2"], ["r2", "c2"]]
why = "?"
"""
    with pytest.raises(ModelError, match=r"the open comparison \(r1, c2\) vs \(r2, c2\) of "
                                         r"Column is settled by the declared dominance"):
        parse_model(_game(extra=extra), file="m.toml")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('fighting = "stops" }\n\n[[outcomes]]\nprofile = ["r1", "c2"]',
         'fighting = "stop" }\n\n[[outcomes]]\nprofile = ["r1", "c2"]',
         "unknown value 'stop' of fighting"),
        ('facts = { sanctions = "kept", fighting = "stops" }',
         'facts = { sanctions = "kept" }', "no value for fighting"),
        ('facts = { sanctions = "kept", fighting = "stops" }',
         'facts = { sanctions = "kept", fighting = "stops", ceasefire = "none" }',
         "unknown fact 'ceasefire'"),
        ('fact = "sanctions"', 'fact = "sanction"', "unknown fact 'sanction'"),
        ('better = "lifted"', 'better = "kept"', "better and worse are the same value"),
        ('player = "Column"', 'player = "Colum"', "unknown player 'Colum'"),
        ('fighting = ["stops", "continues"]', 'fighting = "stops"',
         "expected a list of value names"),
    ],
)
def test_bad_facts(old: str, new: str, message: str) -> None:
    text = _game()
    assert old in text
    with pytest.raises(ModelError, match=message):
        parse_model(text.replace(old, new, 1), file="m.toml")


def test_facts_without_dimensions() -> None:
    text = _game().split("[facts.dimensions]")[0]
    with pytest.raises(ModelError, match=r"\[facts.dimensions\] does not declare them"):
        parse_model(text, file="m.toml")


@pytest.mark.parametrize("name", ["us-russia", "us-russia-2x2", "us-russia-tracks"])
def test_builtin_us_russia_models_state_every_outcome_s_facts(name: str) -> None:
    model = load_model(name)
    assert fact_problems(model) == []
    assert len(model.outcomes) == model.shape[0] * model.shape[1]
    assert all(len(o.facts) == len(model.facts.dimensions) for o in model.outcomes)


def test_us_russia_facts_check_the_ranks_they_bind() -> None:
    # Russia: (pressure, concede) and (hard_demand, concede) differ only in US support for Kyiv
    # (increased against continued); the model declares Russia prefers it continued. Declare
    # the reverse and the ranks (3 against 5) break it.
    model = load_model("us-russia")
    broken = model.to_toml().replace(
        'better = "continued"\nworse = "increased"', 'better = "increased"\nworse = "continued"'
    )
    assert broken != model.to_toml()
    with pytest.raises(ModelError, match=r"Russia ranks \(pressure, concede\) \(3\) not "
                                         r"above \(hard_demand, concede\) \(5\)"):
        parse_model(broken, file="m.toml")


def test_show_explain_prints_the_facts() -> None:
    runner = CliRunner()
    text = runner.invoke(cli.cli, ["show", "us-russia-2x2", "--explain"]).output
    assert ("  concede, hard_demand\n    facts: ceasefire russia_terms; sanctions lifted; "
            "kyiv_support halted; fighting\n      stops; normalisation no;") in text
    assert "Russia prefers sanctions lifted to sanctions kept, all else equal" in text
    data = json.loads(runner.invoke(cli.cli, ["show", "us-russia-2x2", "-f", "json"]).output)
    assert data["outcomes"][1]["facts"]["ceasefire"] == "russia_terms"
    markdown = runner.invoke(cli.cli, ["show", "us-russia-2x2", "--explain", "-f",
                                        "markdown"]).output
    assert "*What happens in each outcome*" in markdown
    tracks = runner.invoke(cli.cli, ["show", "us-russia-tracks", "--explain"]).output
    assert "What happens in each outcome (the model ranks no outcome)" in tracks
    assert "Rankings of the outcomes" not in tracks


def test_an_edit_that_breaks_a_dominance_drops_it_and_says_so() -> None:
    # us-russia-tracks has no ranks: its dominances are checked against its payoffs. Russia's
    # payoff of the stand-off with sanctions kept, raised above the same outcome with sanctions
    # lifted, breaks "Russia prefers sanctions lifted to kept".
    model = load_model("us-russia-tracks")
    edited = model.with_payoff("Russia", ["norelief_compromise_nopress", "none_maximal_continue"],
                               "100")
    assert not [d for d in edited.facts.dominances if d.player == "Russia"]
    assert [d for d in edited.facts.dominances if d.player == "US"]
    assert "break a declared dominance" in edited.notes
    assert parse_model(edited.to_toml(), name="x") == edited
