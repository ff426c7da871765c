"""The write-up of ``us-russia-europe`` (models/README.md) against what the code computes.

Every number the section "Every equilibrium" and "What changes with Europe at the table" states
is checked here: the equilibrium table is parsed and each row, its expressions in ``e`` (and in
``h``, Europe's probability of holding in the set at e = 1) read by the model files' own
expression parser, is compared with ``gametheory.solve`` at sample values of ``e`` in its range;
the readings with ``rank_verdicts``; and :func:`test_no_number_unchecked` fails when a number is
added to those sections without a check here.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory import solve
from gametheory.models import load_model
from gametheory.models.expression import parse_expression
from gametheory.robustness import rank_verdicts

README = Path(__file__).resolve().parents[1] / "models" / "README.md"
MODEL = "us-russia-europe"
PLAYERS = ("US", "Russia", "Europe")
#: The probability each equilibrium-table column states: (player, strategy).
COLUMNS = (("US", "concede"), ("Russia", "hard_demand"), ("Europe", "hold"))


def _section(title: str | None = None) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"## `{MODEL}`")
    end = text.index("\n## ", start + 1)
    section = text[start:end]
    if title is None:
        return section
    start = section.index(f"### {title}")
    end = section.find("\n### ", start + 1)
    return section[start:end if end >= 0 else None]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _value(text: str, **values: Fraction) -> Fraction:
    expression = parse_expression(text.strip(), set(values))
    return expression.evaluate(values)


def _table(title: str) -> list[list[str]]:
    rows = []
    for line in _section(title).splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows[1:]


def _samples(condition: str) -> list[Fraction]:
    """Rational values of e satisfying a condition such as ``1 < e ≤ 4`` or ``e = 1``."""
    exact = re.fullmatch(r"e = (\S+)", condition)
    if exact:
        return [Fraction(exact.group(1))]
    low, low_op, high_op, high = re.fullmatch(r"(\S+) ([<≤]) e ([<≤]) (\S+)", condition).groups()
    low, high = Fraction(low), Fraction(high)
    inside = [low + (high - low) * Fraction(k, 100) for k in (1, 50, 99)]
    return ([low] if low_op == "≤" else []) + inside + ([high] if high_op == "≤" else [])


def _rows_by_range() -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {}
    for row in _table("Every equilibrium"):
        rows.setdefault(row[0], []).append(row)
    return rows


def test_the_table_covers_the_range():
    model = load_model(MODEL)
    spec = model.parameters["e"]
    assert (spec.low, spec.value, spec.high) == (0, 0, 4)
    assert sorted(_rows_by_range()) == ["0 ≤ e < 1", "1 < e ≤ 4", "e = 1"]


@pytest.mark.parametrize("condition", sorted(_rows_by_range()))
def test_every_equilibrium_row(condition):
    rows = _rows_by_range()[condition]
    isolated = [r for r in rows if "from" not in r[4]]
    sets = [r for r in rows if "from" in r[4]]
    for e in _samples(condition):
        game = load_model(MODEL).game({"e": e})
        result = solve(game)
        assert result.exact and result.complete
        members = {k for c in result.components for k in c.equilibria if not c.is_singleton}
        found = sorted(
            tuple(eq.probabilities(p)[s] for p, s in COLUMNS) + eq.payoffs
            for k, eq in enumerate(result.equilibria) if k not in members
        )
        stated = sorted(
            tuple(_value(r[k], e=e) for k in (2, 3, 4))
            + tuple(_value(x, e=e) for x in r[5].split(","))
            for r in isolated
        )
        assert found == stated, (condition, e)
        positive = [c for c in result.components if not c.is_singleton]
        assert len(positive) == len(sets)
        for row, component in zip(sets, positive, strict=True):
            _check_set(game, row, component, e)


def _check_set(game, row, component, e):
    """A row 'from A to B' in Europe's column: every h in (A, B] is an equilibrium with the
    stated payoffs, and none just above B; the solver's component has this support."""
    low, high = (Fraction(x) for x in re.fullmatch(r"from (\S+) to (\S+)", row[4]).groups())
    assert component.support == (("concede",), ("hard_demand",), ("hold", "ease"))
    for h in (high / 7, high / 2, high):
        profile = [[_value(row[2]), 1 - _value(row[2])], [1 - _value(row[3]), _value(row[3])],
                   [h, 1 - h]]
        assert game.is_nash(profile) and h > low
        assert game.expected_payoffs(profile) == tuple(
            _value(x, e=e, h=h) for x in row[5].split(","))
    above = high + Fraction(1, 100)
    assert not game.is_nash([[1, 0], [0, 1], [above, 1 - above]])
    # The bound the write-up quotes, as the solver states it (p3_2: Europe's ease).
    assert dict(component.variables)["p3_2"] == "Europe:ease"
    assert "2 - 4*p3_2 <= 0" in component.bounds
    assert "the bound `2 - 4*p3_2 <= 0`" in _flat(_section("Every equilibrium"))


