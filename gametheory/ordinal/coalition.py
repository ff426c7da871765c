"""Coalition stability in the graph model: coalition Nash, GMR, SMR and SEQ.

Definitions
-----------
A coalition :math:`H \\subseteq N` moves jointly by any legal sequence of its members'
unilateral moves (:math:`R_H(s)`, see :mod:`.graph`). Its *coalitional improvements* from
:math:`s` are the states it reaches that are strictly better for every member (Kilgour,
Hipel, Fang and Peng 2001, "Coalition analysis in group decision support", *Group Decision
and Negotiation* 10, 159-175):

.. math:: R_H^{++}(s) = \\{t \\in R_H(s) : t \\succ_i s \\text{ for every } i \\in H\\}.

The coalition concepts follow the individual ones of :mod:`.gmcr` with the coalition in the
place of the player and the players outside it, :math:`N - H`, as the sanctioning group
(Inohara and Hipel 2008, "Coalition analysis in the graph model for conflict resolution",
*Systems Engineering* 11(4), 343-359). A move is *sanctioned* when the answer leaves some
member no better off than at :math:`s`, so that the joint move is no longer an improvement
for the coalition as a whole. State :math:`s` is, for coalition :math:`H`:

coalition Nash (CNash)
    :math:`R_H^{++}(s) = \\emptyset` (Kilgour et al. 2001).
coalition GMR (CGMR)
    every :math:`s_1 \\in R_H^{++}(s)` has some :math:`s_2 \\in R_{N-H}(s_1)` with
    :math:`s_2 \\preceq_i s` for some :math:`i \\in H`.
coalition SMR (CSMR)
    as CGMR, and moreover every :math:`s_3 \\in R_H(s_2)` has :math:`s_3 \\preceq_j s` for some
    :math:`j \\in H` (the coalition cannot escape the sanction).
coalition SEQ (CSEQ)
    as CGMR with :math:`s_2 \\in R^+_{N-H}(s_1)`: the sanction is made of unilateral
    improvements of the players outside the coalition.

For :math:`H = \\{i\\}` these are exactly the individual concepts of :mod:`.gmcr` (the tests
check it). When :math:`H = N` nobody is left to sanction: the four concepts coincide, and
with two players coalition-Nash stability of :math:`N` says that no state is strictly better
for both. Implications, as for single players: CNash implies CGMR, CSMR and CSEQ; CSMR and
CSEQ each imply CGMR (from :math:`R^+ \\subseteq R`, and the CSMR condition strengthening the
CGMR one).

Caveat on the source: the coalitional improvement and coalition Nash stability are as in
Kilgour et al. (2001). The coalition forms of GMR, SMR and SEQ are implemented as stated
above, in Inohara and Hipel's (2008) pattern; their paper's text could not be checked in the
session that wrote this module, so the choice "some member no better off" (rather than
"every member") for a sanction is stated here as this module's definition.

Everything is exact: only comparisons of integer ranks.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.ordinal.graph import graph_model
>>> pd = Game.from_arrays([[3, 1], [4, 2]], [[3, 4], [1, 2]],
...                       strategies=(("C", "D"), ("C", "D")))
>>> model = graph_model(pd)
>>> [is_coalition_stable(model, s, (0, 1), "nash") for s in range(4)]
[True, True, True, False]
"""

from __future__ import annotations

from collections.abc import Sequence

from .graph import GraphModel

__all__ = [
    "COALITION_CONCEPTS", "coalition_stability", "coalitional_improvements", "is_coalition_stable",
]

#: The coalition stability concepts, in the order they are reported.
COALITION_CONCEPTS = ("nash", "gmr", "smr", "seq")


def coalitional_improvements(
    model: GraphModel, coalition: Sequence[int], state: int
) -> list[int]:
    """:math:`R_H^{++}(s)`: states the coalition reaches that every member strictly prefers.

    Raises
    ------
    ValueError
        If the coalition is empty, repeats a player or names one the model does not have.
    """
    members = _members(model, coalition)
    ranks = [(model.ranks[i], model.ranks[i][state]) for i in members]
    return sorted(
        t for t in model.reachable(members, state) if all(r[t] > here for r, here in ranks)
    )


def _members(model: GraphModel, coalition: Sequence[int]) -> tuple[int, ...]:
    members = tuple(int(i) for i in coalition)
    n = len(model.players)
    if not members or len(set(members)) != len(members) or any(
        not 0 <= i < n for i in members
    ):
        raise ValueError(
            f"a coalition is a non-empty set of distinct players 0..{n - 1}; got {members}"
        )
    return members


def _no_better_for_some(model: GraphModel, members: tuple[int, ...], t: int, s: int) -> bool:
    return any(model.ranks[i][t] <= model.ranks[i][s] for i in members)


def coalition_stability(
    model: GraphModel, state: int, coalition: Sequence[int]
) -> dict[str, bool]:
    """Stability of ``state`` for ``coalition`` under each of :data:`COALITION_CONCEPTS`.

    The same as :func:`is_coalition_stable` for each concept, with the coalitional
    improvements computed once.

    Raises
    ------
    ValueError
        For a bad coalition.
    """
    members = _members(model, coalition)
    if not coalitional_improvements(model, members, state):
        return dict.fromkeys(COALITION_CONCEPTS, True)
    if len(members) == len(model.players):
        # Nobody outside to sanction: every concept reduces to coalition Nash.
        return dict.fromkeys(COALITION_CONCEPTS, False)
    return {c: is_coalition_stable(model, state, members, c) for c in COALITION_CONCEPTS}


def is_coalition_stable(
    model: GraphModel, state: int, coalition: Sequence[int], concept: str
) -> bool:
    """Whether ``state`` is stable for ``coalition`` under ``concept`` (module docstring).

    Parameters
    ----------
    model : GraphModel
    state : int
    coalition : sequence of int
        The members' indices.
    concept : str
        One of :data:`COALITION_CONCEPTS`.

    Raises
    ------
    ValueError
        For an unknown concept or a bad coalition.

    References
    ----------
    Kilgour, Hipel, Fang and Peng (2001) (coalitional improvement, coalition Nash);
    Inohara and Hipel (2008) (coalition GMR, SMR, SEQ).
    """
    if concept not in COALITION_CONCEPTS:
        raise ValueError(
            f"unknown stability concept {concept!r}; expected one of {COALITION_CONCEPTS}"
        )
    members = _members(model, coalition)
    s = state
    improvements = coalitional_improvements(model, members, s)
    if concept == "nash" or not improvements:
        return not improvements
    others = tuple(j for j in range(len(model.players)) if j not in members)
    for s1 in improvements:
        responses = (
            model.reachable(others, s1, improving=concept == "seq") if others else set()
        )
        sanctioned = False
        for s2 in sorted(responses):
            if not _no_better_for_some(model, members, s2, s):
                continue
            if concept == "smr" and not all(
                _no_better_for_some(model, members, s3, s)
                for s3 in model.reachable(members, s2)
            ):
                continue
            sanctioned = True
            break
        if not sanctioned:
            return False
    return True
