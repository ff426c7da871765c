"""Finite game trees (the extensive form) with exact chance probabilities and payoffs.

Definitions used throughout :mod:`gametheory.extensive`
-------------------------------------------------------
A *tree* has players :math:`1, \\dots, N` and finitely many *nodes*, one of them the *root*.
Each node is of one of three kinds:

- a *decision node* belongs to a player and has *actions* (labels, distinct at the node), each
  leading to a child node;
- a *chance node* has actions each taken with an exact probability (a :class:`Fraction`;
  non-negative, summing to 1), each leading to a child;
- a *terminal node* has no children and one exact payoff per player.

Every node but the root has exactly one parent (no cycles, no node reached twice), and every
node is reached from the root. The decision nodes of each player are partitioned into
*information sets*: nodes that the player, when moving, cannot tell apart. All nodes of an
information set have the same action labels (the set's actions). A node's information set id
defaults to the node's own id (a singleton set); several nodes share a set by naming the same
id. A tree whose information sets are all singletons has *perfect information*.

Player :math:`i`'s *sequence* at a node is the list of pairs ``(information set id, action)`` of
player :math:`i`'s own moves on the path from the root to that node; the empty sequence is
``()``. The tree has *perfect recall* when, for every information set, all its nodes have the
same sequence of its player: the player remembers what it knew and did (Kuhn, 1953). That common
sequence is the set's *parent sequence* (:meth:`Tree.parent_sequence`); a player's sequences
(:meth:`Tree.sequences`) are the empty sequence and every parent sequence extended by one of the
set's actions, as in the sequence form (von Stengel, 1996).

A *behaviour strategy profile* (:data:`Behavior`) gives, for every information set id, a
probability for each of its actions. A *subgame* is the subtree below a node (its root) that
cuts no information set: every information set with a node in the subtree has all its nodes
there (Selten, 1965). :meth:`Tree.subgame_roots` lists them, the tree's root included.

Trees are immutable. Build them from :class:`Node` values with :meth:`Tree.from_nodes`, or from a
nested literal with :meth:`Tree.from_nested`; both check everything above and raise
:class:`~gametheory.errors.GameValueError` naming the node at fault. Perfect recall is *not*
required by the constructor (``Tree.recall_problems`` reports where it fails); methods that need
it (sequences, the sequence form, certification) raise when it is missing.

Examples
--------
Selten's entry game: the entrant stays out (0, 2) or enters; the incumbent then fights (-1, -1)
or accommodates (1, 1).

>>> t = Tree.from_nested({"player": "Entrant", "moves": {
...         "out": [0, 2],
...         "in": {"player": "Incumbent", "moves": {"fight": [-1, -1], "accommodate": [1, 1]}},
...     }}, players=("Entrant", "Incumbent"))
>>> t
Tree('', players=('Entrant', 'Incumbent'), nodes=5)
>>> [(s.id, s.player, s.actions) for s in t.infosets]
[('root', 'Entrant', ('out', 'in')), ('root.in', 'Incumbent', ('fight', 'accommodate'))]
>>> t.sequences("Incumbent")
((), (('root.in', 'fight'),), (('root.in', 'accommodate'),))
>>> t.is_perfect_information, t.has_perfect_recall, t.subgame_roots()
(True, True, ('root', 'root.in'))
>>> t.expected_payoffs({"root": {"in": 1}, "root.in": {"accommodate": 1}})
(Fraction(1, 1), Fraction(1, 1))

References
----------
H. W. Kuhn (1953), Extensive games and the problem of information, *Contributions to the Theory
of Games II*, 193-216. R. Selten (1965), Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfragetraegheit, *Z. ges. Staatswiss.* 121. B. von Stengel (1996), Efficient computation of
behavior strategies, *Games and Economic Behavior* 14, 220-246.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..errors import GameValueError, did_you_mean
from ._build import build_order, check_node, collect_infosets, nested_nodes
from ._node import InfoSet, Node
from ._tree_payoffs import _Payoffs
from ._tree_sequences import _Sequences, _show  # noqa: F401 (re-exported)
from ._tree_subgames import _Subgames

__all__ = ["Behavior", "InfoSet", "Node", "SequenceT", "Tree"]

#: A sequence of one player: its own (information set id, action) pairs from the root.
SequenceT = tuple[tuple[str, str], ...]
#: A behaviour strategy profile: information set id -> action label -> probability.
Behavior = Mapping[str, Mapping[str, Fraction]]


# The sequences and recall, the subgames and the payoffs of profiles are base classes, one
# module each (_tree_sequences, _tree_subgames, _tree_payoffs); this module holds the value.
class Tree(_Sequences, _Subgames, _Payoffs):
    """An immutable game tree with exact chance probabilities and payoffs.

    Build trees with :meth:`from_nodes` or :meth:`from_nested`. See the module docstring for the
    definitions.

    Attributes
    ----------
    title : str
    players : tuple of str
    nodes : tuple of Node
        Every node, in preorder (the root first, children in action order).
    infosets : tuple of InfoSet
        Every information set, ordered by its first node in preorder.
    """

    __slots__ = (
        "_depth", "_index", "_infoset_index", "_infosets", "_kids", "_node_infoset", "_nodes",
        "_parent", "_player_index", "_players", "_sequences", "_size", "_title",
    )

    def __init__(self, nodes: Sequence[Node], players: Sequence[str], title: str = "") -> None:
        # Internal: `nodes` are checked and in preorder (see from_nodes).
        self._nodes = tuple(nodes)
        self._players = tuple(players)
        self._title = str(title)
        self._index = {n.id: k for k, n in enumerate(self._nodes)}
        self._player_index = {p: i for i, p in enumerate(self._players)}
        parent = [-1] * len(self._nodes)
        index = self._index
        self._kids = [[index[c] for c in n.children] for n in self._nodes]
        for k, kids in enumerate(self._kids):
            for c in kids:
                parent[c] = k
        self._parent = tuple(parent)
        self._infosets, self._node_infoset = collect_infosets(self._nodes)
        self._infoset_index = {s.id: j for j, s in enumerate(self._infosets)}
        self._sequences: tuple[dict[str, SequenceT], ...] | None = None
        self._depth: tuple[int, ...] | None = None
        self._size: list[int] | None = None

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_nodes(
        cls, nodes: Iterable[Node], players: Sequence[str], root: str | None = None,
        title: str = "",
    ) -> Tree:
        """Build and check a tree from its nodes, in any order.

        Parameters
        ----------
        nodes : iterable of Node
        players : sequence of str
            Player names, distinct; terminal payoffs follow this order.
        root : str, optional
            The root's id; default: the first node.
        title : str, optional

        Returns
        -------
        Tree

        Raises
        ------
        GameValueError
            Naming the node at fault: a duplicate id, an unknown child or player, a cycle, a
            node reached twice or never, a wrong number of payoffs, probabilities that are
            negative or do not sum to 1, repeated action labels at a node, or nodes of one
            information set with different players or actions.

        Examples
        --------
        >>> Tree.from_nodes([Node.decision("a", "P", {"x": "b"}), Node.decision("b", "P", {"y": "a"})],
        ...                 players=("P",))
        Traceback (most recent call last):
        ...
        gametheory.errors.GameValueError: b: cycle: action 'y' leads back to 'a'
        """  # noqa: E501
        nodes = list(nodes)
        if not nodes:
            raise GameValueError("a tree needs at least one node")
        players = tuple(str(p) for p in players)
        if len(set(players)) != len(players) or not players:
            raise GameValueError("players must be distinct and at least one", key="players")
        order = build_order(nodes, root if root is not None else nodes[0].id)
        for node in order:
            check_node(node, players)
        return cls(order, players, title)  # __init__ checks the information sets

    @classmethod
    def from_nested(cls, tree: Any, players: Sequence[str], title: str = "") -> Tree:
        """Build a tree from a nested literal (handy in tests and examples).

        A terminal is a list of payoffs; a decision node a dict ``{"player": name, "moves":
        {action: subtree}}`` with optional ``"infoset"`` and ``"id"``; a chance node a dict
        ``{"chance": {action: (probability, subtree)}}``. Node ids default to the path of
        actions from the root: ``root``, ``root.in``, ``root.in.fight``.

        Examples
        --------
        >>> t = Tree.from_nested({"chance": {"H": ("1/3", [1]), "T": ("2/3", [0])}}, ["P"])
        >>> t.nodes[0].probabilities, t.expected_payoffs({})
        ((Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 3),))
        """
        return cls.from_nodes(nested_nodes(tree, Node), players, title=title)

    # ------------------------------------------------------------------ properties
    @property
    def title(self) -> str:
        return self._title

    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def n_players(self) -> int:
        return len(self._players)

    @property
    def nodes(self) -> tuple[Node, ...]:
        return self._nodes

    @property
    def root(self) -> Node:
        return self._nodes[0]

    @property
    def infosets(self) -> tuple[InfoSet, ...]:
        return self._infosets

    @property
    def terminals(self) -> tuple[Node, ...]:
        """The terminal nodes, in preorder."""
        return tuple(n for n in self._nodes if n.kind == "terminal")

    @property
    def is_perfect_information(self) -> bool:
        """True if every information set is a single node."""
        return all(len(s.nodes) == 1 for s in self._infosets)

    def __repr__(self) -> str:
        return f"Tree({self._title!r}, players={self._players!r}, nodes={len(self._nodes)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tree):
            return NotImplemented
        return (self._players, self._title, self._nodes) == (
            other._players, other._title, other._nodes,
        )

    def __hash__(self) -> int:
        return hash((self._players, self._title, self._nodes))

    def with_title(self, title: str) -> Tree:
        """The same tree with another title."""
        return Tree(self._nodes, self._players, title)

    # ------------------------------------------------------------------ lookup
    def node(self, node_id: str) -> Node:
        """The node with this id (a :class:`GameValueError` naming close ids if none)."""
        try:
            return self._nodes[self._index[node_id]]
        except KeyError:
            raise GameValueError(
                f"unknown node {node_id!r}", key="node", hint=did_you_mean(node_id, self._index)
            ) from None

    def node_index(self, node_id: str) -> int:
        """The node's position in preorder (:attr:`nodes`)."""
        self.node(node_id)
        return self._index[node_id]

    def parent(self, node_id: str) -> tuple[str, str] | None:
        """``(parent id, action leading here)``, or ``None`` at the root."""
        k = self._parent[self.node_index(node_id)]
        if k < 0:
            return None
        p = self._nodes[k]
        return p.id, p.actions[p.children.index(node_id)]

    def player_index(self, player: str) -> int:
        if player not in self._player_index:
            raise GameValueError(
                f"unknown player {player!r}", key="player",
                hint=did_you_mean(str(player), self._players),
            )
        return self._player_index[player]

    def infoset(self, infoset_id: str) -> InfoSet:
        """The information set with this id."""
        if infoset_id not in self._infoset_index:
            raise GameValueError(
                f"unknown information set {infoset_id!r}", key="infoset",
                hint=did_you_mean(infoset_id, self._infoset_index),
            )
        return self._infosets[self._infoset_index[infoset_id]]

    def infoset_of(self, node_id: str) -> InfoSet | None:
        """The information set of a decision node; ``None`` for chance and terminal nodes."""
        j = self._node_infoset[self.node_index(node_id)]
        return None if j < 0 else self._infosets[j]

    def infosets_of(self, player: str) -> tuple[InfoSet, ...]:
        """A player's information sets, in preorder of their first nodes."""
        self.player_index(player)
        return tuple(s for s in self._infosets if s.player == player)

    def _child_indices(self) -> list[list[int]]:
        """Package-private: each node's children as preorder indices (do not mutate)."""
        return self._kids

    def depth(self, node_id: str) -> int:
        """The number of moves from the root to the node."""
        if self._depth is None:
            depth = [0] * len(self._nodes)
            for k in range(1, len(self._nodes)):
                depth[k] = depth[self._parent[k]] + 1
            self._depth = tuple(depth)
        return self._depth[self.node_index(node_id)]