def test_default_solve_message():
    result = solve(load_model(MODEL).game())
    assert "2 of 27 support profiles solved" in result.message
    assert "at the default 2 of the 27 support profiles survive" in _flat(_section())


def test_europe_holds_against_the_dual_track():
    text = _flat(_section("What changes with Europe at the table"))
    assert "holding earns Europe 44/7 and easing 15/7 + e/3, less for every e below 87/7" in text
    dual = {"US": {"concede": "1/3", "pressure": "2/3"},
            "Russia": {"friendly_offer": "2/7", "hard_demand": "5/7"}, "Europe": "hold"}
    for e in (Fraction(0), Fraction(5, 2), Fraction(4)):
        hold, ease = load_model(MODEL).game({"e": e}).pure_payoffs_against("Europe", dual)
        assert hold == Fraction(44, 7) and ease == Fraction(15, 7) + e / 3
    # e enters Europe's payoffs linearly: easing pays as much as holding at e = 87/7 only.
    assert Fraction(15, 7) + Fraction(87, 7) / 3 == Fraction(44, 7)


def test_the_two_player_numbers_quoted():
    text = _flat(_section("What changes with Europe at the table"))
    (eq,) = solve(load_model("us-russia-2x2").game()).equilibria
    (ours,) = solve(load_model(MODEL).game()).equilibria
    us, hard = eq.probabilities("US")["concede"], eq.probabilities("Russia")["hard_demand"]
    assert (us, hard) == (Fraction(1, 2), Fraction(3, 4))
    assert ours.probabilities("US")["concede"] == Fraction(1, 3)
    assert ours.probabilities("Russia")["hard_demand"] == Fraction(5, 7)
    assert "the US concedes with probability 1/3, not 1/2; Russia makes hard demands with " \
        "probability 5/7, not 3/4" in text
    # d > 2: conceding dominates for Washington in the 2x2 (README, us-russia-2x2).
    for d, pure in (("2", False), ("21/10", True)):
        result = solve(load_model("us-russia-2x2").game({"d": d}))
        assert any(e.support() == (("concede",), ("hard_demand",)) for e in result.equilibria)
        assert (len(result.equilibria) == 1) == pure
    assert "(d > 2)" in text
    # Moscow's ideal needs e > 1; Europe wavers: concession probability 6/(5 + e) >= 2/3.
    assert "(e > 1)" in text
    assert "Europe wavers (holds with probability 1/2) and Washington concedes with " \
        "probability 6/(5 + e)" in text
    (wavers,) = [r for r in _rows_by_range()["1 < e ≤ 4"] if r[1] == "Europe wavers"]
    assert (wavers[2], wavers[4]) == ("6/(5 + e)", "1/2")  # checked by test_every_equilibrium_row
    assert "(with probability 6/(5 + e), at least 2/3, or for certain)" in text
    assert min(Fraction(6, 5 + e) for e in range(0, 5)) == Fraction(2, 3)


def _shares(name):
    verdicts = rank_verdicts(load_model(name))
    return verdicts, {o.ids: o for o in verdicts.outcomes}


