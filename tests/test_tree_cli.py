"""The command line on game trees: outputs, JSON contract, conversions, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli

TREE = Path(__file__).parent / "data" / "trees" / "chance.toml"
ENTRY = """\
[game]
title = "Entry"

[[players]]
name = "E"

[[players]]
name = "I"

[[nodes]]
id = "e"
player = "E"
actions = [{ label = "out", to = "o" }, { label = "in", to = "i" }]

[[nodes]]
id = "i"
player = "I"
actions = [{ label = "fight", to = "f" }, { label = "accommodate", to = "a" }]

[[nodes]]
id = "o"
payoffs = { E = 1, I = 5 }

[[nodes]]
id = "f"
payoffs = { E = 0, I = 0 }

[[nodes]]
id = "a"
payoffs = { E = 2, I = 2 }
"""

ENTRY_TEXT = """\
Entry

Tree (payoffs: E, I; [k] marks equilibrium k's choices)
e: E
  out -> o: 1, 5
  in [1] -> i: I
    fight -> f: 0, 0
    accommodate [1] -> a: 2, 2

1 subgame-perfect equilibrium
  #  E     I              E payoff  I payoff  subgame perfect
  1  e:in  i:accommodate         2         2  yes

Paths
  #  equilibrium path
  1  E in, I accommodate

Method spe: every SPE built from extreme equilibria of the subgames was found (1), each
certified in every subgame.
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "entry.toml").write_text(ENTRY)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli.cli, list(args))


def test_solve_tree_text(folder: Path) -> None:
    result = run("solve", "entry.toml")
    assert (result.exit_code, result.stdout, result.stderr) == (0, ENTRY_TEXT, "")


def test_solve_tree_json_contract(folder: Path) -> None:
    data = json.loads(run("solve", "entry.toml", "-f", "json").stdout)
    assert data["subgame_perfect"] is True and data["method"] == "spe"
    assert {"game", "players", "exact", "complete", "status", "message", "equilibria",
            "components", "rejected"} <= set(data)
    (eq,) = data["equilibria"]
    assert eq["behavior"] == {"E": {"e": {"out": "0", "in": "1"}},
                              "I": {"i": {"fight": "0", "accommodate": "1"}}}
    assert eq["payoffs"] == {"E": "2", "I": "2"}
    assert eq["path"] == [
        {"node": "e", "player": "E", "action": "in", "probability": "1"},
        {"node": "i", "player": "I", "action": "accommodate", "probability": "1"},
    ]


def test_exact_on_a_tree_marks_subgame_perfection(folder: Path) -> None:
    data = json.loads(run("solve", "entry.toml", "-m", "exact", "-f", "json").stdout)
    assert data["subgame_perfect"] is False
    assert [eq["subgame_perfect"] for eq in data["equilibria"]] == [False, False, True]
    text = run("solve", "entry.toml", "-m", "exact").stdout
    assert "3 Nash equilibria" in text and "1 of them subgame perfect" in " ".join(text.split())


def test_chance_path_and_markdown(folder: Path) -> None:
    data = json.loads(run("solve", str(TREE), "-f", "json", "-p", "p=3/4").stdout)
    assert data["parameters"] == {"p": "3/4"}
    assert data["equilibria"][0]["path"][0] == {
        "node": "nature", "player": "chance", "action": "good", "probability": "3/4"}
    md = run("solve", str(TREE), "-f", "markdown").stdout
    assert md.startswith("# A chance move with a parameter") and "  - good (1/2) -\\> g: A" in md


def test_convert_tree_to_efg_nfg_and_back(folder: Path) -> None:
    assert run("convert", "entry.toml", "entry.efg").exit_code == 0
    assert Path("entry.efg").read_text().startswith('EFG 2 R "Entry" { "E" "I" }')
    assert run("convert", "entry.toml", "entry.nfg").exit_code == 0
    assert '{ { "out" "in" } { "fight" "accommodate" } }' in Path("entry.nfg").read_text()
    assert run("convert", "entry.efg", "back.toml").exit_code == 0
    assert run("solve", "back.toml").stdout == ENTRY_TEXT.replace("Entry\n", "Entry\n", 1)
    result = run("convert", "entry.nfg", "x.efg")
    assert result.exit_code == 1 and "has no tree to write as .efg" in result.stderr


def test_show_tree(folder: Path) -> None:
    result = run("show", "entry.toml", "--explain")
    assert result.exit_code == 0
    assert "Payoffs as written" in result.stdout and "in -> i: I" in result.stdout


def test_sensitivity_tree_json(folder: Path) -> None:
    data = json.loads(run("sensitivity", str(TREE), "--param", "p", "-f", "json").stdout)
    assert data["thresholds"] == ["1/2"] and data["kind"] == "spe"
    assert [r["interval"] for r in data["regimes"]] == [["0", "1/2"], ["1/2", "1/2"],
                                                       ["1/2", "1"]]


@pytest.mark.parametrize(
    "args, message",
    [
        (["solve", "entry.toml", "-m", "zero-sum"],
         "Error: --method: method 'zero-sum' applies to games in strategic form, not to a game "
         "tree (methods for a game tree: spe, backward-induction, exact, pure, pbe)\n"),
        (["solve", "entry.toml", "--set", "E:out,fight=3"],
         "Error: --set edits payoff tables of matrix models; edit the tree's file (a built-in "
         "tree: copy it first with `gametheory convert MODEL my-tree.toml`)\n"),
        (["sensitivity", "entry.toml", "--param", "zz"], None),
    ],
)
def test_tree_errors_are_one_line(folder: Path, args, message) -> None:
    result = run(*args)
    assert result.exit_code in (1, 2) and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    if message is not None:
        assert result.stderr == message


def test_backward_induction_on_information_sets_is_one_line(tmp_path: Path) -> None:
    result = run("solve", str(Path(__file__).parent / "data" / "efg" / "myerson1991_fig2_1.efg"),
                 "-m", "backward-induction")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --method: backward-induction needs perfect information")


def test_analyze_a_tree_uses_its_reduced_form(folder: Path) -> None:
    result = run("analyze", "entry.toml")
    assert result.exit_code == 0
    assert result.stdout.startswith("Entry (reduced strategic form)")


@pytest.mark.parametrize("args, message", [
    (["sweep", "entry.toml", "--param", "a=0:1:2"],
     "Error: sweep works on matrix models; for a tree use sensitivity, or solve with --param\n"),
])
def test_matrix_only_commands_refuse_trees(folder: Path, args, message) -> None:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (1, message)


def test_csv_has_one_column_per_action(folder: Path) -> None:
    result = run("solve", "entry.toml", "-m", "exact", "-f", "csv")
    assert result.stdout.splitlines() == [
        "equilibrium,E:e:out,E:e:in,I:i:fight,I:i:accommodate,E payoff,I payoff,subgame perfect",
        "1,1,0,1,0,1,5,no",
        "2,1,0,1/2,1/2,1,5,no",
        "3,0,1,0,1,2,2,yes",
    ]
