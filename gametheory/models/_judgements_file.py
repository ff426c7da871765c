"""Reading and writing ``[judgements]`` and ``[distributions]``: the loader's and writer's hooks.

The semantics are in :mod:`gametheory.models.judgements`; here, the file format: parsing with
located errors (through the loader's checker), the checks that need the whole model, and the
TOML text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import ModelError, did_you_mean
from .distributions import parse_distribution
from .judgements import Comparison, Judgements, judgement_problems, profile_text

__all__ = [
    "check_model",
    "contradicted_players",
    "judgements_toml",
    "parse_judgements",
    "without_players",
]

_KINDS = ("open", "settled", "ties")
_OPEN_KEYS = ("outcomes", "why", "source")
_SETTLED_KEYS = ("better", "worse", "why", "source")


def parse_judgements(
    checker: Any, data: Any, distributions: Any, players: Any, parameters: Mapping[str, Any]
) -> Judgements | None:
    """Read ``[judgements]`` and ``[distributions]``, reporting problems through ``checker``."""
    if data is None and distributions is None:
        return None
    comparisons: list[Comparison] = []
    names = [p.name for p in players] if players is not None else None
    table = checker.table(data if data is not None else {}, ("judgements",), names, "player")
    for player, spec in table.items():
        spec = checker.table(spec, ("judgements", player), _KINDS)
        for kind in _KINDS:
            entries = spec.get(kind, [])
            path = ("judgements", player, kind)
            if not isinstance(entries, list):
                checker.add(f"expected [[judgements.{player}.{kind}]] tables", path)
                continue
            for k, entry in enumerate(entries):
                comparison = _comparison(checker, entry, (*path, k), player, kind, players)
                if comparison is not None:
                    comparisons.append(comparison)
    dist: list[tuple[str, str]] = []
    if distributions is not None:
        for name, text in checker.table(distributions, ("distributions",), None).items():
            path = ("distributions", name)
            if name not in parameters:
                checker.add(f"unknown parameter {name!r}", path, did_you_mean(name, parameters))
                continue
            p = parameters[name]
            try:
                parse_distribution(text, p.low, p.high, where=name)
            except ModelError as exc:
                checker.add(exc.message, path, exc.hint)
                continue
            dist.append((name, text))
    seen: dict[tuple[str, frozenset], int] = {}
    for k, c in enumerate(comparisons):
        key = (c.player, frozenset(c.outcomes))
        if c.outcomes[0] == c.outcomes[1]:
            checker.add(f"{c}: an outcome compared with itself", ("judgements", c.player))
        elif key in seen:
            checker.add(f"{c}: the pair is given twice (also {comparisons[seen[key]]})",
                        ("judgements", c.player))
        seen.setdefault(key, k)
    return Judgements(tuple(comparisons), tuple(dist))


def _comparison(
    checker: Any, entry: Any, path: tuple, player: str, kind: str, players: Any
) -> Comparison | None:
    keys = _SETTLED_KEYS if kind == "settled" else _OPEN_KEYS
    entry = checker.table(entry, path, keys)
    if kind == "settled":
        profiles = [entry.get("better"), entry.get("worse")]
        where = [(*path, "better"), (*path, "worse")]
    else:
        pair = entry.get("outcomes")
        if not isinstance(pair, list) or len(pair) != 2:
            checker.add("expected outcomes = [profile, profile] (two outcomes)", path)
            return None
        profiles, where = pair, [(*path, "outcomes", 0), (*path, "outcomes", 1)]
    ok = all(checker.profile(p, w, players) is not None for p, w in zip(profiles, where,
                                                                           strict=True))
    why = checker.string(entry, "why", path)
    source = checker.string(entry, "source", path)
    if not ok:
        return None
    return Comparison(
        player,
        (tuple(profiles[0]), tuple(profiles[1])),
        "tie" if kind == "ties" else kind,
        why,
        source,
    )


def check_model(checker: Any, model: Any) -> None:
    """The semantic checks of a loaded model (contradictions, implied open comparisons)."""
    if not getattr(model, "judgements", None):
        return
    for error, path in judgement_problems(model):
        checker.add(error.message, path, error.hint)
    # The model's own payoffs must be one admissible reading: settled comparisons hold.
    values = model.values()
    kinds = {"settled": "settled", "tie": "ties"}
    for c in model.judgements.comparisons:
        if c.kind == "open":
            continue
        i = model.player_index(c.player)
        try:
            a, b = (model.payoffs[i][model.profile_index(p)].evaluate(values) for p in c.outcomes)
        except ModelError:
            continue  # reported by the payoff checks
        if (c.kind == "settled" and a <= b) or (c.kind == "tie" and a != b):
            k = model.judgements.of(c.player, c.kind).index(c)
            relation = "higher than" if c.kind == "settled" else "equal to"
            checker.add(
                f"{c}: {c.player}'s payoff at {profile_text(c.outcomes[0])} is not {relation} "
                f"its payoff at {profile_text(c.outcomes[1])} at the default values",
                ("judgements", c.player, kinds[c.kind], k),
            )


def contradicted_players(model: Any) -> set[str]:
    """The players whose stated settled comparisons or ties the default payoffs break."""
    if not getattr(model, "judgements", None):
        return set()
    values = model.values()
    out = set()
    for c in model.judgements.comparisons:
        if c.kind == "open":
            continue
        i = model.player_index(c.player)
        try:
            a, b = (model.payoffs[i][model.profile_index(p)].evaluate(values) for p in c.outcomes)
        except ModelError:
            continue
        if (c.kind == "settled" and a <= b) or (c.kind == "tie" and a != b):
            out.add(c.player)
    return out


def without_players(judgements: Judgements | None, names: Sequence[str]) -> Judgements | None:
    """The judgements without the comparisons of the named players (None if nothing is left)."""
    if judgements is None:
        return None
    kept = Judgements(
        tuple(c for c in judgements.comparisons if c.player not in names),
        judgements.distributions,
    )
    return kept if kept else None


# ---------------------------------------------------------------------- writing (model hook)
def judgements_toml(judgements: Judgements | None) -> list[str]:
    """The ``[judgements]`` and ``[distributions]`` tables as TOML lines (empty if none)."""
    from . import _toml_writer as toml

    if not judgements:
        return []
    out: list[str] = []
    kinds = {"open": "open", "settled": "settled", "tie": "ties"}
    for c in judgements.comparisons:
        out += ["", f"[[judgements.{toml.key(c.player)}.{kinds[c.kind]}]]"]
        if c.kind == "settled":
            out.append(f"better = {toml.value(list(c.outcomes[0]))}")
            out.append(f"worse = {toml.value(list(c.outcomes[1]))}")
        else:
            out.append(f"outcomes = {toml.value([list(p) for p in c.outcomes])}")
        if c.why:
            out.append(f"why = {toml.text_block(c.why)}")
        if c.source:
            out.append(f"source = {toml.text_block(c.source)}")
    if judgements.distributions:
        out += ["", "[distributions]"]
        out += [f"{toml.key(n)} = {toml.string(t)}" for n, t in judgements.distributions]
    return out
