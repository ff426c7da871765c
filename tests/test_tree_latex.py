"""Game trees in LaTeX (istgame): structure of the figure, escaping, and it compiles."""

from __future__ import annotations

import pathlib
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from cli import cli
from gametheory import solve
from gametheory.extensive import Tree
from gametheory.io.efg import read_efg
from gametheory.report import format_solve
from gametheory.report._tree_latex import tree_figure_latex

DATA = pathlib.Path(__file__).parent / "data" / "efg"
ENTRY = {"player": "E", "moves": {"out": [0, 2], "in": {"player": "I", "moves": {
    "fight": [-1, -1], "accommodate": [1, 1]}}}}
# Every LaTeX special character in a player, an action and the title.
NASTY = Tree.from_nested({"player": "A&B_%", "moves": {
    "x#1 {~^}": {"player": "C$\\", "infoset": "I", "moves": {"<l>": [1, 2], "r|": [0, 0]}},
    "y": {"player": "C$\\", "infoset": "I", "moves": {"<l>": [0, 0], "r|": ["1/2", 1]}}}},
    ("A&B_%", "C$\\"), title="50% & co_op")

needs_pdflatex = pytest.mark.skipif(
    shutil.which("pdflatex") is None or shutil.which("kpsewhich") is None
    or not subprocess.run(["kpsewhich", "istgame.sty"], capture_output=True,
                          text=True).stdout.strip(),
    reason="pdflatex with istgame is not installed",
)


def _compile(tmp_path: pathlib.Path, source: str) -> str:
    (tmp_path / "doc.tex").write_text(source)
    done = subprocess.run(
        ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
         "doc.tex"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    log = (tmp_path / "doc.log").read_text(errors="replace")
    assert done.returncode == 0, log[-3000:]
    return log


def test_equilibrium_choices_are_thick_and_payoffs_shown():
    result = solve(Tree.from_nested(ENTRY, ("E", "I")))  # the SPE: in, accommodate
    lines, needs = tree_figure_latex(result)
    assert needs == {"istgame"}
    assert r"  \istb{out}[al]{(0, 2)}" in lines
    assert r"  \istb[line width=1.6pt]{in}[ar]" in lines
    assert r"  \istb[line width=1.6pt]{accommodate}[ar]{(1, 1)}" in lines
    assert r"  \istb{fight}[al]{($-$1, $-$1)}" in lines
    assert r"\istroot(n2)(n0-2)[solid node]<above right>{I}+20mm..{22mm}+" in lines


def test_information_sets_chance_and_mixed_choices():
    result = solve(read_efg(DATA / "myerson1991_fig2_1.efg"), method="exact")
    text = "\n".join(tree_figure_latex(result)[0])
    assert r"[chance node]<above>{\textit{chance}}" in text
    assert "{Red (1/2)}" in text
    assert "Meet [2/3]" in text  # Alice's mixed choice, with its probability
    assert text.count(r"\xtInfoset[dashed") == 1
    assert "dashed arcs join the nodes of an information set" in text


def test_every_string_is_escaped():
    text = "\n".join(tree_figure_latex(solve(NASTY, method="exact"))[0])
    assert r"{A\&B\_\%}" in text and r"C\$\textbackslash{}" in text
    assert r"x\#1 \{\textasciitilde{}\textasciicircum{}\}" in text
    assert r"{$<$l$>$}" in text and r"{r$|$}" in text
    assert r"\caption{50\% \& co\_op" in text


def test_fragment_names_its_packages_and_standalone_is_a_document():
    result = solve(Tree.from_nested(ENTRY, ("E", "I")), method="exact")
    fragment = format_solve(result, "latex")
    assert fragment.startswith("% Needs \\usepackage{") and "istgame" in fragment.split("\n")[0]
    assert "\\documentclass" not in fragment
    assert fragment.index(r"\begin{istgame}") < fragment.index("Nash equilibria")
    whole = format_solve(result, "latex", standalone=True)
    assert whole.startswith("\\documentclass{article}\n") and "istgame" in whole.split("\n")[1]
    assert whole.endswith("\\end{document}\n")


def test_wide_trees_are_scaled_to_the_line():
    wide = Tree.from_nested({"player": "A", "moves": {
        f"a{k}": {"player": "B", "moves": {"l": [k, 0], "m": [0, k], "r": [1, 1]}}
        for k in range(5)}}, ("A", "B"))
    lines, needs = tree_figure_latex(solve(wide))
    assert "graphicx" in needs and lines[2] == r"\resizebox{\linewidth}{!}{%"


def test_cli_latex_for_a_tree_model():
    out = CliRunner().invoke(cli, ["solve", "entry-deterrence", "--format", "latex",
                                   "--standalone"])
    assert out.exit_code == 0, out.output
    assert r"\begin{istgame}" in out.output and r"\end{document}" in out.output


@needs_pdflatex
@pytest.mark.parametrize("case", ["entry", "myerson", "nasty", "centipede", "us-russia"])
def test_compiles(tmp_path, case):
    if case == "entry":
        result = solve(Tree.from_nested(ENTRY, ("E", "I")), method="exact")
    elif case == "myerson":
        result = solve(read_efg(DATA / "myerson1991_fig2_1.efg"), method="exact")
    elif case == "nasty":
        result = solve(NASTY, method="exact")
    else:
        out = CliRunner().invoke(cli, ["solve", {"centipede": "centipede",
                                                 "us-russia": "us-russia-sequential"}[case],
                                       "--format", "latex", "--standalone"])
        assert out.exit_code == 0, out.output
        _compile(tmp_path, out.output)
        return
    _compile(tmp_path, format_solve(result, "latex", standalone=True))
