"""The command line: exact outputs and exit codes of every command, bad input included.

The models used here are written by the tests themselves (``date.toml``, a battle of the sexes
with a parameter; ``weak.toml``, a degenerate game with a continuum of equilibria), so that the
expected outputs do not change when the built-in models are revised. The built-in models are
used only where the name itself matters (``models``, did-you-mean on a model name).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
import gametheory
from gametheory.report import FORMATS
from gametheory.result import SolveResult
from gametheory.solve import METHODS, TREE_METHODS

DATE = """\
[game]
title = "Date night"

[parameters.c]
value = 1
range = [0, 4]
description = "how much Bob likes the opera"

[[players]]
name = "Ann"
strategies = ["opera", "football"]

[[players]]
name = "Bob"
strategies = ["opera", "football"]

[payoffs]
Ann = [[2, 0], [0, 1]]
Bob = [["c", 0], [0, 2]]
"""

WEAK = """\
[game]
title = "Weak entry"

[[players]]
name = "Row"
strategies = ["up", "down"]

[[players]]
name = "Column"
strategies = ["left", "right"]

[payoffs]
Row = [[1, 1], [0, 2]]
Column = [[1, 1], [1, 1]]
"""

NFG = """\
NFG 1 R "Coordination" { "P1" "P2" }
{ { "a" "b" } { "x" "y" } }

1 1 0 0 0 0 2 2
"""

DATE_TEXT = """\
Date night

Payoffs (Ann, Bob) at c = 1
(* best response, [ ] pure equilibrium)
  Ann \\ Bob  opera     football
  opera      [2*, 1*]    0, 0
  football     0, 0    [1*, 2*]

3 Nash equilibria
  #  Ann                       Bob                       Ann payoff  Bob payoff
  1  opera                     opera                              2           1
  2  2/3 opera + 1/3 football  1/3 opera + 2/3 football         2/3         2/3
  3  football                  football                           1           2

