"""The parts of a tree: :class:`Node` and :class:`InfoSet` (definitions in :mod:`.tree`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..numbers import to_fraction

__all__ = ["KINDS", "InfoSet", "Node"]

KINDS = ("decision", "chance", "terminal")


@dataclass(frozen=True)
class Node:
    """One node of a tree; build nodes with :meth:`decision`, :meth:`chance`, :meth:`terminal`.

    Attributes
    ----------
    id : str
        Unique within the tree.
    kind : str
        ``"decision"``, ``"chance"`` or ``"terminal"``.
    player : str or None
        The mover at a decision node; ``None`` otherwise.
    actions : tuple of str
        Action labels, one per child (empty at a terminal node).
    children : tuple of str
        Child node ids, in the order of :attr:`actions`.
    probabilities : tuple of Fraction
        Chance nodes: one exact probability per action; else empty.
    payoffs : tuple of Fraction
        Terminal nodes: one exact payoff per player, in the tree's player order; else empty.
    infoset : str or None
        Decision nodes: the information set id (the node's id by default); else ``None``.
    label : str
        Free text (a description), possibly empty.
    """

    id: str
    kind: str
    player: str | None = None
    actions: tuple[str, ...] = ()
    children: tuple[str, ...] = ()
    probabilities: tuple[Fraction, ...] = ()
    payoffs: tuple[Fraction, ...] = ()
    infoset: str | None = None
    label: str = ""

    @classmethod
    def decision(
        cls,
        id: str,
        player: str,
        moves: Mapping[str, str],
        infoset: str | None = None,
        label: str = "",
    ) -> Node:
        """A decision node of ``player``: ``moves`` maps each action label to a child id."""
        return cls(
            str(id), "decision", str(player), tuple(map(str, moves)),
            tuple(map(str, moves.values())), infoset=str(infoset or id), label=label,
        )

    @classmethod
    def chance(cls, id: str, moves: Mapping[str, tuple[Any, str]], label: str = "") -> Node:
        """A chance node: ``moves`` maps each action label to ``(probability, child id)``."""
        probabilities = tuple(to_fraction(p, where=f"{id}.{a}") for a, (p, _) in moves.items())
        return cls(
            str(id), "chance", None, tuple(map(str, moves)),
            tuple(str(c) for _, c in moves.values()), probabilities=probabilities, label=label,
        )

    @classmethod
    def terminal(cls, id: str, payoffs: Sequence[Any], label: str = "") -> Node:
        """A terminal node with one payoff per player (exact numbers or numeric strings)."""
        values = tuple(_exact(u, f"{id}.payoffs") for u in payoffs)
        return cls(str(id), "terminal", payoffs=values, label=label)


@dataclass(frozen=True)
class InfoSet:
    """An information set: nodes of one player that the player cannot tell apart.

    Attributes
    ----------
    id : str
    player : str
    actions : tuple of str
        The actions available at every node of the set.
    nodes : tuple of str
        The member node ids, in preorder.
    """

    id: str
    player: str
    actions: tuple[str, ...]
    nodes: tuple[str, ...]


def _exact(value: Any, where: str) -> Fraction:
    # Fast path for the common exact types (trees may have 10^5 nodes).
    if type(value) is Fraction:
        return value
    if type(value) is int:
        return Fraction(value)
    return to_fraction(value, where=where)
