"""Figures: exact geometry, labelled axes and equilibria, reproducible bytes."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction as F

import pytest

from gametheory import Game, GameValueError, solve
from gametheory.plot._geometry import best_response_segments, convex_hull, pareto_frontier

matplotlib = pytest.importorskip("matplotlib")

from gametheory.plot import (  # noqa: E402 - after the skip: needs matplotlib
    best_response_figure,
    figure_bytes,
    payoff_space_figure,
)

DATE = Game.from_arrays(
    [[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Ann", "Bob"),
    strategies=(("opera", "football"), ("opera", "football")), title="Date night",
)
# Column is indifferent everywhere: a continuum of equilibria.
WEAK = Game.from_arrays([[1, 1], [0, 2]], [[1, 1], [1, 1]])
THREE_BY_TWO = Game.from_arrays([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])


# --------------------------------------------------------------------------- geometry
@pytest.mark.parametrize(
    ("base", "slope", "segments", "everywhere"),
    [
        pytest.param(F(1), F(0), [((F(1), F(0)), (F(1), F(1)))], False, id="always-first"),
        pytest.param(F(-1), F(0), [((F(0), F(0)), (F(0), F(1)))], False, id="always-second"),
        pytest.param(F(0), F(0), [], True, id="indifferent"),
        pytest.param(
            F(-1), F(3),
            [((F(0), F(0)), (F(0), F(1, 3))), ((F(0), F(1, 3)), (F(1), F(1, 3))),
             ((F(1), F(1, 3)), (F(1), F(1)))],
            False, id="switch-at-one-third",
        ),
        pytest.param(
            F(0), F(1),
            [((F(0), F(0)), (F(1), F(0))), ((F(1), F(0)), (F(1), F(1)))],
            False, id="indifferent-at-the-edge",
        ),
    ],
)
def test_best_response_segments(base, slope, segments, everywhere) -> None:
    assert best_response_segments(base, slope) == (segments, everywhere)


def test_convex_hull_and_pareto_frontier() -> None:
    points = [(F(0), F(0)), (F(3), F(0)), (F(0), F(3)), (F(1), F(1)), (F(2), F(2)), (F(3), F(0))]
    hull = convex_hull(points)
    assert hull == [(F(0), F(0)), (F(3), F(0)), (F(2), F(2)), (F(0), F(3))]
    assert pareto_frontier(hull) == [(F(3), F(0)), (F(2), F(2)), (F(0), F(3))]
    # A single point and a segment are their own hulls.
    assert pareto_frontier(convex_hull([(F(1), F(1))])) == [(F(1), F(1))]
    assert pareto_frontier(convex_hull([(F(0), F(0)), (F(1), F(1))])) == [(F(1), F(1))]


# --------------------------------------------------------------------------- figures
def test_best_response_figure_labels_players_strategies_and_equilibria() -> None:
    fig = best_response_figure(solve(DATE))
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Pr(Ann plays opera)"
    assert ax.get_ylabel() == "Pr(Bob plays opera)"
    assert ax.get_title(loc="left") == "Date night"
    assert [t.get_text() for t in ax.texts] == ["E1 (1, 1)", "E2 (2/3, 1/3)", "E3 (0, 0)"]
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["Ann's best response", "Bob's best response", "Nash equilibrium"]


def test_best_response_figure_shades_an_indifferent_player() -> None:
    fig = best_response_figure(solve(WEAK))
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Column indifferent everywhere" in labels
    assert len(fig.axes[0].texts) == 4


def test_payoff_space_figure() -> None:
    fig = payoff_space_figure(solve(DATE), title="Payoffs")
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == (
        "Ann's payoff\n(each outcome is labelled: Ann's strategy, Bob's strategy)", "Bob's payoff"
    )
    texts = [t.get_text() for t in ax.texts]
    assert "opera, football / football, opera" in texts  # both outcomes pay (0, 0)
    assert "E2 (2/3, 2/3)" in texts


def test_best_response_needs_a_2x2_game() -> None:
    with pytest.raises(GameValueError, match="needs a 2x2 game; this one is 3x2"):
        best_response_figure(solve(THREE_BY_TWO))


def test_default_kind_depends_on_the_shape() -> None:
    assert figure_bytes(solve(THREE_BY_TWO)) == figure_bytes(
        solve(THREE_BY_TWO), kind="payoff-space"
    )


@pytest.mark.parametrize(
    ("fmt", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF"), ("svg", b"<?xml")]
)
def test_figure_formats_are_reproducible(fmt: str, magic: bytes) -> None:
    first = figure_bytes(solve(DATE), format=fmt)
    assert first.startswith(magic)
    assert figure_bytes(solve(DATE), format=fmt) == first
    assert b"CreationDate" not in first and b"<dc:date>" not in first


def test_figure_bytes_equal_across_processes() -> None:
    script = (
        "import hashlib, sys\n"
        "from gametheory import Game, solve\n"
        "from gametheory.plot import figure_bytes\n"
        "g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])\n"
        "print(hashlib.sha256(figure_bytes(solve(g), format=sys.argv[1])).hexdigest())\n"
    )
    for fmt in ("png", "pdf", "svg"):
        runs = {
            subprocess.run([sys.executable, "-c", script, fmt], capture_output=True, text=True,
                           check=True).stdout
            for _ in range(2)
        }
        assert len(runs) == 1


def test_unknown_format_and_kind() -> None:
    with pytest.raises(GameValueError, match="unknown figure format 'gif'"):
        figure_bytes(solve(DATE), format="gif")
    with pytest.raises(GameValueError, match="unknown kind of figure 'pie'"):
        figure_bytes(solve(DATE), kind="pie")


def test_three_players_cannot_be_drawn() -> None:
    game = Game.from_arrays([[[1, 0], [0, 1]]] * 2, [[[1, 0], [0, 1]]] * 2,
                            [[[1, 0], [0, 1]]] * 2)
    with pytest.raises(GameValueError, match="figures need a two-player game"):
        payoff_space_figure(solve(game))
