"""Changes to a model named on the command line: ``--set`` edits and ``--param`` values.

Pure functions (no click, no printing), used by every command that reads a model:

- :func:`parse_edit` reads one ``--set`` (a payoff, or a whole cell); :func:`parse_values` the
  ``NAME=VALUE`` items of ``--param``; :func:`parse_distribution_options` the
  ``NAME=DISTRIBUTION`` items of ``--param-distribution``. They check the syntax only and raise a
  :class:`~gametheory.errors.ModelError` whose ``message`` is the whole complaint.
- :func:`edited_model` loads a model and applies the edits (:func:`apply_edits`), names checked
  against the model with did-you-mean hints.
- :func:`evaluate` evaluates the edited model at the parameter values: a :class:`Loaded`, whose
  errors blame the options at fault (:func:`blame`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ..errors import GameError, ModelError, did_you_mean

__all__ = [
    "Edit",
    "Loaded",
    "apply_edits",
    "blame",
    "edited_model",
    "evaluate",
    "model_inputs",
    "parse_distribution_options",
    "parse_edit",
    "parse_values",
]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class Edit(NamedTuple):
    """One ``--set``: a player's payoff in one cell, or a whole cell (``player`` None)."""

    spec: str
    player: str | None
    profile: tuple[str, ...]
    values: tuple[str, ...]


def parse_edit(spec: str) -> Edit:
    """Parse a ``--set`` specification (syntax only; names are checked against the model).

    Raises
    ------
    ModelError
        For a specification without ``=``, an empty player, strategy or value, or a player's
        payoff given more than one value.

    Examples
    --------
    >>> parse_edit("US:pressure,hard_demand=3")
    Edit(spec='US:pressure,hard_demand=3', player='US', profile=('pressure', 'hard_demand'), values=('3',))
    >>> parse_edit("c1,c2 = 1/2, -1").values
    ('1/2', '-1')
    """  # noqa: E501
    example = "e.g. 'US:pressure,hard_demand=3' or 'pressure,hard_demand=3,2'"
    if "=" not in spec:
        raise ModelError(f"{spec!r} has no '=' ({example})")
    left, right = spec.split("=", 1)
    player: str | None = None
    if ":" in left:
        player, left = (part.strip() for part in left.split(":", 1))
        if not player:
            raise ModelError(f"{spec!r}: no player before ':'")
    profile = tuple(part.strip() for part in left.split(","))
    values = tuple(part.strip() for part in right.split(","))
    if not all(profile):
        raise ModelError(f"{spec!r}: name one strategy per player, separated by commas ({example})")
    if not all(values):
        raise ModelError(f"{spec!r}: empty value ({example})")
    if player is not None and len(values) != 1:
        raise ModelError(f"{spec!r}: one player's payoff takes one value ({example})")
    return Edit(spec, player, profile, values)


def parse_values(items: Sequence[str]) -> dict[str, str]:
    """Parse ``--param NAME=VALUE`` items into parameter values (text, read exactly later).

    Raises
    ------
    ModelError
        For an item that is not ``NAME=VALUE``, with a hint at ``sensitivity --vary`` for a bare
        name and at ``sweep --grid`` for a grid.

    Examples
    --------
    >>> parse_values([" c = 1/3", "d=2"])
    {'c': '1/3', 'd': '2'}
    """
    params: dict[str, str] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name.strip() or not text.strip():
            hint = (f"; to vary {name.strip()}: gametheory sensitivity MODEL --vary "
                    f"{name.strip()}" if not sep and name.strip() else "")
            raise ModelError(f"{item!r} is not NAME=VALUE (e.g. c=2 or c=1/3){hint}")
        if ":" in text:
            raise ModelError(
                f"{item!r} is a grid, not NAME=VALUE; to solve on a grid: gametheory sweep "
                f"MODEL --grid {item.strip()}"
            )
        params[name.strip()] = text.strip()
    return params


def parse_distribution_options(items: Sequence[str]) -> dict[str, str]:
    """Parse ``--param-distribution NAME=DISTRIBUTION`` items (the distributions read later).

    Raises
    ------
    ModelError
        For an item that is not ``NAME=DISTRIBUTION``, or a parameter given two distributions.

    Examples
    --------
    >>> parse_distribution_options(["d=uniform(0,10)"])
    {'d': 'uniform(0,10)'}
    """
    out: dict[str, str] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name.strip() or not text.strip():
            raise ModelError(f"{item!r} is not NAME=DISTRIBUTION (e.g. d=uniform(0,10))")
        if name.strip() in out:
            raise ModelError(f"{name.strip()} is given a distribution twice")
        out[name.strip()] = text.strip()
    return out


