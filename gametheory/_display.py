"""How games, models and results show themselves in Python and in Jupyter.

:class:`Displayed` gives a class ``_repr_html_``, ``_repr_latex_``, ``_repr_pretty_`` (IPython's
plain text) and :meth:`~Displayed.to_frame`, all from the one report the command line prints
(:mod:`gametheory.report`): a class names its report function in ``_report``. No second
formatter: HTML is one more rendering of the same report document, and a report that is not
built as a document (the sensitivity reports) is shown as its text in ``<pre>``.

Result classes also take their ``__repr__`` from here (the text report); :class:`~gametheory.Game`
and :class:`~gametheory.models.Model` keep their one-line ``repr`` (it names them in lists and
error messages) and show the whole report through ``_repr_pretty_`` and ``_repr_html_``.

:meth:`~Displayed.to_frame` needs pandas (``pip install ".[pandas]"``), imported only there.

Examples
--------
>>> from gametheory import Game, solve
>>> result = solve(Game.from_arrays([[1, -1], [-1, 1]]))
>>> print(repr(result).splitlines()[-1])
Method exact: every equilibrium was found (the game is nondegenerate).
>>> "<table" in result._repr_html_(), result._repr_latex_().startswith("% Needs")
(True, True)
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from typing import Any

__all__ = ["Displayed", "csv_tables", "frame_from_rows", "regime_tables"]

#: Formats a report function renders as a document; others get ``<pre>`` text for HTML.
_DOCUMENT_FORMATS = ("text", "markdown", "latex", "csv", "json", "html")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        from .errors import GameError

        raise GameError(
            'to_frame() needs pandas: pip install pandas (or the extra: pip install ".[pandas]")'
        ) from None
    return pandas


def _cell(text: str) -> Any:
    """A CSV cell as an exact number where it is one (``1/3``, ``-2``), else the text."""
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        return text


def csv_tables(text: str) -> list[tuple[list[str], list[list[Any]]]]:
    """The tables of a CSV report: (header, rows), numbers as exact fractions.

    Examples
    --------
    >>> csv_tables("a,b\\n1/2,x\\n\\nc\\n3\\n")
    [(['a', 'b'], [[Fraction(1, 2), 'x']]), (['c'], [[Fraction(3, 1)]])]
    """
    tables = []
    for chunk in text.split("\n\n"):
        rows = list(csv.reader(io.StringIO(chunk)))
        if rows:
            tables.append((rows[0], [[_cell(c) for c in row] for row in rows[1:]]))
    return tables


def frame_from_rows(header: list[str], rows: list[list[Any]]) -> Any:
    """A pandas DataFrame of exact cells (object columns; ``astype(float)`` to compute)."""
    return _pandas().DataFrame(rows, columns=header)


class Displayed:
    """Rich display from a report function: ``_report(format) -> str`` (a subclass sets it)."""

    __slots__ = ()

    def _report(self, format: str) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _report_text(self) -> str:
        return self._report("text").rstrip("\n")

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("..." if cycle else self._report_text())

    def _repr_html_(self) -> str:
        try:
            return self._report("html")
        except ValueError:  # a report that is not a document: its text, preformatted
            import html

            return f'<pre class="gametheory-report">{html.escape(self._report_text())}</pre>\n'

    def _repr_latex_(self) -> str:
        """The LaTeX report (a fragment: booktabs tables), as ``--format latex`` writes it."""
        return self._report("latex")

    def _frame_tables(self) -> list[tuple[list[str], list[list[Any]]]]:
        return csv_tables(self._report("csv"))

    def to_frame(self, table: int = 0) -> Any:
        """A table of the report as a pandas DataFrame, numbers as exact ``Fraction``.

        The tables are those of the CSV report (``--format csv``), in order: for a solve the
        equilibria, for a game or model the payoffs, for an analysis the equilibria first.

        Parameters
        ----------
        table : int
            Which table (0: the first).

        Returns
        -------
        pandas.DataFrame
            Object columns holding exact fractions and text; ``.astype(float)`` for floats.

        Raises
        ------
        GameError
            If pandas is not installed (it is the optional extra ``pandas``).
        IndexError
            If the report has no such table.
        """
        tables = self._frame_tables()
        if not -len(tables) <= table < len(tables):
            raise IndexError(f"the report has {len(tables)} tables; table {table} does not exist")
        return frame_from_rows(*tables[table])


def regime_tables(analyses: list[dict[str, Any]]) -> list[tuple[list[str], list[list[Any]]]]:
    """One table per parameter analysis (its JSON form): a row per regime and equilibrium.

    Columns: the parameter, the regime's ends and whether each is included, every
    ``player:strategy`` probability and every player's payoff (expressions in the parameter
    stay text; plain numbers become fractions).
    """
    tables = []
    for analysis in analyses:
        header: list[str] = ["parameter", "from", "to", "from included", "to included"]
        rows: list[list[Any]] = []
        for regime in analysis["regimes"]:
            for eq in regime["equilibria"]:
                strategies, payoffs = eq["strategies"], eq["payoffs"]
                columns = [f"{p}:{s}" for p, probs in strategies.items() for s in probs]
                columns += [f"{p} payoff" for p in payoffs]
                if len(header) == 5:
                    header += columns
                values = [v for probs in strategies.values() for v in probs.values()]
                values += list(payoffs.values())
                rows.append([analysis["parameter"], *map(_cell, regime["interval"]),
                             *regime["closed"], *map(_cell, values)])
        tables.append((header, rows))
    return tables
