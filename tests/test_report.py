"""Reports: exact text of every format, escaping, LaTeX that compiles, safe file writing."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory import Game, solve
from gametheory.models import load_model
from gametheory.report import (
    FORMATS,
    atomic_write,
    format_for_path,
    format_game,
    format_model,
    format_models,
    format_solve,
    is_model_file,
    render,
)
from gametheory.report._document import Document, Expr, Mix, Numbers
from gametheory.report._latex import escape_latex, latex_number
from gametheory.report._markdown import escape_markdown
from gametheory.report._text import cell_text

PD = Game.from_arrays(
    [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Ann", "Bob"),
    strategies=(("quiet", "talk"), ("quiet", "talk")), title="Prisoners",
)
THREE = Game.from_arrays(
    [[[1, 0], [0, 1]]] * 2, [[[1, 0], [0, 2]]] * 2, [[[1, 0], [0, 1]]] * 2,
    players=("A", "B", "C"), strategies=(("a1", "a2"), ("b1", "b2"), ("c1", "c2")),
)


# --------------------------------------------------------------------------- numbers, cells
def test_numbers_exact_and_decimal() -> None:
    assert Numbers().format(Fraction(-5, 2)) == "-5/2"
    assert Numbers(2).format(Fraction(2, 3)) == "0.67"
    assert Numbers(0).format(Fraction(5, 2)) == "2"  # half to even, exactly


def test_cells() -> None:
    mix = Mix(((Fraction(1, 3), "a"), (Fraction(2, 3), "b_c")))
    assert cell_text(mix, Numbers()) == "1/3 a + 2/3 b_c"
    assert cell_text(mix, Numbers(2)) == "0.33 a + 0.67 b_c"
    assert cell_text(Expr("1 - c"), Numbers()) == "1 - c"
    assert latex_number(Fraction(-7, 3), Numbers()) == "-\\frac{7}{3}"


def test_escaping() -> None:
    assert escape_latex("a_b & 50% #1 {x} ~^\\") == (
        "a\\_b \\& 50\\% \\#1 \\{x\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}"
    )
    assert escape_markdown("a_b | *c* [d]") == "a\\_b \\| \\*c\\* \\[d\\]"


def test_format_for_path() -> None:
    assert [format_for_path(p) for p in ("x.json", "x.MD", "x.tex", "x.csv", "x.txt", "x")] == [
        "json", "markdown", "latex", "csv", "text", "text"
    ]


# --------------------------------------------------------------------------- games
def test_game_text() -> None:
    assert format_game(PD) == textwrap.dedent("""\
        Prisoners

        Payoffs (Ann, Bob)
        (* best response, [ ] pure equilibrium)
          Ann \\ Bob  quiet   talk
          quiet        3, 3    0, 5*
          talk        5*, 0  [1*, 1*]
        """)


def test_game_markdown_csv_json() -> None:
    assert format_game(PD, "markdown") == textwrap.dedent("""\
        # Prisoners

        *Payoffs (Ann, Bob)* (\\* best response, **bold**: pure equilibrium)

        | Ann \\\\ Bob | quiet | talk |
        | --- | :---: | :---: |
        | quiet | 3, 3 | 0, 5\\* |
        | talk | 5\\*, 0 | **1\\*, 1\\*** |
        """)
    assert format_game(PD, "csv") == (
        "Ann,Bob,Ann payoff,Bob payoff\n"
        "quiet,quiet,3,3\nquiet,talk,0,5\ntalk,quiet,5,0\ntalk,talk,1,1\n"
    )
    assert format_game(PD, "json") == textwrap.dedent("""\
        {
          "title": "Prisoners",
          "players": [
            {"name": "Ann", "strategies": ["quiet", "talk"]},
            {"name": "Bob", "strategies": ["quiet", "talk"]}
          ],
          "payoffs": {"Ann": [["3", "0"], ["5", "1"]], "Bob": [["3", "5"], ["0", "1"]]}
        }
        """)


def test_three_players_one_table_per_strategy_of_the_third() -> None:
    assert format_game(THREE) == textwrap.dedent("""\
        Payoffs (A, B, C)
        (* best response, [ ] pure equilibrium)
        When C plays c1:
          A \\ B  b1            b2
          a1     [1*, 1*, 1*]   0*, 0, 0
          a2     [1*, 1*, 1*]   0*, 0, 0
        When C plays c2:
          A \\ B  b1         b2
          a1      0*, 0, 0  [1*, 2*, 1*]
          a2      0*, 0, 0  [1*, 2*, 1*]
        """)


# --------------------------------------------------------------------------- solve results
def test_solve_text_of_a_plain_game() -> None:
    assert format_solve(solve(PD)) == textwrap.dedent("""\
        Prisoners

        Payoffs (Ann, Bob)
        (* best response, [ ] pure equilibrium)
          Ann \\ Bob  quiet   talk
          quiet        3, 3    0, 5*
          talk        5*, 0  [1*, 1*]

        1 Nash equilibrium
          #  Ann   Bob   Ann payoff  Bob payoff
          1  talk  talk           1           1

        Method exact: every equilibrium was found (the game is nondegenerate).
        """)


def test_solve_json_is_the_result_contract() -> None:
    result = solve(PD)
    assert json.loads(format_solve(result, "json")) == result.to_dict()


def test_solve_without_equilibria_and_with_rejected_candidates() -> None:
    from gametheory.result import SolveResult

    result = SolveResult(game=PD, method="lemke-howson", equilibria=(), complete=False,
                         status="incomplete", message="no candidate survived",
                         rejected=(((Fraction(1), Fraction(0)), (Fraction(1), Fraction(0))),))
    text = format_solve(result)
    # The headline says what was not searched (issue 8), not "No Nash equilibrium was found".
    assert text.endswith(
        "No equilibrium was certified by the method lemke-howson (1 candidate failed the exact\n"
        "check); the game has one: the method exact finds every equilibrium of a two-player"
        " game.\n\n"
        "Method lemke-howson: incomplete: no candidate survived; 1 candidate failed the exact\n"
        "check and was dropped.\n"
    )


def test_every_format_renders_and_ends_with_a_newline() -> None:
    for fmt in FORMATS:
        out = format_solve(solve(PD), fmt)
        assert out.endswith("\n") and not out.endswith("\n\n")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render(Document(()), "xml")


def test_models_list() -> None:
    entries = [("chicken", "Chicken"), ("us-russia", "US & Russia")]
    assert format_models(entries) == textwrap.dedent("""\
        Built-in models (solve one with: gametheory solve NAME)
          name       title
          chicken    Chicken
          us-russia  US & Russia
        """)
    assert format_models(entries, "csv") == "name,title\nchicken,Chicken\nus-russia,US & Russia\n"
    assert json.loads(format_models(entries, "json")) == [
        {"name": "chicken", "title": "Chicken"}, {"name": "us-russia", "title": "US & Russia"}
    ]


# --------------------------------------------------------------------------- models
MODEL = """\
[game]
title = "Date night"
description = "Ann and Bob choose where to meet."

