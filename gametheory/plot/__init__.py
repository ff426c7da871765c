"""Figures of games and their equilibria (matplotlib, the optional ``plot`` extra).

Two figures, for two-player games:

- :func:`best_response_figure` (2x2 games): each player's best response on the unit square of
  mixed strategies, the equilibria where they cross marked and labelled;
- :func:`payoff_space_figure`: the payoffs of the pure outcomes, their convex hull (what
  mixing over outcomes can reach), its Pareto frontier, and the equilibria's payoffs.

:func:`figure_bytes` renders either as PNG, PDF or SVG. The bytes are reproducible: no dates,
no software versions, fixed SVG ids. matplotlib is imported inside these functions (with the
non-interactive Agg canvas), so that importing :mod:`gametheory.plot` costs nothing.
"""

from __future__ import annotations

import io
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ..numbers import format_fraction, format_short, to_float
from ..result import SolveResult
from ._geometry import best_response_segments, convex_hull, pareto_frontier
from ._labels import place_labels

__all__ = [
    "FIGURE_METADATA",
    "FIGURE_SUFFIXES",
    "KINDS",
    "best_response_figure",
    "figure_bytes",
    "payoff_space_figure",
]

#: File suffixes of the figure formats.
FIGURE_SUFFIXES = (".png", ".pdf", ".svg")
#: Kinds of figure, for :func:`figure_bytes`.
KINDS = ("best-response", "payoff-space", "tree")

