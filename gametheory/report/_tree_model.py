"""Reports of tree models (``gametheory show`` on a tree): description, parameters, the tree as
an outline with its payoff expressions and values, and (``explain``) each terminal's ranks,
reasons and sources."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..numbers import format_fraction
from ._document import ALL_FORMATS, Document, Heading, Numbers, Paragraph, Table
from ._solve import parameters_text
from ._tree import tree_outline

__all__ = ["tree_model_document", "tree_model_json"]


def tree_model_document(model: Any, *, values: Mapping[str, Fraction] | None = None,
                        explain: bool = False, numbers: Numbers | None = None) -> Document:
    numbers = numbers or Numbers()
    values = dict(values) if values else model.values()
    tree = model.game(values)
    blocks: list[Any] = [Heading(model.title or model.name)]
    if model.description:
        blocks.append(Paragraph(model.description))
    if model.parameters:
        rows = tuple(
            (p.name, numbers.format(values[p.name]), p.range_text, p.description)
            for p in model.parameters.values()
        )
        blocks.append(Table(("parameter", "value", "range", "description"), rows,
                            caption="Parameters", formats=ALL_FORMATS))
    blocks.append(Table(("player", "description"),
                        tuple((p.name, p.description) for p in model.players),
                        caption="Players", formats=ALL_FORMATS - {"csv"}))
    caption = f"Tree (payoffs: {', '.join(model.player_names)})"
    if model.parameters:
        caption += " at " + parameters_text(values)
    outline = [caption, *tree_outline(tree, numbers=numbers)]
    blocks.append(Paragraph("\n".join(outline), formats=frozenset({"text"})))
    nested = [outline[0]] + [
        f"{line[: len(line) - len(line.lstrip())]}- {line.lstrip()}" for line in outline[1:]
    ]
    blocks.append(Paragraph("\n".join(nested), formats=frozenset({"markdown"})))
    rows = []
    for n in model.nodes:
        if n.kind == "terminal":
            rows.append((n.id, *(str(e) for e in n.payoffs), n.description))
    blocks.append(Table(("terminal", *model.player_names, "description"), tuple(rows),
                        caption="Payoffs as written", formats=ALL_FORMATS))
    if explain:
        rows = []
        for n in model.nodes:
            for p in model.player_names:
                if p in n.ranks or p in n.why or p in n.sources:
                    rows.append((n.id, p, str(n.ranks.get(p, "")), n.why.get(p, ""),
                                 n.sources.get(p, "") or n.source))
        if rows:
            blocks.append(Table(("terminal", "player", "rank", "why", "source"), tuple(rows),
                                caption="Judgements", formats=ALL_FORMATS))
    return Document(tuple(blocks), title=model.title or model.name)


def tree_model_json(model: Any, *, values: Mapping[str, Fraction] | None = None,
                    numbers: Numbers | None = None) -> dict[str, Any]:
    numbers = numbers or Numbers()
    values = dict(values) if values else model.values()
    tree = model.game(values)
    nodes = []
    for n in model.nodes:
        item: dict[str, Any] = {"id": n.id, "kind": n.kind}
        if n.kind == "decision":
            item["player"] = n.player
            item["infoset"] = tree.infoset_of(n.id).id
        if n.actions:
            item["actions"] = [
                {"label": a.label, "to": a.to,
                 **({"probability": str(a.probability)} if a.probability is not None else {})}
                for a in n.actions
            ]
        if n.kind == "terminal":
            item["payoffs"] = {p: str(e) for p, e in zip(model.player_names, n.payoffs,
                                                         strict=True)}
            item["values"] = {p: numbers.format(u) for p, u in zip(
                model.player_names, tree.node(n.id).payoffs, strict=True)}
        nodes.append(item)
    return {
        "title": model.title,
        "players": list(model.player_names),
        "parameters": {k: format_fraction(v) for k, v in values.items()},
        "root": model.root,
        "nodes": nodes,
    }