[parameters.c]
value = 1
range = [0, 4]
description = "how much Bob likes the opera"

[[players]]
name = "Ann"
strategies = [{ id = "opera", label = "The opera", description = "Verdi." }, "football"]

[[players]]
name = "Bob"
strategies = ["opera", "football"]

[payoffs]
Ann = [[2, 0], [0, 1]]
Bob = [["c**2", 0], [0, 2]]
"""


@pytest.fixture
def model(tmp_path: Path):
    path = tmp_path / "date.toml"
    path.write_text(MODEL)
    return load_model(path)


def test_model_text(model) -> None:
    assert format_model(model, values={"c": Fraction(2)}) == textwrap.dedent("""\
        Date night

        Ann and Bob choose where to meet.

        Parameters
          c = 2 (default 1), range [0, 4]: how much Bob likes the opera.

        Ann chooses
          opera: The opera. Verdi.
          football
        Bob chooses: opera, football

        Payoffs (Ann, Bob) at c = 2
        (* best response, [ ] pure equilibrium)
          Ann \\ Bob  opera     football
          opera      [2*, 4*]    0, 0
          football     0, 0    [1*, 2*]

        Payoffs as written in the model (expressions in the parameters)
          Ann \\ Bob  opera      football
          opera      2, c ** 2  0, 0
          football   0, 0       1, 2
        """)


def test_model_latex_uses_math_for_expressions(model) -> None:
    out = format_model(model, "latex")
    assert "opera & $2, c^{2}$ & $0, 0$ \\\\" in out
    assert "\\caption{Strategies}" in out


# --------------------------------------------------------------------------- LaTeX compiles
def _pdflatex(tmp_path: Path, source: str) -> str:
    (tmp_path / "doc.tex").write_text(source)
    done = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    log = (tmp_path / "doc.log").read_text(errors="replace")
    assert done.returncode == 0, log[-3000:]
    return log


def _has(package: str) -> bool:
    found = shutil.which("kpsewhich")
    if not found:
        return False
    return bool(subprocess.run([found, package], capture_output=True, text=True).stdout.strip())


needs_pdflatex = pytest.mark.skipif(
    shutil.which("pdflatex") is None, reason="pdflatex is not installed"
)


@needs_pdflatex
@pytest.mark.parametrize("sgame", [False, True], ids=["booktabs", "sgame"])
def test_solve_latex_compiles_without_overfull_boxes(tmp_path: Path, sgame: bool) -> None:
    if sgame and not _has("sgame.sty"):
        pytest.skip("sgame.sty is not installed (Debian: texlive-games)")
    game = Game.from_arrays(
        [[13, 1, 14, 8], [12, 4, 5, 9], [16, 2, 11, 6], [15, 3, 10, 7]],
        [[10, 15, 14, 16], [3, 1, 4, 2], [9, 11, 13, 12], [5, 7, 6, 8]],
        players=("US", "Russia"),
        strategies=[("concede", "pressure", "friendly_offer", "hard_demand")] * 2,
        title="A 4x4 game",
    )
    log = _pdflatex(tmp_path, format_solve(solve(game), "latex", standalone=True, sgame=sgame))
    assert "Overfull" not in log


@needs_pdflatex
def test_model_latex_with_long_text_compiles(tmp_path: Path) -> None:
    model = load_model("us-russia")
    log = _pdflatex(tmp_path, format_model(model, "latex", explain=True, standalone=True))
    assert "Overfull" not in log


@needs_pdflatex
def test_latex_fragment_compiles_with_the_packages_it_names(tmp_path: Path) -> None:
    fragment = format_solve(solve(PD), "latex", decimals=2)
    first = fragment.splitlines()[0]
    assert first == "% Needs \\usepackage{booktabs, graphicx} in the preamble."
    _pdflatex(tmp_path, "\\documentclass{article}\n\\usepackage{booktabs, graphicx}\n"
              f"\\begin{{document}}\n{fragment}\\end{{document}}\n")


# --------------------------------------------------------------------------- files
def test_atomic_write_replaces_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write(target, "one\n")
    atomic_write(target, b"two\n")
    assert target.read_bytes() == b"two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic_write(target, "new\n")
    assert target.stat().st_mode & 0o777 == 0o640


def test_is_model_file(tmp_path: Path) -> None:
    (tmp_path / "model.toml").write_text(MODEL)
    (tmp_path / "other.toml").write_text("[tool]\nx = 1\n")
    (tmp_path / "bad.toml").write_text("[game\n")
    (tmp_path / "game.nfg").write_text("NFG 1 R")
    (tmp_path / "notes.txt").write_text("hello")
    assert is_model_file(tmp_path / "model.toml")
    assert is_model_file(tmp_path / "game.nfg")
    assert not is_model_file(tmp_path / "other.toml")
    assert not is_model_file(tmp_path / "bad.toml")
    assert not is_model_file(tmp_path / "new.toml")
    assert not is_model_file(tmp_path / "notes.txt")
    assert is_model_file(tmp_path / "notes.txt", inputs=[tmp_path / "notes.txt"])


# --------------------------------------------------------------------------- analyses
MIXED_DOMINANCE = Game.from_arrays(
    [[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]], players=("Row", "Column"),
    strategies=(("a", "b", "c"), ("x", "y")), title="Mixed dominance",
)


def test_analysis_markdown_names_the_mixed_dominator() -> None:
    from gametheory.analysis import analyze
    from gametheory.report import format_analysis

    out = format_analysis(analyze(MIXED_DOMINANCE), "markdown")
    assert "## Dominance" in out
    assert "| 1 | Row | c | 1/2 a + 1/2 b | strictly |" in out
    assert "## Security levels" in out and "## Value" not in out


@needs_pdflatex
@pytest.mark.parametrize("sgame", [False, True], ids=["booktabs", "sgame"])
def test_analysis_latex_compiles(tmp_path: Path, sgame: bool) -> None:
    from gametheory.analysis import analyze
    from gametheory.report import format_analysis

    if sgame and not _has("sgame.sty"):
        pytest.skip("sgame.sty is not installed (Debian: texlive-games)")
    pennies = Game.from_arrays([[1, -1], [-1, 1]], title="Pennies")
    for game in (MIXED_DOMINANCE, pennies):
        source = format_analysis(analyze(game), "latex", standalone=True, sgame=sgame)
        assert "Overfull" not in _pdflatex(tmp_path, source)
