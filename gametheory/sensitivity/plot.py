"""Figures of sensitivity analyses: sweeps and two-parameter regime maps.

matplotlib is imported inside the functions (it is an optional dependency: ``pip install
gametheory-exact[plot]``). Figures are drawn without pyplot's global state and saved with fixed
metadata, so the same analysis always gives the same bytes (PNG, SVG or PDF, chosen by the
file's suffix).

The figures are sized for a printed page (7 inches wide, text at 9 pt or more at that size) and
use colour-blind-safe qualitative palettes: Okabe and Ito's for lines, ColorBrewer's Set3 for
regions (cycled with hatching beyond twelve regions).
"""

from __future__ import annotations

import io
import math
import os
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import GameValueError
from ..plot import FIGURE_METADATA, require_matplotlib

__all__ = ["plot_regime_map", "plot_sweep"]

_FORMATS = ("png", "svg", "pdf")
_WIDTH = 7.0  # inches: the width of a full-width figure on a printed page

_STYLE = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.title_fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.linewidth": 0.8,
    "lines.linewidth": 1.6,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "pdf.fonttype": 42,
}
# Okabe & Ito (2008), colour-blind safe; yellow last, as it is faint on white.
_LINE_COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)
# The payoff panel's players, in the colours of the project's other figures.
_PLAYER_COLOURS = ("#1f5fa8", "#d0661e", "#2a9d3a", "#7b3294", "#555555")
# One marker and line style per equilibrium branch (12 x 4 combinations before repeating).
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "h", "*", "p")
_LINESTYLES = ("-", "--", "-.", ":")
# ColorBrewer Set3: twelve light qualitative colours that keep black letters readable.
_REGION_COLOURS = (
    "#8dd3c7",
    "#ffffb3",
    "#bebada",
    "#fb8072",
    "#80b1d3",
    "#fdb462",
    "#b3de69",
    "#fccde5",
    "#d9d9d9",
    "#bc80bd",
    "#ccebc5",
    "#ffed6f",
)
_HATCHES = ("", "///", "\\\\\\", "xxx", "...", "|||", "---")


def _format(path: str | os.PathLike[str] | None, fmt: str | None) -> str:
    if fmt is None:
        suffix = Path(path).suffix.lower().lstrip(".") if path is not None else "png"
        fmt = suffix or "png"
    if fmt not in _FORMATS:
        raise GameValueError(
            f"unknown figure format {fmt!r} (use .png, .svg or .pdf)", key="--plot"
        )
    return fmt


def _save(
    fig: Any, path: str | os.PathLike[str] | None, fmt: str | None, dpi: int | None = None
) -> bytes:
    matplotlib = require_matplotlib()

    fmt = _format(path, fmt)
    metadata = FIGURE_METADATA[fmt]
    buffer = io.BytesIO()
    # A fixed salt makes SVG element ids, and so the bytes, reproducible.
    with matplotlib.rc_context({"svg.hashsalt": "gametheory", "svg.fonttype": "none"}):
        fig.savefig(buffer, format=fmt, metadata=metadata, **({"dpi": dpi} if dpi else {}))
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


@contextmanager
def _style() -> Iterator[None]:
    matplotlib = require_matplotlib()

    # Text sizes are read from rcParams when artists are made and when the layout is drawn,
    # so the whole figure is built and saved inside the context.
    with matplotlib.rc_context(_STYLE):
        yield


def _f(value: Any) -> float:
    """An exact value as a float for drawing; beyond the float range, a clear error."""
    from ..numbers import to_float

    return to_float(value, where="the figure")


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _axis_label(obj: Any, name: str) -> str:
    """The parameter's name, with the first phrase of its description if the result has one."""
    descriptions = getattr(obj, "descriptions", None)
    text = descriptions.get(name, "") if isinstance(descriptions, Mapping) else ""
    short = text.split(":")[0].split("(")[0].split(".")[0].split(",")[0].strip()
    if not short:
        return name
    # Two lines at most, so that a label fits the height of a map's vertical axis.
    lines = textwrap.wrap(f"{name}: {short}", 42)
    if len(lines) > 2:
        lines = [lines[0], lines[1][:40].rstrip() + "\u2026"]
    return "\n".join(lines)


