"""Signalling games: recognising them, classifying equilibria, and the Intuitive Criterion.

Definitions
-----------
A tree is a *signalling game* when its root is a chance move choosing the *type* of a
*sender*, who observes it (one singleton information set per type, the same *messages* at
each), and a *receiver* then moves knowing the message but not the type: for each message one
information set holding exactly the nodes reached by that message from each type. It is *simple*
when the receiver's reply ends the game (Cho and Kreps, 1987, section II).

A pure sender strategy is *pooling* when every type sends the same message, *separating* when
all types send different messages, and *semi-separating* (partially pooling) otherwise.

The *Intuitive Criterion* (Cho and Kreps, 1987, section IV) tests an equilibrium with sender
payoffs :math:`u^*(t)` at each message :math:`m` sent by no type. With :math:`BR(T', m)` the
receiver's replies to :math:`m` that are best responses to some belief on the types
:math:`T'`, the types for which :math:`m` is *equilibrium-dominated* are
:math:`J(m) = \\{t : u^*(t) > \\max_{r \\in BR(T, m)} u_S(t, m, r)\\}`. The equilibrium fails the
criterion if for some :math:`m` with :math:`J(m) \\neq T` some type :math:`t \\notin J(m)` has
:math:`\\min_{r \\in BR(T \\setminus J(m), m)} u_S(t, m, r) > u^*(t)`: that type would gain
by sending :math:`m` whatever the receiver replies once it no longer attributes :math:`m` to the
types in :math:`J(m)`. Every test here is exact (:func:`~._beliefs.feasible` decides which
replies are best responses to some belief).

References
----------
I.-K. Cho and D. M. Kreps (1987), Signaling games and stable equilibria, *Quarterly Journal of
Economics* 102, 179-221. D. Fudenberg and J. Tirole (1991), *Game Theory*, section 11.2.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..numbers import format_fraction
from ._beliefs import Inequality, feasible
from .tree import Tree

__all__ = ["SignallingStructure", "analyse", "classify", "signalling_structure"]


@dataclass(frozen=True)
class SignallingStructure:
    """Where the parts of a signalling game are in a tree.

    Attributes
    ----------
    sender, receiver : str
    types : tuple of str
        The chance actions at the root.
    type_nodes : tuple of str
        The sender's node for each type.
    messages : tuple of str
    receiver_sets : tuple of str
        The receiver's information set for each message.
    receiver_nodes : tuple of tuple of str
        ``receiver_nodes[t][m]``: the receiver's node after type ``t`` sends message ``m``.
    simple : bool
        True if every reply of the receiver ends the game.
    """

    tree: Tree
    sender: str
    receiver: str
    types: tuple[str, ...]
    type_nodes: tuple[str, ...]
    messages: tuple[str, ...]
    receiver_sets: tuple[str, ...]
    receiver_nodes: tuple[tuple[str, ...], ...]
    simple: bool

    def node_names(self) -> dict[str, str]:
        """Sender and receiver nodes -> the type they follow (for beliefs in text)."""
        names = dict(zip(self.type_nodes, self.types, strict=True))
        for t, row in zip(self.types, self.receiver_nodes, strict=True):
            names.update({x: t for x in row})
        return names


def signalling_structure(tree: Tree) -> SignallingStructure | None:
    """The signalling structure of the tree, or ``None`` if it is not a signalling game."""
    root = tree.root
    if root.kind != "chance" or len(root.children) < 2:
        return None
    senders = [tree.node(c) for c in root.children]
    first = senders[0]
    if any(n.kind != "decision" or n.player != first.player or n.actions != first.actions
           or len(tree.infoset(n.infoset).nodes) != 1 for n in senders):
        return None
    receiver_nodes = tuple(tuple(n.children) for n in senders)
    receiver, sets, simple = None, [], True
    for j in range(len(first.actions)):
        column = [tree.node(row[j]) for row in receiver_nodes]
        if any(n.kind != "decision" or n.player == first.player for n in column):
            return None
        receiver = receiver or column[0].player
        ids = {n.infoset for n in column}
        if any(n.player != receiver for n in column) or len(ids) != 1:
            return None
        sid = ids.pop()
        if set(tree.infoset(sid).nodes) != {n.id for n in column} or sid in sets:
            return None
        sets.append(sid)
        simple = simple and all(tree.node(c).kind == "terminal" for n in column
                                for c in n.children)
    return SignallingStructure(
        tree, first.player, receiver, tuple(root.actions), tuple(n.id for n in senders),
        tuple(first.actions), tuple(sets), receiver_nodes, simple)


def classify(messages: tuple[str, ...]) -> str:
    """``pooling``, ``separating`` or ``semi-separating`` for the types' pure messages."""
    distinct = len(set(messages))
    if distinct == 1:
        return "pooling"
    return "separating" if distinct == len(messages) else "semi-separating"


