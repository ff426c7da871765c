"""The report of ``gametheory ordinal``: 2x2 classification, Theory of Moves, GMCR stability."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..numbers import format_fraction
from ._document import ALL_FORMATS, Document, Heading, Numbers, Paragraph, Table
from ._solve import game_bimatrix, parameters_text

__all__ = ["format_ordinal", "ordinal_blocks", "ordinal_document", "ordinal_json"]

_DISPLAY = ALL_FORMATS - {"csv"}
_CONCEPT_NAMES = {"nash": "Nash", "gmr": "GMR", "smr": "SMR", "seq": "SEQ"}


def _profile(game: Any, state: Sequence[int]) -> str:
    return ", ".join(game.strategies[i][j] for i, j in enumerate(state))


def _profile_json(game: Any, state: Sequence[int]) -> dict[str, str]:
    return {p: game.strategies[i][j] for i, (p, j) in enumerate(zip(game.players, state,
                                                                      strict=True))}


def _classification_blocks(analysis: Any) -> list[Any]:
    game, c = analysis.game, analysis.classification
    blocks: list[Any] = [Heading("2x2 classification", level=2, formats=_DISPLAY)]
    if c is None and analysis.ties:
        names = "; ".join(dict.fromkeys(t.name for t in analysis.ties))
        blocks.append(Paragraph(
            "Some outcomes tie for a player, so the game is not one of the 144 strict ordinal "
            f"games; breaking its ties gives {len(analysis.ties)} of them: {names}. Theory of "
            "Moves needs strict preferences and is not applied.",
            formats=_DISPLAY,
        ))
        return blocks
    if c is None:
        blocks.append(Paragraph(
            f"Not a 2x2 game ({' x '.join(str(k) for k in game.shape)}): no classification, "
            "no Theory of Moves.", formats=_DISPLAY))
        return blocks
    family = "symmetric" if c.symmetric else "asymmetric"
    conflict = ("a game of conflict (no outcome is best for both)" if c.conflict
                else "not a game of conflict (one outcome is best for both)")
    bruns = f"; {c.bruns} in Bruns's (2015) names" if c.bruns.lower() != c.name else ""
    blocks.append(Paragraph(
        f"{c.name[0].upper()}{c.name[1:]}: {family}, {conflict}{bruns}. Payoff patterns "
        "(row by row, in the periodic table's orientation) of "
        f"the row player {c.row_pattern} ({c.row_game}) and of the column player "
        f"{c.column_pattern} ({c.column_game}); layer: {c.layer} (Robinson and Goforth 2005; "
        f"Bruns 2015). {_numbers_text(c)}",
        formats=_DISPLAY,
    ))
    return blocks


def _numbers_text(c: Any) -> str:
    """The published game numbers, each with its source, and the ones not established."""
    schemes = (("brams", "Brams", "Brams's (1994)", c.brams),
               ("robinson_goforth", "Robinson-Goforth", "Robinson and Goforth's (2005)",
                c.robinson_goforth),
               ("rapoport_guyer", "Rapoport-Guyer", "Rapoport and Guyer's (1966)",
                c.rapoport_guyer))
    sources = dict(c.number_sources)
    text = "".join(f"Game {number} in {owner} numbering (source: {sources[key]}). "
                   for key, _, owner, number in schemes if number is not None)
    missing = [short for _, short, _, number in schemes
               if number is None and (short != "Brams" or c.conflict)]
    if not c.conflict:
        text += "Brams numbers only the games of conflict. "
    if missing:
        names = (missing[0] if len(missing) == 1
                 else ", ".join(missing[:-1]) + " and " + missing[-1])
        text += f"Not established from a source: the {names} numbers."
    return text.strip()


def _moves_text(game: Any, induction: Any) -> str:
    if not induction.moves:
        return "stays"
    steps = []
    mover = induction.first
    for state in induction.played[1:]:
        steps.append(f"{game.players[mover]} -> ({_profile(game, state)})")
        mover = 1 - mover
    return "; ".join(steps)


def _tom_blocks(analysis: Any, label: str) -> list[Any]:
    moves = analysis.moves
    if moves is None:
        return []
    game = analysis.game
    row, column = game.players
    rows = []
    for r in moves.starts:
        if r.outcome is None:
            outcome = (f"({_profile(game, r.row_first.outcome)}) if {row} moves first, "
                       f"({_profile(game, r.column_first.outcome)}) if {column} does")
        else:
            outcome = f"({_profile(game, r.outcome)})"
        rows.append((f"({_profile(game, r.start)})", _moves_text(game, r.row_first),
                     _moves_text(game, r.column_first), outcome))
    nme = "; ".join(f"({_profile(game, s)})" for s in moves.nonmyopic_equilibria) or "none"
    return [
        Heading("Theory of Moves", level=2, formats=_DISPLAY),
        Table(
            ("initial state", f"{row} moves first", f"{column} moves first", "outcome"),
            tuple(rows),
            caption="Moves and countermoves from each initial state (Brams 1994, ch. 1)",
            label=f"{label}-tom" if label else "",
        ),
        Paragraph(f"Non-myopic equilibria (neither player moves): {nme}.", formats=_DISPLAY),
    ]


def _verdict(flags: Sequence[bool], players: Sequence[str]) -> str:
    unstable = [p for p, ok in zip(players, flags, strict=True) if not ok]
    return "yes" if not unstable else "no: " + ", ".join(unstable)


def _coalition_cell(stable: Mapping[str, bool]) -> str:
    """yes / no when the coalition concepts agree (always for two players), else those that
    hold."""
    names = [_CONCEPT_NAMES[c] for c in ("nash", "gmr", "smr", "seq") if stable.get(c)]
    return "yes" if len(names) == 4 else "no" if not names else ", ".join(names)


def _stability_blocks(analysis: Any, label: str) -> list[Any]:
    game, result = analysis.game, analysis.stability
    players = game.players
    pairs = sorted({pair for st in result.states for pair in st.coalitions})
    header = ["state", *(_CONCEPT_NAMES[c] for c in ("nash", "gmr", "smr", "seq"))]
    header += [f"{players[i]} + {players[j]}" for i, j in pairs]
    rows = []
    for st in result.states:
        state = result.model.profiles[st.state]
        rows.append((
            _profile(game, state),
            *(_verdict(st.by_player[c], players) for c in ("nash", "gmr", "smr", "seq")),
            *(_coalition_cell(st.coalition_concepts[p]) for p in pairs),
        ))
    mixed = any(cell not in ("yes", "no") for row in rows for cell in row[5:])
    coalition_note = (
        "A + B: coalition Nash, GMR, SMR, SEQ stability of that pair (yes: all, no: none)"
        if mixed else "A + B: no joint move of that coalition better for both")
    lines = []
    for c in ("nash", "gmr", "smr", "seq"):
        states = [f"({_profile(game, result.model.profiles[s])})" for s in result.equilibria[c]]
        lines.append(f"{_CONCEPT_NAMES[c]}: {'; '.join(states) or 'none'}")
    return [
        Heading("Graph model stability", level=2, formats=_DISPLAY),
        Table(
            tuple(header),
            tuple(rows),
            caption="Stable for every player? (no: for whom not); " + coalition_note,
            label=f"{label}-stability" if label else "",
        ),
        Paragraph(
            "Equilibria. " + ". ".join(lines) + ". Nash stability is the pure Nash "
            "equilibrium; mixed equilibria are not states of the graph model.",
            formats=_DISPLAY,
        ),
    ]


def _tiers(ranks: Sequence[int]) -> list[list[int]]:
    """States grouped by rank, best first."""
    return [[s for s, r in enumerate(ranks) if r == level]
            for level in sorted(set(ranks), reverse=True)]


def _inverse_blocks(analysis: Any, label: str) -> list[Any]:
    question = analysis.inverse
    if question is None:
        return []
    game, model = analysis.game, analysis.stability.model
    player = game.players[question.player]
    concept = _CONCEPT_NAMES[question.concept]
    target = _profile(game, model.profiles[question.target])
    searched = ("every ranking of the states was tried" if question.exhaustive
                else "rankings with one state moved were tried")
    blocks: list[Any] = [Heading("Inverse question", level=2, formats=_DISPLAY)]
    if not question.changes:
        blocks.append(Paragraph(
            f"No ranking of {player} makes ({target}) a {concept} equilibrium ({searched}): "
            "another player's moves prevent it.", formats=_DISPLAY))
        return blocks
    rows = []
    for k, change in enumerate(question.changes):
        pairs = "; ".join(
            f"({_profile(game, model.profiles[a])}) vs ({_profile(game, model.profiles[b])})"
            for a, b in change.pairs) or "none (already stable)"
        ranking = " > ".join(
            " = ".join(f"({_profile(game, model.profiles[s])})" for s in tier)
            for tier in _tiers(change.ranks))
        rows.append((str(k + 1), str(change.size), pairs, ranking))
    blocks.append(Table(
        ("#", "size", "pairs whose order changes", f"{player}'s new ranking, best first"),
        tuple(rows),
        caption=f"Rankings of {player} that make ({target}) a {concept} equilibrium, smallest "
        f"change first ({searched})",
        label=f"{label}-inverse" if label else "",
    ))
    return blocks


def ordinal_blocks(analysis: Any, label: str = "") -> list[Any]:
    """The ordinal sections (classification, Theory of Moves, stability) of a report."""
    return (_classification_blocks(analysis) + _tom_blocks(analysis, label)
            + _stability_blocks(analysis, label) + _inverse_blocks(analysis, label))


def _inverse_json(analysis: Any) -> dict[str, Any] | None:
    question = analysis.inverse
    if question is None:
        return None
    game, model = analysis.game, analysis.stability.model

    def profile(s: int) -> dict[str, str]:
        return _profile_json(game, model.profiles[s])

    return {
        "target": profile(question.target),
        "player": game.players[question.player],
        "concept": question.concept,
        "exhaustive": question.exhaustive,
        "changes": [
            {
                "size": change.size,
                "pairs": [[profile(a), profile(b)] for a, b in change.pairs],
                "ranking": [[profile(s) for s in tier] for tier in _tiers(change.ranks)],
            }
            for change in question.changes
        ],
    }


def ordinal_document(
    analysis: Any,
    *,
    title: str = "",
    parameters: Mapping[str, Fraction] | None = None,
    label: str = "",
) -> Document:
    """The report of an :class:`~gametheory.ordinal.OrdinalAnalysis`."""
    game = analysis.game
    title = title or game.title or "Game"
    caption = f"Payoffs ({', '.join(game.players)}), read as ranks"
    if parameters:
        caption += " at " + parameters_text(parameters)
    blocks: list[Any] = [Heading(title),
                         game_bimatrix(game, caption, label=f"{label}-payoffs" if label else "")]
    blocks += ordinal_blocks(analysis, label)
    return Document(tuple(blocks), title=title)


def _tom_json(analysis: Any) -> list[dict[str, Any]]:
    moves = analysis.moves
    if moves is None:
        return []
    game = analysis.game
    out = []
    for r in moves.starts:
        decisive = r.row_first if r.mover == 0 else r.column_first if r.mover == 1 else None
        path = []
        if decisive is not None:
            mover = decisive.first
            for state in decisive.played[1:]:
                path.append({"player": game.players[mover], "to": _profile_json(game, state)})
                mover = 1 - mover
        out.append({
            "start": _profile_json(game, r.start),
            "outcome": None if r.outcome is None else _profile_json(game, r.outcome),
            "moves": path,
            "mover": None if r.mover is None else game.players[r.mover],
            "by_first_mover": {
                game.players[ind.first]: {
                    "moves": ind.moves,
                    "outcome": _profile_json(game, ind.outcome),
                    "path": [_profile_json(game, s) for s in ind.played],
                }
                for ind in (r.row_first, r.column_first)
            },
        })
    return out


def ordinal_json(
    analysis: Any,
    *,
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    numbers: Numbers | None = None,
) -> dict[str, Any]:
    """The JSON contract of ``gametheory ordinal``.

    ``classification`` (null unless a strict 2x2 game; else the published numbers
    ``robinson_goforth``, ``rapoport_guyer`` and ``brams``, each null where not established
    from a source, ``number_sources``, ``patterns`` (the two payoff patterns and the layer),
    ``name``, ``family``, ``conflict``), ``ties``, ``nonmyopic`` (``start``, ``outcome``,
    ``moves``; profiles as player -> strategy id), ``nonmyopic_equilibria``, ``stability``
    (one item per state: ``profile`` and ``nash``, ``gmr``, ``smr``, ``seq``, stable for
    every player; ``coalitions``: for each pair of players ``stable``, no joint improvement,
    and ``nash``, ``gmr``, ``smr``, ``seq``, the coalition concepts), and ``equilibria`` per
    concept.
    """
    del numbers  # ranks only: nothing to format
    game, result = analysis.game, analysis.stability
    data: dict[str, Any] = {}
    if model is not None:
        data["model"] = model
    if parameters:
        data["parameters"] = {name: format_fraction(v) for name, v in parameters.items()}
    pairs = sorted({pair for st in result.states for pair in st.coalitions})
    data.update({
        "game": game.title,
        "players": list(game.players),
        "classification": None if analysis.classification is None
        else analysis.classification.to_dict(),
        "ties": [t.name for t in analysis.ties],
        "nonmyopic": _tom_json(analysis),
        "nonmyopic_equilibria": [] if analysis.moves is None else [
            _profile_json(game, s) for s in analysis.moves.nonmyopic_equilibria],
        "stability": [
            {
                "profile": _profile_json(game, result.model.profiles[st.state]),
                **{c: st.stable(c) for c in ("nash", "gmr", "smr", "seq")},
                "players": {
                    p: {c: st.by_player[c][i] for c in ("nash", "gmr", "smr", "seq")}
                    for i, p in enumerate(game.players)
                },
                "coalitions": [
                    {"players": [game.players[i], game.players[j]],
                     "stable": st.coalitions[(i, j)],
                     **st.coalition_concepts[(i, j)]}
                    for i, j in pairs
                ],
            }
            for st in result.states
        ],
        "equilibria": {
            c: [_profile_json(game, result.model.profiles[s]) for s in result.equilibria[c]]
            for c in ("nash", "gmr", "smr", "seq")
        },
        "inverse": _inverse_json(analysis),
    })
    return data


def format_ordinal(
    analysis: Any,
    format: str = "text",
    *,
    title: str = "",
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    standalone: bool = False,
) -> str:
    """An :class:`~gametheory.ordinal.OrdinalAnalysis` in one of :data:`FORMATS`."""
    from . import render

    document = ordinal_document(analysis, title=title, parameters=parameters, label=model or "")
    data = ordinal_json(analysis, model=model, parameters=parameters)
    return render(document, format, standalone=standalone, data=data)
