"""CSV rendering of a report document: its data tables, one after another.

Each table starts with a header row; several tables are separated by one empty line. Payoff
tables become one row per pure profile: each player's strategy, then each player's payoff.
"""

from __future__ import annotations

import csv
import io
import itertools

from ._document import Bimatrix, Document, Numbers, Table
from ._text import cell_text

__all__ = ["render_csv"]


def _bimatrix_rows(matrix: Bimatrix, numbers: Numbers) -> list[list[str]]:
    rows = [[*matrix.players, *(f"{p} payoff" for p in matrix.players)]]
    for profile in itertools.product(*(range(len(s)) for s in matrix.strategies)):
        labels = [matrix.strategies[i][j] for i, j in enumerate(profile)]
        rows.append(labels + [cell_text(v, numbers) for v in matrix.payoffs[profile]])
    return rows


def render_csv(document: Document, numbers: Numbers) -> str:
    """Render the document's data tables as CSV (RFC 4180 quoting, ``\\n`` line ends)."""
    tables = []
    for block in document.blocks:
        if "csv" not in block.formats:
            continue
        if isinstance(block, Table):
            rows = [list(block.header)]
            rows += [[cell_text(c, numbers) for c in row] for row in block.rows]
            tables.append(rows)
        elif isinstance(block, Bimatrix):
            tables.append(_bimatrix_rows(block, numbers))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for k, rows in enumerate(tables):
        if k:
            out.write("\n")
        writer.writerows(rows)
    return out.getvalue()
