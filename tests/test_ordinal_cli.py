"""``gametheory ordinal`` and the ordinal part of ``gametheory analyze``: output and contract."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import cli


def _run(*args: str):
    return CliRunner().invoke(cli.cli, list(args))


def test_text_prisoners_dilemma():
    result = _run("ordinal", "prisoners-dilemma")
    assert result.exit_code == 0
    out = " ".join(result.output.split())  # paragraphs wrap
    assert "Prisoner's dilemma: symmetric, a game of conflict" in out
    assert "Game 32 in Brams's (1994) numbering (source: Willson 2000" in out
    assert "Game 12 in Rapoport and Guyer's (1966) numbering (source: Albrecht" in out
    assert "Not established from a source: the Robinson-Goforth numbers." in out
    assert "Non-myopic equilibria (neither player moves): (mum, mum); (fink, fink)." in out
    assert "Equilibria. Nash: (fink, fink). GMR: (mum, mum); (fink, fink)." in out


def test_json_contract():
    result = _run("ordinal", "chicken", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["classification"]["name"] == "chicken"
    assert data["classification"]["bruns"] == "Chicken"
    assert set(data["classification"]["patterns"]) >= {"row", "column", "layer"}
    # The published numbers: null where no source establishes them; each one given names
    # its source. Chicken is Rapoport and Guyer's game 66.
    numbers = {k: data["classification"][k] for k in ("robinson_goforth", "rapoport_guyer",
                                                      "brams")}
    assert numbers == {"robinson_goforth": None, "rapoport_guyer": 66, "brams": None}
    assert set(data["classification"]["number_sources"]) == {"rapoport_guyer"}
    assert [set(item) >= {"start", "outcome", "moves"} for item in data["nonmyopic"]] == [True] * 4
    first = data["nonmyopic"][0]
    assert first["start"] == first["outcome"] == {"Driver 1": "swerve", "Driver 2": "swerve"}
    # From the crash both drivers would move: the outcome depends on who moves first.
    assert data["nonmyopic"][3]["outcome"] is None
    assert len(data["stability"]) == 4
    for item in data["stability"]:
        assert set(item) >= {"profile", "nash", "gmr", "smr", "seq"}
        (pair,) = item["coalitions"]  # the two drivers together
        assert set(pair) == {"players", "stable", "nash", "gmr", "smr", "seq"}
        # Two players: nobody outside the pair, all coalition concepts agree.
        assert pair["stable"] == pair["nash"] == pair["gmr"] == pair["smr"] == pair["seq"]
    assert data["equilibria"]["nash"] == [
        {"Driver 1": "swerve", "Driver 2": "straight"},
        {"Driver 1": "straight", "Driver 2": "swerve"},
    ]
    assert data["equilibria"]["gmr"][0] == {"Driver 1": "swerve", "Driver 2": "swerve"}


def test_json_not_2x2():
    data = json.loads(_run("ordinal", "us-russia", "-f", "json").output)
    assert data["classification"] is None and data["nonmyopic"] == []
    assert len(data["stability"]) == 16
    assert data["equilibria"]["nash"] == []


def test_param_changes_the_ranks():
    # With d = 3 conceding dominates for the US: (concede, hard_demand) is a Nash equilibrium.
    data = json.loads(_run("ordinal", "us-russia-2x2", "-p", "d=3", "-f", "json").output)
    assert data["parameters"] == {"d": "3", "w": "2", "b": "0"}
    assert data["equilibria"]["nash"] == [{"US": "concede", "Russia": "hard_demand"}]


@pytest.mark.parametrize("fmt", ["markdown", "latex", "csv"])
def test_other_formats(fmt):
    result = _run("ordinal", "us-russia-2x2", "--format", fmt)
    assert result.exit_code == 0 and "concede" in result.output


def test_ties_are_reported():
    result = _run("ordinal", "stag-hunt")
    assert result.exit_code == 0
    assert "is not one of the 144 strict ordinal games" in result.output
    assert "stag hunt" in result.output


def test_analyze_includes_the_ordinal_lenses_for_ranked_models():
    ranked = _run("analyze", "us-russia-2x2", "-f", "json")
    assert ranked.exit_code == 0
    ordinal = json.loads(ranked.output)["ordinal"]
    assert ordinal["classification"]["name"] == "coordination / chicken"
    assert "Graph model stability" in _run("analyze", "us-russia-2x2").output
    # A model without ranks: no ordinal part (the analyze contract is unchanged).
    plain = _run("analyze", "prisoners-dilemma", "-f", "json")
    assert "ordinal" not in json.loads(plain.output)


def test_bad_input_is_one_line():
    result = _run("ordinal", "no-such-model")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    usage = _run("ordinal", "chicken", "--standalone")
    assert usage.exit_code == 2


def test_inverse_question():
    # In the 2x2 model the US would hold (concede, hard_demand) if it ranked it above
    # (pressure, hard_demand): one pair changes order (Russia already stays there).
    result = _run("ordinal", "us-russia-2x2", "--target", "concede,hard_demand",
                  "--player", "US", "-f", "json")
    assert result.exit_code == 0
    inverse = json.loads(result.output)["inverse"]
    assert inverse["exhaustive"] is True and inverse["concept"] == "nash"
    first = inverse["changes"][0]
    assert first["size"] == 1
    assert first["pairs"] == [[{"US": "concede", "Russia": "hard_demand"},
                               {"US": "pressure", "Russia": "hard_demand"}]]
    # Russia moves away from (concede, hard_demand) whatever the US ranks: no answer.
    none = json.loads(_run("ordinal", "us-russia-2x2", "--target", "concede,hard_demand",
                           "--player", "Russia", "-f", "json").output)["inverse"]
    assert none["changes"] == []
    assert json.loads(_run("ordinal", "chicken", "-f", "json").output)["inverse"] is None


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--target", "concede,friendly_ofer", "--player", "US"], 1, "did you mean"),
        (["--target", "concede", "--player", "US"], 1, "one strategy for each"),
        (["--target", "concede,hard_demand", "--player", "Rusia"], 1, "did you mean 'Russia'"),
        (["--target", "concede,hard_demand"], 2, "go together"),
        (["--target", "concede,hard_demand", "--player", "US", "--concept", "x"], 2, "x"),
    ],
)
def test_inverse_bad_input(args, code, message):
    result = _run("ordinal", "us-russia-2x2", *args)
    assert result.exit_code == code and message in result.output
    assert result.output.startswith("Error: ")
