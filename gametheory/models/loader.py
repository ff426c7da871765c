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
import itertools
import keyword
import math
import os
import re
import tomllib
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path as FilePath
from typing import Any

import numpy as np

from ..errors import GameError, ModelError, closest, did_you_mean
from ..numbers import MAX_DIGITS, MAX_EXPONENT, MAX_FILE_BYTES, format_fraction
from ._judgements_file import check_model as check_judgements
from ._judgements_file import parse_judgements
from ._toml_lines import Path, format_key, key_lines, line_of
from .expression import Expression, _kind, parse_expression
from .facts import fact_problems, outcome_facts, parse_facts
from .model import (
    MAX_PROFILES,
    Judgement,
    Model,
    Outcome,
    Parameter,
    Player,
    Strategy,
    name_problem,
    parse_value,
    profile_text,
    rank_problems,
)

__all__ = ["builtin_models", "load_model", "parse_model", "validate_model_file"]

# MAX_FILE_BYTES (the largest model file read) is part of the number policy, gametheory.numbers.

_TOP_KEYS = (
    "game", "parameters", "players", "payoffs", "outcomes", "judgements", "distributions", "facts",
    "cardinalisation",
)
_GAME_KEYS = ("title", "description", "source")
_PARAMETER_KEYS = ("value", "range", "description", "source")
_PLAYER_KEYS = ("name", "strategies", "description")
_STRATEGY_KEYS = ("id", "label", "description", "source")
_OUTCOME_KEYS = ("profile", "ranks", "why", "source", "facts")
_CARDINALISATION_KEYS = ("rule", "notes")
_TABLE_KEYS = ("profile", "values")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Names sympy's parser reads as constants or functions; a parameter so named would be
# misread in the symbolic output that other tools parse back.
_RESERVED = frozenset({"E", "I", "N", "O", "Q", "S", "oo", "zoo", "nan", "pi"})
_BUILTIN_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_LONG_NUMBER = re.compile(f"[0-9_]{{{MAX_DIGITS + 1},}}")
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


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


def builtin_models() -> list[tuple[str, str]]:
    """The built-in models as ``(name, title)`` pairs, sorted by name.

    Examples
    --------
    >>> all(isinstance(name, str) and isinstance(title, str) for name, title in builtin_models())
    True
    """
    folder = _builtin_folder()
    if folder is None:
        return []
    out = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".toml") or not _BUILTIN_NAME.fullmatch(name[:-5]):
            continue
        try:
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            title = data.get("game", {}).get("title", "")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError):
            title = ""
        out.append((name[:-5], title if isinstance(title, str) else ""))
    return sorted(out)


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


@cache
def _builtin_folder() -> Any:
    """The folder of built-in models: the installed package, or models/ in the source tree."""
    import importlib.resources  # here, not at import: it costs start-up time

    try:
        folder = importlib.resources.files("gametheory._builtin_models")
        if folder.is_dir():
            return folder
    except ModuleNotFoundError:
        pass
    source_tree = FilePath(__file__).resolve().parents[2] / "models"
    return source_tree if source_tree.is_dir() else None


def _builtin_file(name: str) -> Any:
    if not _BUILTIN_NAME.fullmatch(name):
        return None
    folder = _builtin_folder()
    if folder is None:
        return None
    entry = folder.joinpath(name + ".toml")
    return entry if entry.is_file() else None


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


