"""Greedy placement of point labels, so that labels overlap neither each other nor the points.

Each label is tried at a few offsets around its point (right above, right below, left above,
left below, above, below); the one whose estimated box overlaps least with the boxes placed so
far, with the points, and with the outside of the axes wins. Text extents are estimated from
the number of characters, which is enough for short labels in a sans-serif font; placement is
deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["place_labels"]

# (dx, dy) in points from the point to the label's anchor, and the horizontal alignment.
_CANDIDATES = (
    (6, 4, "left"),
    (6, -12, "left"),
    (-6, 4, "right"),
    (-6, -12, "right"),
    (0, 8, "center"),
    (0, -16, "center"),
)
_MARKER = 5.0  # half the size of the box kept free around every point, in points


def _box(x: float, y: float, dx: float, dy: float, align: str, width: float, height: float):
    left = x + dx - (width if align == "right" else width / 2 if align == "center" else 0)
    bottom = y + dy
    return (left, bottom, left + width, bottom + height)


def _overlap(a: Sequence[float], b: Sequence[float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def place_labels(
    ax: Any, points: Sequence[tuple[float, float]], texts: Sequence[str], sizes: Sequence[float]
) -> list[tuple[float, float, str]]:
    """Offsets (dx, dy in points) and alignments for labels of ``points``, in the given order.

    Earlier labels have priority. Call after the axes' limits are set.
    """
    fig = ax.figure
    scale = 72.0 / fig.dpi
    to_points = [tuple(v * scale for v in ax.transData.transform(p)) for p in points]
    x0, y0 = (v * scale for v in ax.transData.transform((ax.get_xlim()[0], ax.get_ylim()[0])))
    x1, y1 = (v * scale for v in ax.transData.transform((ax.get_xlim()[1], ax.get_ylim()[1])))
    taken = [(x - _MARKER, y - _MARKER, x + _MARKER, y + _MARKER) for x, y in to_points]
    placed = []
    for (x, y), text, size in zip(to_points, texts, sizes, strict=True):
        width, height = 0.58 * size * len(text), 1.2 * size
        best = None
        for k, (dx, dy, align) in enumerate(_CANDIDATES):
            box = _box(x, y, dx, dy, align, width, height)
            cost = sum(_overlap(box, other) for other in taken)
            outside = (max(0.0, x0 - box[0]) + max(0.0, box[2] - x1)) * height + (
                max(0.0, y0 - box[1]) + max(0.0, box[3] - y1)
            ) * width
            # Prefer the first candidates a little, so that labels read consistently.
            score = (cost + 4 * outside, k)
            if best is None or score < best[0]:
                best = (score, box, (dx, dy, align))
        assert best is not None
        taken.append(best[1])
        placed.append(best[2])
    return placed
