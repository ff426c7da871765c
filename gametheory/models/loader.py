"""Loading and validating model files; the built-in models.

:func:`load_model` takes a built-in model's name (``"us-russia"``), the path of a model file
(``.toml``) or of a Gambit strategic-form file (``.nfg``). :func:`validate_model_file` reports
every problem of a model file, each a :class:`~gametheory.errors.ModelError` naming the file,
the line, the key and, for a misspelt name, the closest valid one. :func:`load_model` raises
the first problem (saying how many more there are).

The model file format
---------------------
TOML, read with the standard library's :mod:`tomllib` (floats are read as exact decimals)::

    [game]
    title = "A game with a parameter"        # required
    description = "optional, one paragraph"
    source = "optional: the text modelled"

    [parameters.c]            # optional; a symbol usable in payoffs
    value = 1                 # default: integer, decimal, or fraction string "1/3"
    range = [0, 6]            # optional, inclusive bounds
    description = "what c stands for"
    source = "optional: the passage that suggests this quantity"

    [[players]]               # two or more
    name = "Row"
    strategies = ["r1", "r2"] # or tables { id = "r1", label = "...", description = "...",
                              # source = "..." } (also as [[players.strategies]])
    [[players]]
    name = "Column"
    strategies = ["c1", "c2"]

    [payoffs]                 # one matrix per player: rows = first player's strategies,
    Row = [[3, "1 - c"], ["2*c", 0]]   # columns = second player's strategies
    Column = [[2, 0], ["1/2", 1]]

    [[outcomes]]              # optional provenance: one table per outcome (pure profile)
    profile = ["r1", "c2"]    # one strategy id per player, in player order
    [outcomes.ranks]          # per player: ordinal rank, higher = better (1 = worst)
    Row = 2
    [outcomes.why]            # per player: the justification, paraphrased
    Row = "..."
    [outcomes.source]         # per player: where in the text
    Row = "..."

    [cardinalisation]         # optional
    rule = "How ranks become numbers"
    notes = "optional"

A payoff is a number (``3``, ``-1``, ``2.5``), a fraction string (``"1/3"``) or an expression
in the declared parameters (``"1 - c"``): see :mod:`gametheory.models.expression`.

Games with N > 2 players give each player's payoffs as nested arrays of depth N (the first
player's strategies outermost, the last player's innermost)::

    [payoffs]
    A = [[[1, 0], [0, 0]], [[0, 0], [0, 2]]]   # A[a][b][c] for strategies a, b, c
    B = ...
    C = ...

or as one table entry per profile, with one payoff per player (every profile exactly once)::

    [[payoffs.table]]
    profile = ["a1", "b1", "c1"]
    values = [1, 0, "c"]

(``table = [{ profile = [...], values = [...] }, ...]`` is the same in TOML.)

Validation: keys are known (a misspelt key gets the closest known one), parameter names are
identifiers, defaults lie in their ranges, player names and strategy ids are unique, every
payoff array has the shape given by the strategies, expressions use only declared parameters
and the whitelisted arithmetic, every payoff can be evaluated at the default values, outcome
profiles name valid ids, no profile is judged twice, ranks are integers >= 1, and at the
default values each player's payoffs order the ranked outcomes as the ranks do (higher rank,
strictly higher payoff; equal rank, equal payoff).

Error keys are dotted TOML paths with 0-based array indexes: ``payoffs.US[1][2]`` is the
payoff of the US in row 1, column 2 (its second strategy against the other's third).

Examples
--------
>>> [name for name, title in builtin_models()][:1] in ([], ["battle-of-the-sexes"])
True
>>> problems = validate_model_file("tests/data/models/broken/many_problems.toml")
>>> for p in problems[:3]:
...     print(p)
tests/data/models/broken/many_problems.toml:3: paramters: unknown key 'paramters' (did you mean 'parameters'?)
tests/data/models/broken/many_problems.toml:6: parameters.c.value: value 9 is outside the range [0, 6]
tests/data/models/broken/many_problems.toml:15: payoffs.Rowe: unknown player 'Rowe' (did you mean 'Row'?)
"""  # noqa: E501

from __future__ import annotations

import dataclasses
import os
import unicodedata
from pathlib import Path as FilePath
from typing import Any

from ..errors import GameError, ModelError, closest
from ..numbers import MAX_FILE_BYTES

# The model layer by concern: the built-in models (_builtin), the TOML syntax (_toml_syntax) and
# the line numbers of keys (_toml_lines), validation (_checker, _checking, _payoff_checks), the
# Model value (model). The private names other modules and tests use stay importable from here.
from ._builtin import _builtin_file, _builtin_folder, builtin_models  # noqa: F401
from ._checker import _GAME_KEYS, _Checker  # noqa: F401
from ._toml_syntax import read_toml
from .model import Model