def _load_toml(
    raw: bytes | str, file: str | None, name: str
) -> tuple[Model | None, list[ModelError]]:
    """Parse and check a model file; return the model (if valid) and every problem."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            return None, [ModelError("the file is not UTF-8 text", file=file, line=line)]
    else:
        text = raw
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text, parse_float=_toml_float)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = None
        match = _TOML_POSITION.search(message)
        if match:
            message = message[: match.start()]
            if match.group(1):
                line = int(match.group(1))
                message += f" (column {match.group(2)})"
            else:
                line = text.count("\n") + 1
                message += " (at the end)"
        return None, [ModelError(f"invalid TOML: {message}", file=file, line=line)]
    except RecursionError:
        return None, [ModelError("invalid TOML: arrays or tables nested too deeply", file=file)]
    except _FloatOutOfRange as exc:
        at = text.find(exc.text)
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        return None, [ModelError(
            f"number {exc.text[:30]!r} is out of range (its exponent of ten must lie between "
            f"-{MAX_EXPONENT} and {MAX_EXPONENT})",
            file=file, line=line,
        )]
    except ValueError:
        # tomllib converts integer literals with int(), which refuses more than 4300 digits.
        long = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, long.start()) + 1 if long else None
        return None, [ModelError(
            f"number too long (at most {MAX_DIGITS} digits in a numerator or denominator)",
            file=file, line=line,
        )]
    from ._bayesian_checker import check_bayesian, is_bayesian_data

    if is_bayesian_data(data):  # a Bayesian game: gametheory.models._bayesian_checker
        return check_bayesian(data, text, file, name)
    if "nodes" in data:  # a game tree: gametheory.models._tree_checker
        from ._tree_checker import check_tree

        return check_tree(data, text, file, name)
    checker = _Checker(text, file, name)
    model = checker.check(data)
    return model, checker.sorted_errors()


class _FloatOutOfRange(ValueError):
    """A TOML float whose exponent Python's decimal module refuses (1e+99999999999999999999)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _toml_float(text: str) -> Decimal:
    """TOML floats as exact decimals; an exponent beyond decimal's own range is our error."""
    try:
        return Decimal(text)
    except ArithmeticError:  # decimal.InvalidOperation
        raise _FloatOutOfRange(text) from None


