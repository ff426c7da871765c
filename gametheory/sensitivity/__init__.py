"""Sensitivity analysis: equilibria as exact functions of a game's parameters.

(Public API listed in ``__all__``; sympy and matplotlib are imported only when needed.)
"""

from .parametric import Parameter, ParametricGame

__all__ = ["Parameter", "ParametricGame"]