def _title(title: str, default: str, fixed: Mapping[str, Any]) -> str:
    values = ", ".join(f"{k} = {v}" for k, v in fixed.items())
    return (title or default) + (f" ({values})" if values else "")


def _support_text(support: Sequence[Sequence[str]]) -> str:
    """Supports as a product of sets, or a pure profile as a tuple."""
    if all(len(s) == 1 for s in support):
        return "(" + ", ".join(s[0] for s in support) + ")"
    return " \u00d7 ".join("{" + ", ".join(s) + "}" for s in support)


def _branches(result: Any) -> dict[tuple[Any, int], dict[int, Any]]:
    """Equilibria followed along the grid: by support, and by rank among equal supports.

    Keys are in order of first appearance; values map grid index -> equilibrium.
    """
    out: dict[tuple[Any, int], dict[int, Any]] = {}
    for k, point in enumerate(result.points):
        seen: dict[Any, int] = {}
        for eq in point.equilibria:
            support = eq.support()
            rank = seen.get(support, 0)
            seen[support] = rank + 1
            out.setdefault((support, rank), {})[k] = eq
    return out


def _marked(present: Sequence[int], offset: int, step: int) -> list[int]:
    """Grid indices that get a marker: every ``step``-th, staggered by branch so that markers
    of overlapping branches alternate, plus every isolated point (no line would show it)."""
    alive = set(present)
    marks = [k for k in present if (k + offset) % step == 0]
    marks += [k for k in present if k - 1 not in alive and k + 1 not in alive]
    if not marks and present:
        marks = [present[len(present) // 2]]
    return sorted(set(marks))


def plot_sweep(
    result: Any, path: str | os.PathLike[str] | None = None, fmt: str | None = None, *,
    descriptions: Mapping[str, str] | None = None, dpi: int | None = None,
) -> bytes:
    """Draw each equilibrium's probabilities and payoffs against the swept parameter.

    One panel per player shows the probability of each of its strategies (one colour per
    strategy label, the same in every panel), one panel the payoffs (one colour per player).
    Equilibria are followed along the parameter by their supports: each such branch is named
    E1, E2, ... in order of first appearance and has its own marker and line style; a key
    under the panels gives each branch's supports once. Lines break where a branch does not
    exist. If the result has ``thresholds`` (exact parameter values where the equilibria
    change), they are drawn as vertical dotted lines; if it has ``descriptions`` (parameter
    name -> text), the axis label adds the description's first phrase.

    Parameters
    ----------
    result : Sweep
    path : path, optional
        Where to write the figure; the suffix chooses the format.
    fmt : {"png", "svg", "pdf"}, optional

    Returns
    -------
    bytes
        The figure file's contents.
    """
    require_matplotlib()  # a clear error, before any matplotlib import, without the extra
    from matplotlib.lines import Line2D

    players = result.players
    xs = [_f(p.value) for p in result.points]
    branches = _branches(result)
    step = max(1, round(len(xs) / 12))
    # One colour per strategy label, in order of first appearance across the players.
    colour_of: dict[str, str] = {}
    for labels in result.strategies:
        for label in labels:
            colour_of.setdefault(label, _LINE_COLOURS[len(colour_of) % len(_LINE_COLOURS)])
    names = [f"E{b + 1}" for b in range(len(branches))]
    rows = len(branches) + 1
    with _style():
        fig = _figure(_WIDTH, 1.75 * (len(players) + 1) + 0.8 + 0.2 * rows)
        axes = fig.subplots(len(players) + 1, 1, sharex=True)

        def draw(ax: Any, b: int, curves: list[tuple[str, dict[int, Any]]]) -> None:
            """Draw one branch's curves in one panel; equal curves share the line, in turns."""
            groups: dict[tuple[Any, ...], list[str]] = {}
            for colour, values in curves:
                groups.setdefault(tuple(sorted(values.items())), []).append(colour)
            for values, colours in groups.items():
                ys = [math.nan] * len(xs)
                for index, value in values:
                    ys[index] = _f(value)
                present = [index for index, _ in values]
                m = len(colours)
                for j, colour in enumerate(colours):
                    # Curves that coincide exactly would hide each other: the later ones are
                    # drawn as dashes over the first, each in its own phase.
                    style: Any = _LINESTYLES[b % len(_LINESTYLES)]
                    if j:
                        style = (4.0 * j, (4.0, 4.0 * (m - 1)))
                    ax.plot(
                        xs,
                        ys,
                        color=colour,
                        linestyle=style,
                        marker=_MARKERS[b % len(_MARKERS)],
                        markevery=_marked(present, b + j * max(1, step // m), step),
                        markersize=5,
                        markeredgewidth=0.6,
                        markeredgecolor="white",
                        solid_capstyle="butt",
                        dash_capstyle="butt",
                    )

        used: list[set[str]] = [set() for _ in players]
        for b, points in enumerate(branches.values()):
            for i in range(len(players)):
                curves = []
                for k, label in enumerate(result.strategies[i]):
                    values = {index: eq.profile[i][k] for index, eq in points.items()}
                    # A strategy the branch never plays would only add a line along zero.
                    if any(values.values()):
                        used[i].add(label)
                        curves.append((colour_of[label], values))
                draw(axes[i], b, curves)
            payoffs = [
                (
                    _PLAYER_COLOURS[i % len(_PLAYER_COLOURS)],
                    {index: eq.payoffs[i] for index, eq in points.items()},
                )
                for i in range(len(players))
            ]
            draw(axes[-1], b, payoffs)

        def key(ax: Any, entries: list[tuple[str, str]], title: str) -> None:
            handles = [Line2D([], [], color=c, linewidth=2.5, label=t) for t, c in entries]
            ax.legend(
                handles=handles,
                title=title,
                loc="upper left",
                bbox_to_anchor=(1.01, 1.0),
                frameon=False,
                handlelength=1.5,
                alignment="left",
            )

        for i, player in enumerate(players):
            ax = axes[i]
            ax.set_ylabel(f"Pr({player} plays)")
            ax.set_ylim(-0.05, 1.05)
            ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
            ax.set_yticklabels(["0", "", "0.5", "", "1"])
            entries = [(s, colour_of[s]) for s in result.strategies[i] if s in used[i]]
            key(ax, entries, f"{player} strategies")
        axes[-1].set_ylabel("Expected payoff")
        key(
            axes[-1],
            [(p, _PLAYER_COLOURS[i % len(_PLAYER_COLOURS)]) for i, p in enumerate(players)],
            "Player",
        )
        named = _Described(descriptions) if descriptions is not None else result
        axes[-1].set_xlabel(_axis_label(named, result.parameter))
        if xs:
            pad = (xs[-1] - xs[0]) * 0.02 or 0.5
            axes[-1].set_xlim(xs[0] - pad, xs[-1] + pad)
        thresholds = [_f(t) for t in getattr(result, "thresholds", None) or ()]
        for ax in axes:
            ax.grid(True, color="#dddddd", linewidth=0.6)
            ax.set_axisbelow(True)
            for t in thresholds:
                ax.axvline(t, color="#444444", linestyle=":", linewidth=1.0, zorder=0.5)
        handles = [
            Line2D(
                [],
                [],
                color="#444444",
                linestyle=_LINESTYLES[b % len(_LINESTYLES)],
                marker=_MARKERS[b % len(_MARKERS)],
                markersize=5,
                label=f"{name}: {_support_text(support)}",
            )
            for b, (name, (support, _)) in enumerate(zip(names, branches, strict=True))
        ]
        if handles:
            fig.legend(
                handles=handles,
                loc="outside lower left",
                title="Equilibrium branches (supports: " + " \u00d7 ".join(players) + ")",
                frameon=False,
                ncols=1,
                handlelength=3,
                alignment="left",
            )
        fig.suptitle(_title(result.title, "Sweep", result.fixed), fontsize=11)
        return _save(fig, path, fmt, dpi)


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


class _Described:
    """Descriptions given to :func:`plot_regime_map`, where :func:`_axis_label` reads them."""

    def __init__(self, descriptions: Mapping[str, str]) -> None:
        self.descriptions = dict(descriptions)
