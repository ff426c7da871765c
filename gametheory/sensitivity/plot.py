"""Figures of sensitivity analyses: sweeps and two-parameter regime maps.

matplotlib is imported inside the functions (it is an optional dependency: ``pip install
gametheory-exact[plot]``). Figures are drawn without pyplot's global state and saved with fixed
metadata, so the same analysis always gives the same bytes (PNG, SVG or PDF, chosen by the
file's suffix).

The figures are sized for a printed page (7 inches wide, text at 9 pt or more at that size) and
use colour-blind-safe qualitative palettes: Okabe and Ito's for lines, ColorBrewer's Set3 for
regions (cycled with hatching beyond twelve regions).

The sweep's figure is drawn in ``_plot_sweep``, the regime map's in ``_plot_map``, and what
they share (style, palettes, saving) is in ``_plot_common``.
"""

from __future__ import annotations

from ._plot_map import plot_regime_map
from ._plot_sweep import plot_sweep

__all__ = ["plot_regime_map", "plot_sweep"]