_STYLE = {
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 9,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "svg.hashsalt": "gametheory",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "figure.dpi": 100,
    "savefig.dpi": 150,
}
# Metadata that would differ between runs or versions is dropped (all figures use it).
FIGURE_METADATA = {
    "png": {"Software": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
    "svg": {"Creator": None, "Date": None},
}
_ROW_COLOUR = "#1f5fa8"
_COLUMN_COLOUR = "#d0661e"
_EQ_COLOUR = "#111111"
_EQ_COLOUR_2 = "#c0182b"


def require_matplotlib() -> Any:
    """The matplotlib module, or a clear error naming the extra to install."""
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise GameValueError(
            "figures need matplotlib: pip install 'gametheory-exact[plot]'", key="plot"
        ) from exc
    return matplotlib


def _figure(size: tuple[float, float]) -> Any:
    require_matplotlib()
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained")


def _f(value: Any) -> float:
    """An exact coordinate as a float for drawing; beyond the float range, a clear error."""
    return to_float(value, where="the figure")


def _short(value: Fraction) -> str:
    """A label's number: exact if short, else about its value (``≈1.0e-400``)."""
    text = format_fraction(value)
    if len(text) <= 12:
        return text
    return "≈" + format_short(value, limit=0).removeprefix("about ")


def _two_players(result: SolveResult) -> None:
    if result.game.n_players != 2:
        raise GameValueError(
            f"figures need a two-player game; this one has {result.game.n_players} players",
            key="plot",
        )


def best_response_figure(result: SolveResult, *, title: str = "") -> Any:
    """The best-response diagram of a 2x2 game, equilibria marked (a matplotlib Figure).

    The horizontal axis is the probability that the first (row) player plays its first
    strategy, the vertical one the probability that the second player plays its first. Each
    player's best response to the other's mix is drawn in its own colour; the equilibria are
    where the two cross. A player indifferent against every mix of the other's is shaded.

    Raises
    ------
    GameValueError
        If the game is not 2x2.
    """
    game = result.game
    _two_players(result)
    if game.shape != (2, 2):
        raise GameValueError(
            f"the best-response diagram needs a 2x2 game; this one is "
            f"{game.shape[0]}x{game.shape[1]} (try --kind payoff-space)",
            key="plot",
        )
    with require_matplotlib().rc_context(_STYLE):
        a, b = game.matrices()
        row, column = game.players
        # Row's gain from its first strategy, as a function of Column's probability t of
        # Column's first strategy: a11 t + a12 (1 - t) - (a21 t + a22 (1 - t)).
        row_base, row_slope = a[0, 1] - a[1, 1], a[0, 0] - a[0, 1] - a[1, 0] + a[1, 1]
        col_base, col_slope = b[1, 0] - b[1, 1], b[0, 0] - b[1, 0] - b[0, 1] + b[1, 1]
        fig = _figure((5.6, 5.6))
        ax = fig.add_subplot()
        row_segments, row_all = best_response_segments(row_base, row_slope)
        col_segments, col_all = best_response_segments(col_base, col_slope)
        if row_all:
            ax.fill_between([0, 1], 0, 1, color=_ROW_COLOUR, alpha=0.12, lw=0)
        if col_all:
            ax.fill_between([0, 1], 0, 1, color=_COLUMN_COLOUR, alpha=0.12, lw=0)
        for k, ((x0, t0), (x1, t1)) in enumerate(row_segments):
            # Row's own probability is on the horizontal axis.
            ax.plot([_f(x0), _f(x1)], [_f(t0), _f(t1)], color=_ROW_COLOUR, lw=3.2,
                    solid_capstyle="round", label=f"{row}'s best response" if k == 0 else None)
        for k, ((y0, t0), (y1, t1)) in enumerate(col_segments):
            ax.plot([_f(t0), _f(t1)], [_f(y0), _f(y1)], color=_COLUMN_COLOUR,
                    lw=1.8, ls=(0, (5, 2)), solid_capstyle="round",
                    label=f"{column}'s best response" if k == 0 else None)
        if row_all:
            ax.plot([], [], color=_ROW_COLOUR, lw=6, alpha=0.3,
                    label=f"{row} indifferent everywhere")
        if col_all:
            ax.plot([], [], color=_COLUMN_COLOUR, lw=6, alpha=0.3,
                    label=f"{column} indifferent everywhere")
        for component in result.components:
            for subset in component.nash_subsets:
                xs = [result.equilibria[e].profile[0][0] for e in subset]
                ys = [result.equilibria[e].profile[1][0] for e in subset]
                if len(set(xs)) > 1 or len(set(ys)) > 1:
                    ax.fill(
                        [_f(min(xs)), _f(max(xs)), _f(max(xs)), _f(min(xs))],
                        [_f(min(ys)), _f(min(ys)), _f(max(ys)), _f(max(ys))],
                        facecolor="none", edgecolor=_EQ_COLOUR, lw=5, alpha=0.35,
                    )
        for k, eq in enumerate(result.equilibria):
            x, y = eq.profile[0][0], eq.profile[1][0]
            ax.plot([_f(x)], [_f(y)], "o", color=_EQ_COLOUR, ms=8, zorder=5,
                    label="Nash equilibrium" if k == 0 else None)
            dx = -8 if x > Fraction(1, 2) else 8
            dy = -14 if y > Fraction(1, 2) else 8
            ax.annotate(
                f"E{k + 1} ({_short(x)}, {_short(y)})", (_f(x), _f(y)),
                xytext=(dx, dy), textcoords="offset points", fontsize=10,
                ha="right" if dx < 0 else "left", zorder=6,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
            )
        ax.set_xlim(-0.04, 1.04)
        ax.set_ylim(-0.04, 1.04)
        ax.set_aspect("equal")
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
        ax.set_xticklabels(["0", "1/4", "1/2", "3/4", "1"])
        ax.set_yticklabels(["0", "1/4", "1/2", "3/4", "1"])
        ax.set_xlabel(f"Pr({row} plays {game.strategies[0][0]})")
        ax.set_ylabel(f"Pr({column} plays {game.strategies[1][0]})")
        ax.grid(True, color="#dddddd", lw=0.6)
        ax.set_title(title or game.title or "Best responses", loc="left")
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return fig


def payoff_space_figure(result: SolveResult, *, title: str = "") -> Any:
    """The payoff space of a two-player game (a matplotlib Figure).

    Each pure outcome's payoffs as a point labelled with its strategies, the convex hull of
    those points shaded, the Pareto frontier of the hull drawn, and every equilibrium's
    expected payoffs marked and labelled ``E1``, ``E2``, ... as in ``gametheory solve``.
    """
    game = result.game
    _two_players(result)
    with require_matplotlib().rc_context(_STYLE):
        a, b = game.matrices()
        row, column = game.players
        labels: dict[tuple[Fraction, Fraction], list[str]] = {}
        for profile in game.pure_profiles():
            point = (Fraction(a[profile]), Fraction(b[profile]))
            name = f"{game.strategies[0][profile[0]]}, {game.strategies[1][profile[1]]}"
            labels.setdefault(point, []).append(name)
        points = sorted(labels)
        hull = convex_hull(points)
        frontier = pareto_frontier(hull)
        fig = _figure((6.4, 5.6))
        ax = fig.add_subplot()
        if len(hull) >= 3:
            ax.fill([_f(x) for x, _ in hull], [_f(y) for _, y in hull],
                    facecolor="#9dbbe0", edgecolor="#5b7fae", alpha=0.35, lw=1,
                    label="feasible payoffs (lotteries over outcomes)")
        elif len(hull) == 2:
            ax.plot([_f(x) for x, _ in hull], [_f(y) for _, y in hull],
                    color="#5b7fae", lw=1, label="feasible payoffs (lotteries over outcomes)")
        ax.plot([_f(x) for x, _ in frontier], [_f(y) for _, y in frontier],
                color="#1d7a3a", lw=3, solid_capstyle="round", marker="o" if
                len(frontier) == 1 else None, label="Pareto frontier")
        ax.plot([_f(x) for x, _ in points], [_f(y) for _, y in points], "o",
                color="#555555", ms=5, label="pure outcome")
        span_x = _f(max(x for x, _ in points) - min(x for x, _ in points)) or 1.0
        span_y = _f(max(y for _, y in points) - min(y for _, y in points)) or 1.0
        by_point: dict[tuple[Fraction, Fraction], list[int]] = {}
        for k, eq in enumerate(result.equilibria):
            by_point.setdefault((eq.payoffs[0], eq.payoffs[1]), []).append(k + 1)
        equilibria = sorted(by_point.items(), key=lambda t: t[1])
        for n, (point, _numbers) in enumerate(equilibria):
            ax.plot([_f(point[0])], [_f(point[1])], "*", color=_EQ_COLOUR_2, ms=15,
                    mec="white", mew=0.8, zorder=5, label="Nash equilibrium" if n == 0 else None)
        ax.set_xlim(_f(min(x for x, _ in points)) - 0.08 * span_x,
                    _f(max(x for x, _ in points)) + 0.08 * span_x)
        ax.set_ylim(_f(min(y for _, y in points)) - 0.08 * span_y,
                    _f(max(y for _, y in points)) + 0.08 * span_y)
        # Equilibrium labels first: they matter most and get the best places.
        texts = [
            f"{', '.join(f'E{k}' for k in numbers)} ({_short(p[0])}, {_short(p[1])})"
            for p, numbers in equilibria
        ] + [" / ".join(labels[p]) for p in points]
        anchors = [p for p, _ in equilibria] + points
        sizes = [9.5] * len(equilibria) + [7.5] * len(points)
        offsets = place_labels(ax, [(_f(x), _f(y)) for x, y in anchors], texts, sizes)
        for k, (text, anchor, size, (dx, dy, align)) in enumerate(
            zip(texts, anchors, sizes, offsets, strict=True)
        ):
            is_eq = k < len(equilibria)
            ax.annotate(
                text, (_f(anchor[0]), _f(anchor[1])), xytext=(dx, dy),
                textcoords="offset points", ha=align, fontsize=size,
                color=_EQ_COLOUR_2 if is_eq else "#333333",
                fontweight="bold" if is_eq else "normal", zorder=6 if is_eq else 4,
                annotation_clip=False,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                      "alpha": 0.8 if is_eq else 0.6},
            )
        # Say once which player's strategy each outcome label names first.
        ax.set_xlabel(f"{row}'s payoff\n(each outcome is labelled: {row}'s strategy, "
                      f"{column}'s strategy)")
        ax.set_ylabel(f"{column}'s payoff")
        ax.grid(True, color="#dddddd", lw=0.6)
        ax.set_axisbelow(True)
        ax.set_title(title or game.title or "Payoff space", loc="left")
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return fig