Method exact: every equilibrium was found (the game is nondegenerate).
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with date.toml, weak.toml and coordination.nfg."""
    (tmp_path / "date.toml").write_text(DATE)
    (tmp_path / "weak.toml").write_text(WEAK)
    (tmp_path / "coordination.nfg").write_text(NFG)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli.cli, list(args))


# --------------------------------------------------------------------------- solve
def test_solve_text(folder: Path) -> None:
    result = run("solve", "date.toml")
    assert (result.exit_code, result.stdout, result.stderr) == (0, DATE_TEXT, "")


def test_solve_is_byte_for_byte_reproducible(folder: Path) -> None:
    for fmt in FORMATS:
        assert run("solve", "date.toml", "-f", fmt).stdout == run(
            "solve", "date.toml", "-f", fmt
        ).stdout


def test_solve_json_contract(folder: Path) -> None:
    result = run("solve", "date.toml", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["equilibria"] == [
        {
            "strategies": {"Ann": {"opera": "1", "football": "0"},
                           "Bob": {"opera": "1", "football": "0"}},
            "payoffs": {"Ann": "2", "Bob": "1"},
        },
        {
            "strategies": {"Ann": {"opera": "2/3", "football": "1/3"},
                           "Bob": {"opera": "1/3", "football": "2/3"}},
            "payoffs": {"Ann": "2/3", "Bob": "2/3"},
        },
        {
            "strategies": {"Ann": {"opera": "0", "football": "1"},
                           "Bob": {"opera": "0", "football": "1"}},
            "payoffs": {"Ann": "1", "Bob": "2"},
        },
    ]
    assert [c["equilibria"] for c in data["components"]] == [[0], [1], [2]]
    assert data["model"] == "date" and data["parameters"] == {"c": "1"}
    assert (data["method"], data["status"], data["exact"], data["complete"]) == (
        "exact", "ok", True, True
    )
    assert result.stdout.startswith('{\n  "model": "date",\n  "parameters": {"c": "1"},\n')


def test_solve_json_with_decimals(folder: Path) -> None:
    data = json.loads(run("solve", "date.toml", "-f", "json", "--decimals", "3").stdout)
    assert data["equilibria"][1] == {
        "strategies": {"Ann": {"opera": "0.667", "football": "0.333"},
                       "Bob": {"opera": "0.333", "football": "0.667"}},
        "payoffs": {"Ann": "0.667", "Bob": "0.667"},
    }
    assert data["parameters"] == {"c": "1"}  # inputs stay exact


def test_solve_csv(folder: Path) -> None:
    result = run("solve", "date.toml", "-f", "csv")
    assert result.stdout == (
        "equilibrium,component,Ann:opera,Ann:football,Bob:opera,Bob:football,"
        "Ann payoff,Bob payoff\n"
        "1,1,1,0,1,0,2,1\n"
        "2,2,2/3,1/3,1/3,2/3,2/3,2/3\n"
        "3,3,0,1,0,1,1,2\n"
    )


def test_solve_markdown(folder: Path) -> None:
    assert run("solve", "date.toml", "-f", "markdown").stdout == textwrap.dedent("""\
        # Date night

        *Payoffs (Ann, Bob) at c = 1* (\\* best response, **bold**: pure equilibrium)

        | Ann \\\\ Bob | opera | football |
        | --- | :---: | :---: |
        | opera | **2\\*, 1\\*** | 0, 0 |
        | football | 0, 0 | **1\\*, 2\\*** |

        *3 Nash equilibria*

        | \\# | Ann | Bob | Ann payoff | Bob payoff |
        | --- | --- | --- | ---: | ---: |
        | 1 | opera | opera | 2 | 1 |
        | 2 | 2/3 opera + 1/3 football | 1/3 opera + 2/3 football | 2/3 | 2/3 |
        | 3 | football | football | 1 | 2 |

        Method exact: every equilibrium was found (the game is nondegenerate).
        """)


def test_solve_latex(folder: Path) -> None:
    assert run("solve", "date.toml", "-f", "latex").stdout == textwrap.dedent("""\
        % Needs \\usepackage{booktabs, graphicx} in the preamble.
        % Date night

        \\begin{table}[htbp]
        \\centering
        \\caption{Payoffs (Ann, Bob) at c = 1}
        \\label{date-payoffs}
        \\setbox0=\\hbox{%
        \\begin{tabular}{lcc}
        \\toprule
         & \\multicolumn{2}{c}{Bob} \\\\
        \\cmidrule(l){2-3}
        Ann & opera & football \\\\
        \\midrule
        opera & \\mbox{\\setlength{\\fboxsep}{1.5pt}\\fbox{$2^{*}, 1^{*}$}} & $0, 0$ \\\\
        football & $0, 0$ & \\mbox{\\setlength{\\fboxsep}{1.5pt}\\fbox{$1^{*}, 2^{*}$}} \\\\
        \\bottomrule
        \\end{tabular}
        }%
        \\leavevmode\\ifdim\\wd0>\\linewidth\\resizebox{\\linewidth}{!}{\\box0}\\else\\box0\\fi\\par
        \\par\\smallskip{\\footnotesize $^{*}$ best response; boxed: pure equilibrium.}
        \\end{table}

        \\begin{table}[htbp]
        \\centering
        \\caption{3 Nash equilibria}
        \\label{date-equilibria}
        \\setbox0=\\hbox{%
        \\begin{tabular}{lllrr}
        \\toprule
        \\# & Ann & Bob & Ann payoff & Bob payoff \\\\
        \\midrule
        1 & opera & opera & $2$ & $1$ \\\\
        2 & \\begin{tabular}[t]{@{}l@{}}$\\frac{2}{3}$~opera \\\\[2pt] $\\frac{1}{3}$~football\\end{tabular} & \\begin{tabular}[t]{@{}l@{}}$\\frac{1}{3}$~opera \\\\[2pt] $\\frac{2}{3}$~football\\end{tabular} & $\\frac{2}{3}$ & $\\frac{2}{3}$ \\\\
        3 & football & football & $1$ & $2$ \\\\
        \\bottomrule
        \\end{tabular}
        }%
        \\leavevmode\\ifdim\\wd0>\\linewidth\\resizebox{\\linewidth}{!}{\\box0}\\else\\box0\\fi\\par
        \\end{table}

        Method exact: every equilibrium was found (the game is nondegenerate).
        """)  # noqa: E501


def test_solve_latex_sgame_standalone(folder: Path) -> None:
    out = run("solve", "date.toml", "-f", "latex", "--sgame", "--standalone").stdout
    assert out.startswith(
        "\\documentclass{article}\n\\usepackage{booktabs,graphicx,sgame}\n"
        "\\setlength{\\emergencystretch}{3em}\n\\begin{document}\n"
    )
    assert "\\begin{game}{2}{2}[Ann][Bob]\n & opera & football \\\\\n" in out
    # Taller rows keep the framed mark of a pure equilibrium inside its cell.
    assert "\\renewcommand{\\gamestretch}{2}\n\\begin{game}" in out
    assert (
        "football & $0, 0$ & \\mbox{\\setlength{\\fboxsep}{1.5pt}\\fbox{$1^{*}, 2^{*}$}}\n"
        "\\end{game}"
    ) in out
    assert out.endswith("\\end{document}\n")


def test_solve_decimals_text(folder: Path) -> None:
    out = run("solve", "date.toml", "--decimals", "2").stdout
    assert "  opera      [2.00*, 1.00*]    0.00, 0.00\n" in out
    assert (
        "  2  0.67 opera + 0.33 football  0.33 opera + 0.67 football        0.67        0.67\n"
    ) in out
    assert "at c = 1\n" in out  # parameters stay exact


def test_solve_degenerate_reports_the_continuum(folder: Path) -> None:
    assert run("solve", "weak.toml").stdout == textwrap.dedent("""\
        Weak entry

        Payoffs (Row, Column)
        (* best response, [ ] pure equilibrium)
          Row \\ Column  left      right
          up            [1*, 1*]    1, 1*
          down            0, 1*   [2*, 1*]

        4 extreme Nash equilibria
          #  Row   Column                Row payoff  Column payoff  component
          1  up    left                           1              1  1
          2  up    1/2 left + 1/2 right           1              1  1
          3  down  1/2 left + 1/2 right           1              1  1
          4  down  right                          2              1  1

        Equilibria 1, 2, 3, 4 form one continuum (component 1): within each of its maximal Nash
        subsets {1, 2}, {2, 3}, {3, 4}, any mixture of Row's strategies in those equilibria,
        against any mixture of Column's, is an equilibrium.

        Method exact: the game is degenerate; every extreme equilibrium and every component was
        found.
        """)


def test_solve_nfg_with_method(folder: Path) -> None:
    result = run("solve", "coordination.nfg", "--method", "pure")
    assert result.exit_code == 0
    assert result.stdout.endswith(textwrap.dedent("""\
        2 Nash equilibria
          #  P1  P2  P1 payoff  P2 payoff
          1  a   x           1          1
          2  b   y           2          2

        Method pure: every pure equilibrium was found (2); mixed equilibria are not searched.
        """))


def test_param_and_set_combine(folder: Path) -> None:
    result = run(
        "solve", "date.toml", "--param", "c=3", "--set", "Ann:opera,football=1/2",
        "-s", "football,opera=1,1",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(textwrap.dedent("""\
        Date night

        Payoffs (Ann, Bob) at c = 3
        (* best response, [ ] pure equilibrium)
          Ann \\ Bob  opera     football
          opera      [2*, 3*]   1/2, 0
          football     1, 1     [1*, 2*]
        """))


def test_set_value_is_an_expression_in_the_parameters(folder: Path) -> None:
    out = run("solve", "date.toml", "-p", "c=2", "--set", "Ann:football,football=c/4").stdout
    assert "  football     0, 0    [1/2*, 2*]\n" in out


def test_save_writes_the_tweaked_model(folder: Path) -> None:
    result = run("solve", "date.toml", "-p", "c=1/2", "--set", "Bob:opera,football=c",
                 "--save", "tweaked.toml")
    assert result.exit_code == 0, result.stderr
    again = run("solve", "tweaked.toml")
    assert "at c = 1/2\n" in again.stdout
    assert "  opera      [2*, 1/2*]    0, 1/2*\n" in again.stdout


def test_output_file_and_format_from_suffix(folder: Path) -> None:
    result = run("solve", "date.toml", "-o", "out.json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert json.loads((folder / "out.json").read_text())["model"] == "date"
    run("solve", "date.toml", "-o", "out.txt")
    assert (folder / "out.txt").read_text() == DATE_TEXT


def test_output_refuses_to_overwrite_a_model_file(folder: Path) -> None:
    before = (folder / "weak.toml").read_text()
    result = run("solve", "date.toml", "-o", "weak.toml")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: weak.toml: refusing to overwrite a model file; use --force to overwrite it\n"
    )
    assert (folder / "weak.toml").read_text() == before


def test_output_never_overwrites_the_input(folder: Path) -> None:
    result = run("solve", "date.toml", "-o", "date.toml", "--force")
    assert (result.exit_code, result.stderr) == (
        1, "Error: date.toml: refusing to overwrite the input model\n"
    )
    assert (folder / "date.toml").read_text() == DATE


def test_force_overwrites_another_model_file(folder: Path) -> None:
    assert run("solve", "date.toml", "-o", "weak.toml", "--force").exit_code == 0
    assert (folder / "weak.toml").read_text() == DATE_TEXT


def test_error_leaves_an_earlier_output_untouched(folder: Path) -> None:
    (folder / "out.txt").write_text("earlier\n")
    result = run("solve", "date.toml", "--set", "Ann:opera,footbal=1", "-o", "out.txt")
    assert result.exit_code == 1
    assert (folder / "out.txt").read_text() == "earlier\n"


def test_failed_write_leaves_an_earlier_output_untouched(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "out.txt").write_text("earlier\n")

    def broken_replace(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = run("solve", "date.toml", "-o", "out.txt")
    assert result.exit_code == 1
    assert result.stderr == "Error: No space left on device\n"
    assert (folder / "out.txt").read_text() == "earlier\n"
    assert sorted(p.name for p in folder.iterdir()) == [
        "coordination.nfg", "date.toml", "out.txt", "weak.toml"
    ]


def test_save_refuses_the_input_without_force(folder: Path) -> None:
    result = run("solve", "date.toml", "-p", "c=2", "--save", "date.toml")
    assert result.stderr == (
        "Error: date.toml: refusing to overwrite the input model; use --force to overwrite it\n"
    )
    assert (folder / "date.toml").read_text() == DATE
    assert run("solve", "date.toml", "-p", "c=2", "--save", "date.toml", "--force").exit_code == 0
    assert "value = 2\n" in (folder / "date.toml").read_text()


def _failed(game: gametheory.Game, method: str | None = None) -> SolveResult:
    return SolveResult(game=game, method=method or "exact", equilibria=(), status="failed",
                       message="iteration limit reached")


def test_solver_that_did_not_finish_exits_3(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gametheory, "solve", _failed)
    result = run("solve", "date.toml", "-m", "lemke-howson")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        "Error: the lemke-howson solver did not finish: iteration limit reached\n"
    )


# --------------------------------------------------------------------------- bad input
BAD = [
    pytest.param(
        ["solve", "us-rusia"], 1,
        "Error: unknown model 'us-rusia' (did you mean 'us-russia'? A model file must be an "
        "existing .toml, .nfg or .efg path)\n",
        id="unknown-model",
    ),
    pytest.param(
        ["solve", "missing.toml"], 1,
        "Error: missing.toml: no such file (give a built-in model's name or an existing path)\n",
        id="missing-file",
    ),
    pytest.param(
        ["solve", "date.toml", "-p", "cc=2"], 1,
        "Error: --param: unknown parameter 'cc' (did you mean 'c'? parameters: c)\n",
        id="unknown-param",
    ),
    pytest.param(
        ["solve", "date.toml", "-p", "c=9"], 1,
        "Error: --param: parameter c = 9 is outside its range [0, 4]\n",
        id="param-out-of-range",
    ),
    pytest.param(
        ["solve", "date.toml", "-p", "c"], 2,
        "Error: Invalid value for '--param' / '-p': 'c' is not NAME=VALUE (e.g. c=2 or c=1/3); "
        "to vary c: gametheory sensitivity MODEL --vary c. Try 'gametheory solve --help'.\n",
        id="param-syntax",
    ),
    pytest.param(
        ["solve", "date.toml", "--set", "Ann:opera,footbal=1"], 1,
        "Error: --set 'Ann:opera,footbal=1': Bob has no strategy 'footbal' (did you mean "
        "'football'?)\n",
        id="set-unknown-strategy",
    ),
    pytest.param(
        ["solve", "date.toml", "--set", "Anne:opera,football=1"], 1,
        "Error: --set 'Anne:opera,football=1': unknown player 'Anne' (did you mean 'Ann'?)\n",
        id="set-unknown-player",
    ),
    pytest.param(
        ["solve", "date.toml", "--set", "opera,football=1"], 1,
        "Error: --set 'opera,football=1': a whole cell takes 2 values, one per player (Ann, "
        "Bob); got 1\n",
        id="set-cell-needs-every-value",
    ),
    pytest.param(
        ["solve", "date.toml", "--set", "Ann:opera=1"], 1,
        "Error: --set 'Ann:opera=1': name one strategy for each of the 2 players (Ann, Bob), "
        "in that order; got 1\n",
        id="set-short-profile",
    ),
    pytest.param(
        ["solve", "date.toml", "--set", "Ann:opera,opera=d"], 1,
        "Error: --set 'Ann:opera,opera=d': unknown name 'd' in 'd' (declared parameters: c)\n",
        id="set-unknown-name",
    ),
    pytest.param(
        ["solve", "date.toml", "--set", "Ann:opera,opera=__import__('os')"], 1,
        "Error: --set \"Ann:opera,opera=__import__('os')\": function calls are not allowed in "
        "\"__import__('os')\" (only numbers, + - * / **, parentheses and declared "
        "parameters)\n",
        id="set-no-code",
    ),
    pytest.param(
        ["solve", "date.toml", "--set", "Ann:opera,opera"], 2,
        "Error: Invalid value for '--set': 'Ann:opera,opera' has no '=' (e.g. "
        "'US:pressure,hard_demand=3' or 'pressure,hard_demand=3,2'). Try 'gametheory solve "
        "--help'.\n",
        id="set-syntax",
    ),
    pytest.param(
        ["solve", "date.toml", "--method", "lemke-howsn"], 2,
        "Error: Invalid value for '--method' / '-m': unknown method 'lemke-howsn' (did you mean "
        "'lemke-howson'?). Try 'gametheory solve --help'.\n",
        id="unknown-method",
    ),
    pytest.param(
        ["solve", "date.toml", "--format", "xml"], 2,
        "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', "
        "'markdown', 'latex', 'csv'. Try 'gametheory solve --help'.\n",
        id="unknown-format",
    ),
    pytest.param(
        ["solve", "date.toml", "--standalone"], 2,
        "Error: --standalone applies to --format latex only. Try 'gametheory solve --help'.\n",
        id="latex-flag-without-latex",
    ),
    pytest.param(
        ["solve"], 2,
        "Error: Missing argument 'MODEL'. Try 'gametheory solve --help'.\n",
        id="missing-argument",
    ),
    pytest.param(
        ["solvee", "date.toml"], 2,
        "Error: No such command 'solvee'. Did you mean 'solve'? Try 'gametheory --help'.\n",
        id="unknown-command",
    ),
    pytest.param(
        ["solve", "broken.toml"], 1,
        "Error: broken.toml:18: payoffs.Ann: expected 2 rows (one per strategy of Ann: opera, "
        "football), got 1\n",
        id="broken-model",
    ),
    pytest.param(
        ["solve", "binary.toml"], 1, None, id="not-text",
    ),
    pytest.param(
        ["plot", "date.toml", "-o", "figure.gif"], 2,
        "Error: Invalid value for '--output': 'figure.gif': the suffix must be one of .png, "
        ".pdf, .svg. Try 'gametheory plot --help'.\n",
        id="figure-suffix",
    ),
    pytest.param(
        ["solve", "date.toml", "-o", "nodir/out.txt"], 1,
        "Error: nodir/out.txt: cannot write: No such file or directory\n",
        id="output-folder-missing",
    ),
    pytest.param(
        ["convert", "date.toml", "date.json"], 2,
        "Error: Invalid value for 'OUT': 'date.json': the suffix must be .toml, .nfg or .efg. Try "
        "'gametheory convert --help'.\n",
        id="convert-suffix",
    ),
]


@pytest.mark.parametrize(("args", "code", "stderr"), BAD)
def test_bad_input_is_one_line_on_stderr(
    folder: Path, args: list[str], code: int, stderr: str | None
) -> None:
    (folder / "broken.toml").write_text(DATE.replace("Ann = [[2, 0], [0, 1]]", "Ann = [[2, 0]]"))
    (folder / "binary.toml").write_bytes(b"\xff\xfe\x00garbage")
    result = run(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    if stderr is not None:
        assert result.stderr == stderr
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- other commands
def test_show(folder: Path) -> None:
    assert run("show", "date.toml").stdout == textwrap.dedent("""\
        Date night

        Parameters
          c = 1, range [0, 4]: how much Bob likes the opera.

        Ann chooses: opera, football
        Bob chooses: opera, football

        Payoffs (Ann, Bob) at c = 1
        (* best response, [ ] pure equilibrium)
          Ann \\ Bob  opera     football
          opera      [2*, 1*]    0, 0
          football     0, 0    [1*, 2*]

        Payoffs as written in the model (expressions in the parameters)
          Ann \\ Bob  opera  football
          opera      2, c   0, 0
          football   0, 0   1, 2
        """)


def test_show_with_a_parameter_names_its_default(folder: Path) -> None:
    out = run("show", "date.toml", "-p", "c=3").stdout
    assert "  c = 3 (default 1), range [0, 4]: how much Bob likes the opera.\n" in out


def test_show_csv_and_json(folder: Path) -> None:
    assert run("show", "date.toml", "-f", "csv").stdout == textwrap.dedent("""\
        parameter,value,range,meaning
        c,1,"[0, 4]",how much Bob likes the opera

        Ann,Bob,Ann payoff,Bob payoff
        opera,opera,2,1
        opera,football,0,0
        football,opera,0,0
        football,football,1,2
        """)
    data = json.loads(run("show", "date.toml", "-f", "json").stdout)
    assert data["expressions"] == {"Ann": [["2", "0"], ["0", "1"]], "Bob": [["c", "0"], ["0", "2"]]}
    assert data["payoffs"]["Bob"] == [["1", "0"], ["0", "2"]]


def test_show_explain_without_rankings(folder: Path) -> None:
    out = run("show", "date.toml", "--explain").stdout
    assert out.endswith("\n\nThe model gives no ranking of outcomes.\n")


def test_show_explain_builtin_cites_sources() -> None:
    result = run("show", "us-russia-2x2", "--explain")
    assert result.exit_code == 0
    assert "Rankings of the outcomes (rank 1 = worst)" in result.stdout
    # Each outcome: its facts (issue 10), then each player's rank.
    assert "  concede, friendly_offer\n    facts: ceasefire current_line;" in result.stdout
    assert "economic_track goes_ahead\n    US: rank " in result.stdout


def test_models_lists_every_builtin_model() -> None:
    from gametheory.models import builtin_models

    result = run("models")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Built-in models (solve one with: gametheory solve NAME)"
    assert lines[1].split() == ["name", "title"]
    assert [line.split()[0] for line in lines[2:]] == [name for name, _ in builtin_models()]
    data = json.loads(run("models", "-f", "json").stdout)
    assert [m["name"] for m in data] == [name for name, _ in builtin_models()]


def test_validate_several_files(folder: Path) -> None:
    (folder / "bad.toml").write_text(DATE.replace('"c"', '"cc"'))
    result = run("validate", "date.toml", "bad.toml", "weak.toml")
    assert (result.exit_code, result.stdout) == (1, (
        "date.toml: ok\n"
        "bad.toml:19: payoffs.Bob[0][0]: unknown name 'cc' in 'cc' (did you mean 'c'?)\n"
        "weak.toml: ok\n"
    ))


def test_validate_ok_and_broken(folder: Path) -> None:
    ok = run("validate", "date.toml")
    assert (ok.exit_code, ok.stdout) == (0, "date.toml: ok\n")
    (folder / "bad.toml").write_text(
        DATE.replace('Bob = [["c", 0], [0, 2]]', 'Bob = [["cc", 0], [0, "x"]]')
    )
    bad = run("validate", "bad.toml")
    assert bad.exit_code == 1
    assert bad.stdout == (
        "bad.toml:19: payoffs.Bob[0][0]: unknown name 'cc' in 'cc' (did you mean 'c'?)\n"
        "bad.toml:19: payoffs.Bob[1][1]: unknown name 'x' in 'x' (declared parameters: c)\n"
    )


def test_convert_round_trip(folder: Path) -> None:
    assert run("convert", "date.toml", "date.nfg", "-p", "c=3").exit_code == 0
    assert (folder / "date.nfg").read_text() == textwrap.dedent("""\
        NFG 1 R "Date night" { "Ann" "Bob" }
        { { "opera" "football" } { "opera" "football" } }

        2 3
        0 0
        0 0
        1 2
        """)
    assert run("convert", "date.nfg", "back.toml").exit_code == 0
    assert "Bob = [\n    [3, 0],\n    [0, 2],\n]" in (folder / "back.toml").read_text()
    refused = run("convert", "date.nfg", "back.toml")
    assert refused.stderr == (
        "Error: back.toml: refusing to overwrite a model file; use --force to overwrite it\n"
    )
    assert run("convert", "date.nfg", "back.toml", "--force").exit_code == 0


def test_plot_writes_a_figure(folder: Path) -> None:
    pytest.importorskip("matplotlib")
    result = run("plot", "date.toml", "-o", "br.png")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert (folder / "br.png").read_bytes().startswith(b"\x89PNG")
    first = (folder / "br.png").read_bytes()
    run("plot", "date.toml", "-o", "br.png")
    assert (folder / "br.png").read_bytes() == first
    assert run("plot", "date.toml", "-o", "ps.svg", "--kind", "payoff-space").exit_code == 0
    assert b"<svg" in (folder / "ps.svg").read_bytes()


def test_plot_best_response_needs_2x2(folder: Path) -> None:
    (folder / "three.nfg").write_text(
        'NFG 1 R "Three" { "P1" "P2" }\n{ { "a" "b" "c" } { "x" "y" } }\n\n'
        "1 1 0 0 0 0 0 0 2 2 0 0\n"
    )
    result = run("plot", "three.nfg", "-o", "br.png", "--kind", "best-response")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: plot: the best-response diagram needs a 2x2 game; this one is 3x2 (try --kind "
        "payoff-space)\n"
    )


# --------------------------------------------------------------------------- the program
def test_version() -> None:
    assert run("--version").stdout == f"gametheory {gametheory.__version__}\n"


def test_no_arguments_prints_the_help() -> None:
    result = run()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert (
        "Exit codes: 0 ok, 1 bad input, 2 bad usage, 3 the solver did not finish, 130"
        " interrupted." in " ".join(result.stdout.split())
    )


@pytest.mark.parametrize("command", sorted(cli.cli.commands))
def test_every_command_help_has_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"gametheory {command} " in result.stdout


def test_constants_repeated_for_a_fast_help_match_the_library() -> None:
    assert cli.FORMATS == FORMATS
    assert tuple(dict.fromkeys([*METHODS, *TREE_METHODS])) == cli.METHODS


def _python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env={**os.environ, **(env or {})},
        check=False,
    )


def test_solve_imports_no_heavy_library() -> None:
    script = (
        "import sys, cli\n"
        "try:\n"
        "    cli.main(['solve', 'us-russia'])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "heavy = ('scipy', 'sympy', 'nashpy', 'matplotlib')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    done = _python("-c", script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\n[]\n")


def test_python_dash_m_runs_the_command_line() -> None:
    done = _python("-m", "gametheory", "--version")
    assert (done.returncode, done.stdout) == (0, f"gametheory {gametheory.__version__}\n")


def test_shell_completion_script_and_model_names() -> None:
    script = _python("-m", "gametheory", env={"_GAMETHEORY_COMPLETE": "bash_source"})
    assert "_gametheory_completion()" in script.stdout
    done = _python(
        "-m", "gametheory",
        env={"_GAMETHEORY_COMPLETE": "bash_complete", "COMP_WORDS": "gametheory solve us-",
             "COMP_CWORD": "2"},
    )
    assert "plain,us-russia\n" in done.stdout
    assert "plain,us-russia-2x2\n" in done.stdout


def test_parse_edit_examples() -> None:
    edit = cli.parse_edit("US:pressure,hard_demand=3")
    assert (edit.player, edit.profile, edit.values) == ("US", ("pressure", "hard_demand"), ("3",))
    cell = cli.parse_edit(" pressure , hard_demand = 3 , 1/2 ")
    assert (cell.player, cell.profile, cell.values) == (None, ("pressure", "hard_demand"),
                                                        ("3", "1/2"))
    assert Fraction(cell.values[1]) == Fraction(1, 2)


# --------------------------------------------------------------------------- analyze
def test_analyze_text(folder: Path) -> None:
    result = run("analyze", "date.toml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == textwrap.dedent("""\
        Date night

        Payoffs (Ann, Bob) at c = 1
        (* best response, [ ] pure equilibrium)
          Ann \\ Bob  opera     football
          opera      [2*, 1*]    0, 0
          football     0, 0    [1*, 2*]

        Equilibria

        3 Nash equilibria
          #  Ann                       Bob                       Ann payoff  Bob payoff  Pareto-efficient
          1  opera                     opera                              2           1  yes
          2  2/3 opera + 1/3 football  1/3 opera + 2/3 football         2/3         2/3  no: equilibria 1, 3
          3  football                  football                           1           2  yes

        Method exact: every equilibrium was found (the game is nondegenerate).

        Pareto efficiency

        Pareto-efficient outcomes (no other outcome is at least as good for every player and
        better for one): (opera, opera); (football, football).

        Dominance

        Iterated elimination of strictly dominated strategies: no strategy is strictly
        dominated.

        Iterated elimination of weakly dominated strategies: no strategy is weakly dominated.

        Security levels

        What each player can guarantee whatever the others do (maximin)
          player  pure level  pure strategy  mixed level  mixed strategy
          Ann              0  opera                  2/3  1/3 opera + 2/3 football
          Bob              0  opera                  2/3  2/3 opera + 1/3 football

        Equilibrium selection

        Payoff dominance: no equilibrium is better for every player than all the others; not
        payoff-dominated: 1 and 3.

        Risk dominance (Harsanyi-Selten, 2x2): the products of the deviation losses are 2 at
        equilibrium 1 and 2 at equilibrium 3: neither risk-dominates the other.

        Nash products of the gains over the security levels (Ann, Bob: 2/3, 2/3): 4/9
        (equilibrium 1), 0 (equilibrium 2), 4/9 (equilibrium 3); the largest: equilibrium 1 and
        3.

        Correlated equilibria

          correlated equilibrium  distribution                                       Ann payoff  Bob payoff
          welfare-maximising      1/2·[(opera, opera)] + 1/2·[(football, football)]         3/2         3/2
          best for Ann            (opera, opera)                                              2           1
          best for Bob            (football, football)                                        1           2

        The best sum of payoffs is 3 with a mediator's signal, against 3 in the best Nash
        equilibrium found. Exact; optimality certified by LP duality.

        Logit quantal response equilibrium

        Limit as lambda grows (the logit solution): Ann 2/3 opera + 1/3 football; Bob 1/3 opera
        + 2/3 football (payoffs Ann 2/3, Bob 2/3). This Nash equilibrium is exact and certified
        (regret 0); the branch leading to it is computed in floating point. The branch passes a
        bifurcation (a non-generic game, symmetric for instance): other branches of QREs split
        off there; this is the smooth continuation of the branch from lambda = 0.

        Commitment (Stackelberg)

        The leader commits to a mixed strategy; the follower best-responds, breaking ties for the leader (strong Stackelberg); value: payoff minus the leader's best Nash payoff
          leader  commitment  follower  payoff  best Nash  value
          Ann     opera       opera          2          2      0
          Bob     football    football       2          2      0

        Best pure commitment: Ann opera (payoff 2); Bob football (payoff 2).

        Bargaining

        Nash bargaining solution over the security levels (2/3, 2/3), on the convex hull of the
        outcomes (correlated play assumed): Ann 3/2, Bob 3/2.

        Repeated game

        Grim trigger (minmax punishment) sustains each outcome for every discount factor at least
          outcome               Ann payoff  Bob payoff  critical discount factor
          (opera, opera)                 2           1                         0
          (football, football)           1           2                         0

        Never sustained: (opera, football); (football, opera).
        """)  # noqa: E501


def test_analyze_zero_sum_json(folder: Path) -> None:
    (folder / "pennies.nfg").write_text(
        'NFG 1 R "Pennies" { "Even" "Odd" }\n{ { "heads" "tails" } { "heads" "tails" } }\n\n'
        "1 -1 -1 1 -1 1 1 -1\n"
    )
    text = run("analyze", "pennies.nfg").stdout
    assert (
        "Value\n\nThe game is zero-sum: its value is 0 for Even and 0 for Odd. Optimal "
        "strategies: Even\n1/2 heads + 1/2 tails; Odd 1/2 heads + 1/2 tails.\n\n"
    ) in text
    data = json.loads(run("analyze", "pennies.nfg", "-f", "json").stdout)
    assert data["zero_sum"] == {
        "constant": "0",
        "value": {"Even": "0", "Odd": "0"},
        "strategies": {"Even": {"heads": "1/2", "tails": "1/2"},
                       "Odd": {"heads": "1/2", "tails": "1/2"}},
    }
    assert data["security"]["Odd"] == {
        "pure": {"level": "-1", "strategy": {"heads": "1", "tails": "0"}},
        "mixed": {"level": "0", "strategy": {"heads": "1/2", "tails": "1/2"}},
    }
    assert data["equilibria"] == [
        {"strategies": {"Even": {"heads": "1/2", "tails": "1/2"},
                        "Odd": {"heads": "1/2", "tails": "1/2"}},
         "payoffs": {"Even": "0", "Odd": "0"}}
    ]


def test_analyze_dominance_by_a_mixed_strategy_csv(folder: Path) -> None:
    (folder / "mixed.nfg").write_text(
        'NFG 1 R "Mixed dominance" { "Row" "Column" }\n'
        '{ { "a" "b" "c" } { "x" "y" } }\n\n3 1 0 0 1 0 0 1 3 0 1 0\n'
    )
    result = run("analyze", "mixed.nfg", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert "elimination,round,player,deleted,dominated by,how\n" in result.stdout
    assert "strict,1,Row,c,1/2 a + 1/2 b,strictly\n" in result.stdout


def test_analyze_solver_failure_exits_3(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # gametheory.solve is also the name of the function: take the module itself.
    monkeypatch.setattr(sys.modules["gametheory.solve"], "solve", _failed)
    result = run("analyze", "date.toml")
    assert (result.exit_code, result.stderr) == (
        3, "Error: the exact solver did not finish: iteration limit reached\n"
    )


def test_help_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example in --help that uses only built-in models works as printed."""
    import shlex

    monkeypatch.chdir(tmp_path)
    (tmp_path / "game.nfg").write_text(NFG)
    (tmp_path / "my-model.toml").write_text(DATE)
    (tmp_path / "my-other-model.toml").write_text(WEAK)
    examples = []
    for command in [None, *sorted(cli.cli.commands)]:
        text = run(*([command] if command else []), "--help").stdout
        examples += [line.strip() for line in text.splitlines()
                     if line.strip().startswith("gametheory ")]
    assert len(examples) >= 20
    for example in examples:
        if "plot" in example.split()[:2]:
            pytest.importorskip("matplotlib")
        result = run(*shlex.split(example)[1:])
        assert result.exit_code == 0, (example, result.output)