__all__ = ["builtin_models", "load_model", "parse_model", "validate_model_file"]

# MAX_FILE_BYTES (the largest model file read) is part of the number policy, gametheory.numbers.


# ---------------------------------------------------------------------- public functions
def load_model(name_or_path: str | os.PathLike[str]) -> Model:
    """Load a built-in model by name, a model file (``.toml``) or an ``.nfg`` file.

    Parameters
    ----------
    name_or_path : str or path-like
        A built-in name such as ``"us-russia"`` (see :func:`builtin_models`), or the path of
        an existing ``.toml`` or ``.nfg`` file.

    Returns
    -------
    Model
        A built-in model is named by its name, a file by its stem.

    Raises
    ------
    ModelError
        For an unknown name (with the closest built-in name), a missing file, or the first
        problem of an invalid file (with the number of further problems in the hint; every
        problem is in the error's ``problems`` attribute).

    Examples
    --------
    >>> m = load_model("tests/data/models/parameter.toml")
    >>> m.name, m.title
    ('parameter', 'A game with a parameter')
    >>> load_model("tests/data/models/broken/unknown_name.toml")
    Traceback (most recent call last):
    ...
    gametheory.errors.ModelError: tests/data/models/broken/unknown_name.toml:14: payoffs.Row[0][1]: unknown name 'cc' in '1 - cc' (did you mean 'c'?)
    >>> load_model("prisoners-dilema")
    Traceback (most recent call last):
    ...
    gametheory.errors.ModelError: unknown model 'prisoners-dilema' (did you mean 'prisoners-dilemma'? A model file must be an existing .toml, .nfg or .efg path)
    """  # noqa: E501
    kind, where, name = _resolve(name_or_path)
    if kind == "nfg":
        return _load_nfg(where)
    if kind == "efg":
        return _load_efg(where)
    if kind == "builtin":
        return _raise_first(_load_toml(where.read_bytes(), str(where), name))
    return _raise_first(_load_toml(_read(where), str(where), name))


def parse_model(text: str, name: str = "model", file: str | None = None) -> Model:
    """Parse the text of a model file.

    Raises
    ------
    ModelError
        The first problem found (with the number of further problems in the hint).

    Examples
    --------
    >>> m = parse_model('''
    ... [game]
    ... title = "Coordination"
    ... [[players]]
    ... name = "A"
    ... strategies = ["x", "y"]
    ... [[players]]
    ... name = "B"
    ... strategies = ["x", "y"]
    ... [payoffs]
    ... A = [[1, 0], [0, 1]]
    ... B = [[1, 0], [0, "1/2"]]
    ... ''', name="coordination")
    >>> m.game().payoff(("y", "y"))
    (Fraction(1, 1), Fraction(1, 2))
    """
    return _raise_first(_load_toml(text, file, name))


def validate_model_file(path: str | os.PathLike[str]) -> list[ModelError]:
    """Every problem of a model file (``.toml``), in the order of the file; empty if valid.

    ``path`` may also be a built-in model's name. An ``.nfg`` file is checked by parsing it
    (at most one problem).

    Examples
    --------
    >>> validate_model_file("tests/data/models/parameter.toml")
    []
    >>> [str(e) for e in validate_model_file("tests/data/models/broken/syntax_error.toml")]
    ['tests/data/models/broken/syntax_error.toml:7: invalid TOML: Invalid value (column 13)']
    """
    try:
        kind, where, name = _resolve(path)
        if kind in ("nfg", "efg"):
            (_load_nfg if kind == "nfg" else _load_efg)(where)
            return []
        raw = where.read_bytes() if kind == "builtin" else _read(where)
        return _load_toml(raw, str(where), name)[1]
    except ModelError as exc:
        return [exc]


# ---------------------------------------------------------------------- files
def _resolve(name_or_path: str | os.PathLike[str]) -> tuple[str, Any, str]:
    """``("builtin" | "toml" | "nfg", file, model name)`` for a name or path, or raise."""
    text = os.fspath(name_or_path)
    path = FilePath(text)
    looks_like_path = (
        isinstance(name_or_path, os.PathLike)
        or path.suffix.lower() in (".toml", ".nfg", ".efg")
        or "/" in text
        or os.sep in text
    )
    if not looks_like_path:
        builtin = _builtin_file(text)
        if builtin is not None:
            return "builtin", builtin, text
        if not path.exists():  # an existing FIFO or device is refused when it is read
            names = [name for name, _ in builtin_models()]
            best = closest(text, names)
            hint = f"did you mean {best!r}? " if best else f"built-in models: {', '.join(names)}. "
            raise ModelError(
                f"unknown model {text!r}",
                hint=hint + "A model file must be an existing .toml, .nfg or .efg path",
            )
    if not path.exists():
        raise ModelError(
            "no such file", file=text, hint="give a built-in model's name or an existing path"
        )
    suffix = path.suffix.lower()
    return {".nfg": "nfg", ".efg": "efg"}.get(suffix, "toml"), path, path.stem


