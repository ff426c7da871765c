"""Solvers and analyses, one module per algorithm.

Equilibria: :mod:`.exact` (every extreme equilibrium and the components, exact),
:mod:`.pure` (pure equilibria, N players), :mod:`.exact_nplayer` (every equilibrium of a
small N-player game, exact, with :mod:`.conditional_dominance` pruning the support profiles),
:mod:`.gambit_methods` (Gambit's gnm and simpdiv, polished exactly, possibly incomplete),
:mod:`.nashpy_methods` (nashpy's support enumeration,
vertex enumeration and Lemke-Howson, certified exactly), :mod:`.zero_sum` (value and optimal
strategies of constant-sum games). Analyses: :mod:`.security` (maximin strategies and levels),
:mod:`.dominance` (strict and weak dominance, iterated elimination), :mod:`.pareto` (Pareto
efficiency), :mod:`.standing` (where one strategy is a best reply and which equilibria play
it). Import the modules directly; :func:`gametheory.solve` chooses among the solvers by
name. Modules are not imported here so that ``import gametheory`` stays fast.
"""