def test_help_and_version_import_neither_numpy_nor_the_library() -> None:
    script = (
        "import sys, cli\n"
        "for args in (['--help'], ['solve', '--help']):\n"
        "    try:\n"
        "        cli.main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'gametheory')))\n"
    )
    done = _python("-c", script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\n[]\n")


@pytest.mark.parametrize(
    "args",
    [
        ["plot", "chicken", "-o", "fig.png"],
        ["sweep", "chicken", "--param", "c=0:4:5", "--plot", "fig.png"],
        ["sensitivity", "us-russia-2x2", "--param", "d", "--param", "w", "--plot", "fig.png"],
    ],
    ids=["plot", "sweep", "regime-map"],
)
def test_figures_without_matplotlib_say_which_extra_to_install(
    args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    result = CliRunner().invoke(cli.cli, args)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: plot: figures need matplotlib: pip install 'gametheory-exact[plot]'"
    )
    assert not (tmp_path / "fig.png").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["sweep", "us-russia", "--grid", "zz=0:1:5"], "Error: --grid: unknown parameter 'zz'"),
        (["sweep", "us-russia", "--grid", "d=0:100:5"],
         "Error: --grid d: value 25 is outside the range [0, 10]"),
        (["sensitivity", "us-russia", "--vary", "zz"], "Error: --vary: unknown parameter 'zz'"),
        (["solve", "us-russia", "--method", "spe"], "Error: --method: method 'spe' applies to"),
    ],
)
def test_errors_name_the_option(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
