"""Every pure-strategy weak perfect Bayesian equilibrium of a small tree, exactly.

Definitions
-----------
An *assessment* is a behaviour profile with a *belief* at every information set (a probability
distribution over its nodes). It is a *weak perfect Bayesian equilibrium* (Mas-Colell, Whinston
and Green, 1995, definition 9.C.3) when

- every player's action at every information set is optimal given the belief there and the
  profile's play afterwards (sequential rationality), and
- at every information set reached with positive probability, the belief follows from the
  profile and chance by Bayes' rule; at sets off the path any belief may be used.

Method
------
Every pure behaviour profile (one action per information set; at most :data:`MAX_PROFILES`) is
tried. The values of all nodes under the profile are computed exactly. At a set on the path,
the Bayes belief is computed and each other action's value compared with the chosen one's. At a
set off the path, action :math:`a` instead of the chosen :math:`c` gives the linear inequality
:math:`\\sum_x \\mu(x)\\,[v_i(x, c) - v_i(x, a)] \\ge 0`; the set of supporting beliefs is the
intersection of these with the simplex, decided exactly (:mod:`._beliefs`) and reported as the
inequalities. Beliefs at different sets do not interact in a weak PBE, so the profile is an
equilibrium exactly when every set passes. Each equilibrium is also certified a Nash equilibrium
of the tree (a weak PBE always is) and marked subgame perfect or not.

Signalling games (a chance move picks the sender's type, the sender sends a message, the
receiver answers knowing the message only) get a classification and the Intuitive Criterion
(:mod:`.signalling`).

References
----------
A. Mas-Colell, M. D. Whinston and J. R. Green (1995), *Microeconomic Theory*, section 9.C.
D. Fudenberg and J. Tirole (1991), *Game Theory*, section 8.2. I.-K. Cho and D. M. Kreps (1987),
Signaling games and stable equilibria, *Quarterly Journal of Economics* 102, 179-221.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ..numbers import format_fraction
from ._beliefs import Inequality, describe, feasible
from .result import TreeEquilibrium, TreeSolveResult, certify_behavior
from .tree import Tree

__all__ = ["MAX_PROFILES", "Belief", "PerfectBayesianEquilibrium", "pbe", "reach_probabilities"]

#: The most pure profiles :func:`pbe` tries.
MAX_PROFILES = 200_000


@dataclass(frozen=True)
class Belief:
    """The belief condition at one information set in an equilibrium.

    Attributes
    ----------
    infoset : str
    nodes : tuple of str
        The set's nodes (ids).
    names : tuple of str
        How the nodes are named in text (the sender's type in a signalling game, else the id).
    on_path : bool
    probabilities : tuple of Fraction
        On the path: the Bayes belief, one per node; off the path: empty.
    inequalities : tuple of Inequality
        Off the path: the beliefs supporting the equilibrium (with the simplex); on: empty.
    """

    infoset: str
    nodes: tuple[str, ...]
    names: tuple[str, ...]
    on_path: bool
    probabilities: tuple[Fraction, ...] = ()
    inequalities: tuple[Inequality, ...] = ()

    def text(self) -> list[str]:
        """Lines such as ``mu(weak | beer) = 1/10`` or ``mu(weak | quiche) >= 1/2``."""
        if self.on_path:
            return [f"mu({x} | {self.infoset}) = {format_fraction(p)}"
                    for x, p in zip(self.names, self.probabilities, strict=True)]
        return describe(self.names, self.infoset, self.inequalities) or [
            f"any belief at {self.infoset}"]

    def to_dict(self) -> dict[str, Any]:
        if self.on_path:
            return {x: format_fraction(p) for x, p in zip(self.nodes, self.probabilities,
                                                          strict=True)}
        return {"inequalities": describe(self.names, self.infoset, self.inequalities)}


@dataclass(frozen=True)
class PerfectBayesianEquilibrium(TreeEquilibrium):
    """A certified pure weak PBE: a :class:`TreeEquilibrium` with beliefs and, for signalling
    games, a classification and the Intuitive Criterion's verdict with reasons."""

    beliefs: tuple[Belief, ...] = ()
    classification: str | None = None
    intuitive_criterion: bool | None = None
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The tree equilibrium's JSON plus ``beliefs`` (information set -> node -> exact
        probability on the path, or ``{"inequalities": [...]}`` off it), ``classification``
        and ``intuitive_criterion`` (null outside signalling games) and
        ``intuitive_criterion_reasons``."""
        out = super().to_dict()
        out["beliefs"] = {b.infoset: b.to_dict() for b in self.beliefs}
        out["classification"] = self.classification
        out["intuitive_criterion"] = self.intuitive_criterion
        out["intuitive_criterion_reasons"] = list(self.reasons)
        return out


def reach_probabilities(tree: Tree, behavior: dict[str, dict[str, Fraction]]) -> dict[str, Fraction]:
    """Each node's probability of being reached under the profile, chance included."""
    reach = {tree.root.id: Fraction(1)}
    for node in tree.nodes:
        r = reach[node.id]
        if node.kind == "terminal":
            continue
        probs = (node.probabilities if node.kind == "chance"
                 else [behavior[node.infoset][a] for a in node.actions])
        for c, p in zip(node.children, probs, strict=True):
            reach[c] = r * p
    return reach


