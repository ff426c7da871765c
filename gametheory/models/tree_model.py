"""Tree models: a game tree written down with parameters, provenance and judgements.

A :class:`TreeModel` is what a tree model file describes (the format is documented in
``models/README.md``): players, parameters as in matrix models, and nodes. A decision node names
its player, optionally an information set, and its actions (label, the node it leads to, a
description and a source); a chance node (``chance = true``) gives each action a probability
*expression*; a terminal node gives each player's payoff as an expression, with optional ranks
(higher = better), reasons (``why``) and sources per player. :meth:`TreeModel.game` evaluates
the expressions exactly and returns a :class:`~gametheory.extensive.tree.Tree`, checking the
chance probabilities at those values.

Tree models are immutable; :meth:`TreeModel.with_values` returns a model with new defaults and
:meth:`TreeModel.to_toml` writes a file that loads back to an equal model.

Examples
--------
>>> from gametheory.models import load_model
>>> m = load_model("entry-deterrence")
>>> m.is_tree, [p.name for p in m.players]
(True, ['Entrant', 'Incumbent'])
>>> m.game().subgame_roots()
('start', 'entered')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..errors import GameError, ModelError
from ..extensive.tree import Node, Tree
from ..numbers import format_fraction
from . import _toml_writer as toml
from .expression import Expression, _number_node
from .model import Parameter, _unknown_parameter, parse_value

__all__ = ["TreeAction", "TreeModel", "TreeNode", "TreePlayer"]


@dataclass(frozen=True)
class TreePlayer:
    """A player of a tree model (it has no strategy list: its moves are at its nodes)."""

    name: str
    description: str = ""

    @property
    def strategies(self) -> tuple[()]:
        return ()


@dataclass(frozen=True)
class TreeAction:
    """An action at a node: its label, the node it leads to, and (chance) its probability."""

    label: str
    to: str
    probability: Expression | None = None
    description: str = ""
    source: str = ""


@dataclass(frozen=True)
class TreeNode:
    """One node of a tree model. ``kind`` is ``"decision"``, ``"chance"`` or ``"terminal"``.

    ``payoffs`` holds one expression per player (terminals); ``ranks``, ``why`` and ``source``
    map player names to a rank and texts (``source`` may also be one text for the node, in
    ``description``-like prose under ``node_source``).
    """

    id: str
    kind: str
    player: str | None = None
    infoset: str | None = None
    actions: tuple[TreeAction, ...] = ()
    payoffs: tuple[Expression, ...] = ()
    ranks: Mapping[str, int] = field(default_factory=dict)
    why: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    description: str = ""
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class TreeModel:
    """A game tree model. Two models are equal when their content is equal (not name/path).

    Attributes
    ----------
    name, path, title, description, source
        As in :class:`~gametheory.models.model.Model`.
    parameters : dict of str to Parameter
    players : tuple of TreePlayer
    nodes : tuple of TreeNode
        In file order; ``root`` is the first unless :attr:`root` says otherwise.
    root : str
    notes : str
    """

    name: str
    title: str
    players: tuple[TreePlayer, ...]
    nodes: tuple[TreeNode, ...]
    root: str
    parameters: dict[str, Parameter] = field(default_factory=dict)
    description: str = ""
    source: str = ""
    notes: str = ""
    path: str | None = None

    is_tree = True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TreeModel):
            return NotImplemented
        return self._content() == other._content()

    def __hash__(self) -> int:
        return hash((self.title, self.players, self.root))

    def _content(self) -> tuple[Any, ...]:
        return (self.title, self.description, self.source, self.notes, self.players,
                self.nodes, self.root, tuple(self.parameters.values()))

    @property
    def player_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.players)

    @property
    def outcomes(self) -> tuple[()]:
        return ()

    # ------------------------------------------------------------------ numbers
    def values(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Fraction]:
        """The parameter values: defaults with ``overrides`` applied and range-checked."""
        result = {n: p.value for n, p in self.parameters.items()}
        for name, raw in (overrides or {}).items():
            parameter = self.parameters.get(name)
            if parameter is None:
                raise _unknown_parameter(str(name), self.parameters)
            value = parse_value(raw, f"parameter {name}")
            if not parameter.contains(value):
                raise ModelError(
                    f"parameter {name} = {format_fraction(value)} is outside its range "
                    f"{parameter.range_text}"
                )
            result[name] = value
        return result

    def game(self, overrides: Mapping[str, Any] | None = None) -> Tree:
        """The exact tree at the default parameter values, or at ``overrides``.

        Raises
        ------
        ModelError
            Naming the node (file and key) where an expression cannot be evaluated or the
            chance probabilities are negative or do not sum to 1 at these values.
        """
        values = self.values(overrides)
        at = ", ".join(f"{k} = {format_fraction(v)}" for k, v in values.items())
        nodes = []
        for k, n in enumerate(self.nodes):
            key = f"nodes[{k}]"
            try:
                if n.kind == "terminal":
                    nodes.append(Node.terminal(
                        n.id, [e.evaluate(values) for e in n.payoffs], label=n.description))
                elif n.kind == "chance":
                    probs = [a.probability.evaluate(values) for a in n.actions]  # type: ignore[union-attr]
                    for a, p in zip(n.actions, probs, strict=True):
                        if p < 0:
                            raise ModelError(f"probability of {a.label!r} is {p}, negative"
                                             + (f" at {at}" if at else ""))
                    if sum(probs) != 1:
                        raise ModelError(f"probabilities sum to {sum(probs)}, not 1"
                                         + (f" at {at}" if at else ""))
                    nodes.append(Node.chance(n.id, {
                        a.label: (p, a.to) for a, p in zip(n.actions, probs, strict=True)
                    }, label=n.description))
                else:
                    nodes.append(Node.decision(
                        n.id, n.player or "", {a.label: a.to for a in n.actions},
                        infoset=n.infoset, label=n.description,
                    ))
            except GameError as exc:
                raise ModelError(exc.message, file=self.path, key=f"{key} ({n.id})",
                                 hint=exc.hint) from None
        try:
            return Tree.from_nodes(nodes, self.player_names, root=self.root, title=self.title)
        except GameError as exc:
            raise ModelError(exc.message, file=self.path, key=exc.key, hint=exc.hint) from None

    def with_values(self, overrides: Mapping[str, Any]) -> TreeModel:
        """The same model with new default parameter values."""
        values = self.values(overrides)
        parameters = {
            n: dataclasses.replace(p, value=values[n]) for n, p in self.parameters.items()
        }
        return dataclasses.replace(self, parameters=parameters)

    def with_payoff(self, *args: Any, **kwargs: Any) -> TreeModel:
        raise ModelError("--set edits payoff tables of matrix models; edit the tree's file")

    # ------------------------------------------------------------------ conversions
    @classmethod
    def from_tree(cls, tree: Tree, name: str = "tree", path: str | None = None) -> TreeModel:
        """A model of a numeric tree (for example one read from an ``.efg`` file)."""
        nodes = []
        for n in tree.nodes:
            if n.kind == "terminal":
                nodes.append(TreeNode(n.id, "terminal", payoffs=tuple(
                    _number_node(u) for u in n.payoffs), description=n.label))
            elif n.kind == "chance":
                nodes.append(TreeNode(n.id, "chance", actions=tuple(
                    TreeAction(a, c, _number_node(p))
                    for a, p, c in zip(n.actions, n.probabilities, n.children, strict=True)
                ), description=n.label))
            else:
                nodes.append(TreeNode(
                    n.id, "decision", n.player, n.infoset if n.infoset != n.id else None,
                    tuple(TreeAction(a, c) for a, c in zip(n.actions, n.children, strict=True)),
                    description=n.label,
                ))
        return cls(
            name=name, path=path, title=tree.title or name,
            players=tuple(TreePlayer(p) for p in tree.players), nodes=tuple(nodes),
            root=tree.root.id,
        )

    def to_toml(self) -> str:
        """The model as a tree model file (TOML), deterministic; it loads back equal."""
        from .model import _expression_toml

        out = ["[game]", f"title = {toml.string(self.title)}"]
        for key in ("description", "source", "notes"):
            if getattr(self, key):
                out.append(f"{key} = {toml.text_block(getattr(self, key))}")
        for p in self.parameters.values():
            out += ["", f"[parameters.{toml.key(p.name)}]", f"value = {toml.number(p.value)}"]
            if p.low is not None and p.high is not None:
                out.append(f"range = [{toml.number(p.low)}, {toml.number(p.high)}]")
            for key in ("description", "source"):
                if getattr(p, key):
                    out.append(f"{key} = {toml.text_block(getattr(p, key))}")
        for player in self.players:
            out += ["", "[[players]]", f"name = {toml.string(player.name)}"]
            if player.description:
                out.append(f"description = {toml.text_block(player.description)}")
        out += ["", "[tree]", f"root = {toml.string(self.root)}"]
        for n in self.nodes:
            out += ["", "[[nodes]]", f"id = {toml.string(n.id)}"]
            if n.kind == "decision":
                out.append(f"player = {toml.string(n.player or '')}")
                if n.infoset:
                    out.append(f"infoset = {toml.string(n.infoset)}")
            elif n.kind == "chance":
                out.append("chance = true")
            for key in ("description", "source"):
                if getattr(n, key):
                    out.append(f"{key} = {toml.text_block(getattr(n, key))}")
            if n.kind == "terminal":
                pays = ", ".join(
                    f"{toml.key(p)} = {_expression_toml(e)}"
                    for p, e in zip(self.player_names, n.payoffs, strict=True)
                )
                out.append(f"payoffs = {{ {pays} }}")
                for part, table in (("ranks", n.ranks), ("why", n.why), ("sources", n.sources)):
                    if table:
                        out += ["", f"[nodes.{part}]"]
                        for p, v in table.items():
                            text = str(v) if part == "ranks" else toml.text_block(v)
                            out.append(f"{toml.key(p)} = {text}")
            for a in n.actions:
                out += ["", "[[nodes.actions]]", f"label = {toml.string(a.label)}",
                        f"to = {toml.string(a.to)}"]
                if a.probability is not None:
                    out.append(f"probability = {_expression_toml(a.probability)}")
                for key in ("description", "source"):
                    if getattr(a, key):
                        out.append(f"{key} = {toml.text_block(getattr(a, key))}")
        return "\n".join(out) + "\n"
