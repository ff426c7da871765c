r"""The sequence form of a two-player tree, and every extreme Nash equilibrium through it.

Definitions (Koller, Megiddo and von Stengel, 1996; von Stengel, 1996)
----------------------------------------------------------------------
Player 1's sequences :math:`S_1` are the empty sequence and every (information set, action)
list of its own moves (:meth:`Tree.sequences`). A *realization plan* :math:`x \in
\mathbb{R}^{S_1}` gives each sequence the probability that the player's own moves follow it
under a behaviour strategy; the plans are exactly the solutions of :math:`x \ge 0,\ E x = e`:
:math:`x_\emptyset = 1`, and at each information set :math:`h` with parent sequence
:math:`\sigma_h`, :math:`\sum_a x_{\sigma_h a} = x_{\sigma_h}`. Likewise :math:`y \ge 0,\
F y = f` for player 2. The payoff matrices :math:`A, B` of shape :math:`|S_1| \times |S_2|`
hold, for each pair of sequences, the sum over the terminals they lead to of the chance
probability times the payoff, so that :math:`x^\top A y` is player 1's expected payoff. The
size is linear in the tree, where the reduced strategic form can be exponential.

Method (von Stengel, 1996, section 4; von Stengel, 2007, section 3.11)
----------------------------------------------------------------------
Player 1's best responses to :math:`y` solve :math:`\max x^\top (A y)` over its plans, whose
dual is :math:`\min e^\top p` subject to :math:`E^\top p \ge A y`. This gives the polyhedra

.. math::

    \bar P = \{(x, q) : E x = e,\ x \ge 0,\ F^\top q - B^\top x \ge 0\}, \qquad
    \bar Q = \{(y, p) : F y = f,\ y \ge 0,\ E^\top p - A y \ge 0\}.

Label each sequence: :math:`\sigma \in S_1` is a label of :math:`(x, q)` if :math:`x_\sigma =
0`, of :math:`(y, p)` if its row of :math:`E^\top p - A y \ge 0` is tight; the same for
:math:`\tau \in S_2` with the roles swapped. :math:`(x, y)` is a Nash equilibrium exactly when
some such pair is *completely labelled* (every sequence a label of one of them: the
complementary slackness of both players' best-response LPs). Every extreme point of a maximal
set of interchangeable equilibria (in realization plans) comes from a pair of vertices, so
enumerating the vertices of both polyhedra exactly (:mod:`._sequence_polyhedron`) and matching
their labels gives every extreme equilibrium, in degenerate trees too; this is the sequence-form
counterpart of the normal-form method of :mod:`gametheory.algorithms.exact`.

Each equilibrium is returned in behaviour strategies: :math:`\beta(h, a) = x_{\sigma_h a} /
x_{\sigma_h}` where :math:`x_{\sigma_h} > 0`. At sets that the player's own plan avoids the
behaviour changes no outcome; a singleton set there gets the player's best action (deepest
first), a larger set its first action, as :func:`~gametheory.extensive.spe.spe` does. Every
profile is certified exactly (regret 0 at the root) and tested for subgame perfection.

References
----------
D. Koller, N. Megiddo and B. von Stengel (1996), Efficient computation of equilibria for
extensive two-person games, *Games and Economic Behavior* 14, 247-259.
B. von Stengel (1996), Efficient computation of behavior strategies, *Games and Economic
Behavior* 14, 220-246.
B. von Stengel (2007), Equilibrium computation for two-player games in strategic and extensive
form, ch. 3 of *Algorithmic Game Theory*, sections 3.10-3.11.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ._sequence_extreme import best_response_value, extreme_pairs
from ._sequence_polyhedron import polyhedron_vertices
from .result import TreeSolveResult, certify_behavior
from .tree import SequenceT, Tree

__all__ = [
    "SequenceForm",
    "behavior_from_realization",
    "realization_plan",
    "sequence_form",
    "sequence_form_equilibria",
]

Matrix = tuple[tuple[Fraction, ...], ...]


@dataclass(frozen=True)
class SequenceForm:
    """The sequence form of a two-player tree (see the module docstring).

    Attributes
    ----------
    tree : Tree
    sequences : tuple of (tuple of SequenceT, tuple of SequenceT)
        Each player's sequences, the empty one first (:meth:`Tree.sequences`).
    constraints : tuple of (Matrix, Matrix)
        :math:`E` and :math:`F`: one row for the empty sequence, then one per information set
        (in :meth:`Tree.infosets_of` order); the right-hand side is :math:`(1, 0, \\dots, 0)`.
        Shapes ``(1 + sets, sequences)``.
    payoffs : tuple of (Matrix, Matrix)
        :math:`A` and :math:`B`, shape ``(|S_1|, |S_2|)``, chance probabilities included.
    """

    tree: Tree
    sequences: tuple[tuple[SequenceT, ...], tuple[SequenceT, ...]]
    constraints: tuple[Matrix, Matrix]
    payoffs: tuple[Matrix, Matrix]


def _constraints(tree: Tree, player: str, seqs: tuple[SequenceT, ...]) -> Matrix:
    index = {s: k for k, s in enumerate(seqs)}
    rows = [[Fraction(0)] * len(seqs)]
    rows[0][0] = Fraction(1)
    for s in tree.infosets_of(player):
        parent = tree.parent_sequence(s.id)
        row = [Fraction(0)] * len(seqs)
        row[index[parent]] = Fraction(-1)
        for a in s.actions:
            row[index[(*parent, (s.id, a))]] = Fraction(1)
        rows.append(row)
    return tuple(tuple(r) for r in rows)


def sequence_form(tree: Tree) -> SequenceForm:
    """The sequence form (sequences, constraint and payoff matrices) of a two-player tree.

    Raises
    ------
    GameValueError
        Without two players or perfect recall.

    Examples
    --------
    >>> t = Tree.from_nested({"player": "E", "moves": {"out": [0, 2], "in": {"player": "I",
    ...     "moves": {"fight": [-1, -1], "accommodate": [1, 1]}}}}, players=("E", "I"))
    >>> sf = sequence_form(t)
    >>> sf.sequences[1]
    ((), (('root.in', 'fight'),), (('root.in', 'accommodate'),))
    >>> [[str(v) for v in row] for row in sf.payoffs[0]]
    [['0', '0', '0'], ['0', '0', '0'], ['0', '-1', '1']]
    """
    if tree.n_players != 2:
        raise GameValueError(
            f"the sequence form needs two players, this tree has {tree.n_players}",
            key="method", hint="use --method spe or pure",
        )
    tree.require_perfect_recall("the sequence form")
    p1, p2 = tree.players
    s1, s2 = tree.sequences(p1), tree.sequences(p2)
    i1 = {s: k for k, s in enumerate(s1)}
    i2 = {s: k for k, s in enumerate(s2)}
    a = [[Fraction(0)] * len(s2) for _ in s1]
    b = [[Fraction(0)] * len(s2) for _ in s1]
    for z in tree.terminals:
        chance, (q1, q2) = tree.reach(z.id)
        if chance:
            j, k = i1[q1], i2[q2]
            a[j][k] += chance * z.payoffs[0]
            b[j][k] += chance * z.payoffs[1]
    return SequenceForm(
        tree=tree,
        sequences=(s1, s2),
        constraints=(_constraints(tree, p1, s1), _constraints(tree, p2, s2)),
        payoffs=(tuple(map(tuple, a)), tuple(map(tuple, b))),
    )


def realization_plan(tree: Tree, player: str, behavior: Mapping[str, Mapping[str, Any]]
                     ) -> tuple[Fraction, ...]:
    """The player's realization plan of a behaviour strategy, one entry per sequence.

    Examples
    --------
    >>> t = Tree.from_nested({"player": "E", "moves": {"out": [0, 2], "in": {"player": "I",
    ...     "moves": {"fight": [-1, -1], "accommodate": [1, 1]}}}}, players=("E", "I"))
    >>> [str(v) for v in realization_plan(t, "E", {"root": {"in": "1/3", "out": "2/3"}})]
    ['1', '2/3', '1/3']
    """
    b = tree.behavior({s.id: behavior[s.id] for s in tree.infosets_of(player)})
    out = []
    for seq in tree.sequences(player):
        p = Fraction(1)
        for sid, a in seq:
            p *= b[sid][a]
        out.append(p)
    return tuple(out)


def behavior_from_realization(
    tree: Tree, plans: tuple[tuple[Fraction, ...], ...]
) -> dict[str, dict[str, Fraction]]:
    """A behaviour profile from both players' realization plans (see the module docstring for
    the sets a plan avoids)."""
    b: dict[str, dict[str, Fraction]] = {}
    avoided = []
    for player, x in zip(tree.players, plans, strict=True):
        index = {s: k for k, s in enumerate(tree.sequences(player))}
        for s in tree.infosets_of(player):
            parent = tree.parent_sequence(s.id)
            total = x[index[parent]]
            if total > 0:
                b[s.id] = {a: x[index[(*parent, (s.id, a))]] / total for a in s.actions}
            else:
                b[s.id] = {a: Fraction(int(k == 0)) for k, a in enumerate(s.actions)}
                if len(s.nodes) == 1:
                    avoided.append((tree.node_index(s.nodes[0]), tree.player_index(player), s))
    for _, i, s in sorted(avoided, key=lambda item: -item[0]):
        node = tree.node(s.nodes[0])
        values = tree.node_values(b, below=node.id)
        scores = [values[c][i] for c in node.children]
        best = node.actions[scores.index(max(scores))]
        b[s.id] = {a: Fraction(int(a == best)) for a in s.actions}
    return b


def _vertices(e: Matrix, f: Matrix, b: Matrix) -> list[tuple[tuple[Fraction, ...], int]]:
    """Vertices (x, labels) of {(x, q) : E x = e, x >= 0, F^T q - B^T x >= 0}.

    Labels: bit k for x_k = 0, bit len(x) + j for a tight row j of F^T q >= B^T x.
    """
    n, m = len(e[0]), len(f)
    n2 = len(f[0])
    d = n + m
    zero = Fraction(0)
    rows = []
    for k in range(n):  # x_k >= 0
        rows.append([Fraction(int(c == k)) for c in range(d)] + [zero])
    for j in range(n2):  # (F^T q - B^T x)_j >= 0
        rows.append([-b[k][j] for k in range(n)] + [f[r][j] for r in range(m)] + [zero])
    rows.append([zero] * d + [Fraction(1)])  # t >= 0
    equations = [list(e[r]) + [zero] * m + [Fraction(-int(r == 0))] for r in range(len(e))]
    # Start from x >= 0, t >= 0 and, for each row of F, one sequence it alone among the rows
    # above introduces (the empty sequence; the set's first action): triangular, so nonsingular.
    first = [0] + [next(j for j in range(n2) if f[r][j] == 1) for r in range(1, m)]
    start = [*range(n), *(n + j for j in first), n + n2]
    out = []
    for v in polyhedron_vertices(rows, equations, start):
        x, q = v[:n], v[n:]
        labels = 0
        for k in range(n):
            if x[k] == 0:
                labels |= 1 << k
        for j in range(n2):
            slack = sum(f[r][j] * q[r] for r in range(m)) - sum(b[k][j] * x[k] for k in range(n))
            if slack == 0:
                labels |= 1 << (n + j)
        out.append((x, labels))
    return out


def _transpose(matrix: Matrix) -> Matrix:
    return tuple(zip(*matrix, strict=True))


def sequence_form_equilibria(tree: Tree) -> TreeSolveResult:
    """Every extreme Nash equilibrium of a two-player tree through the sequence form, exactly.

    Parameters
    ----------
    tree : Tree
        Two players, perfect recall; chance nodes and information sets allowed.

    Returns
    -------
    TreeSolveResult
        Method ``"exact"``; each equilibrium in behaviour strategies, certified exactly, with
        ``subgame_perfect`` set per equilibrium (false at the top: Nash equilibria need not be
        subgame perfect). Sorted by decreasing probabilities of the players' sequences.

    Raises
    ------
    GameValueError
        Without two players or perfect recall.

    References
    ----------
    Koller, Megiddo and von Stengel (1996); von Stengel (1996), section 4; von Stengel (2007),
    section 3.11 (see the module docstring).

    Examples
    --------
    Selten's entry game: the entrant stays out against a threat to fight (at least 1/2), or
    enters and is accommodated (the only subgame-perfect equilibrium).

    >>> t = Tree.from_nested({"player": "E", "moves": {"out": [0, 2], "in": {"player": "I",
    ...     "moves": {"fight": [-1, -1], "accommodate": [1, 1]}}}}, players=("E", "I"))
    >>> result = sequence_form_equilibria(t)
    >>> [(eq.choice("root"), str(eq.behavior["root.in"]["fight"]), eq.subgame_perfect)
    ...  for eq in result.equilibria]
    [('out', '1', False), ('out', '1/2', False), ('in', '0', True)]
    """
    sf = sequence_form(tree)
    (e, f), (a, b) = sf.constraints, sf.payoffs
    n1, n2 = len(sf.sequences[0]), len(sf.sequences[1])
    p_side = _vertices(e, f, b)
    # Player 2's polyhedron is player 1's with the roles swapped; its labels are remapped so
    # that bit k < n1 is player 1's sequence k and bit n1 + j player 2's sequence j.
    q_side = []
    for y, labels in _vertices(f, e, _transpose(a)):
        own, other = labels & ((1 << n2) - 1), labels >> n2
        q_side.append((y, (own << n1) | other))
    full = (1 << (n1 + n2)) - 1
    plans: dict[tuple, None] = {}
    for x, lp in p_side:
        need = full & ~lp
        for y, lq in q_side:
            if lq & need == need:
                plans[(x, y)] = None
    def is_equilibrium(x: tuple, y: tuple) -> bool:
        ay = [sum(v * w for v, w in zip(row, y, strict=True) if w) for row in a]
        bx = [sum(b[k][j] * x[k] for k in range(n1) if x[k]) for j in range(n2)]
        return (sum(v * w for v, w in zip(x, ay, strict=True)) == best_response_value(e, ay)
                and sum(v * w for v, w in zip(y, bx, strict=True)) == best_response_value(f, bx))

    candidates = list(plans)
    kept = extreme_pairs(candidates, is_equilibrium)
    found = []
    for x, y in sorted(kept, key=lambda xy: (tuple(-v for v in xy[0]), tuple(-v for v in xy[1]))):
        eq = certify_behavior(tree, behavior_from_realization(tree, (x, y)))
        if eq is None:  # pragma: no cover - would be a bug in the enumeration
            raise AssertionError("the sequence form produced a non-equilibrium")
        found.append(eq)
    perfect = sum(eq.subgame_perfect for eq in found)
    message = (
        f"{len(found)} extreme Nash equilibri{'um' if len(found) == 1 else 'a'} of the "
        f"sequence form (in behaviour strategies), {perfect} of them subgame perfect"
    )
    return TreeSolveResult(
        tree=tree, method="exact", equilibria=tuple(found), subgame_perfect=False,
        exact=True, complete=True, status="ok", message=message,
    )