def figure_bytes(
    result: SolveResult, *, kind: str | None = None, format: str = "png", title: str = "",
    dpi: int | None = None,
) -> bytes:
    """Render a figure of a solve as PNG, PDF or SVG bytes, reproducibly.

    Parameters
    ----------
    result : SolveResult
    kind : {"best-response", "payoff-space", "tree"}, optional
        Default: the tree for a tree solve (:mod:`._tree`), the best-response diagram for 2x2
        games, else the payoff space.
    format : {"png", "pdf", "svg"}
    title : str, optional
        The figure's title (default: the game's title).
    dpi : int, optional
        Dots per inch of a PNG (default 150).
    """
    if format not in FIGURE_METADATA:
        raise GameValueError(
            f"unknown figure format {format!r}; expected png, pdf or svg", key="plot"
        )
    if kind is None and not isinstance(result, SolveResult):
        kind = "tree"  # a game tree's result (gametheory.extensive)
    if kind is None:
        kind = "best-response" if result.game.shape == (2, 2) else "payoff-space"
    if (kind == "tree") != (not isinstance(result, SolveResult)):
        raise GameValueError(
            "--kind tree draws game trees only" if kind == "tree"
            else f"a game tree has no {kind} figure; use --kind tree", key="plot")
    if kind == "tree":
        from ._tree import tree_figure

        fig = tree_figure(result, title=title)
    elif kind == "best-response":
        fig = best_response_figure(result, title=title)
    elif kind == "payoff-space":
        fig = payoff_space_figure(result, title=title)
    else:
        raise GameValueError(f"unknown kind of figure {kind!r}", key="plot")
    buffer = io.BytesIO()
    import warnings

    with require_matplotlib().rc_context(_STYLE), warnings.catch_warnings():
        # Layout warnings (labels of extreme figures that do not fit) are not the user's
        # business; the library never prints.
        warnings.simplefilter("ignore", UserWarning)
        fig.savefig(buffer, format=format, metadata=FIGURE_METADATA[format],
                    **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()
