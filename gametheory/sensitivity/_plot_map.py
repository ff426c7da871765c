"""The figure of a two-parameter regime map: regions coloured and lettered, boundaries as
curves (:func:`plot_regime_map`).

matplotlib is imported inside the functions (an optional dependency).
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..plot import require_matplotlib
from ._plot_common import (
    _HATCHES,
    _REGION_COLOURS,
    _WIDTH,
    _axis_label,
    _Described,
    _f,
    _figure,
    _save,
    _style,
    _support_text,
    _title,
)

__all__ = ["plot_regime_map"]


def _blocks(cells: Sequence[Sequence[int]]) -> Iterator[tuple[int, int, int, int, int]]:
    """Every maximal rectangle of cells of one region: (region, i0, i1, j0, j1), inclusive.

    The largest-rectangle-in-a-histogram method, row by row, over runs of one region.
    """
    height = [0] * (len(cells[0]) if cells else 0)
    for j, row in enumerate(cells):
        for i, r in enumerate(row):
            height[i] = height[i] + 1 if j and cells[j - 1][i] == r else 1
        start = 0
        while start < len(row):
            end = start
            while end + 1 < len(row) and row[end + 1] == row[start]:
                end += 1
            stack: list[tuple[int, int]] = []  # (left edge, height)
            for i in range(start, end + 2):
                h = height[i] if i <= end else 0
                left = i
                while stack and stack[-1][1] >= h:
                    left, top = stack.pop()
                    yield row[start], left, i - 1, j - top + 1, j
                stack.append((left, h))
            start = end + 1


def _wrapped(support: Sequence[Sequence[str]], width: int) -> list[str]:
    """The supports' text in lines of at most ``width`` characters, broken before a ``×``."""
    parts = _support_text(support).split(" \u00d7 ")
    pieces = [parts[0]] + ["\u00d7 " + part for part in parts[1:]]
    lines: list[str] = []
    for piece in pieces:
        if lines and len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            indent = "  " if lines else ""
            lines += textwrap.wrap(
                indent + piece, width, subsequent_indent="    ", break_on_hyphens=False
            )
    return lines


def _region_text(region: Any, width: int) -> str:
    items = [_wrapped(eq.support(), width) for eq in region.equilibria]
    lines = [line for item in items for line in item]
    return "\n".join(lines or textwrap.wrap(region.description, width) or [region.description])


