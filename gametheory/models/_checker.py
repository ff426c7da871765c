"""Checking a model file of the strategic form: TOML data to a :class:`Model`, every problem.

The checks are listed in :mod:`gametheory.models.loader` (the file format); the ``[payoffs]``
are checked in :mod:`gametheory.models._payoff_checks`, ``[judgements]`` in
:mod:`gametheory.models._judgements_file` and ``[facts]`` in :mod:`gametheory.models.facts`.
The checkers of trees and Bayesian games extend :class:`_Checker`.
"""

from __future__ import annotations

import keyword
import math
import re
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import ModelError
from ..numbers import format_fraction
from ._checking import _show
from ._judgements_file import check_model as check_judgements
from ._judgements_file import parse_judgements
from ._parts import Judgement, Outcome, Parameter, Player, Strategy
from ._payoff_checks import _PayoffChecks
from ._ranks import rank_problems
from ._toml_lines import Path, format_key
from .expression import _kind
from .facts import fact_problems, outcome_facts, parse_facts
from .judgements import profile_text
from .model import MAX_PROFILES, Model

__all__ = ["_Checker"]

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
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Names sympy's parser reads as constants or functions; a parameter so named would be
# misread in the symbolic output that other tools parse back.
_RESERVED = frozenset({"E", "I", "N", "O", "Q", "S", "oo", "zoo", "nan", "pi"})


class _Checker(_PayoffChecks):
    """Builds a :class:`Model` from TOML data, collecting every problem on the way."""

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


def _fmt(value: Fraction) -> str:
    return format_fraction(value)
