"""The command line on N-player games: exact by default, every format, the float path."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import cli


def run(*args: str):
    return CliRunner().invoke(cli.cli, list(args), catch_exceptions=False)


def test_solve_three_players_is_exact_by_default() -> None:
    result = run("solve", "stag-hunt-3")
    assert result.exit_code == 0
    assert "sqrt(2)/2 stag + (1 - sqrt(2)/2) hare" in result.output
    assert "0.707107 stag + 0.292893 hare" in result.output
    assert result.output.rstrip().endswith(
        "Method exact: every equilibrium was found (3); 6 of 27 support profiles solved, the\n"
        "others pruned by conditional dominance."
    )


def test_json_exact_strings_and_decimal_twins() -> None:
    result = run("solve", "stag-hunt-3", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["method"] == "exact" and data["complete"] and data["status"] == "ok"
    mixed = data["equilibria"][2]
    assert mixed["strategies"]["Hunter 2"] == {"stag": "sqrt(2)/2", "hare": "1 - sqrt(2)/2"}
    assert mixed["decimal"]["strategies"]["Hunter 2"]["stag"] == "0.707106781187"
    assert mixed["payoffs"] == {"Hunter 1": "1", "Hunter 2": "1", "Hunter 3": "1"}


def test_decimals_option_rounds_irrational_numbers_exactly() -> None:
    result = run("solve", "stag-hunt-3", "--decimals", "4", "--format", "json")
    data = json.loads(result.output)
    assert data["equilibria"][2]["strategies"]["Hunter 1"] == {"stag": "0.7071", "hare": "0.2929"}


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("markdown", "| 3 | sqrt(2)/2 stag + (1 - sqrt(2)/2) hare |"),
        ("latex", r"$\frac{\sqrt{2}}{2}$~stag"),
        ("csv", "3,3,sqrt(2)/2,1 - sqrt(2)/2,"),
    ],
)
def test_every_format(fmt: str, expected: str) -> None:
    result = run("solve", "stag-hunt-3", "--format", fmt)
    assert result.exit_code == 0
    assert expected in result.output


def test_pure_stays_available() -> None:
    result = run("solve", "stag-hunt-3", "--method", "pure", "--format", "json")
    assert [eq["strategies"]["Hunter 1"] for eq in json.loads(result.output)["equilibria"]] == [
        {"stag": "1", "hare": "0"},
        {"stag": "0", "hare": "1"},
    ]


def test_analyze_three_players() -> None:
    result = run("analyze", "stag-hunt-3")
    assert result.exit_code == 0
    assert "sqrt(2)/2 stag" in result.output and "Security levels" in result.output


def test_help_lists_the_new_methods() -> None:
    text = run("solve", "--help").output
    assert "gnm" in text and "simpdiv" in text and "[default: exact]" in text


def test_simpdiv_is_labelled_possibly_incomplete() -> None:
    pytest.importorskip("pygambit")
    result = run("solve", "stag-hunt-3", "--method", "simpdiv", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["status"] == "incomplete" and not data["complete"] and data["exact"]
    assert "other equilibria may exist" in data["message"]
