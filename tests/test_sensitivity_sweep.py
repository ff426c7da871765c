"""Sweeps, regime maps, reports and figures of the sensitivity package."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import sympy

from gametheory.algorithms.exact import exact_equilibria
from gametheory.errors import GameValueError
from gametheory.sensitivity import (
    ParametricGame,
    format_analysis,
    format_report,
    format_sweep,
    parse_grid,
    parse_param_grid,
    plot_regime_map,
    plot_sweep,
    regime_map,
    sensitivity,
    sweep,
)

c, d = sympy.symbols("c d", real=True)


def _game() -> ParametricGame:
    return ParametricGame.from_arrays(
        [[c, 1], [2, 0]], [[d, 0], [0, 1]], parameters={"c": ("1", "0", "4"), "d": ("1", "-1", "3")}
    )


def test_parse_grid() -> None:
    assert parse_grid("0:5:101")[1] == Fraction(1, 20)
    assert parse_grid("1/3:1/3:1") == (Fraction(1, 3),)
    assert parse_param_grid(" c = 0:1:3 ") == ("c", (0, Fraction(1, 2), 1))
    for bad in ("0:1", "0:1:x", "1:0:3", "0:1:0", "a:1:2"):
        with pytest.raises(GameValueError):
            parse_grid(bad)
    with pytest.raises(GameValueError, match="NAME=start"):
        parse_param_grid("0:1:3")


def test_sweep_matches_the_exact_solver_and_reports_progress() -> None:
    pg = _game()
    calls = []
    result = sweep(pg, "c", parse_grid("0:4:9"), progress=lambda k, n: calls.append((k, n)))
    assert calls == [(k, 9) for k in range(1, 10)]
    for point in result.points:
        expected = exact_equilibria(pg.game({"c": point.value})).equilibria
        assert point.equilibria == expected
    assert next(iter(result.series())) == (("1", "2"), ("1", "2"))
    data = json.loads(json.dumps(result.to_dict()))
    assert data["parameter"] == "c" and data["fixed"] == {"d": "1"}
    assert len(data["points"]) == 9
    assert format_sweep(result, "csv").splitlines()[0] == "c,#,Row,Column,Row payoff,Column payoff"
    with pytest.raises(GameValueError, match="outside the range"):
        sweep(pg, "c", [5])


def test_regime_map_regions_and_exact_boundaries() -> None:
    pg = _game()
    rmap = regime_map(pg, "c", "d", resolution=8)
    # d > 0: a mixed equilibrium when c < 3 - ..., pure (1, 1) when c > 2; d < 0: no mixing.
    equations = [b.to_dict()["equation"] for b in rmap.boundaries]
    assert "c - 2 = 0" in equations and "d = 0" in equations
    for j, yv in enumerate(rmap.y_values):
        for i, xv in enumerate(rmap.x_values):
            region = rmap.regions[rmap.cells[j][i]]
            numeric = exact_equilibria(pg.game({"c": xv, "d": yv})).equilibria
            assert len(region.equilibria) == len(numeric)
    with pytest.raises(GameValueError, match="differ"):
        regime_map(pg, "c", "c")


def test_report_formats() -> None:
    report = sensitivity(_game(), ["c"])
    data = json.loads(format_report(report, "json"))
    assert data["parameter"] == "c" and data["thresholds"] == ["2"]
    assert "statics" in data
    assert "\\frac{1}{2}\\,\\mbox{1}" in format_report(report, "latex")
    assert format_report(report, "markdown").count("|---|") >= 1
    assert "Thresholds: 2" in format_analysis(report.analyses[0])
    both = json.loads(format_report(sensitivity(_game(), ["c", "d"], resolution=4), "json"))
    assert [a["parameter"] for a in both["analyses"]] == ["c", "d"] and "map" in both
    with pytest.raises(GameValueError, match="unknown format"):
        format_report(report, "yaml")
    with pytest.raises(GameValueError, match="at most two"):
        sensitivity(_game(), ["c", "d", "c"])


def test_figures_are_deterministic() -> None:
    pytest.importorskip("matplotlib")
    result = sweep(_game(), "c", parse_grid("0:4:5"))
    for fmt in ("png", "svg", "pdf"):
        assert plot_sweep(result, fmt=fmt) == plot_sweep(result, fmt=fmt)
    rmap = regime_map(_game(), "c", "d", resolution=4)
    first = plot_regime_map(rmap, fmt="png")
    assert first[:4] == b"\x89PNG" and first == plot_regime_map(rmap, fmt="png")
    with pytest.raises(GameValueError, match="figure format"):
        plot_sweep(result, "out.gif")