def _read(path: FilePath) -> bytes:
    from ..io._input import read_input_file  # regular files only, size capped while reading

    try:
        return read_input_file(path, limit=MAX_FILE_BYTES)
    except GameError as exc:
        raise ModelError(exc.message, file=exc.file or str(path)) from None


def _load_nfg(path: FilePath) -> Model:
    from ..io.nfg import decode_nfg, parse_nfg_with_notes  # only .nfg inputs need it

    try:
        game, notes = parse_nfg_with_notes(decode_nfg(_read(path)), file=str(path))
    except GameError as exc:
        raise ModelError(
            exc.message, file=exc.file or str(path), line=exc.line, key=exc.key, hint=exc.hint
        ) from None
    game, cleaned = _clean_names(game)
    notes = (*notes, *cleaned)
    model = Model.from_game(game, name=path.stem, path=str(path))
    return dataclasses.replace(model, reading_notes=notes) if notes else model


def _clean_names(game: Any) -> tuple[Any, tuple[str, ...]]:
    """The game with control characters in names as spaces (a model refuses them), noted."""
    def clean(name: str) -> str:
        return "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in name)

    players = tuple(clean(p) for p in game.players)
    strategies = tuple(tuple(clean(s) for s in labels) for labels in game.strategies)
    if players == game.players and strategies == game.strategies:
        return game, ()
    count = sum(a != b for a, b in zip(players, game.players, strict=True)) + sum(
        a != b
        for new, old in zip(strategies, game.strategies, strict=True)
        for a, b in zip(new, old, strict=True)
    )
    cleaned = game.with_names(players=players, strategies=strategies)
    return cleaned, (f"control characters read as spaces in {count} name(s)",)


def _load_efg(path: FilePath) -> Any:
    from ..io.efg import parse_efg  # game trees: see gametheory.models.tree_model
    from .tree_model import TreeModel

    raw = _read(path)
    try:
        tree = parse_efg(raw.decode("utf-8", errors="replace"), file=str(path))
    except GameError as exc:
        raise ModelError(
            exc.message, file=exc.file or str(path), line=exc.line, key=exc.key, hint=exc.hint
        ) from None
    return TreeModel.from_tree(tree, name=path.stem, path=str(path))


def _raise_first(result: tuple[Model | None, list[ModelError]]) -> Model:
    model, errors = result
    if errors:
        first = errors[0]
        more = len(errors) - 1
        hint = first.hint
        if more:
            count = f"{more} more problem{'s' if more > 1 else ''} in this file"
            if not hint:
                hint = f"and {count}"
            elif hint.endswith("?"):
                hint = f"{hint} There {'are' if more > 1 else 'is'} {count}"
            else:
                hint = f"{hint}; and {count}"
        error = ModelError(
            first.message, file=first.file, line=first.line, key=first.key, hint=hint
        )
        error.problems = errors  # type: ignore[attr-defined]  # every problem, for callers
        raise error
    assert model is not None
    return model


def is_bayesian_data(data: Any) -> bool:
    """True for TOML data of a Bayesian model (a player with ``types``, or ``[[prior]]``)."""
    players = data.get("players") if isinstance(data, dict) else None
    return isinstance(data, dict) and ("prior" in data or (isinstance(players, list) and any(
        isinstance(p, dict) and "types" in p for p in players)))


def _load_toml(
    raw: bytes | str, file: str | None, name: str
) -> tuple[Model | None, list[ModelError]]:
    """Parse and check a model file; return the model (if valid) and every problem."""
    data, text, error = read_toml(raw, file)
    if error is not None:
        return None, [error]
    if is_bayesian_data(data):  # a Bayesian game: gametheory.models._bayesian_checker
        from ._bayesian_checker import check_bayesian

        return check_bayesian(data, text, file, name)
    if "nodes" in data:  # a game tree: gametheory.models._tree_checker
        from ._tree_checker import check_tree

        return check_tree(data, text, file, name)
    checker = _Checker(text, file, name)
    model = checker.check(data)
    return model, checker.sorted_errors()