class Loaded(NamedTuple):
    """A model with the command line's changes applied, and its numeric game."""

    model: Any
    values: dict[str, Any]
    game: Any

    @property
    def title(self) -> str:
        return self.model.title or self.model.name

    @property
    def heading(self) -> dict[str, Any]:
        """The title, model name and parameter values that head a report (as keywords)."""
        return {"title": self.title, "model": self.model.name, "parameters": self.values}

    @property
    def inputs(self) -> tuple[str, ...]:
        return model_inputs(self.model)

    @property
    def model_at_values(self) -> Any:
        """The model with the parameter values as its defaults (what --save writes)."""
        return self.model.with_values(self.values) if self.values else self.model


def model_inputs(model: Any) -> tuple[str, ...]:
    """The model's file, if it has one: the input that no output may overwrite."""
    path = getattr(model, "path", None)
    return (str(path),) if path else ()


def apply_edits(model: Any, edits: Sequence[Edit]) -> Any:
    """The model with each ``--set`` applied, names checked with did-you-mean hints."""
    players = [p.name for p in model.players]
    if edits and getattr(model, "is_tree", False):
        raise ModelError(
            "--set edits payoff tables of matrix models; edit the tree's file (a built-in "
            "tree: copy it first with `gametheory convert MODEL my-tree.toml`)")
    if edits and getattr(model, "is_bayesian", False):
        raise ModelError(
            "--set edits payoff tables of matrix models; a Bayesian game's payoffs are set per "
            "type in its file (its parameters can be set with --param)")
    for edit in edits:
        where = f"--set {edit.spec!r}"
        if edit.player is not None and edit.player not in players:
            raise ModelError(
                f"unknown player {edit.player!r}", key=where,
                hint=did_you_mean(edit.player, players),
            )
        if len(edit.profile) != len(players):
            raise ModelError(
                f"name one strategy for each of the {len(players)} players "
                f"({', '.join(players)}), in that order; got {len(edit.profile)}",
                key=where,
            )
        for player, name in zip(model.players, edit.profile, strict=True):
            ids = [s.id for s in player.strategies]
            if name not in ids:
                raise ModelError(
                    f"{player.name} has no strategy {name!r}", key=where,
                    hint=did_you_mean(name, ids),
                )
        if edit.player is None and len(edit.values) != len(players):
            raise ModelError(
                f"a whole cell takes {len(players)} values, one per player "
                f"({', '.join(players)}); got {len(edit.values)}",
                key=where,
            )
        targets = [edit.player] if edit.player is not None else players
        for player, value in zip(targets, edit.values, strict=True):
            try:
                model = model.with_payoff(player, edit.profile, value)
            except GameError as exc:
                raise ModelError(_one_line(exc.message), key=where, hint=exc.hint) from None
    return model


def edited_model(source: str, edits: Sequence[Edit], command: str | None = None) -> Any:
    """Load the model ``source`` (a built-in name or a file) and apply the ``--set`` edits.

    Raises
    ------
    ModelError
        For a bad edit, or a Bayesian game given to a ``command`` other than solve or show.
    """
    from .loader import load_model

    loaded = apply_edits(load_model(source), edits)
    if command is not None and getattr(loaded, "is_bayesian", False) and command not in (
        "solve", "show"
    ):
        raise ModelError(f"{command} does not handle Bayesian games yet: use solve or show",
                         file=getattr(loaded, "path", None) or source)
    return loaded


def evaluate(model: Any, params: dict[str, str], edits: Sequence[Edit]) -> Loaded:
    """The edited model at the ``--param`` values, with its numeric game.

    Raises
    ------
    ModelError
        Key ``--param`` for a bad value; for a payoff that cannot be evaluated, keyed by the
        options at fault (:func:`blame`): the file itself evaluates at its defaults.
    """
    try:
        values = dict(model.values(params)) if (model.parameters or params) else {}
    except GameError as exc:
        raise ModelError(_one_line(exc.message), key="--param", hint=exc.hint) from None
    try:
        game = model.game(values) if values else model.game()
    except GameError as exc:
        # The file evaluates at its defaults (validated): --param or --set is at fault.
        raise ModelError(
            _one_line(exc.message), key=blame(params, edits, exc.key), hint=exc.hint
        ) from None
    return Loaded(model, values, game)


def blame(params: dict[str, str], edits: Sequence[Edit], payoff: str | None) -> str:
    """Which options made a payoff impossible to evaluate, for an error's key.

    Examples
    --------
    >>> blame({"d": "0"}, [], "payoffs.US")
    '--param d=0 (payoffs.US)'
    >>> blame({}, [], None)
    'the model'
    """
    options = [f"--param {name}={value}" for name, value in params.items()]
    options += [f"--set {edit.spec!r}" for edit in edits]
    where = ", ".join(options) or "the model"
    return f"{where} ({payoff})" if payoff else where
