"""The players' sequences in a :class:`~gametheory.extensive.Tree` and perfect recall (a base
class of ``Tree``): each player's own moves on the path to a node, where recall fails, the
parent sequence of an information set and the sequences of the sequence form.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ..errors import GameValueError

if TYPE_CHECKING:
    from .tree import SequenceT

__all__: list[str] = []


class _Sequences:
    """Sequences and perfect recall of a tree (see :mod:`gametheory.extensive.tree`)."""

    __slots__ = ()

    def _all_sequences(self) -> tuple[dict[str, SequenceT], ...]:
        """Per player: node id -> that player's sequence at the node (cached)."""
        if self._sequences is None:
            out: list[dict[str, SequenceT]] = [{} for _ in self._players]
            stacks: list[list[SequenceT]] = [[()] * len(self._nodes) for _ in self._players]
            for k, n in enumerate(self._nodes):
                for i in range(len(self._players)):
                    out[i][n.id] = stacks[i][k]
                for a, c in zip(n.actions, n.children, strict=True):
                    ck = self._index[c]
                    for i in range(len(self._players)):
                        stacks[i][ck] = stacks[i][k]
                    if n.kind == "decision":
                        i = self._player_index[n.player]
                        stacks[i][ck] = (*stacks[i][k], (n.infoset, a))
            self._sequences = tuple(out)
        return self._sequences

    def sequence(self, node_id: str, player: str) -> SequenceT:
        """The player's own moves ``(information set, action)`` on the path to the node."""
        self.node(node_id)
        return self._all_sequences()[self.player_index(player)][node_id]

    def recall_problems(self) -> list[str]:
        """Where perfect recall fails: one message per information set, empty if it holds.

        Examples
        --------
        >>> from gametheory.extensive import Tree
        >>> t = Tree.from_nested({"player": "P", "moves": {
        ...     "a": {"player": "P", "infoset": "I", "moves": {"x": [1], "y": [0]}},
        ...     "b": {"player": "P", "infoset": "I", "moves": {"x": [0], "y": [1]}}}}, ["P"])
        >>> t.recall_problems()
        ["information set 'I' of P: its nodes 'root.a' and 'root.b' follow different own moves (root:a vs root:b)"]
        """  # noqa: E501
        seqs = self._all_sequences()
        problems = []
        for s in self._infosets:
            mine = seqs[self._player_index[s.player]]
            first = mine[s.nodes[0]]
            for other in s.nodes[1:]:
                if mine[other] != first:
                    problems.append(
                        f"information set {s.id!r} of {s.player}: its nodes {s.nodes[0]!r} and "
                        f"{other!r} follow different own moves ({_show(first)} vs "
                        f"{_show(mine[other])})"
                    )
                    break
        return problems

    @property
    def has_perfect_recall(self) -> bool:
        return not self.recall_problems()

    def require_perfect_recall(self, why: str = "this method") -> None:
        """Raise :class:`GameValueError` naming the first information set without recall."""
        problems = self.recall_problems()
        if problems:
            raise GameValueError(
                f"{why} needs perfect recall: {problems[0]}", key="infosets"
            )

    def parent_sequence(self, infoset_id: str) -> SequenceT:
        """The sequence of the set's player leading to the set (needs perfect recall)."""
        s = self.infoset(infoset_id)
        self.require_perfect_recall("a parent sequence")
        return self._all_sequences()[self._player_index[s.player]][s.nodes[0]]

    def sequences(self, player: str) -> tuple[SequenceT, ...]:
        """Every sequence of a player: ``()`` first, then by information set and action.

        Raises
        ------
        GameValueError
            If the tree lacks perfect recall.
        """
        out: list[SequenceT] = [()]
        for s in self.infosets_of(player):
            parent = self.parent_sequence(s.id)
            out.extend((*parent, (s.id, a)) for a in s.actions)
        return tuple(out)

    def reach(self, node_id: str) -> tuple[Fraction, tuple[SequenceT, ...]]:
        """How a node is reached: the product of chance probabilities on its path and each
        player's sequence there. A terminal's payoff weight in the sequence form is this
        probability times the realisation probabilities of the sequences."""
        k = self.node_index(node_id)
        p = Fraction(1)
        while self._parent[k] >= 0:
            parent = self._nodes[self._parent[k]]
            if parent.kind == "chance":
                p *= parent.probabilities[parent.children.index(self._nodes[k].id)]
            k = self._parent[k]
        seqs = self._all_sequences()
        return p, tuple(seqs[i][node_id] for i in range(len(self._players)))


def _show(seq: SequenceT) -> str:
    return ", ".join(f"{s}:{a}" for s, a in seq) or "no moves"
