"""What the figures of sensitivity analyses share: the style (sizes for a printed page,
colour-blind-safe palettes), the figure and its reproducible saving, axis labels and titles.
"""

from __future__ import annotations

import io
import os
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import GameValueError
from ..plot import FIGURE_METADATA, require_matplotlib

__all__: list[str] = []


_FORMATS = ("png", "svg", "pdf")
_WIDTH = 7.0  # inches: the width of a full-width figure on a printed page

_STYLE = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.title_fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.linewidth": 0.8,
    "lines.linewidth": 1.6,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "pdf.fonttype": 42,
}
# Okabe & Ito (2008), colour-blind safe; yellow last, as it is faint on white.
_LINE_COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#F0E442",
)
# The payoff panel's players, in the colours of the project's other figures.
_PLAYER_COLOURS = ("#1f5fa8", "#d0661e", "#2a9d3a", "#7b3294", "#555555")
# One marker and line style per equilibrium branch (12 x 4 combinations before repeating).
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "h", "*", "p")
_LINESTYLES = ("-", "--", "-.", ":")
# ColorBrewer Set3: twelve light qualitative colours that keep black letters readable.
_REGION_COLOURS = (
    "#8dd3c7",
    "#ffffb3",
    "#bebada",
    "#fb8072",
    "#80b1d3",
    "#fdb462",
    "#b3de69",
    "#fccde5",
    "#d9d9d9",
    "#bc80bd",
    "#ccebc5",
    "#ffed6f",
)
_HATCHES = ("", "///", "\\\\\\", "xxx", "...", "|||", "---")


def _format(path: str | os.PathLike[str] | None, fmt: str | None) -> str:
    if fmt is None:
        suffix = Path(path).suffix.lower().lstrip(".") if path is not None else "png"
        fmt = suffix or "png"
    if fmt not in _FORMATS:
        raise GameValueError(
            f"unknown figure format {fmt!r} (use .png, .svg or .pdf)", key="--plot"
        )
    return fmt


def _save(
    fig: Any, path: str | os.PathLike[str] | None, fmt: str | None, dpi: int | None = None
) -> bytes:
    matplotlib = require_matplotlib()

    fmt = _format(path, fmt)
    metadata = FIGURE_METADATA[fmt]
    buffer = io.BytesIO()
    # A fixed salt makes SVG element ids, and so the bytes, reproducible.
    with matplotlib.rc_context({"svg.hashsalt": "gametheory", "svg.fonttype": "none"}):
        fig.savefig(buffer, format=fmt, metadata=metadata, **({"dpi": dpi} if dpi else {}))
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


@contextmanager
def _style() -> Iterator[None]:
    matplotlib = require_matplotlib()

    # Text sizes are read from rcParams when artists are made and when the layout is drawn,
    # so the whole figure is built and saved inside the context.
    with matplotlib.rc_context(_STYLE):
        yield


def _f(value: Any) -> float:
    """An exact value as a float for drawing; beyond the float range, a clear error."""
    from ..numbers import to_float

    return to_float(value, where="the figure")


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _axis_label(obj: Any, name: str) -> str:
    """The parameter's name, with the first phrase of its description if the result has one."""
    descriptions = getattr(obj, "descriptions", None)
    text = descriptions.get(name, "") if isinstance(descriptions, Mapping) else ""
    short = text.split(":")[0].split("(")[0].split(".")[0].split(",")[0].strip()
    if not short:
        return name
    # Two lines at most, so that a label fits the height of a map's vertical axis.
    lines = textwrap.wrap(f"{name}: {short}", 42)
    if len(lines) > 2:
        lines = [lines[0], lines[1][:40].rstrip() + "\u2026"]
    return "\n".join(lines)


def _title(title: str, default: str, fixed: Mapping[str, Any]) -> str:
    values = ", ".join(f"{k} = {v}" for k, v in fixed.items())
    return (title or default) + (f" ({values})" if values else "")


def _support_text(support: Sequence[Sequence[str]]) -> str:
    """Supports as a product of sets, or a pure profile as a tuple."""
    if all(len(s) == 1 for s in support):
        return "(" + ", ".join(s[0] for s in support) + ")"
    return " \u00d7 ".join("{" + ", ".join(s) + "}" for s in support)


class _Described:
    """Descriptions given to :func:`plot_regime_map`, where :func:`_axis_label` reads them."""

    def __init__(self, descriptions: Mapping[str, str]) -> None:
        self.descriptions = dict(descriptions)
