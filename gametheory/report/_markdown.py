"""Markdown rendering (GitHub-flavoured pipe tables) of a report document."""

from __future__ import annotations

import itertools
import re

from ._document import Bimatrix, Document, Heading, Numbers, Paragraph, Table
from ._text import _numeric_columns, cell_text

__all__ = ["escape_markdown", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def escape_markdown(text: str) -> str:
    r"""Escape the characters that markdown would read as markup.

    Examples
    --------
    >>> escape_markdown("hard_demand | 3*")
    'hard\\_demand \\| 3\\*'
    """
    return _SPECIAL.sub(r"\\\1", text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(table: Table, numbers: Numbers) -> list[str]:
    lines = [f"*{escape_markdown(table.caption)}*", ""] if table.caption else []
    right = _numeric_columns(table)
    lines.append(_row([escape_markdown(h) for h in table.header]))
    lines.append(_row(["---:" if r else "---" for r in right]))
    for row in table.rows:
        lines.append(_row([escape_markdown(cell_text(c, numbers)) for c in row]))
    return lines


def _bimatrix(matrix: Bimatrix, numbers: Numbers) -> list[str]:
    lines = []
    caption = matrix.caption
    if matrix.best:
        caption += " (\\* best response, **bold**: pure equilibrium)"
    if caption:
        lines += [f"*{escape_markdown(matrix.caption)}*" + caption[len(matrix.caption):], ""]
    two = len(matrix.players) > 1
    tails = list(itertools.product(*(range(len(s)) for s in matrix.strategies[2:])))
    for tail in tails:
        if tail:
            fixed = ", ".join(
                f"{matrix.players[k + 2]} plays {matrix.strategies[k + 2][j]}"
                for k, j in enumerate(tail)
            )
            lines += [escape_markdown(f"When {fixed}:"), ""]
        corner = f"{matrix.players[0]} \\ {matrix.players[1]}" if two else matrix.players[0]
        columns = list(matrix.strategies[1]) if two else ["payoff"]
        lines.append(_row([escape_markdown(corner)] + [escape_markdown(c) for c in columns]))
        lines.append(_row(["---"] + [":---:"] * len(columns)))
        for r, label in enumerate(matrix.strategies[0]):
            cells = [escape_markdown(label)]
            for c in range(len(columns)):
                profile = (r, c, *tail) if two else (r,)
                flags = matrix.best.get(profile, ())
                text = ", ".join(
                    escape_markdown(cell_text(v, numbers)) + ("\\*" if flags and flags[k] else "")
                    for k, v in enumerate(matrix.payoffs[profile])
                )
                cells.append(f"**{text}**" if matrix.is_equilibrium(profile) else text)
            lines.append(_row(cells))
        lines.append("")
    return lines[:-1]


def render_markdown(document: Document, numbers: Numbers) -> str:
    """Render a document as markdown: headings, paragraphs and pipe tables."""
    chunks = []
    for block in document.blocks:
        if "markdown" not in block.formats:
            continue
        if isinstance(block, Heading):
            chunks.append(["#" * block.level + " " + escape_markdown(block.text)])
        elif isinstance(block, Paragraph):
            chunks.append([escape_markdown(block.text)])
        elif isinstance(block, Table):
            chunks.append(_table(block, numbers))
        elif isinstance(block, Bimatrix):
            chunks.append(_bimatrix(block, numbers))
    return "\n\n".join("\n".join(chunk) for chunk in chunks) + "\n"
