"""HTML rendering of a report document: headings, paragraphs and tables, no script, no style.

The same blocks as the text and markdown reports (best responses marked ``*``, pure equilibria
in bold), as an HTML fragment that Jupyter shows inline and that the paper bundle's
``report.html`` embeds. Every string goes through :func:`html.escape`; nothing is fetched.

Examples
--------
>>> from gametheory import Game
>>> from gametheory.report._solve import game_bimatrix
>>> from gametheory.report._document import Document, Numbers
>>> game = Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
>>> html = render_html(Document((game_bimatrix(game),)), Numbers())
>>> "<b>1*, 1*</b>" in html, html.count("<tr>")
(True, 3)
"""

from __future__ import annotations

import html
import itertools

from ._document import Bimatrix, Document, Heading, Numbers, Paragraph, Table
from ._text import _numeric_columns, cell_text

__all__ = ["render_html"]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _table(table: Table, numbers: Numbers) -> list[str]:
    right = _numeric_columns(table)
    lines = ['<table class="gametheory">']
    if table.caption:
        lines.append(f"<caption>{_e(table.caption)}</caption>")
    lines.append("<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in table.header)
                 + "</tr></thead>")
    lines.append("<tbody>")
    for row in table.rows:
        cells = "".join(
            f'<td style="text-align:{"right" if r else "left"}">{_e(cell_text(c, numbers))}</td>'
            for c, r in zip(row, right, strict=False)
        )
        lines.append(f"<tr>{cells}</tr>")
    lines += ["</tbody>", "</table>"]
    return lines


def _bimatrix(matrix: Bimatrix, numbers: Numbers) -> list[str]:
    lines: list[str] = []
    two = len(matrix.players) > 1
    tails = list(itertools.product(*(range(len(s)) for s in matrix.strategies[2:])))
    for tail in tails:
        caption = matrix.caption
        if tail:
            caption += " (when " + ", ".join(
                f"{matrix.players[k + 2]} plays {matrix.strategies[k + 2][j]}"
                for k, j in enumerate(tail)
            ) + ")"
        if matrix.best:
            caption += " (* best response, bold: pure equilibrium)"
        lines.append('<table class="gametheory payoffs">')
        if caption:
            lines.append(f"<caption>{_e(caption)}</caption>")
        corner = f"{matrix.players[0]} \\ {matrix.players[1]}" if two else matrix.players[0]
        columns = list(matrix.strategies[1]) if two else ["payoff"]
        lines.append("<thead><tr>" + f"<th>{_e(corner)}</th>"
                     + "".join(f"<th>{_e(c)}</th>" for c in columns) + "</tr></thead>")
        lines.append("<tbody>")
        for r, label in enumerate(matrix.strategies[0]):
            cells = [f"<th>{_e(label)}</th>"]
            for c in range(len(columns)):
                profile = (r, c, *tail) if two else (r,)
                flags = matrix.best.get(profile, ())
                text = _e(", ".join(
                    cell_text(v, numbers) + ("*" if flags and flags[k] else "")
                    for k, v in enumerate(matrix.payoffs[profile])
                ))
                if matrix.is_equilibrium(profile):
                    text = f"<b>{text}</b>"
                cells.append(f'<td style="text-align:center">{text}</td>')
            lines.append("<tr>" + "".join(cells) + "</tr>")
        lines += ["</tbody>", "</table>"]
    return lines


def render_html(document: Document, numbers: Numbers) -> str:
    """Render a document as an HTML fragment (the blocks shown in markdown, as HTML).

    Parameters
    ----------
    document : Document
    numbers : Numbers
        Exact fractions, or decimals.

    Returns
    -------
    str
        A ``<div class="gametheory-report">`` element, ending with a newline.
    """
    chunks = ['<div class="gametheory-report">']
    for block in document.blocks:
        if "markdown" not in block.formats:  # html shows what a markdown report shows
            continue
        if isinstance(block, Heading):
            level = min(6, block.level + 2)
            chunks.append(f"<h{level}>{_e(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            chunks.append("<p>" + "<br>".join(_e(t) for t in block.text.split("\n")) + "</p>")
        elif isinstance(block, Table):
            chunks += _table(block, numbers)
        elif isinstance(block, Bimatrix):
            chunks += _bimatrix(block, numbers)
    chunks.append("</div>")
    return "\n".join(chunks) + "\n"
