"""Payoffs of behaviour strategy profiles in a :class:`~gametheory.extensive.Tree` (a base class
of ``Tree``): checking a profile and the exact expected payoff vector at every node.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import GameValueError, did_you_mean
from ..numbers import to_fraction

if TYPE_CHECKING:
    pass

__all__: list[str] = []


class _Payoffs:
    """Behaviour profiles and their exact expected payoffs."""

    __slots__ = ()

    def behavior(self, value: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Fraction]]:
        """Check and normalise a behaviour profile (missing actions have probability 0).

        Information sets that are absent are allowed (for example off a subgame); the
        evaluation methods raise if they need one.
        """
        out: dict[str, dict[str, Fraction]] = {}
        for sid in value:
            self.infoset(sid)
        for s in self._infosets:
            if s.id not in value:
                continue
            sid, probs = s.id, value[s.id]
            row = {a: Fraction(0) for a in s.actions}
            for a, p in probs.items():
                if a not in row:
                    raise GameValueError(
                        f"unknown action {a!r}", key=sid, hint=did_you_mean(str(a), s.actions)
                    )
                row[a] = to_fraction(p, where=f"{sid}.{a}")
                if row[a] < 0:
                    raise GameValueError(f"negative probability for {a!r}", key=sid)
            if sum(row.values()) != 1:
                raise GameValueError("probabilities do not sum to 1", key=sid)
            out[sid] = row
        return out

    def node_values(
        self, behavior: Mapping[str, Mapping[str, Any]], below: str | None = None
    ) -> dict[str, tuple[Fraction, ...]]:
        """Every node's expected payoff vector under the profile (in the subtree ``below``)."""
        b = self.behavior(behavior)
        ids = self.subtree(below) if below is not None else tuple(n.id for n in self._nodes)
        values: dict[str, tuple[Fraction, ...]] = {}
        for node_id in reversed(ids):
            node = self._nodes[self._index[node_id]]
            if node.kind == "terminal":
                values[node_id] = node.payoffs
                continue
            if node.kind == "chance":
                weights = dict(zip(node.actions, node.probabilities, strict=True))
            elif node.infoset in b:
                weights = b[node.infoset]
            else:
                raise GameValueError("no behaviour given", key=node.infoset)
            total = [Fraction(0)] * len(self._players)
            for a, c in zip(node.actions, node.children, strict=True):
                w = weights[a]
                if w:
                    total = [t + w * v for t, v in zip(total, values[c], strict=True)]
            values[node_id] = tuple(total)
        return values

    def expected_payoffs(
        self, behavior: Mapping[str, Mapping[str, Any]], at: str | None = None
    ) -> tuple[Fraction, ...]:
        """Each player's exact expected payoff under a behaviour profile, from ``at``."""
        at = self.root.id if at is None else at
        return self.node_values(behavior, below=at)[at]
