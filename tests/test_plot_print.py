"""Figures an author can print: --dpi, regime maps with thresholds drawn as lines, every
region lettered, the model's point marked, axes named from the parameters' descriptions, and
payoff-space labels that say whose strategy comes first."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

import cli
from gametheory import solve
from gametheory.models import load_model

pytest.importorskip("matplotlib")
Image = pytest.importorskip("PIL.Image", reason="Pillow reads the PNG's size")

MODEL = "us-russia-2x2"


@pytest.fixture(scope="module")
def parametric():
    from gametheory.sensitivity import ParametricGame

    return ParametricGame.from_model(load_model(MODEL))


@pytest.mark.parametrize("command", [
    ["plot", MODEL],
    ["robustness", MODEL, "-n", "20", "--seed", "1", "--plot"],
    ["sweep", MODEL, "--param", "d=0:4:5", "--plot"],
    ["qre", MODEL, "--plot"],
    ["repeated", MODEL, "--plot"],
])
def test_dpi_sets_the_png_resolution(command, tmp_path):
    sizes = []
    for dpi in (50, 100):
        target = tmp_path / f"f{dpi}.png"
        args = [*command, str(target), "--dpi", str(dpi)]
        if command[0] == "plot":
            args = [*command, "-o", str(target), "--dpi", str(dpi)]
        result = CliRunner().invoke(cli.cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        with Image.open(target) as image:
            sizes.append(image.size)
    # Twice the dots per inch: twice the pixels each way (matplotlib rounds to a pixel).
    assert all(abs(2 * a - b) <= 1 for a, b in zip(sizes[0], sizes[1], strict=True))


def test_dpi_is_refused_for_vector_figures(tmp_path):
    result = CliRunner().invoke(cli.cli, ["plot", MODEL, "-o", str(tmp_path / "f.pdf"),
                                          "--dpi", "300"])
    assert result.exit_code == 2 and "--dpi applies to PNG figures" in result.output
    assert not (tmp_path / "f.pdf").exists()


def test_a_threshold_sampled_on_the_grid_is_a_line_not_a_strip(parametric):
    from gametheory.sensitivity import analyse_parameter, regime_map
    from gametheory.sensitivity._map_marks import line_equation, threshold_regions

    # d ranges over [0, 4]: with 5 cells a side the middle column's centre is d = 2, where
    # the one-parameter analysis finds a threshold (an equilibrium set of its own at d = 2).
    assert 2 in analyse_parameter(parametric, "d").thresholds
    rmap = regime_map(parametric, "d", "w", resolution=5)
    middle = {row[2] for row in rmap.cells}
    cells, lines, halves = threshold_regions(rmap)
    assert lines, "the column on d = 2 is a threshold region"
    for k, b in lines.items():
        assert k in middle
        assert line_equation(rmap.boundaries[b]) == "d = 2"
        assert all(k not in row for row in cells)  # filled with its neighbours
    for (j, i), (axis, low, high) in halves.items():
        assert (axis, i) == ("x", 2)
        assert (low, high) == (cells[j][1], cells[j][3])
    # With an even number of cells no centre is on d = 2: no threshold region.
    assert threshold_regions(regime_map(parametric, "d", "w", resolution=4))[1] == {}


def test_regime_map_letters_every_region_and_marks_the_model(parametric):
    from gametheory.sensitivity import plot_regime_map, regime_map

    model = load_model(MODEL)
    rmap = regime_map(parametric, "d", "w", resolution=5)
    assert rmap.default == (model.parameters["d"].value, model.parameters["w"].value)
    descriptions = {n: p.description for n, p in model.parameters.items()}
    svg = plot_regime_map(rmap, fmt="svg", descriptions=descriptions).decode()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    for region in rmap.regions:  # on the map (in place or with a leader line) and in the key
        assert texts.count(region.label) >= 2, region.label
    assert "d: US impatience" in texts
    d, w = rmap.default
    assert f"model's values (d = {d}, w = {w})" in [t.replace("&#39;", "'") for t in texts]
    assert any(t.startswith("on the line d = 2") for t in texts)


def test_sweep_names_its_axis_from_the_description(tmp_path):
    target = tmp_path / "sweep.svg"
    result = CliRunner().invoke(cli.cli, ["sweep", MODEL, "--param", "d=0:4:5", "--plot",
                                          str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert ">d: US impatience<" in target.read_text()


def test_payoff_space_says_whose_strategy_comes_first():
    from gametheory.plot import payoff_space_figure

    fig = payoff_space_figure(solve(load_model("us-russia").game()))
    assert "US's strategy, Russia's strategy" in fig.axes[0].get_xlabel()
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "concede, hard_demand" in labels  # US's strategy first, as the axis label says
    game = load_model("us-russia").game()
    assert game.strategies[0][0] == "concede" and "hard_demand" in game.strategies[1]