def _best_replies(st: SignallingStructure, m: int, types: list[int]) -> list[int]:
    """The receiver's replies to message ``m`` that are best against some belief on ``types``."""
    tree = st.tree
    r_index = tree.player_index(st.receiver)
    nodes = [tree.node(st.receiver_nodes[t][m]) for t in types]
    k = len(nodes[0].actions)

    def u(n, r):
        return tree.node(n.children[r]).payoffs[r_index]

    return [
        r for r in range(k)
        if feasible(len(types), [Inequality(tuple(u(n, r) - u(n, s) for n in nodes))
                                 for s in range(k) if s != r])
    ]


def analyse(st: SignallingStructure, behavior: dict[str, dict[str, Fraction]],
            values: dict[str, tuple[Fraction, ...]]) -> dict[str, Any]:
    """Classification, Intuitive Criterion verdict and reasons for a pure equilibrium."""
    tree = st.tree
    sent = tuple(next(a for a, p in behavior[x].items() if p == 1) for x in st.type_nodes)
    out: dict[str, Any] = {"classification": classify(sent)}
    if not st.simple:
        out["reasons"] = ("not a simple signalling game (the receiver's reply does not end the "
                          "game): the Intuitive Criterion is not tested",)
        return out
    s_index = tree.player_index(st.sender)
    star = [values[x][s_index] for x in st.type_nodes]
    everyone = list(range(len(st.types)))
    reasons, passed = [], True
    for m, message in enumerate(st.messages):
        if message in sent:
            continue
        replies = _best_replies(st, m, everyone)
        nodes = [tree.node(st.receiver_nodes[t][m]) for t in everyone]

        def u_s(t, r, nodes=nodes):
            return tree.node(nodes[t].children[r]).payoffs[s_index]

        dominated = [t for t in everyone if star[t] > max(u_s(t, r) for r in replies)]
        rest = [t for t in everyone if t not in dominated]
        names = (f"{', '.join(st.types[t] for t in dominated)} cannot gain by {message} "
                 "(equilibrium-dominated)" if dominated
                 else f"no type is equilibrium-dominated at {message}")
        if not rest:
            reasons.append(f"{message}: every type is equilibrium-dominated; no restriction")
            continue
        narrowed = _best_replies(st, m, rest)
        action = nodes[0].actions
        gainers = [t for t in rest if min(u_s(t, r) for r in narrowed) > star[t]]
        replies_text = ", ".join(action[r] for r in narrowed)
        if gainers:
            passed = False
            t = gainers[0]
            reasons.append(
                f"fails at {message}: {names};"
                f" against beliefs on {{{', '.join(st.types[x] for x in rest)}}} the receiver "
                f"replies {replies_text}, which gives {st.types[t]} at least "
                f"{format_fraction(min(u_s(t, r) for r in narrowed))} > its equilibrium "
                f"payoff {format_fraction(star[t])}")
        else:
            reasons.append(
                f"survives at {message}: {names}; against beliefs on "
                f"{{{', '.join(st.types[x] for x in rest)}}} the receiver may reply "
                f"{replies_text}, which leaves no type sure to gain")
    if not reasons:
        reasons.append("no message is off the path: nothing to test")
    out["intuitive_criterion"] = passed
    out["reasons"] = tuple(reasons)
    return out