def test_readings():
    text = _flat(_section("What changes with Europe at the table"))
    verdicts, outcomes = _shares(MODEL)
    orders = verdicts.orders
    assert f"the US has {orders['US']} admissible orders, Russia {orders['Russia']} and " \
        f"Europe {orders['Europe']}" in text
    ideal_ease = outcomes[("concede", "hard_demand", "ease")].share
    ideal_hold = outcomes[("concede", "hard_demand", "hold")].share
    united = outcomes[("pressure", "hard_demand", "hold")].share
    assert f"with Europe easing is a pure equilibrium in {ideal_ease} of the readings and with " \
        f"Europe holding alone in {ideal_hold}" in text
    assert f"hard_demand, hold], the united West pressing and Moscow resisting, in {united}" in text
    # Europe breaking with a pressing Washington: a pure equilibrium in no reading.
    for russia in ("friendly_offer", "hard_demand"):
        assert outcomes[("pressure", russia, "ease")].never
    _, two = _shares("us-russia-2x2")
    assert two[("concede", "hard_demand")].share == Fraction(2, 4)
    assert two[("pressure", "hard_demand")].share == Fraction(1, 4)
    assert "[concede, hard_demand] was one in 2 of 4 readings and [pressure, hard_demand] in " \
        "1 of 4" in text


def test_rank_table_is_the_model():
    game = load_model(MODEL).game({"e": 1})
    section = _section("What it represents")
    table = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in section.splitlines() if line.startswith("| concede") or
        line.startswith("| pressure")
    ]
    assert len(table) == 4
    model = load_model(MODEL)
    for player in PLAYERS:  # "ranks on a scale of 8"
        assert sorted(o.judgement(player).rank for o in model.outcomes) == list(range(1, 9))
    for row in table:
        us, russia = (s.strip() for s in row[0].split(","))
        for europe, cell in zip(("hold", "ease"), row[1:], strict=True):
            stated = tuple(_value(x, e=Fraction(1)) for x in cell.split(","))
            assert stated == game.payoff((us, russia, europe)), (row, europe)


#: Citations and names in which a digit is not a result.
_NOT_RESULTS = re.compile(
    r"(hopes?|fears?|items?|paras?\.) \d+( and \d+)?|2x2x2x2|2x2x2|2x2|4x4|p3_2|"
    r"\[concede, hard_demand\] was one in 2 of 4 readings and \[pressure, hard_demand\] in 1 of 4"
)


def test_no_number_unchecked():
    # Every number left in these sections once the checked phrases are removed is a citation.
    checked = [
        "holding earns Europe 44/7 and easing 15/7 + e/3, less for every e below 87/7",
        "the US concedes with probability 1/3, not 1/2; Russia makes hard demands with "
        "probability 5/7, not 3/4",
        "(d > 2)", "(e > 1)",
        "Europe wavers (holds with probability 1/2) and Washington concedes with probability "
        "6/(5 + e)",
        "(with probability 6/(5 + e), at least 2/3, or for certain)",
        "the US has 6 admissible orders, Russia 2 and Europe 4",
        "in 5/12 of the readings", "holding alone in 1/12", "resisting, in 5/12",
        "ranks on a scale of 8 and no longer of 4", "by more than one rank step",
        "at the default 2 of the 27 support profiles survive",
        # The set at e = 1: checked by test_every_equilibrium_row.
        "At e = 1 the game is degenerate", "eases with any probability from 1/2 to 1",
        "the bound `2 - 4*p3_2 <= 0`",
    ]
    for title in ("Every equilibrium", "What changes with Europe at the table"):
        lines = _section(title).splitlines()[1:]
        # The table itself is parsed by test_every_equilibrium_row.
        text = _flat("\n".join(line for line in lines if not line.startswith("|")))
        for phrase in checked:
            text = text.replace(phrase, "")
        text = _NOT_RESULTS.sub("", text)
        assert not re.findall(r".{30}\d.{10}", text), title


def test_sweep_lists_every_equilibrium_of_each_point() -> None:
    """sweep solves each grid point exactly (mixed equilibria included), as solve does."""
    from gametheory.models import load_model
    from gametheory.sensitivity import ParametricGame, sweep
    from gametheory.solve import solve

    model = load_model("us-russia-europe")
    result = sweep(ParametricGame.from_model(model), "e", [0, 1, 3])
    for point in result.points:
        expected = solve(model.game({"e": point.value})).equilibria
        assert [eq.profile for eq in point.equilibria] == [eq.profile for eq in expected]
    assert result.points[0].equilibria  # the mixed dual track at e = 0