# ---------------------------------------------------------------------- checking
class _Checker:
    """Builds a :class:`Model` from TOML data, collecting every problem on the way."""

    def __init__(self, text: str, file: str | None, name: str) -> None:
        self.text = text
        self.file = file
        self.name = name
        self.errors: list[ModelError] = []
        self._lines: dict[Path, int] | None = None

    # -------------------------------------------------------------- reporting
    def line(self, path: Path) -> int | None:
        if self._lines is None:  # scanned only when there is something to report
            self._lines = key_lines(self.text)
        return line_of(self._lines, path)

    def add(self, message: str, path: Path = (), hint: str | None = None) -> None:
        self.errors.append(
            ModelError(
                message,
                file=self.file,
                line=self.line(path),
                key=format_key(path) or None,
                hint=hint,
            )
        )

    def adopt(self, error: ModelError, path: Path) -> None:
        self.add(error.message, path, error.hint)

    def sorted_errors(self) -> list[ModelError]:
        order = sorted(
            range(len(self.errors)),
            key=lambda k: (self.errors[k].line is None, self.errors[k].line or 0, k),
        )
        return [self.errors[k] for k in order]

    # -------------------------------------------------------------- typed access
    def table(
        self, value: Any, path: Path, allowed: Sequence[str] | None, what: str = "key"
    ) -> dict[str, Any]:
        """A table, checking its keys; a wrong type is reported and gives ``{}``."""
        if not isinstance(value, dict):
            self.add(f"expected a table, got {_kind(value)}", path)
            return {}
        if allowed is not None:
            for key in value:
                if key not in allowed:
                    self.add(f"unknown {what} {key!r}", (*path, key), did_you_mean(key, allowed))
        return value

    def string(self, table: dict[str, Any], key: str, path: Path, required: bool = False) -> str:
        if key not in table:
            if required:
                self.add(f"missing {key!r}", path)
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.add(f"expected a string, got {_kind(value)}", (*path, key))
            return ""
        if required and not value.strip():
            self.add(f"{key!r} is empty", (*path, key))
        return value

    def number(self, value: Any, path: Path) -> Fraction | None:
        if isinstance(value, (int, Decimal, str)) and not isinstance(value, bool):
            try:
                return parse_value(value, format_key(path))
            except ModelError as exc:
                self.adopt(exc, path)
                return None
        self.add(f"expected a number, got {_kind(value)}", path)
        return None

    def expression(self, value: Any, path: Path, symbols: Sequence[str]) -> Expression | None:
        if isinstance(value, (list, dict)):
            self.add(f"expected a number or an expression, got {_kind(value)}", path)
            return None
        try:
            return parse_expression(value, symbols, where=format_key(path))
        except ModelError as exc:
            self.adopt(exc, path)
            return None

    def names(self, value: Any, path: Path, what: str) -> bool:
        problem = name_problem(value)
        if problem:
            self.add(f"{what} {problem}", path)
            return False
        return True

    # -------------------------------------------------------------- sections
    def check(self, data: dict[str, Any]) -> Model | None:
        self.table(data, (), _TOP_KEYS)
        if "game" in data:
            game = self.table(data["game"], ("game",), _GAME_KEYS)
        else:
            self.add("missing [game] table (with a title)")
            game = {}
        title = self.string(game, "title", ("game",), required=isinstance(data.get("game"), dict))
        description = self.string(game, "description", ("game",))
        source = self.string(game, "source", ("game",))
        parameters, declared = self.parameters(data.get("parameters", {}))
        players = self.players(data.get("players"))
        payoffs = self.payoffs(data.get("payoffs"), players, declared)
        outcomes = self.outcomes(data.get("outcomes", []), players)
        judgements = parse_judgements(
            self, data.get("judgements"), data.get("distributions"), players, parameters
        )
        facts = parse_facts(self, data.get("facts"), players)
        card = self.table(
            data.get("cardinalisation", {}), ("cardinalisation",), _CARDINALISATION_KEYS
        )
        rule = self.string(card, "rule", ("cardinalisation",))
        notes = self.string(card, "notes", ("cardinalisation",))
        if self.errors or players is None or payoffs is None:
            return None
        try:
            model = Model(
                name=self.name,
                path=self.file,
                title=title,
                description=description,
                source=source,
                parameters=parameters,
                players=players,
                payoffs=payoffs,
                outcomes=outcomes,
                judgements=judgements,
                facts=facts,
                cardinalisation=rule,
                notes=notes,
            )
        except ModelError as exc:  # pragma: no cover - the checks above catch these first
            self.adopt(exc, ())
            return None
        self.semantics(model)
        return None if self.errors else model

    def parameters(self, value: Any) -> tuple[dict[str, Parameter], list[str]]:
        """The valid parameters, and every declared name (so that payoffs do not report
        a parameter with a bad value as undeclared)."""
        out: dict[str, Parameter] = {}
        declared: list[str] = []
        for name, spec in self.table(value, ("parameters",), None).items():
            path: Path = ("parameters", name)
            if not _IDENTIFIER.fullmatch(name) or keyword.iskeyword(name) or name in _RESERVED:
                why = "is reserved" if name in _RESERVED else "is not a valid name"
                self.add(
                    f"parameter name {name!r} {why}",
                    path,
                    "use letters, digits and underscores, starting with a letter "
                    "(not a Python keyword nor E, I, N, O, Q, S, pi, oo, zoo, nan)",
                )
                continue
            declared.append(name)
            if not isinstance(spec, dict):  # a shorthand: c = 1
                spec = {"value": spec}
            spec = self.table(spec, path, _PARAMETER_KEYS)
            if "value" not in spec:
                self.add("missing 'value' (the default value)", path)
                continue
            value_ = self.number(spec["value"], (*path, "value"))
            low = high = None
            if "range" in spec:
                bounds = spec["range"]
                if not isinstance(bounds, list) or len(bounds) != 2:
                    self.add(
                        f"expected a range [low, high], got {_kind(bounds)}"
                        + (f" of {len(bounds)} entries" if isinstance(bounds, list) else ""),
                        (*path, "range"),
                    )
                    continue
                low = self.number(bounds[0], (*path, "range", 0))
                high = self.number(bounds[1], (*path, "range", 1))
                if low is None or high is None:
                    continue
                if low > high:
                    self.add(
                        f"empty range: low {_fmt(low)} is above high {_fmt(high)}",
                        (*path, "range"),
                    )
                    continue
            description = self.string(spec, "description", path)
            source = self.string(spec, "source", path)
            if value_ is None:
                continue
            parameter = Parameter(name, value_, low, high, description, source)
            if not parameter.contains(value_):
                self.add(
                    f"value {_fmt(value_)} is outside the range {parameter.range_text}",
                    (*path, "value"),
                )
                continue
            out[name] = parameter
        return out, declared

    def players(self, value: Any) -> tuple[Player, ...] | None:
        if value is None:
            self.add("missing players: give two or more [[players]] tables")
            return None
        if not isinstance(value, list):
            self.add(f"expected [[players]] tables, got {_kind(value)}", ("players",))
            return None
        if len(value) < 2:
            self.add(f"a game needs two or more players, got {len(value)}", ("players",))
        players = []
        seen: dict[str, int] = {}
        ok = len(value) >= 2
        for i, spec in enumerate(value):
            path: Path = ("players", i)
            spec = self.table(spec, path, _PLAYER_KEYS)
            if "name" not in spec:
                self.add("missing 'name'", path)
                ok = False
                continue
            name = spec["name"]
            if not self.names(name, (*path, "name"), "player name"):
                ok = False
                continue
            if name in seen:
                self.add(f"duplicate player name {name!r} (also players[{seen[name]}])", path)
                ok = False
            seen.setdefault(name, i)
            description = self.string(spec, "description", path)
            strategies = self.strategies(spec.get("strategies"), (*path, "strategies"))
            if strategies is None:
                ok = False
                continue
            players.append(Player(name, strategies, description))
        if not ok:
            return None
        size = math.prod(len(p.strategies) for p in players)
        if size > MAX_PROFILES:
            self.add(f"game too large: {size} pure profiles (at most {MAX_PROFILES})", ("players",))
            return None
        return tuple(players)

    def strategies(self, value: Any, path: Path) -> tuple[Strategy, ...] | None:
        if value is None:
            self.add("missing 'strategies'", path[:-1])
            return None
        if not isinstance(value, list) or not value:
            what = "an empty list" if value == [] else _kind(value)
            self.add(f"expected a non-empty list of strategies, got {what}", path)
            return None
        out = []
        seen: dict[str, int] = {}
        ok = True
        for j, spec in enumerate(value):
            where: Path = (*path, j)
            if isinstance(spec, dict):
                spec = self.table(spec, where, _STRATEGY_KEYS)
                if "id" not in spec:
                    self.add("missing 'id'", where)
                    ok = False
                    continue
                sid = spec["id"]
                where_id: Path = (*where, "id")
                label = self.string(spec, "label", where)
                description = self.string(spec, "description", where)
                source = self.string(spec, "source", where)
            else:
                sid, where_id, label, description, source = spec, where, "", "", ""
            if not self.names(sid, where_id, "strategy id"):
                ok = False
                continue
            if sid in seen:
                also = format_key((*path, seen[sid]))
                self.add(f"duplicate strategy id {sid!r} (also {also})", where_id)
                ok = False
                continue
            seen[sid] = j
            out.append(Strategy(sid, label, description, source))
        return tuple(out) if ok else None

    def payoffs(
        self, value: Any, players: tuple[Player, ...] | None, symbols: list[str]
    ) -> tuple[np.ndarray, ...] | None:
        if value is None:
            self.add("missing [payoffs] table")
            return None
        names = [p.name for p in players] if players is not None else None
        table = self.table(value, ("payoffs",), None)
        if "table" in table and (names is None or "table" not in names):
            others = [k for k in table if k != "table"]
            if others:
                self.add(
                    "give payoffs either per player or as a table of profiles, not both",
                    ("payoffs", others[0]),
                )
            return self.payoff_table(table["table"], players, symbols)
        if names is None:
            # Still check every expression, so that one run reports every problem.
            for key, array in table.items():
                self.walk_leaves(array, ("payoffs", key), symbols)
            return None
        arrays: dict[str, np.ndarray] = {}
        suggested = set()
        for key, array in table.items():
            path: Path = ("payoffs", key)
            if key not in names:
                missing = [n for n in names if n not in table]
                best = closest(key, missing) or closest(key, names)
                suggested.add(best)
                hint = f"did you mean {best!r}?" if best else did_you_mean(key, names)
                self.add(f"unknown player {key!r}", path, hint)
                self.walk_leaves(array, path, symbols)
                continue
            result = self.matrix(array, path, players, symbols)
            if result is not None:
                arrays[key] = result
        for name in names:
            # A misspelt player was reported with its correct name: once is enough.
            if name not in table and name not in suggested:
                self.add(f"no payoffs for player {name!r}", ("payoffs",))
        if len(arrays) != len(names):
            return None
        return tuple(arrays[n] for n in names)

    def walk_leaves(self, value: Any, path: Path, symbols: list[str], depth: int = 0) -> None:
        if isinstance(value, list) and depth < 64:
            for k, item in enumerate(value):
                self.walk_leaves(item, (*path, k), symbols, depth + 1)
        elif not isinstance(value, (list, dict)):
            self.expression(value, path, symbols)

    def matrix(
        self, value: Any, path: Path, players: tuple[Player, ...], symbols: list[str]
    ) -> np.ndarray | None:
        shape = tuple(len(p.strategies) for p in players)
        got = _shape(value, len(shape))
        if got is not None and len(got) == 2 == len(shape) and got != shape and got == shape[::-1]:
            self.add(
                f"expected {shape[0]} rows (one per strategy of {players[0].name}) of "
                f"{shape[1]} entries, got {got[0]} rows of {got[1]}",
                path,
                "the matrix looks transposed: rows are the first player's strategies",
            )
            self.walk_leaves(value, path, symbols)
            return None
        out = np.empty(shape, dtype=object)
        ok = self.fill(value, path, players, symbols, out, ())
        return out if ok else None

    def fill(
        self,
        value: Any,
        path: Path,
        players: tuple[Player, ...],
        symbols: list[str],
        out: np.ndarray,
        index: tuple[int, ...],
    ) -> bool:
        depth = len(index)
        if depth == len(players):
            expression = self.expression(value, path, symbols)
            if expression is None:
                return False
            out[index] = expression
            return True
        player = players[depth]
        n = len(player.strategies)
        one_per = f"one per strategy of {player.name}: {', '.join(player.ids)}"
        noun = "rows" if depth == 0 and len(players) == 2 else "entries"
        if not isinstance(value, list):
            self.add(f"expected a list of {n} {noun} ({one_per}), got {_kind(value)}", path)
            return False
        ok = True
        if len(value) != n:
            self.add(f"expected {n} {noun} ({one_per}), got {len(value)}", path)
            ok = False
        for k, item in enumerate(value):
            if k < n:
                ok = self.fill(item, (*path, k), players, symbols, out, (*index, k)) and ok
            else:
                self.walk_leaves(item, (*path, k), symbols)
        return ok

    def payoff_table(
        self, value: Any, players: tuple[Player, ...] | None, symbols: list[str]
    ) -> tuple[np.ndarray, ...] | None:
        path: Path = ("payoffs", "table")
        if not isinstance(value, list):
            self.add(f"expected [[payoffs.table]] entries, got {_kind(value)}", path)
            return None
        n = len(players) if players is not None else None
        shape = tuple(len(p.strategies) for p in players) if players is not None else ()
        arrays = [np.empty(shape, dtype=object) for _ in range(n or 0)]
        filled: dict[tuple[int, ...], int] = {}
        ok = players is not None
        for k, entry in enumerate(value):
            where: Path = (*path, k)
            entry = self.table(entry, where, _TABLE_KEYS)
            index = self.profile(entry.get("profile"), (*where, "profile"), players)
            values = entry.get("values")
            if not isinstance(values, list):
                if values is None:
                    self.add("missing 'values'", where)
                else:
                    self.add(f"expected a list, got {_kind(values)}", (*where, "values"))
                ok = False
                continue
            if n is not None and len(values) != n:
                self.add(
                    f"expected {n} values (one per player: "
                    f"{', '.join(p.name for p in players or ())}), got {len(values)}",
                    (*where, "values"),
                )
                ok = False
            expressions = [
                self.expression(v, (*where, "values", i), symbols) for i, v in enumerate(values)
            ]
            if index is None or any(e is None for e in expressions) or len(values) != n:
                ok = False
                continue
            if index in filled:
                self.add(
                    f"duplicate profile {profile_text(entry['profile'])} "
                    f"(also payoffs.table[{filled[index]}])",
                    (*where, "profile"),
                )
                ok = False
                continue
            filled[index] = k
            for array, e in zip(arrays, expressions, strict=True):
                array[index] = e
        if not ok or players is None:
            return None
        missing = [
            index for index in itertools.product(*(range(s) for s in shape)) if index not in filled
        ]
        if missing:
            shown = ", ".join(
                profile_text([p.ids[j] for p, j in zip(players, index, strict=True)])
                for index in missing[:5]
            )
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            self.add(f"{len(missing)} profiles have no payoffs: {shown}{more}", path)
            return None
        return tuple(arrays)

    def profile(
        self, value: Any, path: Path, players: tuple[Player, ...] | None
    ) -> tuple[int, ...] | None:
        """Strategy indices of a profile of ids, or None (reported) if it is not valid."""
        if value is None:
            self.add("missing 'profile'", path[:-1])
            return None
        if not isinstance(value, list):
            self.add(f"expected a list of strategy ids, got {_kind(value)}", path)
            return None
        for j, sid in enumerate(value):
            if not isinstance(sid, str):
                self.add(f"a strategy id is a string, got {_show(sid)}", (*path, j))
                return None
        if players is None:
            return None
        if len(value) != len(players):
            self.add(
                f"expected {len(players)} strategy ids (one per player: "
                f"{', '.join(p.name for p in players)}), got {len(value)}",
                path,
            )
            return None
        index = []
        for j, (player, sid) in enumerate(zip(players, value, strict=True)):
            if sid not in player.ids:
                self.add(
                    f"unknown strategy {sid!r} of {player.name}",
                    (*path, j),
                    did_you_mean(sid, player.ids),
                )
                return None
            index.append(player.ids.index(sid))
        return tuple(index)

    def outcomes(self, value: Any, players: tuple[Player, ...] | None) -> tuple[Outcome, ...]:
        if not isinstance(value, list):
            self.add(f"expected [[outcomes]] tables, got {_kind(value)}", ("outcomes",))
            return ()
        names = [p.name for p in players] if players is not None else None
        out = []
        seen: dict[tuple[int, ...], int] = {}
        for k, spec in enumerate(value):
            path: Path = ("outcomes", k)
            spec = self.table(spec, path, _OUTCOME_KEYS)
            index = self.profile(spec.get("profile"), (*path, "profile"), players)
            if index is not None:
                if index in seen:
                    self.add(
                        f"outcome {profile_text(spec['profile'])} is given twice "
                        f"(also outcomes[{seen[index]}])",
                        (*path, "profile"),
                    )
                seen.setdefault(index, k)
            parts = {
                part: self.table(spec.get(part, {}), (*path, part), names, "player")
                for part in ("ranks", "why", "source")
            }
            ranks: dict[str, int] = {}
            for player, rank in parts["ranks"].items():
                if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
                    self.add(
                        f"a rank is an integer >= 1 (higher = better), got {_show(rank)}",
                        (*path, "ranks", player),
                    )
                    continue
                ranks[player] = rank
            texts: dict[str, dict[str, str]] = {"why": {}, "source": {}}
            for part in ("why", "source"):
                for player, text in parts[part].items():
                    if not isinstance(text, str):
                        self.add(f"expected a string, got {_kind(text)}", (*path, part, player))
                        continue
                    texts[part][player] = text
                    if player not in parts["ranks"] and (names is None or player in names):
                        self.add(
                            f"a {part} for {player} but no rank (add it under [outcomes.ranks])",
                            (*path, part, player),
                        )
            if index is None or not isinstance(spec.get("profile"), list):
                continue
            order = names or []
            judgements = tuple(
                Judgement(
                    player,
                    ranks[player],
                    texts["why"].get(player, ""),
                    texts["source"].get(player, ""),
                )
                for player in order
                if player in ranks
            )
            facts = outcome_facts(self, spec.get("facts"), (*path, "facts"))
            out.append(Outcome(tuple(spec["profile"]), judgements, facts))
        return tuple(out)

    def semantics(self, model: Model) -> None:
        """Checks that need the whole model: evaluation and ranks at the default values."""
        values = model.values()
        for i, player in enumerate(model.players):
            for index in np.ndindex(*model.shape):
                try:
                    model.payoffs[i][index].evaluate(values)
                except ModelError as exc:
                    where = ("payoffs", player.name, *index)
                    self.add(f"{exc.message} (the default values)", where)
        for _, message, k in rank_problems(model):
            self.add(message, ("outcomes", k, "ranks"))
        check_judgements(self, model)
        for error, where in fact_problems(model):
            self.add(error.message, where, error.hint)


def _shape(value: Any, depth: int) -> tuple[int, ...] | None:
    """The shape of a rectangular nested list up to ``depth`` levels, else None."""
    if depth == 0:
        return () if not isinstance(value, list) else None
    if not isinstance(value, list) or not value:
        return None
    inner = [_shape(v, depth - 1) for v in value]
    if any(s is None or s != inner[0] for s in inner):
        return None
    return (len(value), *inner[0])  # type: ignore[misc]


def _show(value: Any) -> str:
    """A TOML value as written, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, str):
        return repr(value)
    return _kind(value)


def _fmt(value: Fraction) -> str:
    return format_fraction(value)
