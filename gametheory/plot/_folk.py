"""The folk-theorem figure of a repeated two-player game (needs matplotlib)."""

from __future__ import annotations

import io
from typing import Any

from . import _STYLE, FIGURE_METADATA, _figure, require_matplotlib

__all__ = ["folk_theorem_figure"]


def folk_theorem_figure(result: Any, *, title: str = "", format: str = "png") -> bytes:
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
        for o in result.outcomes:
            x, y = float(a[o.profile]), float(b[o.profile])
            ax.plot([x], [y], "o", color="#333333", ms=4)
            delta = "never" if o.critical_discount is None else (
                f"{float(o.critical_discount):.3g}")
            names = ", ".join(game.strategies[i][k] for i, k in enumerate(o.profile))
            ax.annotate(f"{names}\nδ* {delta}", (x, y), xytext=(4, 4),
                        textcoords="offset points", fontsize=7, color="#333333")
        ax.set_xlabel(f"{game.players[0]}'s payoff")
        ax.set_ylabel(f"{game.players[1]}'s payoff")
        ax.grid(True, color="#dddddd", lw=0.6)
        ax.set_axisbelow(True)
        ax.set_title(title or game.title or "Repeated game: folk theorem", loc="left")
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=format, metadata=FIGURE_METADATA[format])
    return buffer.getvalue()
