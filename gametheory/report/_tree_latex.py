r"""Game trees in LaTeX with the istgame package (TikZ), one equilibrium's choices marked.

The figure uses the layout of :func:`gametheory.plot._tree.tree_layout` (children evenly spaced
and centred under their parent, wide enough for their subtrees): each decision or chance node is
an ``\istroot`` with its own sibling distance, each move an ``\istb``. Decision nodes are solid
with the player above, chance nodes hollow with each action's probability in its label,
terminals show the payoffs; information sets are dashed arcs (``\xtInfoset``); the choices of
the marked equilibrium are thick (a mixed choice shows its probability in brackets). Every
string goes through :func:`~gametheory.report._latex.escape_latex` and istgame's labels are set
to text mode, so any label compiles. A tree wider than the text is scaled to the line width.
The fragment needs ``\usepackage{istgame}`` (and ``graphicx`` when scaled); ``standalone=True``
gives a whole document.

References
----------
In-Sung Cho (2022), *The istgame package: drawing game trees with TikZ*, version 2.1, CTAN.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

from ._document import Document, Numbers
from ._latex import escape_latex, render_latex

__all__ = ["tree_figure_latex", "tree_solve_latex"]

#: Millimetres per layout unit (a leaf's width) and per level.
_UNIT_MM = 22
_LEVEL_MM = 20
#: Wider figures are scaled down to the line width.
_TEXT_WIDTH_MM = 150


def _mm(value: Fraction) -> str:
    return f"{float(value):.2f}".rstrip("0").rstrip(".") + "mm"


def tree_figure_latex(result: Any, *, equilibrium: int = 1, numbers: Numbers | None = None,
                      caption: str = "") -> tuple[list[str], set[str]]:
    r"""The istgame figure of a tree solve and the packages it needs.

    Parameters
    ----------
    result : TreeSolveResult
    equilibrium : int, optional
        The equilibrium (1-based) whose choices are marked; none when there is no equilibrium.
    numbers : Numbers, optional
        How to write payoffs and probabilities (exact fractions by default).
    caption : str, optional
        Default: the tree's title and which equilibrium is marked.

    Returns
    -------
    (list of str, set of str)
        The lines of a ``figure`` environment, and the package names to load.

    Examples
    --------
    >>> from gametheory import solve
    >>> from gametheory.extensive import Tree
    >>> t = Tree.from_nested({"player": "E", "moves": {"out": [0, 2], "in": {"player": "I",
    ...     "moves": {"fight": [-1, -1], "accommodate": [1, 1]}}}}, players=("E", "I"))
    >>> lines, needs = tree_figure_latex(solve(t))
    >>> print("\n".join(lines[4:11]))
    \istroot(n0)[solid node]<above>{E}+20mm..{33mm}+
      \istb{out}[al]{(0, 2)}
      \istb[line width=1.6pt]{in}[ar]
    \endist
    \istroot(n2)(n0-2)[solid node]<above right>{I}+20mm..{22mm}+
      \istb{fight}[al]{($-$1, $-$1)}
      \istb[line width=1.6pt]{accommodate}[ar]{(1, 1)}
    """
    from ..plot._tree import _equilibrium, tree_layout

    numbers = numbers or Numbers()
    tree = result.tree
    eq = _equilibrium(result, equilibrium)
    lay = tree_layout(tree)
    index = {n.id: k for k, n in enumerate(tree.nodes)}
    at: dict[str, str] = {}

    def number(value: Fraction) -> str:
        return escape_latex(numbers.format(value)).replace("-", "$-$")

    body = [r"\begin{istgame}", r"\setistmathTF000"]
    for node in tree.nodes:
        if node.kind == "terminal":
            continue
        name = f"n{index[node.id]}"
        where = f"({at[node.id]})" if node.id in at else ""
        style = "[chance node]" if node.kind == "chance" else "[solid node]"
        owner = r"\textit{chance}" if node.kind == "chance" else escape_latex(node.player or "")
        sibling = lay.spacing[node.id] * _UNIT_MM
        # The owner goes on the side away from the incoming branch.
        parent = tree.parent(node.id)
        side = "above" if parent is None else "above left" if lay.x[node.id] < lay.x[
            parent[0]] else "above right" if lay.x[node.id] > lay.x[parent[0]] else "right"
        body.append(rf"\istroot({name}){where}{style}<{side}>{{{owner}}}"
                    f"+{_LEVEL_MM}mm..{{{_mm(sibling)}}}+")
        k = len(node.children)
        for j, (a, c) in enumerate(zip(node.actions, node.children, strict=True)):
            at[c] = f"{name}-{j + 1}"
            label = escape_latex(a)
            style = ""
            if node.kind == "chance":
                label += f" ({number(node.probabilities[j])})"
            elif eq is not None and eq.behavior[node.infoset][a] > 0:
                style = "[line width=1.6pt]"
                p = eq.behavior[node.infoset][a]
                if p < 1:
                    label += f" [{number(p)}]"
            side = "al" if 2 * j < k - 1 else "ar" if 2 * j > k - 1 else "r"
            child = tree.node(c)
            payoff = ""
            if child.kind == "terminal":
                payoff = "{(" + ", ".join(number(u) for u in child.payoffs) + ")}"
            body.append(rf"  \istb{style}{{{label}}}[{side}]{payoff}")
        body.append(r"\endist")
    for s in tree.infosets:
        if len(s.nodes) > 1:
            members = sorted(s.nodes, key=lambda n: (lay.x[n], index[n]))
            for a_, b_ in itertools.pairwise(members):
                body.append(rf"\xtInfoset[dashed, bend left=15](n{index[a_]})(n{index[b_]})")
    body.append(r"\end{istgame}")
    needs = {"istgame"}
    if lay.width * _UNIT_MM > _TEXT_WIDTH_MM:
        body = [r"\resizebox{\linewidth}{!}{%", *body, "}"]
        needs.add("graphicx")
    if not caption:
        caption = tree.title or "Game tree"
        if eq is not None:
            caption += (f": the choices of equilibrium {equilibrium} of "
                        f"{len(result.equilibria)} are thick")
            if not eq.subgame_perfect:
                caption += " (not subgame perfect)"
        if not tree.is_perfect_information:
            caption += "; dashed arcs join the nodes of an information set"
        caption += "."
    lines = [r"\begin{figure}[htbp]", r"\centering", *body,
             r"\caption{" + escape_latex(caption) + "}", r"\end{figure}"]
    return lines, needs


def tree_solve_latex(document: Document, result: Any, numbers: Numbers, *,
                     standalone: bool = False) -> str:
    """A tree solve in LaTeX: the istgame figure, then the report's tables."""
    figure, needs = tree_figure_latex(result, numbers=numbers)
    tables = render_latex(document, numbers)
    head, _, rest = tables.partition("\n")
    listed = head.removeprefix(r"% Needs \usepackage{").removesuffix("} in the preamble.")
    packages = [p for p in listed.split(", ") if p]
    packages += sorted(needs - set(packages))
    body = "\n".join(figure) + "\n\n" + rest
    if not standalone:
        return f"% Needs \\usepackage{{{', '.join(packages)}}} in the preamble.\n{body}"
    return (
        "\\documentclass{article}\n"
        f"\\usepackage{{{','.join(packages)}}}\n"
        "\\setlength{\\emergencystretch}{3em}\n"
        "\\begin{document}\n"
        f"{body}"
        "\\end{document}\n"
    )
