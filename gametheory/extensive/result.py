"""Result types of the tree solvers: behaviour-strategy equilibria and what a solver found.

Every tree solver returns one :class:`TreeSolveResult`. Its JSON form (:meth:`to_dict`) extends
the strategic-form :class:`~gametheory.result.SolveResult`'s: the same top-level keys
(``game``, ``players``, ``method``, ``exact``, ``complete``, ``status``, ``message``,
``equilibria``, ``components``, ``rejected``) plus ``subgame_perfect`` (true when the method
guarantees that every equilibrium listed is subgame perfect). Each equilibrium has
``behavior`` (player -> information set id -> action -> probability, exact strings),
``payoffs`` (player -> exact string, as for matrices), ``path`` (the moves made with positive
probability at nodes reached with positive probability, in preorder, chance included) and
``subgame_perfect`` (whether this equilibrium is, certified exactly).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._display import Displayed
from ..numbers import format_fraction
from .certify import subgame_regrets
from .tree import Tree

__all__ = ["Move", "TreeEquilibrium", "TreeSolveResult", "certify_behavior", "path_of"]


@dataclass(frozen=True)
class Move:
    """One move on the equilibrium path: at ``node``, ``mover`` (a player or ``"chance"``)
    takes ``action`` with ``probability``; ``reach`` is the probability of reaching ``node``."""

    node: str
    mover: str
    action: str
    probability: Fraction
    reach: Fraction

    def to_dict(self) -> dict[str, str]:
        return {
            "node": self.node,
            "player": self.mover,
            "action": self.action,
            "probability": format_fraction(self.probability),
        }


def path_of(tree: Tree, behavior: Mapping[str, Mapping[str, Fraction]]) -> tuple[Move, ...]:
    """The moves with positive probability at nodes reached with positive probability."""
    reach = {tree.root.id: Fraction(1)}
    moves = []
    for node in tree.nodes:
        r = reach.get(node.id, Fraction(0))
        if r == 0 or node.kind == "terminal":
            continue
        probs = (
            node.probabilities if node.kind == "chance"
            else [behavior[node.infoset][a] for a in node.actions]
        )
        for a, p, c in zip(node.actions, probs, node.children, strict=True):
            if p > 0:
                reach[c] = r * p
                moves.append(Move(node.id, node.player or "chance", a, p, r))
    return tuple(moves)


@dataclass(frozen=True)
class TreeEquilibrium:
    """A certified equilibrium of a tree in behaviour strategies.

    Attributes
    ----------
    behavior : dict
        Information set id -> action -> exact probability, for every information set.
    payoffs : tuple of Fraction
        Each player's expected payoff.
    path : tuple of Move
    subgame_perfect : bool
        Certified exactly: regret 0 in every subgame.
    regret : Fraction
        The regret at the root: 0 (every equilibrium returned is a Nash equilibrium).
    """

    players: tuple[str, ...]
    behavior: Mapping[str, Mapping[str, Fraction]]
    infoset_players: Mapping[str, str]
    payoffs: tuple[Fraction, ...]
    path: tuple[Move, ...]
    subgame_perfect: bool
    regret: Fraction = Fraction(0)

    @property
    def is_pure(self) -> bool:
        return all(max(p.values()) == 1 for p in self.behavior.values())

    def choice(self, infoset: str) -> str | None:
        """The action taken with probability 1 at the set, or ``None`` if it mixes."""
        for a, p in self.behavior[infoset].items():
            if p == 1:
                return a
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (a contract; see the module docstring)."""
        behavior: dict[str, dict[str, dict[str, str]]] = {p: {} for p in self.players}
        for sid, probs in self.behavior.items():
            behavior[self.infoset_players[sid]][sid] = {
                a: format_fraction(p) for a, p in probs.items()
            }
        return {
            "behavior": behavior,
            "payoffs": {
                p: format_fraction(u) for p, u in zip(self.players, self.payoffs, strict=True)
            },
            "path": [m.to_dict() for m in self.path],
            "subgame_perfect": self.subgame_perfect,
        }


def certify_behavior(
    tree: Tree, behavior: Mapping[str, Mapping[str, Any]], require_spe: bool = False
) -> TreeEquilibrium | None:
    """The profile as a certified :class:`TreeEquilibrium`, or ``None`` if it is not a Nash
    equilibrium (or, with ``require_spe``, not subgame perfect)."""
    b = tree.behavior(behavior)
    regrets = subgame_regrets(tree, b)
    if regrets[tree.root.id] != 0:
        return None
    perfect = all(r == 0 for r in regrets.values())
    if require_spe and not perfect:
        return None
    return TreeEquilibrium(
        players=tree.players,
        behavior=b,
        infoset_players={s.id: s.player for s in tree.infosets},
        payoffs=tree.expected_payoffs(b),
        path=path_of(tree, b),
        subgame_perfect=perfect,
    )


@dataclass(frozen=True)
class TreeSolveResult(Displayed):
    """What a tree solver found (see the module docstring for the JSON form).

    Attributes
    ----------
    tree : Tree
    method : str
    equilibria : tuple of TreeEquilibrium
    subgame_perfect : bool
        True when the method guarantees every listed equilibrium is subgame perfect.
    exact, complete, status, message
        As in :class:`~gametheory.result.SolveResult`.
    """

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from ..report import format_solve  # what the command line prints

        return format_solve(self, format)

    tree: Tree
    method: str
    equilibria: tuple[TreeEquilibrium, ...]
    subgame_perfect: bool
    exact: bool = True
    complete: bool = True
    status: str = "ok"
    message: str = ""

    @property
    def game(self) -> Tree:
        """The tree (named ``game`` as in :class:`~gametheory.result.SolveResult`)."""
        return self.tree

    def to_dict(self) -> dict[str, Any]:
        return {
            "game": self.tree.title,
            "players": list(self.tree.players),
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "status": self.status,
            "message": self.message,
            "subgame_perfect": self.subgame_perfect,
            "equilibria": [eq.to_dict() for eq in self.equilibria],
            "components": [],
            "rejected": 0,
        }