def plot_regime_map(
    rmap: Any, path: str | os.PathLike[str] | None = None, fmt: str | None = None, *,
    descriptions: Mapping[str, str] | None = None, dpi: int | None = None,
) -> bytes:
    """Draw a two-parameter regime map: regions coloured and labelled, boundaries as curves.

    Each region is filled in its own colour (twelve colours, then hatching) and lettered in its
    largest block of cells when the letter fits there, else beside it with a leader line; the
    key under the map lists every region, one equilibrium a line. The exact boundary curves
    are drawn where they separate regions. A region whose samples all lie exactly on a boundary
    (a threshold, a set of measure zero) is drawn as that line, thick, and lettered with a
    leader line; its cells take a neighbour's colour (:mod:`._map_marks`). The model's own
    values of the two parameters are marked with a star. Axis labels add the first phrase of
    each parameter's description (``descriptions``, else the map's own, if any). ``dpi``
    sets the resolution of a PNG.

    Parameters
    ----------
    rmap : RegimeMap
    path : path, optional
        Where to write the figure; the suffix chooses the format.
    fmt : {"png", "svg", "pdf"}, optional

    Returns
    -------
    bytes
    """
    import numpy as np
    import sympy
    require_matplotlib()  # a clear error, before any matplotlib import, without the extra
    from matplotlib.patches import Patch, PathPatch, Rectangle
    from matplotlib.path import Path as MplPath

    xs = [_f(v) for v in rmap.x_values]
    ys = [_f(v) for v in rmap.y_values]
    dx = (xs[1] - xs[0]) / 2 if len(xs) > 1 else 0.5
    dy = (ys[1] - ys[0]) / 2 if len(ys) > 1 else 0.5
    extent = (xs[0] - dx, xs[-1] + dx, ys[0] - dy, ys[-1] + dy)
    from ._map_marks import leader_label, line_equation, mark_default, threshold_regions

    cells, on_line, halves = threshold_regions(rmap)
    n = len(rmap.regions)

    def colour(k: int) -> str:
        return _REGION_COLOURS[k % len(_REGION_COLOURS)]

    def hatch(k: int) -> str:
        return _HATCHES[(k // len(_REGION_COLOURS)) % len(_HATCHES)]

    two_columns = n > 4
    width = 44 if two_columns else 90
    labels = [
        (f"on the line {line_equation(rmap.boundaries[on_line[k]])} (thick): "
         if k in on_line else "") + _region_text(r, width)
        for k, r in enumerate(rmap.regions)
    ]
    key_lines = sum(label.count("\n") + 1 for label in labels)
    if two_columns:
        key_lines = (key_lines + 1) // 2 + 2
    with _style():
        fig = _figure(_WIDTH, 4.3 + 0.2 * key_lines + 0.3)
        ax = fig.add_subplot()
        # Each region is one compound path of its row runs: no seams inside a region, crisp
        # edges in vector formats, and hatching possible.
        for k in range(n):
            vertices: list[tuple[float, float]] = []
            codes: list[int] = []
            for j, row in enumerate(cells):
                i = 0
                while i < len(row):
                    if row[i] != k:
                        i += 1
                        continue
                    end = i
                    while end + 1 < len(row) and row[end + 1] == k:
                        end += 1
                    x0, x1, y0, y1 = xs[i] - dx, xs[end] + dx, ys[j] - dy, ys[j] + dy
                    vertices += [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
                    codes += [MplPath.MOVETO] + [MplPath.LINETO] * 3 + [MplPath.CLOSEPOLY]
                    i = end + 1
            if vertices:
                ax.add_patch(
                    PathPatch(
                        MplPath(vertices, codes),
                        facecolor=colour(k),
                        edgecolor=colour(k) if not hatch(k) else "#666666",
                        # A hairline in the fill colour hides seams between regions.
                        linewidth=0.3 if not hatch(k) else 0,
                        hatch=hatch(k) or None,
                        zorder=1,
                    )
                )
        for (j, i), (axis, low, high) in halves.items():  # cells a threshold cuts in two
            for half, k in ((0, low), (1, high)):
                x0, y0 = xs[i] - dx, ys[j] - dy
                width, height = (dx, 2 * dy) if axis == "x" else (2 * dx, dy)
                corner = (x0 + half * dx, y0) if axis == "x" else (x0, y0 + half * dy)
                ax.add_patch(Rectangle(corner, width, height, facecolor=colour(k),
                                       edgecolor=colour(k), linewidth=0.3,
                                       hatch=hatch(k) or None, zorder=1.1))
        # Boundaries, drawn only in cells next to a change of region that they explain.
        sx, sy = sympy.Symbol(rmap.x, real=True), sympy.Symbol(rmap.y, real=True)
        fine_x = np.linspace(extent[0], extent[1], 400)
        fine_y = np.linspace(extent[2], extent[3], 400)
        gx, gy = np.meshgrid(fine_x, fine_y)
        cx, cy = np.meshgrid(np.array(xs), np.array(ys))
        col = np.clip(((gx - extent[0]) / (2 * dx)).astype(int), 0, len(xs) - 1)
        row_of = np.clip(((gy - extent[2]) / (2 * dy)).astype(int), 0, len(ys) - 1)
        region = np.array(cells, dtype=int)
        labels_of = [r.label for r in rmap.regions]
        for boundary in rmap.boundaries:
            fn = sympy.lambdify((sx, sy), boundary.expression, modules="numpy")
            values = np.broadcast_to(np.asarray(fn(gx, gy), dtype=float), gx.shape)
            signs = np.sign(np.broadcast_to(np.asarray(fn(cx, cy), dtype=float), cx.shape))
            # separates[p, q]: the boundary lies between regions p and q.
            separates = np.zeros((n, n), dtype=bool)
            for first, second in boundary.between:
                p, q = labels_of.index(first), labels_of.index(second)
                separates[p, q] = separates[q, p] = True
            for k in on_line:  # the regions on both sides of a threshold region
                beside = np.flatnonzero(separates[k])
                separates[np.ix_(beside, beside)] = True
            np.fill_diagonal(separates, False)
            active = np.zeros(region.shape, dtype=bool)
            for dj, di in ((0, 1), (1, 0)):
                a = region[: region.shape[0] - dj, : region.shape[1] - di]
                b = region[dj:, di:]
                sa = signs[: region.shape[0] - dj, : region.shape[1] - di]
                sb = signs[dj:, di:]
                between = separates[a, b]
                edge = (a != b) & (sa != sb) & between
                active[: region.shape[0] - dj, : region.shape[1] - di] |= edge
                active[dj:, di:] |= edge
            masked = np.ma.masked_where(~active[row_of, col], values)
            if masked.count() and np.nanmin(masked) <= 0 <= np.nanmax(masked):
                ax.contour(gx, gy, masked, levels=[0], colors="black", linewidths=1.1, zorder=3)
        original = np.array(rmap.cells, dtype=int)
        for k, b in on_line.items():  # threshold regions: their line, thick, where they are
            fn = sympy.lambdify((sx, sy), rmap.boundaries[b].expression, modules="numpy")
            values = np.broadcast_to(np.asarray(fn(gx, gy), dtype=float), gx.shape)
            masked = np.ma.masked_where(original[row_of, col] != k, values)
            if masked.count() and np.nanmin(masked) <= 0 <= np.nanmax(masked):
                ax.contour(gx, gy, masked, levels=[0], colors="black", linewidths=2.6,
                           zorder=3.5)
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        named = _Described(descriptions) if descriptions is not None else rmap
        ax.set_xlabel(_axis_label(named, rmap.x))
        ax.set_ylabel(_axis_label(named, rmap.y))
        # A long title with the fixed values is wrapped rather than cut at the figure's edge.
        ax.set_title("\n".join(textwrap.wrap(_title(rmap.title, "Regime map", rmap.fixed), 80)),
                     fontsize=11)
        star = mark_default(ax, rmap)
        players = next((r.equilibria[0].players for r in rmap.regions if r.equilibria), ())
        handles = [
            Patch(
                facecolor=colour(k) if k not in on_line else "white",  # drawn as a line
                edgecolor="#666666",
                linewidth=0.5,
                hatch=hatch(k) or None,
                label=label,
            )
            for k, label in enumerate(labels)
        ]
        handler_map: dict[Any, Any] = {
            h: _LetteredSwatch(r.label) for h, r in zip(handles, rmap.regions, strict=True)
        }
        if star is not None:
            handles.append(star)
        fig.legend(
            handles=handles,
            handler_map=handler_map,
            loc="outside lower left",
            ncols=2 if two_columns else 1,
            frameon=False,
            handlelength=2.0,
            handleheight=1.4,
            labelspacing=0.7,
            title="Regions and their equilibria"
            + (" (supports: " + " \u00d7 ".join(players) + "; (a, b): pure)" if players else ""),
            alignment="left",
        )
        unlettered = _letter_regions(fig, ax, rmap, cells, xs, ys, dx, dy, set(on_line))
        for turn, (k, point) in enumerate(sorted(unlettered.items())):
            leader_label(ax, rmap.regions[k].label, point, turn)
        return _save(fig, path, fmt, dpi)


class _LetteredSwatch:
    """A legend handle: the region's colour with its letter on it, as on the map."""

    def __init__(self, letter: str) -> None:
        self.letter = letter

    def legend_artist(self, legend: Any, orig_handle: Any, fontsize: float, handlebox: Any) -> Any:
        from matplotlib.patches import Rectangle
        from matplotlib.text import Text

        x0, y0 = -handlebox.xdescent, -handlebox.ydescent
        w, h = handlebox.width, handlebox.height
        patch = Rectangle(
            (x0, y0),
            w,
            h,
            facecolor=orig_handle.get_facecolor(),
            edgecolor=orig_handle.get_edgecolor(),
            linewidth=orig_handle.get_linewidth(),
            hatch=orig_handle.get_hatch(),
            transform=handlebox.get_transform(),
        )
        text = Text(
            x0 + w / 2,
            y0 + h / 2,
            self.letter,
            ha="center",
            va="center",
            fontsize=fontsize,
            fontweight="bold",
            transform=handlebox.get_transform(),
        )
        handlebox.add_artist(patch)
        handlebox.add_artist(text)
        return patch


def _letter_regions(
    fig: Any,
    ax: Any,
    rmap: Any,
    cells: list[list[int]],
    xs: list[float],
    ys: list[float],
    dx: float,
    dy: float,
    lines: set[int] = frozenset(),  # type: ignore[assignment]
) -> dict[int, tuple[float, float]]:
    """Letter each region at the centre of its largest block of cells in which the letter fits
    (at 11 pt, else 8 pt). Returns, for every other region (one too thin for its letter, or a
    threshold region in ``lines``, drawn as a line), a point of it for a leader line."""
    points: dict[int, tuple[float, float]] = {}
    for k in lines:  # the middle one of its cells: its centre is on the line
        spots = [(j, i) for j, row in enumerate(rmap.cells) for i, r in enumerate(row) if r == k]
        j, i = spots[len(spots) // 2]
        points[k] = (xs[i], ys[j])
    if not cells:
        return points
    # The axes' size is known only once the layout has run.
    fig.draw_without_rendering()
    box = ax.get_position()
    width, height = fig.get_size_inches()
    cell_w = box.width * width / len(xs) * 72  # points
    cell_h = box.height * height / len(ys) * 72
    best: dict[int, tuple[tuple[int, int], tuple[int, int, int, int]]] = {}
    for k, i0, i1, j0, j1 in _blocks(cells):
        w, h = (i1 - i0 + 1) * cell_w, (j1 - j0 + 1) * cell_h
        fits = 2 if w >= 24 and h >= 18 else 1 if w >= 14 and h >= 13 else 0
        score = (fits, (i1 - i0 + 1) * (j1 - j0 + 1))
        if k not in best or score > best[k][0]:
            best[k] = (score, (i0, i1, j0, j1))
    for k, ((fits, _), (i0, i1, j0, j1)) in sorted(best.items()):
        label = rmap.regions[k].label
        size = 11 if fits == 2 else 8
        needed = 0.65 * size * len(label) + 6
        block_w = (i1 - i0 + 1) * cell_w
        if not fits or block_w < needed:
            points[k] = ((xs[i0] + xs[i1]) / 2, (ys[j0] + ys[j1]) / 2)
            continue
        ax.text(
            (xs[i0] + xs[i1]) / 2,
            (ys[j0] + ys[j1]) / 2,
            label,
            ha="center",
            va="center",
            fontsize=size,
            fontweight="bold",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.7, "lw": 0},
        )
    return points
