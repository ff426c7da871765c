"""Sensitivity analysis: equilibria as exact functions of a game's parameters.

The core works on plain inputs: a :class:`ParametricGame` (sympy payoff arrays, parameter
symbols, values and ranges); :meth:`ParametricGame.from_model` adapts a model of
:mod:`gametheory.models`, :meth:`ParametricGame.from_game` a numeric game.

- :func:`symbolic_equilibria`, :func:`equilibrium_formula`: equilibria in closed form with the
  exact conditions under which they hold (:mod:`.symbolic`).
- :func:`analyse_parameter`: exact thresholds and regimes of one parameter (:mod:`.regimes`).
- :func:`regime_map`: regions and exact boundary curves for two parameters
  (:mod:`.regime_map`).
- :func:`comparative_statics`, :func:`payoff_statics`: derivatives and elasticities w.r.t.
  parameters and payoff entries (:mod:`.statics`).
- :func:`sweep`, :func:`parse_grid`: exact solutions over a grid (:mod:`.sweep`).
- :func:`split_param_options`: the command line's ``--param`` items sorted into values, names
  to vary and grids, one meaning per option name (:mod:`.options`).
- :func:`sensitivity`, :func:`format_report`, :func:`format_sweep`: what the command line
  prints (:mod:`.report`); :func:`plot_sweep`, :func:`plot_regime_map`: figures (:mod:`.plot`).

sympy and matplotlib are imported only inside the functions that use them.
"""

from .options import ParamOptions, merge_values, param_kind, split_param_options
from .parametric import Parameter, ParametricGame
from .plot import plot_regime_map, plot_sweep
from .regime_map import Boundary, RegimeMap, Region, regime_map
from .regimes import OneParameterAnalysis, Regime, analyse_parameter
from .report import (
    SensitivityReport,
    format_analysis,
    format_report,
    format_statics,
    format_sweep,
    sensitivity,
)
from .statics import (
    EntryStatics,
    EquilibriumStatics,
    ParameterStatics,
    PayoffStatics,
    comparative_statics,
    payoff_statics,
)
from .sweep import Sweep, SweepPoint, parse_grid, parse_param_grid, sweep
from .symbolic import SymbolicEquilibrium, equilibrium_formula, symbolic_equilibria

__all__ = [
    "Boundary",
    "EntryStatics",
    "EquilibriumStatics",
    "OneParameterAnalysis",
    "ParamOptions",
    "Parameter",
    "ParameterStatics",
    "ParametricGame",
    "PayoffStatics",
    "Regime",
    "RegimeMap",
    "Region",
    "SensitivityReport",
    "Sweep",
    "SweepPoint",
    "SymbolicEquilibrium",
    "analyse_parameter",
    "comparative_statics",
    "equilibrium_formula",
    "format_analysis",
    "format_report",
    "format_statics",
    "format_sweep",
    "merge_values",
    "param_kind",
    "parse_grid",
    "parse_param_grid",
    "payoff_statics",
    "plot_regime_map",
    "plot_sweep",
    "regime_map",
    "sensitivity",
    "split_param_options",
    "sweep",
    "symbolic_equilibria",
]
