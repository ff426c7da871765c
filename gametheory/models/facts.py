"""Outcome facts: what happens in each outcome, and the dominances a model declares among them.

A model read from a text ranks outcomes; two readers can rank the same outcome from different
facts without noticing when the facts live only in each rank's prose. ``[facts]`` names the
dimensions the text uses and their values, each outcome states its value on every dimension,
and a model may declare **dominances**: a player prefers one value of a dimension to another,
all else equal. ``gametheory validate`` checks the ranks against them::

    [facts.dimensions]                # dimension -> its values
    sanctions = ["expanded", "kept", "eased", "lifted"]
    fighting = ["stops", "continues", "escalates"]

    [[facts.dominance]]               # Russia prefers sanctions lifted to kept, all else equal
    player = "Russia"
    fact = "sanctions"
    better = "lifted"
    worse = "kept"
    source = "Friendly offers, para. 5"

    [[outcomes]]
    profile = ["concede", "hard_demand"]
    [outcomes.facts]
    sanctions = "lifted"
    fighting = "stops"

Semantics
---------
Two outcomes differ **only** in a dimension when they have the same value on every other
dimension. A dominance ``(player, fact, better, worse)`` requires, for every two outcomes that
differ only in ``fact``, the first with value ``better`` and the second with ``worse``, that the
player ranks the first strictly higher (for a player without ranks: that its payoff at the
default values is strictly higher), and that the model does not leave their comparison open
(the dominance settles it). Dominances are checked one by one, as declared (no closure).

Examples
--------
>>> from gametheory.models import load_model
>>> m = load_model("us-russia")
>>> dict(m.outcomes[0].facts)["sanctions"]
'lifted'
>>> fact_problems(m)
[]
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ModelError, did_you_mean

__all__ = [
    "Dominance",
    "Facts",
    "broken_dominance_players",
    "fact_problems",
    "facts_text",
    "facts_toml",
    "outcome_facts",
    "outcome_facts_toml",
    "parse_facts",
    "without_dominances_of",
]

_KEYS = ("dimensions", "dominance")
_DOMINANCE_KEYS = ("player", "fact", "better", "worse", "why", "source")


@dataclass(frozen=True)
class Dominance:
    """A player prefers value ``better`` of dimension ``fact`` to ``worse``, all else equal."""

    player: str
    fact: str
    better: str
    worse: str
    why: str = ""
    source: str = ""

    def __str__(self) -> str:
        return (f"{self.player} prefers {self.fact} {self.better} to {self.fact} {self.worse}, "
                "all else equal")


@dataclass(frozen=True)
class Facts:
    """The ``[facts]`` of a model: dimensions with their values, and declared dominances."""

    dimensions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    dominances: tuple[Dominance, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.dimensions)

    def __bool__(self) -> bool:
        return bool(self.dimensions or self.dominances)


# ---------------------------------------------------------------------- reading (loader hooks)
def parse_facts(checker: Any, data: Any, players: Any) -> Facts | None:
    """Read ``[facts]``, reporting problems through the loader's ``checker``."""
    if data is None:
        return None
    table = checker.table(data, ("facts",), _KEYS)
    dims: list[tuple[str, tuple[str, ...]]] = []
    raw = checker.table(table.get("dimensions", {}), ("facts", "dimensions"), None)
    for name, values in raw.items():
        path = ("facts", "dimensions", name)
        if (not isinstance(values, list) or not values
                or not all(isinstance(v, str) and v for v in values)):
            checker.add("expected a list of value names (strings)", path)
            continue
        if len(set(values)) != len(values):
            checker.add("a value is listed twice", path)
            continue
        dims.append((name, tuple(values)))
    known = dict(dims)
    names = [p.name for p in players] if players is not None else None
    dominances = []
    entries = table.get("dominance", [])
    if not isinstance(entries, list):
        checker.add("expected [[facts.dominance]] tables", ("facts", "dominance"))
        entries = []
    for k, entry in enumerate(entries):
        path = ("facts", "dominance", k)
        entry = checker.table(entry, path, _DOMINANCE_KEYS)
        texts = {key: checker.string(entry, key, path, required=key in _DOMINANCE_KEYS[:4])
                 for key in _DOMINANCE_KEYS}
        if not all(texts[key] for key in _DOMINANCE_KEYS[:4]):
            continue
        if names is not None and texts["player"] not in names:
            checker.add(f"unknown player {texts['player']!r}", (*path, "player"),
                        did_you_mean(texts["player"], names))
            continue
        if texts["fact"] not in known:
            checker.add(f"unknown fact {texts['fact']!r}", (*path, "fact"),
                        did_you_mean(texts["fact"], known))
            continue
        bad = [key for key in ("better", "worse") if texts[key] not in known[texts["fact"]]]
        for key in bad:
            checker.add(f"unknown value {texts[key]!r} of {texts['fact']}", (*path, key),
                        did_you_mean(texts[key], known[texts["fact"]]))
        if bad:
            continue
        if texts["better"] == texts["worse"]:
            checker.add("better and worse are the same value", path)
            continue
        dominances.append(Dominance(*(texts[key] for key in _DOMINANCE_KEYS)))
    return Facts(tuple(dims), tuple(dominances))


def outcome_facts(checker: Any, value: Any, path: tuple[Any, ...]) -> tuple[tuple[str, str], ...]:
    """Read one outcome's ``[outcomes.facts]`` (checked against ``[facts]`` later)."""
    if value is None:
        return ()
    out = []
    for name, v in checker.table(value, path, None).items():
        if not isinstance(v, str):
            checker.add("expected a value name (a string)", (*path, name))
            continue
        out.append((name, v))
    return tuple(out)


