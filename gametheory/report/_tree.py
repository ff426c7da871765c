"""Reports of tree solves: the tree as an indented outline with equilibrium choices marked,
the equilibria in behaviour strategies, their paths, and the JSON contract of
:class:`~gametheory.extensive.result.TreeSolveResult`.

In the outline each node is a line, indented by its depth; an action is followed by the
equilibria that take it in brackets (``[1,3]``; ``[2: 1/2]`` when equilibrium 2 takes it with
probability 1/2), a chance action by its probability, and a terminal by the payoffs.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..extensive.result import TreeEquilibrium, TreeSolveResult
from ..extensive.tree import Tree
from ..numbers import format_fraction
from ._document import ALL_FORMATS, Document, Heading, Numbers, Paragraph, Table
from ._solve import parameters_text

__all__ = ["behavior_text", "format_tree_solve", "tree_document", "tree_json", "tree_outline"]

_INDENT = "  "


def _marks(node_infoset: str, action: str, equilibria: tuple[TreeEquilibrium, ...],
           numbers: Numbers) -> str:
    parts = []
    for k, eq in enumerate(equilibria, start=1):
        p = eq.behavior.get(node_infoset, {}).get(action, Fraction(0))
        if p == 1:
            parts.append(str(k))
        elif p > 0:
            parts.append(f"{k}: {numbers.format(p)}")
    return f" [{'; '.join(parts)}]" if parts else ""


def tree_outline(tree: Tree, equilibria: tuple[TreeEquilibrium, ...] = (),
                 numbers: Numbers | None = None) -> list[str]:
    """The tree as indented lines, each action marked with the equilibria that take it.

    Examples
    --------
    >>> t = Tree.from_nested({"player": "E", "moves": {"out": [0, 2], "in": {"player": "I",
    ...     "moves": {"fight": [-1, -1], "accommodate": [1, 1]}}}}, players=("E", "I"))
    >>> print("\\n".join(tree_outline(t)))
    root: E
      out -> root.out: 0, 2
      in -> root.in: I
        fight -> root.in.fight: -1, -1
        accommodate -> root.in.accommodate: 1, 1
    """
    numbers = numbers or Numbers()
    lines = []

    def head(node_id: str) -> str:
        node = tree.node(node_id)
        if node.kind == "terminal":
            return f"{node_id}: " + ", ".join(numbers.format(u) for u in node.payoffs)
        if node.kind == "chance":
            return f"{node_id}: chance"
        s = tree.infoset_of(node_id)
        where = f" (information set {s.id})" if s is not None and len(s.nodes) > 1 else ""
        return f"{node_id}: {node.player}{where}"

    lines.append(head(tree.root.id))
    stack = [(tree.root.id, 1, j) for j in reversed(range(len(tree.root.actions)))]
    while stack:
        node_id, depth, j = stack.pop()
        node = tree.node(node_id)
        action, child = node.actions[j], node.children[j]
        if node.kind == "chance":
            mark = f" ({numbers.format(node.probabilities[j])})"
        else:
            mark = _marks(node.infoset or node.id, action, equilibria, numbers)
        lines.append(f"{_INDENT * depth}{action}{mark} -> {head(child)}")
        c = tree.node(child)
        stack.extend((child, depth + 1, i) for i in reversed(range(len(c.actions))))
    return lines


def behavior_text(eq: TreeEquilibrium, player: str, numbers: Numbers) -> str:
    """A player's behaviour: ``set:action`` per information set; mixtures as ``1/2 a + 1/2 b``."""
    parts = []
    for sid, probs in eq.behavior.items():
        if eq.infoset_players[sid] != player:
            continue
        support = [(a, p) for a, p in probs.items() if p > 0]
        if len(support) == 1:
            parts.append(f"{sid}:{support[0][0]}")
        else:
            parts.append(f"{sid}:(" + " + ".join(f"{numbers.format(p)} {a}" for a, p in support)
                         + ")")
    return " ".join(parts) or "-"


def _path_text(eq: TreeEquilibrium, numbers: Numbers) -> str:
    parts = []
    for m in eq.path:
        if m.mover == "chance":
            parts.append(f"chance {m.action} ({numbers.format(m.probability)})")
        elif m.probability == 1:
            parts.append(f"{m.mover} {m.action}")
        else:
            parts.append(f"{m.mover} {m.action} ({numbers.format(m.probability)})")
    return ", ".join(parts) or "-"


def tree_document(result: TreeSolveResult, *, title: str = "",
                  parameters: Mapping[str, Fraction] | None = None,
                  numbers: Numbers | None = None) -> Document:
    """The report: heading, outline (text; a nested list in markdown), equilibria, paths."""
    numbers = numbers or Numbers()
    tree = result.tree
    title = title or tree.title or "Game tree"
    caption = f"Tree (payoffs: {', '.join(tree.players)}; [k] marks equilibrium k's choices)"
    if parameters:
        caption = caption[:-1] + " at " + parameters_text(parameters) + ")"
    outline = [caption, *tree_outline(tree, result.equilibria, numbers)]
    players = tree.players
    n = len(result.equilibria)
    kind = "subgame-perfect equilibri" if result.subgame_perfect else "Nash equilibri"
    if result.method == "pbe":
        kind = "pure weak perfect Bayesian equilibri"
    header = ("#", *players, *(f"{p} payoff" for p in players), "subgame perfect")
    rows = tuple(
        (str(k), *(behavior_text(eq, p, numbers) for p in players), *eq.payoffs,
         "yes" if eq.subgame_perfect else "no")
        for k, eq in enumerate(result.equilibria, start=1)
    )
    blocks: list[Any] = [Heading(title)]
    blocks.append(Paragraph("\n".join(outline), formats=frozenset({"text"})))
    nested = [outline[0]] + [
        f"{line[: len(line) - len(line.lstrip())]}- {line.lstrip()}" for line in outline[1:]
    ]
    blocks.append(Paragraph("\n".join(nested), formats=frozenset({"markdown"})))
    if rows:
        blocks.append(Table(header, rows, caption=f"{n} {kind}{'um' if n == 1 else 'a'}",
                            formats=ALL_FORMATS - {"csv"}))
        blocks.append(_data_table(result))
        paths = tuple((str(k), _path_text(eq, numbers))
                      for k, eq in enumerate(result.equilibria, start=1))
        blocks.append(Table(("#", "equilibrium path"), paths, caption="Paths",
                            formats=ALL_FORMATS - {"csv"}))
        if result.method == "pbe":
            from ._pbe import pbe_blocks

            blocks.extend(pbe_blocks(result))
    else:
        blocks.append(Paragraph("No equilibrium was found."))
    status = f"Method {result.method}: "
    if result.status != "ok":
        status += f"{result.status}: "
    status += result.message
    blocks.append(Paragraph(status if status.endswith(".") else status + "."))
    return Document(tuple(blocks), title=title)


