"""Marks on a regime map (:func:`.plot.plot_regime_map`): thresholds drawn as lines, letters
with leader lines, the model's own point.

A grid cell whose centre lies exactly on a boundary curve (found in exact arithmetic) samples
the threshold itself, a set of measure zero: its equilibria hold on the line only. Filled as
a cell, it would look like a strip of a region one cell wide. Such a region is drawn as the
line instead, and its cells take the colour of a neighbouring region.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Any

__all__ = ["leader_label", "line_equation", "mark_default", "threshold_regions"]


def _exact_polynomial(expr: Any, x: str, y: str) -> Any:
    """``expr(x, y)`` evaluated exactly in Fractions (a polynomial with rational coefficients)."""
    import sympy

    sx, sy = sympy.Symbol(x, real=True), sympy.Symbol(y, real=True)
    terms = [
        (a, b, Fraction(int(sympy.numer(c)), int(sympy.denom(c))))
        for (a, b), c in sympy.Poly(expr, sx, sy).terms()
    ]
    return lambda u, v: sum(c * u**a * v**b for a, b, c in terms)


def threshold_regions(
    rmap: Any,
) -> tuple[list[list[int]], dict[int, int], dict[tuple[int, int], tuple[str, int, int]]]:
    """The cells to fill, the regions that lie on a threshold line, and the cells it halves.

    Returns
    -------
    cells : list of list of int
        ``rmap.cells`` with every cell of a threshold region given a neighbouring region.
    lines : dict of int to int
        Threshold region index -> index of the boundary (in ``rmap.boundaries``) it lies on.
    halves : dict of (j, i) to (axis, int, int)
        Cells cut through their centre by a threshold parallel to an axis (``"x"``: a line
        ``x = c``): the regions of the lower and the upper half, from the neighbours there.
    """
    polynomials = [_exact_polynomial(b.expression, rmap.x, rmap.y) for b in rmap.boundaries]
    on: dict[tuple[int, int], int] = {}
    for j, yv in enumerate(rmap.y_values):
        for i, xv in enumerate(rmap.x_values):
            for b, value in enumerate(polynomials):
                if value(xv, yv) == 0:
                    on[(j, i)] = b
                    break
    where: dict[int, list[tuple[int, int]]] = {}
    for j, row in enumerate(rmap.cells):
        for i, k in enumerate(row):
            where.setdefault(k, []).append((j, i))
    lines = {
        k: Counter(on[c] for c in spots).most_common(1)[0][0]
        for k, spots in where.items() if all(c in on for c in spots)
    }
    cells = [list(row) for row in rmap.cells]
    if len(lines) == len(where):
        return cells, {}, {}  # every sample on a line: nothing to fill with
    pending = [c for k in lines for c in where[k]]
    while pending:  # a cell takes a neighbour's region; strips more than one cell wide too
        left = []
        for j, i in pending:
            near = [cells[jj][ii] for jj, ii in ((j, i - 1), (j, i + 1), (j - 1, i), (j + 1, i))
                    if 0 <= jj < len(cells) and 0 <= ii < len(cells[0])
                    and cells[jj][ii] not in lines]
            if near:
                cells[j][i] = near[0]
            else:
                left.append((j, i))
        if len(left) == len(pending):
            break
        pending = left
    halves: dict[tuple[int, int], tuple[str, int, int]] = {}
    for k, b in lines.items():
        symbols = {s.name for s in rmap.boundaries[b].expression.free_symbols}
        if len(symbols) != 1:
            continue  # a curve, or a line across both axes: the whole cell takes one side
        axis = "x" if symbols == {rmap.x} else "y"
        for j, i in where[k]:
            low, high = ((j, i - 1), (j, i + 1)) if axis == "x" else ((j - 1, i), (j + 1, i))
            sides = [cells[jj][ii] if 0 <= jj < len(cells) and 0 <= ii < len(cells[0])
                     and rmap.cells[jj][ii] not in lines else cells[j][i] for jj, ii in (low, high)]
            halves[(j, i)] = (axis, sides[0], sides[1])
    return cells, lines, halves


def line_equation(boundary: Any) -> str:
    """The threshold as an equation: ``d = 2``, or ``expression = 0``."""
    if boundary.solutions:
        name, value = boundary.solutions[0]
        return f"{name} = {value}"
    return f"{boundary.expression} = 0"


def leader_label(ax: Any, text: str, point: tuple[float, float], turn: int) -> None:
    """A region's letter beside ``point``, joined to it by a leader line."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    right = point[0] < (x0 + x1) / 2
    up = point[1] < (y0 + y1) / 2
    lift = 22 + 14 * (turn % 3)
    ax.annotate(
        text, point, xytext=(lift if right else -lift, lift if up else -lift),
        textcoords="offset points", ha="center", va="center", fontsize=10, fontweight="bold",
        zorder=6, annotation_clip=False,
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "#333333",
              "lw": 0.6},
        arrowprops={"arrowstyle": "-", "color": "#333333", "lw": 0.8, "shrinkA": 0,
                    "shrinkB": 0},
    )


def mark_default(ax: Any, rmap: Any) -> Any:
    """A star at the model's values of the two parameters (if known); its legend handle."""
    default = getattr(rmap, "default", None)
    if default is None:
        return None
    from ..numbers import format_fraction

    x, y = default
    text = f"model's values ({rmap.x} = {format_fraction(x)}, {rmap.y} = {format_fraction(y)})"
    (star,) = ax.plot([float(x)], [float(y)], marker="*", markersize=14, color="black",
                      markeredgecolor="white", markeredgewidth=0.8, linestyle="none", zorder=7,
                      clip_on=False, label=text)
    return star