# ---------------------------------------------------------------------- checks
def fact_problems(model: Any) -> list[tuple[ModelError, tuple[Any, ...]]]:
    """Facts that do not match ``[facts]``, and ranks that break a declared dominance.

    Returns ``(error, path)`` pairs; the loader adds file and line.
    """
    facts: Facts | None = getattr(model, "facts", None)
    stated = [(k, o) for k, o in enumerate(model.outcomes) if o.facts]
    if not facts or not facts.dimensions:
        return [(ModelError("facts are given but [facts.dimensions] does not declare them"),
                 ("outcomes", k, "facts")) for k, _ in stated]
    known = dict(facts.dimensions)
    problems: list[tuple[ModelError, tuple[Any, ...]]] = []
    complete = []
    for k, outcome in stated:
        given = dict(outcome.facts)
        ok = True
        for name, v in outcome.facts:
            if name not in known:
                problems.append((ModelError(f"unknown fact {name!r}",
                                            hint=did_you_mean(name, known)),
                                 ("outcomes", k, "facts", name)))
                ok = False
            elif v not in known[name]:
                problems.append((ModelError(f"unknown value {v!r} of {name}",
                                            hint=did_you_mean(v, known[name])),
                                 ("outcomes", k, "facts", name)))
                ok = False
        missing = [n for n in known if n not in given]
        if missing:
            problems.append((ModelError(f"no value for {', '.join(missing)}"),
                             ("outcomes", k, "facts")))
            ok = False
        if ok:
            complete.append((k, outcome))
    for n, dom in enumerate(facts.dominances):
        problems += [(error, ("facts", "dominance", n))
                     for error in _violations(model, dom, complete)]
    return problems


def broken_dominance_players(model: Any) -> set[str]:
    """The players whose declared dominances the model's ranks or default payoffs break."""
    facts: Facts | None = getattr(model, "facts", None)
    if not facts or not facts.dominances:
        return set()
    known = dict(facts.dimensions)
    complete = [(k, o) for k, o in enumerate(model.outcomes)
                if o.facts and set(dict(o.facts)) == set(known)
                and all(v in known.get(n, ()) for n, v in o.facts)]
    return {d.player for d in facts.dominances if _violations(model, d, complete)}


def without_dominances_of(facts: Facts | None, names: Sequence[str]) -> Facts | None:
    """The facts without the dominances declared for the named players."""
    if not facts:
        return facts
    return Facts(facts.dimensions, tuple(d for d in facts.dominances if d.player not in names))


def _violations(model: Any, dom: Dominance, outcomes: Sequence[tuple[int, Any]]) -> list:
    from .judgements import profile_text

    opened = set()
    if getattr(model, "judgements", None):
        opened = {frozenset(c.outcomes) for c in model.judgements.of(dom.player, "open")}
    values = model.values()
    out = []
    for (_, a), (_, b) in itertools.permutations(outcomes, 2):
        fa, fb = dict(a.facts), dict(b.facts)
        if fa[dom.fact] != dom.better or fb[dom.fact] != dom.worse:
            continue
        if any(fa[n] != fb[n] for n in fa if n != dom.fact):
            continue
        ja, jb = a.judgement(dom.player), b.judgement(dom.player)
        pa, pb = profile_text(a.profile), profile_text(b.profile)
        differ = f"which differ only in {dom.fact} ({dom.better} against {dom.worse})"
        if ja is not None and jb is not None:
            if ja.rank <= jb.rank:
                out.append(ModelError(
                    f"{dom.player} ranks {pa} ({ja.rank}) not above {pb} ({jb.rank}), "
                    f"{differ}; the model declares: {dom}"
                ))
        elif ja is None and jb is None:
            # A player without ranks: its payoffs at the default values must respect it.
            i = model.player_index(dom.player)
            va, vb = (model.payoffs[i][model.profile_index(o.profile)].evaluate(values)
                      for o in (a, b))
            if va <= vb:
                out.append(ModelError(
                    f"{dom.player}'s payoff at {pa} ({va}) is not above its payoff at {pb} "
                    f"({vb}) at the default values, {differ}; the model declares: {dom}"
                ))
        if frozenset((a.profile, b.profile)) in opened:
            out.append(ModelError(
                f"the open comparison {pa} vs {pb} of {dom.player} is settled by the declared "
                f"dominance ({dom})",
                hint="remove the open comparison or the dominance",
            ))
    return out


# ---------------------------------------------------------------------- writing (model hook)
def facts_toml(facts: Facts | None) -> list[str]:
    """The ``[facts]`` tables as TOML lines (empty if none)."""
    from . import _toml_writer as toml

    if not facts:
        return []
    out = ["", "[facts.dimensions]"]
    out += [f"{toml.key(n)} = {toml.value(list(v))}" for n, v in facts.dimensions]
    for d in facts.dominances:
        out += ["", "[[facts.dominance]]"]
        for key in _DOMINANCE_KEYS:
            text = getattr(d, key)
            if text:
                out.append(f"{key} = {toml.text_block(text)}")
    return out


def outcome_facts_toml(facts: Sequence[tuple[str, str]]) -> list[str]:
    """An outcome's ``[outcomes.facts]`` table as TOML lines (empty if none)."""
    from . import _toml_writer as toml

    if not facts:
        return []
    return ["", "[outcomes.facts]", *(f"{toml.key(n)} = {toml.string(v)}" for n, v in facts)]


def facts_text(facts: Mapping[str, str] | Sequence[tuple[str, str]]) -> str:
    """``"ceasefire none; sanctions kept"``: one outcome's facts in a line."""
    pairs = facts.items() if isinstance(facts, Mapping) else facts
    return "; ".join(f"{n} {v}" for n, v in pairs)
