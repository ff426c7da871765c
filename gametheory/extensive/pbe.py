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
tried. At each information set :math:`I` of player :math:`i`, every pure continuation :math:`d`
of :math:`i` (an action at :math:`I` and at each of :math:`i`'s later sets) is compared with the
profile's: with :math:`v_i(x, \\cdot)` the exact value at node :math:`x`, optimality needs
:math:`\\sum_{x \\in I} \\mu(x)\\,[v_i(x, \\sigma) - v_i(x, d)] \\ge 0` for every :math:`d`
(a linear inequality in the belief). On the path the Bayes belief must satisfy them all; off the
path the set of supporting beliefs is the
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


def reach_probabilities(
    tree: Tree, behavior: dict[str, dict[str, Fraction]]
) -> dict[str, Fraction]:
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


def _pure_values(tree: Tree, choice: dict[str, str], i: int | None = None) -> list[Any]:
    """Each node's exact payoff (vector, or player ``i``'s payoff) under a pure profile, by
    preorder index."""
    kids = tree._child_indices()
    nodes = tree.nodes
    values: list[Any] = [None] * len(nodes)
    for k in range(len(nodes) - 1, -1, -1):
        n = nodes[k]
        if n.kind == "terminal":
            values[k] = n.payoffs if i is None else n.payoffs[i]
        elif n.kind == "decision":
            values[k] = values[kids[k][n.actions.index(choice[n.infoset])]]
        elif i is None:
            values[k] = tuple(
                sum((p * values[c][j] for p, c in zip(n.probabilities, kids[k], strict=True)),
                    Fraction(0)) for j in range(tree.n_players))
        else:
            values[k] = sum((p * values[c] for p, c in zip(n.probabilities, kids[k],
                                                           strict=True)), Fraction(0))
    return values


def _later_sets(tree: Tree, s) -> list:
    """The player's information sets that follow ``s`` (their parent sequence passes it)."""
    return [o for o in tree.infosets_of(s.player)
            if any(sid == s.id for sid, _ in tree.parent_sequence(o.id))]


def _check_set(tree, s, choice, values, reach, names, later) -> Belief | None:
    """The belief condition under which the player's continuation from ``s`` is optimal
    (against every continuation strategy, not only one-shot changes), or ``None``."""
    i = tree.player_index(s.player)
    at = [tree.node_index(x) for x in s.nodes]
    current = [values[k][i] for k in at]
    gains = []
    if not later:  # one-shot changes are all the continuations
        kids = tree._child_indices()
        for j, a in enumerate(s.actions):
            if a != choice[s.id]:
                gains.append(Inequality(tuple(
                    u - values[kids[k][j]][i] for u, k in zip(current, at, strict=True))))
    else:
        sets = (s, *later)
        for plan in itertools.product(*(o.actions for o in sets)):
            deviation = {**choice, **{o.id: a for o, a in zip(sets, plan, strict=True)}}
            if deviation != choice:
                alt = _pure_values(tree, deviation, i)
                gains.append(Inequality(tuple(
                    u - alt[k] for u, k in zip(current, at, strict=True))))
    gains = list(dict.fromkeys(q for q in gains if not q.trivial))
    total = sum((reach[x] for x in s.nodes), Fraction(0))
    shown = tuple(names.get(x, x) for x in s.nodes)
    if total > 0:
        mu = tuple(reach[x] / total for x in s.nodes)
        for q in gains:
            if sum((c * m for c, m in zip(q.coefficients, mu, strict=True)), Fraction(0)) < 0:
                return None
        return Belief(s.id, s.nodes, shown, True, probabilities=mu)
    if not feasible(len(s.nodes), gains):
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
    later = {s.id: _later_sets(tree, s) for s in sets}
    equilibria = []
    for actions in itertools.product(*(s.actions for s in sets)):
        choice = {s.id: a for s, a in zip(sets, actions, strict=True)}
        behavior = {s.id: {a: Fraction(int(a == c)) for a in s.actions}
                    for s, c in zip(sets, actions, strict=True)}
        values = _pure_values(tree, choice)
        reach = reach_probabilities(tree, behavior)
        beliefs = []
        for s in sets:
            b = _check_set(tree, s, choice, values, reach, names, later[s.id])
            if b is None:
                break
            beliefs.append(b)
        else:
            eq = certify_behavior(tree, behavior)
            if eq is None:  # pragma: no cover - a weak PBE is a Nash equilibrium
                raise AssertionError("a weak PBE failed the Nash certificate")
            extra: dict[str, Any] = {}
            if structure:
                extra = analyse(structure, behavior,
                                {n.id: v for n, v in zip(tree.nodes, values, strict=True)})
            equilibria.append(PerfectBayesianEquilibrium(
                **{f: getattr(eq, f) for f in eq.__dataclass_fields__},
                beliefs=tuple(beliefs), **extra))
    noun = "equilibrium" if len(equilibria) == 1 else "equilibria"
    message = f"{len(equilibria)} pure weak perfect Bayesian {noun} (of {count} profiles)"
    if structure:
        survive = sum(bool(e.intuitive_criterion) for e in equilibria)
        verb = "survives" if survive == 1 else "survive"
        message += f"; a signalling game: {survive} of them {verb} the Intuitive Criterion"
    return TreeSolveResult(tree=tree, method="pbe", equilibria=tuple(equilibria),
                           subgame_perfect=False, exact=True, complete=True, status="ok",
                           message=message)
