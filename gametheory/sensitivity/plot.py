"""Figures of sensitivity analyses: sweeps and two-parameter regime maps.

matplotlib is imported inside the functions (it is an optional dependency: ``pip install
gametheory[plot]``). Figures are drawn without pyplot's global state and saved with fixed
metadata, so the same analysis always gives the same bytes (PNG, SVG or PDF, chosen by the
file's suffix).
"""

from __future__ import annotations

import io
import math
import os
from pathlib import Path
from typing import Any

from ..errors import GameValueError

__all__ = ["plot_regime_map", "plot_sweep"]

_FORMATS = ("png", "svg", "pdf")
_STYLES = ("-", "--", ":", "-.")


def _format(path: str | os.PathLike[str] | None, fmt: str | None) -> str:
    if fmt is None:
        suffix = Path(path).suffix.lower().lstrip(".") if path is not None else "png"
        fmt = suffix or "png"
    if fmt not in _FORMATS:
        raise GameValueError(
            f"unknown figure format {fmt!r} (use .png, .svg or .pdf)", key="--plot"
        )
    return fmt


def _save(fig: Any, path: str | os.PathLike[str] | None, fmt: str | None) -> bytes:
    import matplotlib

    fmt = _format(path, fmt)
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    }[fmt]
    buffer = io.BytesIO()
    # A fixed salt makes SVG element ids, and so the bytes, reproducible.
    with matplotlib.rc_context({"svg.hashsalt": "gametheory", "svg.fonttype": "none"}):
        fig.savefig(buffer, format=fmt, metadata=metadata)
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def plot_sweep(
    result: Any, path: str | os.PathLike[str] | None = None, fmt: str | None = None
) -> bytes:
    """Draw each equilibrium's probabilities and payoffs against the swept parameter.

    One panel per player shows the probability of each of its strategies (one colour per
    strategy), one panel the payoffs (one colour per player); each equilibrium, followed along
    the parameter by its supports, has its own line style.

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
    series = result.series()
    players = result.players
    fig = _figure(11, 2.6 * (len(players) + 1))
    axes = fig.subplots(len(players) + 1, 1, sharex=True)
    colours = [f"C{k}" for k in range(10)]
    xs = [float(p.value) for p in result.points]
    index = {p.value: k for k, p in enumerate(result.points)}
    for s, (support, items) in enumerate(series.items()):
        style = _STYLES[s % len(_STYLES)]
        name = _series_name(support)
        for i in range(len(players)):
            for k, label in enumerate(result.strategies[i]):
                ys = [math.nan] * len(xs)
                for value, eq in items:
                    ys[index[value]] = float(eq.profile[i][k])
                if all(math.isnan(v) or v == 0 for v in ys):
                    continue
                axes[i].plot(
                    xs,
                    ys,
                    style,
                    color=colours[k % 10],
                    marker=".",
                    markersize=3,
                    label=f"{label} [{name}]",
                )
        for i, player in enumerate(players):
            ys = [math.nan] * len(xs)
            for value, eq in items:
                ys[index[value]] = float(eq.payoffs[i])
            axes[-1].plot(
                xs,
                ys,
                style,
                color=colours[i % 10],
                marker=".",
                markersize=3,
                label=f"{player} [{name}]",
            )
    for i, player in enumerate(players):
        axes[i].set_ylabel(f"{player}: probability")
        axes[i].set_ylim(-0.05, 1.05)
    axes[-1].set_ylabel("payoff")
    axes[-1].set_xlabel(result.parameter)
    for ax in axes:
        if ax.lines:
            ax.legend(fontsize="x-small", loc="center left", bbox_to_anchor=(1.01, 0.5))
        ax.grid(True, linewidth=0.3)
    fixed = ", ".join(f"{k} = {v}" for k, v in result.fixed.items())
    fig.suptitle((result.title or "Sweep") + (f" ({fixed})" if fixed else ""), fontsize="small")
    # Room on the right for the legends, which sit outside the axes.
    fig.subplots_adjust(left=0.07, right=0.58, top=0.94, bottom=0.07, hspace=0.15)
    return _save(fig, path, fmt)


def _series_name(support: tuple[tuple[str, ...], ...]) -> str:
    return " / ".join("+".join(s) for s in support)


def plot_regime_map(
    rmap: Any, path: str | os.PathLike[str] | None = None, fmt: str | None = None
) -> bytes:
    """Draw a two-parameter regime map: regions coloured and labelled, boundaries as curves.

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
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    fig = _figure(9, 6)
    ax = fig.add_axes((0.08, 0.1, 0.5, 0.8))
    xs = [float(v) for v in rmap.x_values]
    ys = [float(v) for v in rmap.y_values]
    dx = (xs[1] - xs[0]) / 2 if len(xs) > 1 else 0.5
    dy = (ys[1] - ys[0]) / 2 if len(ys) > 1 else 0.5
    extent = (xs[0] - dx, xs[-1] + dx, ys[0] - dy, ys[-1] + dy)
    palette = [f"C{k}" for k in range(10)]
    cmap = ListedColormap([palette[k % 10] for k in range(max(len(rmap.regions), 1))])
    grid = np.array(rmap.cells, dtype=float)
    ax.imshow(
        grid,
        origin="lower",
        extent=extent,
        aspect="auto",
        cmap=cmap,
        alpha=0.45,
        vmin=-0.5,
        vmax=len(rmap.regions) - 0.5,
        interpolation="nearest",
    )
    for k, region in enumerate(rmap.regions):
        cells = [(i, j) for j, row in enumerate(rmap.cells) for i, r in enumerate(row) if r == k]
        cx = sum(i for i, _ in cells) / len(cells)
        cy = sum(j for _, j in cells) / len(cells)
        i, j = min(cells, key=lambda c: ((c[0] - cx) ** 2 + (c[1] - cy) ** 2, c))
        ax.text(
            xs[i],
            ys[j],
            region.label,
            ha="center",
            va="center",
            fontsize="small",
            fontweight="bold",
        )
    sx, sy = sympy.Symbol(rmap.x, real=True), sympy.Symbol(rmap.y, real=True)
    fine_x = np.linspace(extent[0], extent[1], 200)
    fine_y = np.linspace(extent[2], extent[3], 200)
    gx, gy = np.meshgrid(fine_x, fine_y)
    for boundary in rmap.boundaries:
        fn = sympy.lambdify((sx, sy), boundary.expression, modules="numpy")
        values = np.broadcast_to(np.asarray(fn(gx, gy), dtype=float), gx.shape)
        if np.nanmin(values) <= 0 <= np.nanmax(values):
            ax.contour(gx, gy, values, levels=[0], colors="black", linewidths=1.0)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel(rmap.x)
    ax.set_ylabel(rmap.y)
    fixed = ", ".join(f"{k} = {v}" for k, v in rmap.fixed.items())
    ax.set_title((rmap.title or "Regime map") + (f"\n({fixed})" if fixed else ""), fontsize="small")
    handles = [
        Patch(facecolor=palette[k % 10], alpha=0.45, label=f"{r.label}: {_wrap(r.description)}")
        for k, r in enumerate(rmap.regions)
    ]
    fig.legend(
        handles=handles,
        loc="center left",
        bbox_to_anchor=(0.6, 0.5),
        fontsize="x-small",
        frameon=False,
    )
    return _save(fig, path, fmt)


def _wrap(text: str, width: int = 60) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text
