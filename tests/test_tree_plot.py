"""Figures of game trees: the layout's geometry, reproducible bytes, the CLI."""

from __future__ import annotations

import itertools
import pathlib
from fractions import Fraction as F

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from tree_strategies import trees

from cli import cli
from gametheory import GameValueError, solve
from gametheory.extensive import Tree
from gametheory.io.efg import read_efg
from gametheory.plot._tree import tree_layout

DATA = pathlib.Path(__file__).parent / "data" / "efg"
ENTRY = Tree.from_nested({"player": "E", "moves": {"out": [0, 2], "in": {"player": "I",
                         "moves": {"fight": [-1, -1], "accommodate": [1, 1]}}}}, ("E", "I"))


@settings(max_examples=40, deadline=None)
@given(trees())
def test_layout_keeps_nodes_of_a_level_one_unit_apart_and_centres_parents(tree):
    lay = tree_layout(tree)
    levels: dict[int, list[F]] = {}
    for node in tree.nodes:
        levels.setdefault(lay.y[node.id], []).append(lay.x[node.id])
        if node.children:
            xs = [lay.x[c] for c in node.children]
            assert (xs[0] + xs[-1]) / 2 == lay.x[node.id]
            assert all(lay.y[c] == lay.y[node.id] - 1 for c in node.children)
    for xs in levels.values():
        xs.sort()
        assert all(b - a >= 1 for a, b in itertools.pairwise(xs))
    assert min(lay.x.values()) >= -lay.left + F(1, 2)
    assert max(lay.x.values()) <= lay.right - F(1, 2)


matplotlib = pytest.importorskip("matplotlib")


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_bytes_are_reproducible(fmt):
    from gametheory.plot import figure_bytes

    result = solve(read_efg(DATA / "myerson1991_fig2_1.efg"), method="exact")
    first = figure_bytes(result, format=fmt)
    assert first == figure_bytes(result, format=fmt)
    assert first[:4] == {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<?xm"}[fmt]


def test_figure_marks_the_equilibrium_and_draws_information_sets():
    from gametheory.plot._tree import tree_figure

    result = solve(read_efg(DATA / "myerson1991_fig2_1.efg"), method="exact")
    ax = tree_figure(result).axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "Meet (2/3)" in texts and "Red (1/2)" in texts and "(2, -2)" in texts
    thick = [line for line in ax.lines if line.get_linewidth() == 3.0]
    assert len(thick) == 7  # Fred: Raise; Raise, Fold (black); Alice: Meet, Pass twice
    arcs = [t for t in ax.texts if t.get_text() == "" and t.arrow_patch is not None]
    assert len(arcs) == 1  # Alice's information set


def test_the_marked_equilibrium_is_named_and_checked():
    from gametheory.plot._tree import tree_figure

    result = solve(ENTRY, method="exact")
    assert "equilibrium 2 of 3 marked (not subgame perfect)" in \
        tree_figure(result, equilibrium=2).axes[0].get_title(loc="left")
    with pytest.raises(GameValueError, match="no equilibrium 4"):
        tree_figure(result, equilibrium=4)


def test_kinds_must_fit_the_form():
    from gametheory import Game
    from gametheory.plot import figure_bytes

    with pytest.raises(GameValueError, match="game trees only"):
        figure_bytes(solve(Game.from_arrays([[1, 0], [0, 1]])), kind="tree")
    with pytest.raises(GameValueError, match="use --kind tree"):
        figure_bytes(solve(ENTRY), kind="payoff-space")


def test_cli_plot_tree(tmp_path):
    out = tmp_path / "tree.svg"
    run = CliRunner().invoke(cli, ["plot", "entry-deterrence", "--method", "exact", "-o",
                                   str(out)])
    assert run.exit_code == 0, run.output
    assert out.read_bytes().startswith(b"<?xml")
    run = CliRunner().invoke(cli, ["plot", "chicken", "--kind", "tree", "-o",
                                   str(tmp_path / "x.png")])
    assert run.exit_code == 1 and run.output.startswith("Error:")
    assert not (tmp_path / "x.png").exists()
