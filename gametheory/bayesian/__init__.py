"""Bayesian games: the value type, the Harsanyi transformation and Bayesian Nash equilibria.

:mod:`.game` defines :class:`BayesianGame` and states the definitions; :mod:`.harsanyi` gives
the Harsanyi tree and the ex-ante and type-agent strategic forms; :mod:`.bne` computes Bayesian
Nash equilibria (reached through :func:`gametheory.solve`).
"""

from .bne import (
    BayesianEquilibrium,
    BayesianSolveResult,
    certify_bayesian,
    exact_bayesian,
    pure_bayesian,
)
from .game import BayesianGame, TypeProfile, TypeStrategy
from .harsanyi import ex_ante_form, harsanyi_transform, plan_label, type_agent_form

__all__ = [
    "BayesianEquilibrium",
    "BayesianGame",
    "BayesianSolveResult",
    "TypeProfile",
    "TypeStrategy",
    "certify_bayesian",
    "ex_ante_form",
    "exact_bayesian",
    "harsanyi_transform",
    "plan_label",
    "pure_bayesian",
    "type_agent_form",
]
