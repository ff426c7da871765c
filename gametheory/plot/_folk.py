"""The folk-theorem figure of a repeated two-player game (needs matplotlib)."""

from __future__ import annotations

import io
from typing import Any

from ..numbers import format_fraction
from . import _STYLE, FIGURE_METADATA, _figure, require_matplotlib
from ._labels import place_labels

__all__ = ["folk_theorem_figure"]


def folk_theorem_figure(
    result: Any, *, title: str = "", format: str = "png", dpi: int | None = None
) -> bytes:
    """The feasible set, the minmax point and the feasible individually rational set, as bytes.

    Parameters
    ----------
    result : RepeatedResult
        Of a two-player game.
    title : str, optional
    format : {"png", "pdf", "svg"}
    """
    matplotlib = require_matplotlib()
    game = result.game
    a, b = game.matrices()
    with matplotlib.rc_context(_STYLE):
        fig = _figure((6.4, 5.6))
        ax = fig.add_subplot()
        hull = result.feasible
        xs, ys = [float(x) for x, _ in hull], [float(y) for _, y in hull]
        if len(hull) >= 3:
            ax.fill(xs, ys, facecolor="#dfe7f2", edgecolor="#5b7fae", lw=1,
                    label="feasible (lotteries over outcomes)")
        folk = result.folk
        if len(folk) >= 3:
            ax.fill([float(x) for x, _ in folk], [float(y) for _, y in folk],
                    facecolor="#7fb77e", edgecolor="#1d7a3a", alpha=0.6, lw=1.5,
                    label="feasible and individually rational")
        elif folk:
            ax.plot([float(x) for x, _ in folk], [float(y) for _, y in folk], "-o",
                    color="#1d7a3a", label="feasible and individually rational")
        v = result.minmax
        ax.axvline(float(v[0]), color="#888888", lw=0.8, ls="--")
        ax.axhline(float(v[1]), color="#888888", lw=0.8, ls="--")
        ax.plot([float(v[0])], [float(v[1])], "s", color="#c0182b", ms=7, label="minmax point")
        points = [(float(a[o.profile]), float(b[o.profile])) for o in result.outcomes]
        ax.plot([x for x, _ in points], [y for _, y in points], "o", color="#333333", ms=4,
                label="pure outcome (critical discount factor)")
        xs_all, ys_all = [x for x, _ in points], [y for _, y in points]
        span_x = (max(xs_all) - min(xs_all)) or 1.0
        span_y = (max(ys_all) - min(ys_all)) or 1.0
        ax.set_xlim(min(xs_all) - 0.08 * span_x, max(xs_all) + 0.08 * span_x)
        ax.set_ylim(min(ys_all) - 0.08 * span_y, max(ys_all) + 0.1 * span_y)
        texts = []
        for o in result.outcomes:
            names = ", ".join(game.strategies[i][k] for i, k in enumerate(o.profile))
            delta = "never" if o.critical_discount is None else format_fraction(
                o.critical_discount)
            texts.append(f"{names}: {delta}")
        offsets = place_labels(ax, points, texts, [7.0] * len(texts))
        for text, point, (dx, dy, align) in zip(texts, points, offsets, strict=True):
            ax.annotate(text, point, xytext=(dx, dy), textcoords="offset points", ha=align,
                        fontsize=7, color="#333333", annotation_clip=False,
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                              "alpha": 0.6})
        ax.set_xlabel(f"{game.players[0]}'s payoff")
        ax.set_ylabel(f"{game.players[1]}'s payoff")
        ax.grid(True, color="#dddddd", lw=0.6)
        ax.set_axisbelow(True)
        ax.set_title(title or game.title or "Repeated game: folk theorem", loc="left")
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=format, metadata=FIGURE_METADATA[format],
                    **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()
