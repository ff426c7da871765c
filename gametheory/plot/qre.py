"""The figure of ``gametheory qre --plot``: each probability along the logit QRE branch.

One panel per player; each of its strategies' probabilities against :math:`\\lambda` along the
principal branch (floating point), on a horizontal axis that is linear up to 1 and logarithmic
beyond (matplotlib's ``symlog``), so that both the departure from uniform play and the approach
to the limit show. The exact limit equilibrium, when identified, is marked at the right edge.
"""

from __future__ import annotations

import io
from typing import Any

from . import _STYLE, FIGURE_METADATA, _figure, require_matplotlib

__all__ = ["qre_figure", "qre_figure_bytes"]

_COLOURS = ("#1f5fa8", "#d0661e", "#2e8b57", "#8e44ad", "#c0182b", "#7f7f7f", "#b8860b")


def qre_figure(branch: Any, *, title: str = "") -> Any:
    """A matplotlib Figure of the branch of a :class:`~gametheory.concepts.qre.LogitBranch`."""
    game = branch.game
    with require_matplotlib().rc_context(_STYLE):
        fig = _figure((7.0, 2.2 + 1.8 * game.n_players))
        axes = fig.subplots(game.n_players, 1, sharex=True, squeeze=False)[:, 0]
        lams = [p.lam for p in branch.points]
        top = max(lams[-1], 1.0)
        for i, ax in enumerate(axes):
            for j, label in enumerate(game.strategies[i]):
                colour = _COLOURS[j % len(_COLOURS)]
                ax.plot(lams, [p.profile[i][j] for p in branch.points], color=colour,
                        linewidth=1.6, label=label)
                if branch.limit is not None:
                    ax.plot([top], [float(branch.limit.profile[i][j])], marker="o",
                            color=colour, clip_on=False, markersize=5)
            ax.set_xscale("symlog", linthresh=1.0)
            ax.set_xlim(0, top)
            ax.set_ylim(-0.02, 1.02)
            ax.set_ylabel(f"{game.players[i]}\nprobability")
            ax.grid(True, linewidth=0.4, alpha=0.5)
            ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
        axes[-1].set_xlabel("precision lambda (linear to 1, then logarithmic)")
        note = "; dots: exact limit equilibrium" if branch.limit is not None else ""
        axes[0].set_title(
            (title or game.title or "Logit QRE") + "\nlogit QRE branch (floating point)" + note,
            loc="left",
        )
    return fig


def qre_figure_bytes(
    branch: Any, *, format: str = "png", title: str = "", dpi: int | None = None
) -> bytes:
    """The figure as PNG, PDF or SVG bytes, reproducibly (no dates in the files); ``dpi``: of
    a PNG.

    Raises
    ------
    GameValueError
        For an unknown format.
    """
    from ..errors import GameValueError

    if format not in FIGURE_METADATA:
        raise GameValueError(
            f"unknown figure format {format!r}; expected png, pdf or svg", key="plot"
        )
    fig = qre_figure(branch, title=title)
    buffer = io.BytesIO()
    with require_matplotlib().rc_context(_STYLE):
        fig.savefig(buffer, format=format, metadata=FIGURE_METADATA[format],
                    **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()
