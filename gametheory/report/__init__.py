"""Reports: games, models, solver results and analyses as text, markdown, LaTeX, CSV and JSON.

Every ``format_*`` function returns the whole output as one string, ending with a newline, and
is byte-for-byte reproducible: nothing depends on hash order, time or the platform. Numbers are
exact fractions (``1/3``) unless ``decimals`` is given.

Formats
-------
``text``
    Aligned plain text for a terminal: the payoff table with best responses marked ``*`` and
    pure equilibria in ``[ ]``, then the equilibria.
``markdown``
    Headings and pipe tables (best responses ``\\*``, pure equilibria in bold).
``latex``
    booktabs tables (pure equilibria boxed) or, with ``sgame=True``, the payoff table in the
    ``game`` environment of the sgame package; ``standalone=True`` makes a whole document.
``csv``
    The data tables, one after another, separated by an empty line.
``json``
    The data; for a solve, the contract of :meth:`gametheory.SolveResult.to_dict`.

Examples
--------
>>> from gametheory import Game, solve
>>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Ann", "Bob"),
...                      strategies=(("quiet", "talk"), ("quiet", "talk")))
>>> print(format_solve(solve(g)), end="")
Game
<BLANKLINE>
Payoffs (Ann, Bob)
(* best response, [ ] pure equilibrium)
  Ann \\ Bob  quiet   talk
  quiet        3, 3    0, 5*
  talk        5*, 0  [1*, 1*]
<BLANKLINE>
1 Nash equilibrium
  #  Ann   Bob   Ann payoff  Bob payoff
  1  talk  talk           1           1
<BLANKLINE>
Method exact: every equilibrium was found (the game is nondegenerate).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..game import Game
from ..result import SolveResult
from ._bargaining import format_bargaining, format_rubinstein
from ._bundle import check_bundle_directory, paper_bundle, write_bundle
from ._correlated import format_correlated
from ._document import Document, Numbers
from ._files import atomic_write, check_distinct_outputs, check_output_path, is_model_file
from ._json_text import _json
from ._ordinal import format_ordinal
from ._qre import format_qre
from ._repeated import format_repeated
from ._solve import _nested_strings, game_bimatrix, progress_text, solve_document, solve_json
from ._stackelberg import format_stackelberg

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "atomic_write",
    "check_bundle_directory",
    "check_distinct_outputs",
    "check_output_path",
    "format_analysis",
    "format_bargaining",
    "format_correlated",
    "format_for_path",
    "format_game",
    "format_model",
    "format_models",
    "format_ordinal",
    "format_qre",
    "format_repeated",
    "format_rubinstein",
    "format_solve",
    "format_stackelberg",
    "is_model_file",
    "paper_bundle",
    "progress_text",
    "render",
    "write_bundle",
]

#: The output formats, in the order the command line lists them.
FORMATS = ("text", "json", "markdown", "latex", "csv")

#: File suffix -> format, to choose the format from an output file's name.
SUFFIXES = {
    ".txt": "text",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".tex": "latex",
    ".csv": "csv",
}


def format_for_path(path: str | None) -> str:
    """The format an output file's suffix asks for (``text`` when unknown).

    Examples
    --------
    >>> format_for_path("table.tex"), format_for_path("out.JSON"), format_for_path(None)
    ('latex', 'json', 'text')
    """
    if not path:
        return "text"
    suffix = "." + str(path).rsplit(".", 1)[-1].lower() if "." in str(path) else ""
    return SUFFIXES.get(suffix, "text")


def render(
    document: Document,
    format: str = "text",
    *,
    decimals: int | None = None,
    standalone: bool = False,
    sgame: bool = False,
    data: Any = None,
    notes: Sequence[str] = (),
) -> str:
    """Render a report document in one of :data:`FORMATS` (``json`` writes ``data``).

    ``notes`` (how the game differs from the file it was read from) are added to JSON
    ``data`` under the key ``"notes"`` when there are any; the command line prints them on
    standard error for the other formats.

    Raises
    ------
    ValueError
        For an unknown format.
    """
    numbers = Numbers(decimals)
    if format == "text":
        from ._text import render_text

        return render_text(document, numbers)
    if format == "markdown":
        from ._markdown import render_markdown

        return render_markdown(document, numbers)
    if format == "latex":
        from ._latex import render_latex

        return render_latex(document, numbers, standalone=standalone, sgame=sgame)
    if format == "csv":
        from ._csv import render_csv

        return render_csv(document, numbers)
    if format == "html":  # notebooks and the paper bundle; not a --format of the commands
        from ._html import render_html

        return render_html(document, numbers)
    if format == "json":
        if notes and isinstance(data, dict):
            data = {**data, "notes": list(notes)}
        return _json(data)
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")


def format_solve(
    result: SolveResult,
    format: str = "text",
    *,
    decimals: int | None = None,
    title: str = "",
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    standalone: bool = False,
    sgame: bool = False,
    notes: Sequence[str] = (),
) -> str:
    """A solver result as text, markdown, LaTeX, CSV or JSON.

    Parameters
    ----------
    result : SolveResult
    format : str
        One of :data:`FORMATS`.
    decimals : int, optional
        Write numbers with this many decimals instead of exact fractions.
    title : str, optional
        The report's heading (default: the game's title).
    model : str, optional
        The model's name, recorded in the JSON.
    parameters : mapping, optional
        The parameter values the game was built with, shown and recorded.
    standalone, sgame : bool
        LaTeX only: a whole document; the payoff table in sgame's ``game`` environment.

    Examples
    --------
    >>> from gametheory import Game, solve
    >>> result = solve(Game.from_arrays([[1, -1], [-1, 1]]))
    >>> print(format_solve(result, "csv"), end="")
    equilibrium,component,Row:1,Row:2,Column:1,Column:2,Row payoff,Column payoff
    1,1,1/2,1/2,1/2,1/2,0,0
    """
    if hasattr(result, "game") and hasattr(result.game, "types"):  # Bayesian: ._bayesian
        from ._bayesian import format_bayesian_solve

        return format_bayesian_solve(result, format, decimals=decimals, title=title,
                                     model=model, parameters=parameters, standalone=standalone)
    if not isinstance(result, SolveResult):  # a game tree's result: see ._tree
        from ._tree import format_tree_solve

        return format_tree_solve(result, format, decimals=decimals, title=title, model=model,
                                 parameters=parameters, standalone=standalone)
    numbers = Numbers(decimals)
    document = solve_document(
        result, title=title, parameters=parameters, numbers=numbers, label=model or ""
    )
    data = solve_json(result, model=model, parameters=parameters, numbers=numbers)
    return render(
        document, format, decimals=decimals, standalone=standalone, sgame=sgame, data=data,
        notes=notes,
    )


def format_game(
    game: Game,
    format: str = "text",
    *,
    decimals: int | None = None,
    standalone: bool = False,
    sgame: bool = False,
) -> str:
    """A game's payoff table, best responses and pure equilibria marked.

    Examples
    --------
    >>> print(format_game(Game.from_arrays([[1, -1], [-1, 1]]), "markdown"), end="")
    *Payoffs (Row, Column)* (\\* best response, **bold**: pure equilibrium)
    <BLANKLINE>
    | Row \\\\ Column | 1 | 2 |
    | --- | :---: | :---: |
    | 1 | 1\\*, -1 | -1, 1\\* |
    | 2 | -1, 1\\* | 1\\*, -1 |
    """
    from ._document import Heading

    blocks: tuple[Any, ...] = (game_bimatrix(game, csv=True),)
    if game.title:
        blocks = (Heading(game.title), *blocks)
    numbers = Numbers(decimals)
    data = {
        "title": game.title,
        "players": [
            {"name": p, "strategies": list(s)}
            for p, s in zip(game.players, game.strategies, strict=True)
        ],
        "payoffs": {
            p: _nested_strings(array.tolist(), numbers.format)
            for p, array in zip(game.players, game.payoffs, strict=True)
        },
    }
    return render(
        Document(blocks, title=game.title),
        format,
        decimals=decimals,
        standalone=standalone,
        sgame=sgame,
        data=data,
    )


def format_model(
    model: Any,
    format: str = "text",
    *,
    values: Mapping[str, Fraction] | None = None,
    explain: bool = False,
    decimals: int | None = None,
    standalone: bool = False,
    sgame: bool = False,
    notes: Sequence[str] = (),
) -> str:
    """A model: description, parameters, strategies, payoff tables, and its rationale.

    ``values`` are the parameter values for the numeric payoff table (default: the model's);
    ``explain`` adds every outcome's ranks with their justification and source.
    """
    from ._model import model_document, model_json

    numbers = Numbers(decimals)
    if getattr(model, "is_bayesian", False):  # a Bayesian game: see ._bayesian
        from ._bayesian import format_bayesian_model

        return format_bayesian_model(model, format, values=values, decimals=decimals,
                                     standalone=standalone)
    if getattr(model, "is_tree", False):  # a game tree: see ._tree_model
        from ._tree_model import tree_model_document, tree_model_json

        document = tree_model_document(model, values=values, explain=explain, numbers=numbers)
        data = tree_model_json(model, values=values, numbers=numbers)
        return render(document, format, decimals=decimals, standalone=standalone, data=data)
    document = model_document(model, values=values, explain=explain, numbers=numbers)
    data = model_json(model, values=values, numbers=numbers)
    return render(
        document, format, decimals=decimals, standalone=standalone, sgame=sgame, data=data,
        notes=notes,
    )


def format_models(
    entries: Iterable[tuple[str, str]], format: str = "text", *, standalone: bool = False
) -> str:
    """The list of built-in models: name and title.

    Examples
    --------
    >>> print(format_models([("chicken", "Chicken"), ("us-russia", "US and Russia")]), end="")
    Built-in models (solve one with: gametheory solve NAME)
      name       title
      chicken    Chicken
      us-russia  US and Russia
    """
    from ._document import Table

    entries = list(entries)
    table = Table(
        ("name", "title"),
        tuple((name, title) for name, title in entries),
        caption="Built-in models (solve one with: gametheory solve NAME)",
    )
    data = [{"name": name, "title": title} for name, title in entries]
    return render(Document((table,)), format, standalone=standalone, data=data)


def format_analysis(
    analysis: Any,
    format: str = "text",
    *,
    decimals: int | None = None,
    title: str = "",
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    standalone: bool = False,
    sgame: bool = False,
    verdicts: Any = None,
    ordinal: Any = None,
    notes: Sequence[str] = (),
) -> str:
    """An :class:`~gametheory.analysis.Analysis` as a report in one of :data:`FORMATS`.

    ``verdicts`` (:class:`~gametheory.robustness.RankVerdicts`, for a model with ranks) adds
    the exact rank-only verdicts, and the key ``rank_verdicts`` to the JSON.
    ``ordinal``, an :class:`~gametheory.ordinal.OrdinalAnalysis` of the same game, adds its
    sections and, in JSON, the key ``ordinal`` (the contract of :func:`format_ordinal`).
    """
    from ._analysis import analysis_document, analysis_json

    numbers = Numbers(decimals)
    document = analysis_document(
        analysis, title=title, parameters=parameters, numbers=numbers, label=model or ""
    )
    data = analysis_json(analysis, model=model, parameters=parameters, numbers=numbers)
    if verdicts is not None:
        from ..robustness.report import verdict_blocks

        document = Document((*document.blocks, *verdict_blocks(verdicts)), document.title)
        data = {**data, "rank_verdicts": verdicts.to_dict()}
    if ordinal is not None:
        from ._ordinal import ordinal_blocks, ordinal_json

        document = document._replace(
            blocks=(*document.blocks, *ordinal_blocks(ordinal, model or ""))
        )
        extra = ordinal_json(ordinal)
        data["ordinal"] = {k: v for k, v in extra.items() if k not in ("game", "players")}
    return render(
        document, format, decimals=decimals, standalone=standalone, sgame=sgame, data=data,
        notes=notes,
    )
