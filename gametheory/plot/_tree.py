"""Figures of game trees: the layout (shared with the istgame LaTeX) and a matplotlib drawing.

:func:`tree_layout` places the nodes: each level one unit below the last, the children of a node
evenly spaced and centred under it, the spacing wide enough that the extents of neighbouring
subtrees do not overlap (a leaf is one unit wide). :func:`tree_figure` draws the tree in that
layout: decision nodes filled (owner above), chance nodes hollow, payoffs under the leaves,
information sets as dashed arcs, and the choices of one equilibrium as thick coloured branches
(a mixed choice with its probability). matplotlib is imported inside the functions.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ..numbers import format_fraction

__all__ = ["TreeLayout", "tree_figure", "tree_layout"]

_EQ_COLOUR = "#c0182b"


@dataclass(frozen=True)
class TreeLayout:
    """Node positions in units (x to the right, y = -depth), each node's child spacing, and
    how far the tree reaches left and right of its root (leaves are one unit wide)."""

    x: dict[str, Fraction]
    y: dict[str, int]
    spacing: dict[str, Fraction]
    left: Fraction
    right: Fraction

    @property
    def width(self) -> Fraction:
        return self.left + self.right


def tree_layout(tree: Any) -> TreeLayout:
    """Place every node of a tree (see the module docstring); exact, so reproducible.

    Examples
    --------
    >>> from gametheory.extensive import Tree
    >>> t = Tree.from_nested({"player": "E", "moves": {"out": [0, 2], "in": {"player": "I",
    ...     "moves": {"fight": [-1, -1], "accommodate": [1, 1]}}}}, players=("E", "I"))
    >>> lay = tree_layout(t)
    >>> [(n, str(lay.x[n]), lay.y[n]) for n in ("root", "root.out", "root.in", "root.in.fight")]
    [('root', '0', 0), ('root.out', '-3/4', -1), ('root.in', '3/4', -1), ('root.in.fight', '1/4', -2)]
    """  # noqa: E501
    # Each subtree's extent left and right of its root (a leaf is one unit wide).
    left: dict[str, Fraction] = {}
    right: dict[str, Fraction] = {}
    spacing: dict[str, Fraction] = {}
    half = Fraction(1, 2)
    for node in reversed(tree.nodes):
        kids = node.children
        if not kids:
            left[node.id] = right[node.id] = half
            continue
        gap = max((right[a] + left[b] for a, b in itertools.pairwise(kids)),
                  default=Fraction(0))
        spacing[node.id] = gap
        left[node.id] = gap * (len(kids) - 1) / 2 + left[kids[0]]
        right[node.id] = gap * (len(kids) - 1) / 2 + right[kids[-1]]
    x = {tree.root.id: Fraction(0)}
    y = {tree.root.id: 0}
    for node in tree.nodes:
        k = len(node.children)
        for j, c in enumerate(node.children):
            x[c] = x[node.id] + (j - Fraction(k - 1, 2)) * spacing[node.id]
            y[c] = y[node.id] - 1
    root = tree.root.id
    return TreeLayout(x, y, spacing, left[root], right[root])


def _equilibrium(result: Any, equilibrium: int) -> Any:
    if not result.equilibria:
        return None
    if not 1 <= equilibrium <= len(result.equilibria):
        raise GameValueError(
            f"no equilibrium {equilibrium}: there are {len(result.equilibria)}",
            key="equilibrium",
        )
    return result.equilibria[equilibrium - 1]


def tree_figure(result: Any, *, equilibrium: int = 1, title: str = "") -> Any:
    """The tree of a tree solve, one equilibrium's choices marked (a matplotlib Figure).

    Parameters
    ----------
    result : TreeSolveResult
    equilibrium : int, optional
        Which equilibrium (1-based) to mark; nothing is marked when there is none.
    title : str, optional

    Raises
    ------
    GameValueError
        For an equilibrium number out of range.
    """
    from . import _STYLE, _figure, require_matplotlib

    tree = result.tree
    eq = _equilibrium(result, equilibrium)
    lay = tree_layout(tree)
    depth = -min(lay.y.values())
    unit_x, unit_y = 1.15, 1.0
    size = (max(4.5, float(lay.width) * unit_x + 1.2), max(3.0, depth * unit_y + 1.8))
    with require_matplotlib().rc_context(_STYLE):
        fig = _figure(size)
        ax = fig.add_subplot()
        ax.set_axis_off()

        def xy(node_id: str) -> tuple[float, float]:
            return float(lay.x[node_id]), float(lay.y[node_id])

        for node in tree.nodes:
            if node.kind == "terminal":
                continue
            x0, y0 = xy(node.id)
            for j, (a, c) in enumerate(zip(node.actions, node.children, strict=True)):
                x1, y1 = xy(c)
                p = (node.probabilities[j] if node.kind == "chance"
                     else eq.behavior[node.infoset][a] if eq is not None else Fraction(0))
                marked = node.kind == "decision" and p > 0
                ax.plot([x0, x1], [y0, y1], color=_EQ_COLOUR if marked else "#444444",
                        lw=3.0 if marked else 1.0, zorder=1, solid_capstyle="round")
                text = a
                if node.kind == "chance" or (marked and p < 1):
                    text += f" ({format_fraction(p)})"
                left = x1 < x0 or (x1 == x0 and j == 0)
                ax.annotate(text, ((x0 + x1) / 2, (y0 + y1) / 2), xytext=(-4 if left else 4, 2),
                            textcoords="offset points", ha="right" if left else "left",
                            va="bottom", fontsize=9, zorder=3,
                            color=_EQ_COLOUR if marked else "black")
        for node in tree.nodes:
            x0, y0 = xy(node.id)
            if node.kind == "terminal":
                ax.annotate("(" + ", ".join(format_fraction(u) for u in node.payoffs) + ")",
                            (x0, y0), xytext=(0, -5), textcoords="offset points", ha="center",
                            va="top", fontsize=9)
                continue
            chance = node.kind == "chance"
            ax.plot([x0], [y0], "o", ms=7, zorder=4, mec="black",
                    mfc="white" if chance else "black")
            ax.annotate("chance" if chance else node.player, (x0, y0), xytext=(0, 7),
                        textcoords="offset points", ha="center", va="bottom", fontsize=10,
                        style="italic" if chance else "normal", zorder=3)
        for s in tree.infosets:
            if len(s.nodes) > 1:
                points = sorted((xy(n) for n in s.nodes), key=lambda p: p[0])
                for a, b in itertools.pairwise(points):
                    # A dashed arc bowing upwards, clear of the nodes between the members.
                    ax.annotate("", xy=b, xytext=a, zorder=2, arrowprops={
                        "arrowstyle": "-", "ls": (0, (4, 3)), "color": "#1f5fa8", "lw": 1.4,
                        "connectionstyle": "arc3,rad=-0.12", "shrinkA": 4, "shrinkB": 4})
        ax.set_xlim(-float(lay.left) - 0.4, float(lay.right) + 0.4)
        ax.set_ylim(-depth - 0.6, 0.5)
        heading = title or tree.title or "Game tree"
        if eq is not None:
            heading += f": equilibrium {equilibrium} of {len(result.equilibria)} marked"
            if not eq.subgame_perfect:
                heading += " (not subgame perfect)"
        ax.set_title(heading, loc="left", fontsize=11)
    return fig