def _check_set(tree, s, behavior, values, reach, names) -> Belief | None:
    i = tree.player_index(s.player)
    chosen = next(a for a, p in behavior[s.id].items() if p == 1)
    k = s.actions.index(chosen)
    nodes = [tree.node(x) for x in s.nodes]
    gains = [
        Inequality(tuple(values[n.children[k]][i] - values[n.children[j]][i] for n in nodes))
        for j in range(len(s.actions)) if j != k
    ]
    total = sum((reach[x] for x in s.nodes), Fraction(0))
    shown = tuple(names.get(x, x) for x in s.nodes)
    if total > 0:
        mu = tuple(reach[x] / total for x in s.nodes)
        for q in gains:
            if sum((c * m for c, m in zip(q.coefficients, mu, strict=True)), Fraction(0)) < 0:
                return None
        return Belief(s.id, s.nodes, shown, True, probabilities=mu)
    if not feasible(len(nodes), gains):
        return None
    return Belief(s.id, s.nodes, shown, False, inequalities=tuple(gains))


def pbe(tree: Tree) -> TreeSolveResult:
    """Every pure-strategy weak perfect Bayesian equilibrium of a tree, exactly.

    Parameters
    ----------
    tree : Tree
        A tree with perfect recall and at most :data:`MAX_PROFILES` pure behaviour profiles.

    Returns
    -------
    TreeSolveResult
        Method ``"pbe"``; each equilibrium a :class:`PerfectBayesianEquilibrium`, in the order
        of the profiles (information sets in preorder, actions in order).

    Raises
    ------
    GameValueError
        Without perfect recall, or with too many pure profiles.

    Examples
    --------
    Selten's entry game: the threat to fight is not sequentially rational, so only (in,
    accommodate) is a weak PBE (here, the subgame-perfect equilibrium).

    >>> t = Tree.from_nested({"player": "E", "moves": {
    ...         "out": [0, 2],
    ...         "in": {"player": "I", "moves": {"fight": [-1, -1], "accommodate": [1, 1]}},
    ...     }}, players=("E", "I"))
    >>> [eq.choice("root") for eq in pbe(t).equilibria]
    ['in']
    """
    from .signalling import analyse, signalling_structure

    tree.require_perfect_recall("the pbe method")
    sets = tree.infosets
    count = 1
    for s in sets:
        count *= len(s.actions)
    if count > MAX_PROFILES:
        raise GameValueError(
            f"{count} pure profiles (more than {MAX_PROFILES})", key="tree",
            hint="the pbe method enumerates pure profiles; solve with 'spe' instead")
    structure = signalling_structure(tree)
    names = structure.node_names() if structure else {}
    equilibria = []
    for choice in itertools.product(*(s.actions for s in sets)):
        behavior = {s.id: {a: Fraction(int(a == c)) for a in s.actions}
                    for s, c in zip(sets, choice, strict=True)}
        values = tree.node_values(behavior)
        reach = reach_probabilities(tree, behavior)
        beliefs = []
        for s in sets:
            b = _check_set(tree, s, behavior, values, reach, names)
            if b is None:
                break
            beliefs.append(b)
        else:
            eq = certify_behavior(tree, behavior)
            if eq is None:  # pragma: no cover - a weak PBE is a Nash equilibrium
                raise AssertionError("a weak PBE failed the Nash certificate")
            extra: dict[str, Any] = {}
            if structure:
                extra = analyse(structure, behavior, values)
            equilibria.append(PerfectBayesianEquilibrium(
                **{f: getattr(eq, f) for f in eq.__dataclass_fields__},
                beliefs=tuple(beliefs), **extra))
    message = f"{len(equilibria)} pure weak perfect Bayesian equilibria (of {count} profiles)"
    if structure:
        survive = sum(bool(e.intuitive_criterion) for e in equilibria)
        message += f"; a signalling game: {survive} of them survive the Intuitive Criterion"
    return TreeSolveResult(tree=tree, method="pbe", equilibria=tuple(equilibria),
                           subgame_perfect=False, exact=True, complete=True, status="ok",
                           message=message)
