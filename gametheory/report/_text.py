"""Plain-text rendering of a :class:`~gametheory.report._document.Document`: aligned columns."""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Sequence

from ._document import (
    Bimatrix,
    Cell,
    Document,
    Expr,
    Heading,
    Mix,
    Numbers,
    Paragraph,
    Table,
    is_number,
)

__all__ = ["cell_text", "mixture_text", "render_text"]

_INDENT = "  "
_GAP = "  "
#: Paragraphs are wrapped at this width.
WIDTH = 88


# A label that could be read as part of a number or of the sum: starts like a number or a
# parenthesis, holds "+" or the brackets themselves, or has space at an end.
_AMBIGUOUS_LABEL = re.compile(r"^$|^[\s\d.+\-(/]|[+\[\]·]|\s$")


def mixture_text(parts: Sequence[tuple[str, str]]) -> str:
    """A mixed strategy as text: ``1/3 a + 2/3 b``, or ``2/7·[1] + 5/7·[2]`` for numeric labels.

    The one form of a mixture in text, Markdown and CSV: where any label could be read as a
    number (``1``, ``2.5``, ``-x``) or holds ``+``, every label of the mixture is written in
    brackets after a middle dot, so that ``2/7·[1]`` cannot be read as ``2/71``.

    Parameters
    ----------
    parts : sequence of (str, str)
        (probability as text, strategy label) for each strategy in the support.

    Examples
    --------
    >>> mixture_text([("1/3", "concede"), ("2/3", "pressure")])
    '1/3 concede + 2/3 pressure'
    >>> mixture_text([("2/7", "1"), ("5/7", "2")])
    '2/7·[1] + 5/7·[2]'
    """
    if any(_AMBIGUOUS_LABEL.search(label) for _, label in parts):
        return " + ".join(f"{p}·[{label}]" for p, label in parts)
    return " + ".join(f"{p} {label}" for p, label in parts)


def cell_text(cell: Cell, numbers: Numbers) -> str:
    """A cell as plain text: ``1/3``, ``pressure``, ``1/3 concede + 2/3 pressure``, ``1 - c``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> cell_text(Mix(((Fraction(1, 3), "a"), (Fraction(2, 3), "b"))), Numbers())
    '1/3 a + 2/3 b'
    >>> cell_text(Mix(((Fraction(1), "a"),)), Numbers())
    'a'
    """
    if is_number(cell):
        return numbers.format(cell)
    if isinstance(cell, Mix):
        if len(cell.parts) == 1 and cell.parts[0][0] == 1:
            return cell.parts[0][1]
        return mixture_text([(_factor(numbers.format(p)), label) for p, label in cell.parts])
    if isinstance(cell, Expr):
        return cell.text
    return str(cell)


def _factor(text: str) -> str:
    """An irrational probability such as ``1 - sqrt(2)/2`` in parentheses before a label."""
    return f"({text})" if " " in text else text


def _numeric_columns(table: Table) -> list[bool]:
    columns = list(zip(*table.rows, strict=True)) if table.rows else []
    return [bool(col) and all(is_number(c) for c in col) for col in columns] or [
        False
    ] * len(table.header)


def _aligned(rows: list[list[str]], right: list[bool]) -> list[str]:
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            text.rjust(w) if r else text.ljust(w)
            for text, w, r in zip(row, widths, right, strict=True)
        ]
        lines.append((_INDENT + _GAP.join(cells)).rstrip())
    return lines


def _table(table: Table, numbers: Numbers) -> list[str]:
    lines = [table.caption] if table.caption else []
    body = [[cell_text(c, numbers) for c in row] for row in table.rows]
    return lines + _aligned([list(table.header), *body], _numeric_columns(table))


def _bimatrix_slice(
    matrix: Bimatrix, tail: tuple[int, ...], numbers: Numbers
) -> list[str]:
    """One two-dimensional slice: rows = player 1, columns = player 2 (others fixed)."""
    rows_n = len(matrix.strategies[0])
    cols_n = len(matrix.strategies[1]) if len(matrix.players) > 1 else 1
    marked = bool(matrix.best)
    grid: list[list[list[str]]] = []
    for r in range(rows_n):
        line = []
        for c in range(cols_n):
            profile = (r, c, *tail) if len(matrix.players) > 1 else (r,)
            flags = matrix.best.get(profile, ())
            parts = [
                cell_text(v, numbers) + ("*" if flags and flags[k] else "")
                for k, v in enumerate(matrix.payoffs[profile])
            ]
            line.append(parts)
        grid.append(line)
    header = [f"{matrix.players[0]} \\ {matrix.players[1]}" if cols_n > 1 or
              len(matrix.players) > 1 else matrix.players[0]]
    header += list(matrix.strategies[1]) if len(matrix.players) > 1 else ["payoff"]
    out_rows = [header]
    for c in range(cols_n):
        # Align the first payoff of every cell to the right and the rest to the left, so
        # that the commas of a column line up.
        first_w = max(len(grid[r][c][0]) for r in range(rows_n))
        rest_w = [
            max(len(grid[r][c][k]) for r in range(rows_n))
            for k in range(1, len(grid[0][c]))
        ]
        for r in range(rows_n):
            parts = grid[r][c]
            text = parts[0].rjust(first_w)
            for k, w in enumerate(rest_w, start=1):
                # Pad all but the last payoff, so that the next comma lines up.
                text += ", " + (parts[k].ljust(w) if k < len(rest_w) else parts[k])
            if marked:
                profile = (r, c, *tail) if len(matrix.players) > 1 else (r,)
                text = " " + text
                if matrix.is_equilibrium(profile):
                    # The bracket takes the place of the space just before the payoffs.
                    start = len(text) - len(text.lstrip())
                    text = text[: start - 1] + "[" + text[start:] + "]"
            grid[r][c] = [text]
    for r in range(rows_n):
        out_rows.append([matrix.strategies[0][r]] + [grid[r][c][0] for c in range(cols_n)])
    return _aligned(out_rows, [False] * len(header))


def _bimatrix(matrix: Bimatrix, numbers: Numbers) -> list[str]:
    lines = []
    if matrix.caption:
        lines.append(matrix.caption)
    if matrix.best:
        lines.append("(* best response, [ ] pure equilibrium)")
    tails = list(itertools.product(*(range(len(s)) for s in matrix.strategies[2:])))
    for tail in tails:
        if tail:
            fixed = ", ".join(
                f"{matrix.players[k + 2]} plays {matrix.strategies[k + 2][j]}"
                for k, j in enumerate(tail)
            )
            lines.append(f"When {fixed}:")
        lines.extend(_bimatrix_slice(matrix, tail, numbers))
    return lines


def _wrap(text: str) -> list[str]:
    """Wrap each line of a paragraph at :data:`WIDTH`, keeping its indentation."""
    lines = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        lines += textwrap.wrap(
            line, WIDTH, initial_indent="", subsequent_indent=indent + "  " if indent else "",
            break_long_words=False, break_on_hyphens=False,
        ) or [""]
    return lines


def render_text(document: Document, numbers: Numbers) -> str:
    """Render a document as aligned plain text (blocks separated by a blank line)."""
    chunks = []
    for block in document.blocks:
        if "text" not in block.formats:
            continue
        if isinstance(block, Heading):
            chunks.append([block.text])
        elif isinstance(block, Paragraph):
            chunks.append(_wrap(block.text))
        elif isinstance(block, Table):
            chunks.append(_table(block, numbers))
        elif isinstance(block, Bimatrix):
            chunks.append(_bimatrix(block, numbers))
    return "\n\n".join("\n".join(chunk) for chunk in chunks) + "\n"