def _data_table(result: TreeSolveResult) -> Table:
    """CSV: one row per equilibrium, one column per (player, information set, action)."""
    tree = result.tree
    columns = [(s.player, s.id, a) for s in tree.infosets for a in s.actions]
    header = ("equilibrium", *(":".join(c) for c in columns),
              *(f"{p} payoff" for p in tree.players), "subgame perfect")
    rows = tuple(
        (str(k), *(eq.behavior[sid][a] for _, sid, a in columns), *eq.payoffs,
         "yes" if eq.subgame_perfect else "no")
        for k, eq in enumerate(result.equilibria, start=1)
    )
    return Table(header, rows, formats=frozenset({"csv"}))


def tree_json(result: TreeSolveResult, *, model: str | None = None,
              parameters: Mapping[str, Fraction] | None = None,
              numbers: Numbers | None = None) -> dict[str, Any]:
    """The JSON form (the contract of :meth:`TreeSolveResult.to_dict`, plus context)."""
    numbers = numbers or Numbers()
    data: dict[str, Any] = {}
    if model is not None:
        data["model"] = model
    if parameters:
        data["parameters"] = {name: format_fraction(v) for name, v in parameters.items()}
    data.update(result.to_dict())
    if numbers.decimals is not None:
        for eq, item in zip(result.equilibria, data["equilibria"], strict=True):
            item["payoffs"] = {p: numbers.format(u)
                               for p, u in zip(result.tree.players, eq.payoffs, strict=True)}
            for sets in item["behavior"].values():
                for sid, probs in sets.items():
                    sets[sid] = {a: numbers.format(eq.behavior[sid][a]) for a in probs}
            for move, m in zip(item["path"], eq.path, strict=True):
                move["probability"] = numbers.format(m.probability)
    return data


def format_tree_solve(result: TreeSolveResult, format: str = "text", *,
                      decimals: int | None = None, title: str = "", model: str | None = None,
                      parameters: Mapping[str, Fraction] | None = None,
                      standalone: bool = False) -> str:
    """A tree solve as text, markdown, LaTeX (tables), CSV or JSON."""
    from . import render

    numbers = Numbers(decimals)
    document = tree_document(result, title=title, parameters=parameters, numbers=numbers)
    if format == "latex":  # the istgame figure, then the tables
        from ._tree_latex import tree_solve_latex

        return tree_solve_latex(document, result, numbers, standalone=standalone)
    data = tree_json(result, model=model, parameters=parameters, numbers=numbers)
    return render(document, format, decimals=decimals, standalone=standalone, data=data)


def format_tree_sensitivity(
    analyses: tuple, format: str = "text", *, standalone: bool = False
) -> str:
    """Thresholds and regimes of tree parameters (:mod:`gametheory.extensive.sensitivity`)."""
    from . import render

    if format == "json":
        if len(analyses) == 1:
            data: dict[str, Any] = {**analyses[0].to_dict(), "statics": None}
        else:
            data = {"analyses": [a.to_dict() for a in analyses], "statics": None}
        return render(Document(()), "json", data=data)
    blocks: list[Any] = []
    for a in analyses:
        fixed = ", ".join(f"{k} = {format_fraction(v)}" for k, v in a.fixed.items())
        blocks.append(Heading(f"{a.title}: subgame-perfect equilibria as {a.parameter} varies"
                              + (f" ({fixed})" if fixed else "")))
        thresholds = ", ".join(_threshold(t) for t in a.thresholds) or "none"
        blocks.append(Paragraph(f"Thresholds of {a.parameter}: {thresholds}."))
        rows = []
        for r in a.regimes:
            lo, hi = r.interval()
            where = f"{a.parameter} = {lo}" if lo == hi else (
                f"{'[' if r.closed[0] else '('}{lo}, {hi}{']' if r.closed[1] else ')'}")
            if not r.equilibria:
                rows.append((where, r.note or "-", ""))
            for k, eq in enumerate(r.equilibria):
                choices = " ".join(
                    f"{sid}:{a_}" for player in eq["behavior"].values()
                    for sid, probs in player.items() for a_, p in probs.items() if p == "1"
                )
                pays = ", ".join(eq["payoffs"].values())
                rows.append((where if k == 0 else "", choices, pays))
        blocks.append(Table((a.parameter, "SPE choices", "payoffs (" + ", ".join(a.players)
                             + ")"), tuple(rows), formats=ALL_FORMATS - {"csv"}))
    return render(Document(tuple(blocks), title="Sensitivity"), format, standalone=standalone)


def _threshold(t: Any) -> str:
    return format_fraction(t) if isinstance(t, Fraction) else str(t)
