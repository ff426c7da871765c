"""Game trees (the extensive form): the value type, conversions and solvers.

:mod:`.tree` defines :class:`Tree`, :class:`Node` and :class:`InfoSet` and states the
definitions (information sets, perfect recall, sequences, subgames); :mod:`.reduced` gives the
reduced strategic form (:func:`reduced_strategic_form`) and Kuhn's map from mixed plans to
behaviour strategies. Solvers live one per module (:mod:`.backward_induction`, :mod:`.spe`,
:mod:`.pure`) and are reached through :func:`gametheory.solve`.
"""

from .reduced import behavior_from_mixed, plan_labels, reduced_plans, reduced_strategic_form
from .tree import Behavior, InfoSet, Node, SequenceT, Tree

__all__ = [
    "Behavior",
    "InfoSet",
    "Node",
    "SequenceT",
    "Tree",
    "behavior_from_mixed",
    "plan_labels",
    "reduced_plans",
    "reduced_strategic_form",
]
