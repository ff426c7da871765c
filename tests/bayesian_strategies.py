"""hypothesis strategies for small Bayesian games (exact priors, small integer payoffs)."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import strategies as st

from gametheory.bayesian import BayesianGame

__all__ = ["bayesian_games"]


@st.composite
def _prior(draw, n_profiles: int) -> list[Fraction]:
    weights = draw(st.lists(st.integers(1, 4), min_size=n_profiles, max_size=n_profiles))
    total = sum(weights)
    return [Fraction(w, total) for w in weights]


@st.composite
def bayesian_games(draw, players: int = 2, max_types: int = 2, max_actions: int = 2,
                   joint: bool | None = None):
    """A Bayesian game with 1..max_types types and 2..max_actions actions per player, a prior
    with full support (joint or independent), integer payoffs in [-2, 3]."""
    names = tuple(f"P{i + 1}" for i in range(players))
    types = [tuple(f"t{k}" for k in range(draw(st.integers(1, max_types))))
             for _ in range(players)]
    actions = [tuple(f"a{k}" for k in range(draw(st.integers(2, max_actions))))
               for _ in range(players)]
    profiles = list(itertools.product(*types))
    use_joint = draw(st.booleans()) if joint is None else joint
    payoffs = {}
    for prof in profiles:
        table: dict = {}
        for acts in itertools.product(*actions):
            cell = table
            for a in acts[:-1]:
                cell = cell.setdefault(a, {})
            cell[acts[-1]] = tuple(draw(st.integers(-2, 3)) for _ in names)
        payoffs[prof] = table
    if use_joint:
        prior = dict(zip(profiles, draw(_prior(len(profiles))), strict=True))
        return BayesianGame.from_tables(names, actions, payoffs, prior=prior)
    marginals = {p: dict(zip(ts, draw(_prior(len(ts))), strict=True))
                 for p, ts in zip(names, types, strict=True)}
    return BayesianGame.from_tables(names, actions, payoffs, types=marginals)
