"""The figure of a one-parameter sweep: the equilibria followed along the grid as branches,
and the players' payoffs (:func:`plot_sweep`).

matplotlib is imported inside the functions (an optional dependency).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

from ..plot import require_matplotlib
from ._plot_common import (
    _LINE_COLOURS,
    _LINESTYLES,
    _MARKERS,
    _PLAYER_COLOURS,
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

__all__ = ["plot_sweep"]


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
