"""The figure of ``gametheory robustness --plot``: outcome shares and mixed probabilities.

Left, the share of samples in which each pure outcome is an equilibrium, as a heat map over the
payoff table (rows: the first player's strategies, columns: the second's). Right, one panel per
pair of supports that carries a mixed equilibrium (the most frequent, at most three): the
distribution over the samples of each probability of that equilibrium (histograms on [0, 1],
one line per strategy). Bytes are reproducible (no dates or versions in the file).
"""

from __future__ import annotations

import io
from typing import Any

__all__ = ["plot_robustness"]

_PANELS = 3
_COLOURS = ("#1f5fa8", "#d0661e", "#2a9d5c", "#8e44ad", "#c0182b", "#555555", "#b8860b")


def plot_robustness(result: Any, fmt: str = "png", *, dpi: int | None = None) -> bytes:
    """Draw a :class:`~.smaa.RobustnessResult` and return the figure file's bytes.

    Parameters
    ----------
    result : RobustnessResult
    fmt : {"png", "pdf", "svg"}
    dpi : int, optional
        Dots per inch of a PNG.

    Raises
    ------
    GameValueError
        Without matplotlib (naming the extra to install) or for an unknown format.
    """
    from ..plot import _STYLE, FIGURE_METADATA, require_matplotlib
    from .smaa import BINS

    matplotlib = require_matplotlib()
    from matplotlib.figure import Figure

    if fmt not in FIGURE_METADATA:
        from ..errors import GameValueError

        raise GameValueError(f"unknown figure format {fmt!r}; expected png, pdf or svg")
    mixed = [s for s in result.supports if s.histograms][:_PANELS]
    players, strategies, n = result.players, result.strategies, result.samples
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=(5.2 + 4.2 * max(1, len(mixed)) * 0.75, 4.6), layout="constrained")
        grid = fig.add_gridspec(1, 1 + max(1, len(mixed)))
        ax = fig.add_subplot(grid[0, 0])
        shares = result.pure_counts / n
        image = ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
        ax.set_xticks(range(len(strategies[1])), strategies[1], rotation=30, ha="right")
        ax.set_yticks(range(len(strategies[0])), strategies[0])
        ax.set_xlabel(players[1])
        ax.set_ylabel(players[0])
        for (r, c), share in _cells(shares):
            ax.text(c, r, f"{share:.0%}" if share else "0", ha="center", va="center",
                    color="white" if share > 0.6 else "black", fontsize=9)
        ax.set_title("Pure equilibrium: share of samples", loc="left")
        fig.colorbar(image, ax=ax, shrink=0.7)
        edges = [k / BINS for k in range(BINS + 1)]
        m = len(strategies[0])
        for k, s in enumerate(mixed):
            panel = fig.add_subplot(grid[0, 1 + k])
            colour = 0
            for i, player in enumerate(players):
                for j in s.supports[i]:
                    counts = s.histograms[(0 if i == 0 else m) + j]
                    density = [c * BINS / max(1, s.equilibria) for c in counts]
                    panel.stairs(density, edges, color=_COLOURS[colour % len(_COLOURS)],
                                 label=f"{player}: {strategies[i][j]}",
                                 linestyle="-" if i == 0 else "--")
                    colour += 1
            panel.set_xlim(0, 1)
            panel.set_xlabel("probability")
            pair = "\n".join(
                f"{players[i]}: " + ", ".join(strategies[i][j] for j in s.supports[i])
                for i in range(2)
            )
            panel.set_title(f"{pair}\n(in {s.count / n:.0%} of samples)", loc="left",
                            fontsize=9)
            panel.legend(fontsize=7, frameon=False)
        if not mixed:
            panel = fig.add_subplot(grid[0, 1])
            panel.axis("off")
            panel.text(0.5, 0.5, "no mixed equilibrium\nin any sample", ha="center")
        fig.suptitle(f"{result.title}: {n} samples over the {result.mode}, seed {result.seed}",
                     fontsize=10)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=FIGURE_METADATA[fmt],
                    **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()


def _cells(shares: Any) -> list[tuple[tuple[int, int], float]]:
    return [((int(r), int(c)), float(shares[r, c]))
            for r in range(shares.shape[0]) for c in range(shares.shape[1])]
