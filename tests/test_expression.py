"""Tests of the whitelisted expression language (gametheory.models.expression)."""

from __future__ import annotations

import builtins
import contextlib
from decimal import Decimal
from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.errors import GameError, ModelError
from gametheory.models.expression import (
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_POWER_BITS,
    Expression,
    parse_expression,
)

SYMBOLS = {"c", "v", "cost"}
VALUES = {"c": F(1, 3), "v": F(-2), "cost": F(5, 2)}
ERR = "error"  # the value of a random tree whose evaluation must fail


@pytest.mark.parametrize(
    ("text", "value", "canonical"),
    [
        pytest.param("3", F(3), "3", id="integer"),
        pytest.param("2.5", F(5, 2), "2.5", id="decimal"),
        pytest.param(".5", F(1, 2), "0.5", id="leading-dot"),
        pytest.param("1e3", F(1000), "1000", id="scientific"),
        pytest.param("1.5E-2", F(3, 200), "0.015", id="scientific-negative"),
        pytest.param("1e-50", F(1, 10**50), "1e-50", id="tiny-stays-short"),
        pytest.param("1/3", F(1, 3), "1 / 3", id="fraction-is-division"),
        pytest.param(" -1/3 ", F(-1, 3), "-1 / 3", id="negative-fraction"),
        pytest.param("1 - c", F(2, 3), "1 - c", id="parameter"),
        pytest.param("(1 - c) / 2 + c**2", F(4, 9), "(1 - c) / 2 + c ** 2", id="mixed"),
        pytest.param("-2**2", F(-4), "-2 ** 2", id="unary-binds-looser-than-power"),
        pytest.param("(-2)**2", F(4), "(-2) ** 2", id="negative-base"),
        pytest.param("2**-1", F(1, 2), "2 ** -1", id="negative-exponent"),
        pytest.param("2**3**2", F(512), "2 ** 3 ** 2", id="power-right-associative"),
        pytest.param("(2**3)**2", F(64), "(2 ** 3) ** 2", id="power-parenthesised"),
        pytest.param("c - (v - 1)", F(10, 3), "c - (v - 1)", id="minus-right-operand"),
        pytest.param("c - v - 1", F(4, 3), "c - v - 1", id="minus-left-associative"),
        pytest.param("c / (v * 2)", F(-1, 12), "c / (v * 2)", id="divide-product"),
        pytest.param("--c", F(1, 3), "-(-c)", id="double-negation"),
        pytest.param("+cost", F(5, 2), "+cost", id="unary-plus"),
        pytest.param("c - -v", F(-5, 3), "c - -v", id="minus-negative"),
        pytest.param("(((c)))", F(1, 3), "c", id="redundant-parentheses"),
        pytest.param("v ** 64", F(2**64), "v ** 64", id="largest-exponent"),
        pytest.param("c ** (4/2)", F(1, 9), "c ** (4 / 2)", id="constant-exponent"),
    ],
)
def test_parse_evaluate_and_print(text: str, value: F, canonical: str) -> None:
    e = parse_expression(text, SYMBOLS)
    assert e.evaluate(VALUES) == value
    assert str(e) == canonical
    again = parse_expression(str(e), SYMBOLS)
    assert again == e and hash(again) == hash(e)


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        pytest.param("__import__('os')", ["function calls are not allowed"], id="import-call"),
        pytest.param("__import__", ["unknown name '__import__'"], id="import-name"),
        pytest.param("c.real", ["attributes are not allowed"], id="attribute"),
        pytest.param("c.__class__", ["attributes are not allowed"], id="dunder-attribute"),
        pytest.param("c[0]", ["subscripts are not allowed"], id="subscript"),
        pytest.param("c < 1", ["comparisons are not allowed"], id="comparison"),
        pytest.param("c and v", ["'and'/'or' are not allowed"], id="boolean"),
        pytest.param("lambda: 1", ["lambdas are not allowed"], id="lambda"),
        pytest.param("1 if c else 2", ["conditional expressions"], id="if-expression"),
        pytest.param("(c := 1)", ["assignments are not allowed"], id="walrus"),
        pytest.param("'1'", ["strings are not allowed"], id="string"),
        pytest.param("f'{c}'", ["strings are not allowed"], id="f-string"),
        pytest.param("b'1'", ["byte strings"], id="bytes"),
        pytest.param("[1, 2]", ["lists are not allowed"], id="list"),
        pytest.param("(1, 2)", ["tuples are not allowed"], id="tuple"),
        pytest.param("{1: 2}", ["dictionaries are not allowed"], id="dict"),
        pytest.param("[x for x in c]", ["comprehensions"], id="comprehension"),
        pytest.param("c % 2", ["'%' is not allowed"], id="modulo"),
        pytest.param("c // 2", ["'//' is not allowed"], id="floor-division"),
        pytest.param("~1", ["'~'"], id="invert"),
        pytest.param("not c", ["'not'"], id="not"),
        pytest.param("True", ["True is not a number"], id="boolean-constant"),
        pytest.param("None", ["None is not a number"], id="none"),
        pytest.param("...", ["Ellipsis is not a number"], id="ellipsis"),
        pytest.param("1j", ["complex numbers"], id="complex"),
        pytest.param("0x10", ["not written in decimal"], id="hexadecimal"),
        pytest.param("1_000", ["not written in decimal"], id="underscore"),
        pytest.param("1e1001", ["out of range"], id="number-too-large"),
        pytest.param("1e-1001", ["out of range"], id="number-too-precise"),
        pytest.param("1" * 1001, ["out of range", "1000 digits"], id="number-too-many-digits"),
        pytest.param("1e999999999", ["out of range"], id="number-huge-exponent"),
        pytest.param("c ** 65", ["exponent 65", "between -64 and 64"], id="exponent-too-big"),
        pytest.param("2 ** 0.5", ["exponent 1/2"], id="exponent-not-integer"),
        pytest.param("2 ** c", ["uses a parameter"], id="exponent-parameter"),
        pytest.param("2 ** (1/0)", ["division by zero in the exponent"], id="exponent-zero-div"),
        pytest.param("9 ** 9 ** 9", ["exponent 387420489"], id="exponent-tower"),
        pytest.param("1 +", ["invalid syntax at the end"], id="syntax"),
        pytest.param("(1", ["never closed"], id="unclosed"),
        pytest.param("", ["empty expression"], id="empty"),
        pytest.param("1\x00", ["null bytes"], id="null-byte"),
        pytest.param("c\n+1", ["invalid expression"], id="two-lines"),
        pytest.param("1+" * (MAX_LENGTH // 2 + 1) + "1", ["too long"], id="too-long"),
        pytest.param("-" * (MAX_DEPTH + 5) + "1", ["nested too deeply"], id="too-deep"),
        pytest.param("(" * 300 + "1" + ")" * 300, ["invalid expression"], id="parser-limit"),
    ],
)
def test_rejected(text: str, fragments: list[str]) -> None:
    with pytest.raises(ModelError) as info:
        parse_expression(text, SYMBOLS, where="payoffs.US[0][1]")
    message = str(info.value)
    assert message.startswith("payoffs.US[0][1]: ")
    for fragment in fragments:
        assert fragment in message


def test_unknown_name_suggests_the_closest_declared_name() -> None:
    with pytest.raises(ModelError) as info:
        parse_expression("1 - cots", SYMBOLS, where="payoffs.US[2][3]")
    assert info.value.key == "payoffs.US[2][3]"
    assert info.value.hint == "did you mean 'cost'?"
    with pytest.raises(ModelError) as info:
        parse_expression("xyz", SYMBOLS)
    assert info.value.hint == "declared parameters: c, cost, v"
    with pytest.raises(ModelError) as info:
        parse_expression("xyz", ())
    assert "declare it as [parameters.xyz]" in info.value.hint


@pytest.mark.parametrize(
    ("number", "canonical"),
    [
        pytest.param(7, "7", id="int"),
        pytest.param(-7, "-7", id="negative-int"),
        pytest.param(F(5, 2), "2.5", id="decimal-fraction"),
        pytest.param(F(-1, 3), "-1 / 3", id="fraction"),
        pytest.param(0.1, "0.1", id="float-shortest-decimal"),
        pytest.param(-2.5, "-2.5", id="negative-float"),
        pytest.param(Decimal("1E+2"), "100", id="decimal-object"),
        pytest.param(F(1, 2**70), f"1 / {2**70}", id="long-decimal-as-fraction"),
    ],
)
def test_numbers(number: object, canonical: str) -> None:
    e = parse_expression(number)
    assert str(e) == canonical
    assert e.evaluate({}) == F(repr(number) if isinstance(number, float) else number)
    assert parse_expression(canonical) == e


@pytest.mark.parametrize(
    "value", [True, None, [1], {"a": 1}, float("nan"), float("inf"), Decimal("Infinity")]
)
def test_non_numbers(value: object) -> None:
    with pytest.raises(ModelError):
        parse_expression(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "values", "fragment"),
    [
        pytest.param("1 / (c - 1)", {"c": F(1)}, "division by zero in '1 / (c - 1)' at c = 1"),
        pytest.param("c ** -2", {"c": F(0)}, "0 raised to the negative power -2 in"),
        pytest.param("c ** 64", {"c": F(10**200)}, "power too large"),
        pytest.param("c + v", {"c": F(1)}, "no value for parameter 'v'"),
    ],
)
def test_evaluation_errors_name_the_values(text: str, values: dict, fragment: str) -> None:
    with pytest.raises(ModelError) as info:
        parse_expression(text, SYMBOLS).evaluate(values)
    assert fragment in str(info.value)


def test_symbols_and_sympy() -> None:
    import sympy

    e = parse_expression("(v - cost) / 2 + c ** -1", SYMBOLS)
    assert e.symbols == frozenset({"v", "cost", "c"})
    c, v, cost = (sympy.Symbol(n, real=True) for n in ("c", "v", "cost"))
    assert sympy.simplify(e.to_sympy() - ((v - cost) / 2 + 1 / c)) == 0
    assert all(s.is_real for s in e.to_sympy().free_symbols)
    assert parse_expression("1/3").to_sympy() == sympy.Rational(1, 3)
    assert parse_expression("2.5").to_sympy() == sympy.Rational(5, 2)


def test_equality_is_structural() -> None:
    assert parse_expression("1 + c", SYMBOLS) != parse_expression("c + 1", SYMBOLS)
    assert parse_expression("2.50") == parse_expression("2.5")
    assert parse_expression("(c)", SYMBOLS) == parse_expression("c", SYMBOLS)
    assert repr(parse_expression("c*2", SYMBOLS)) == "Expression('c * 2')"


def test_canonical_text_within_length_limit_or_rejected() -> None:
    # A dense input whose spaced-out canonical form would exceed the limit is refused, so that
    # every accepted expression can be written out and read back.
    def balanced(n: int) -> str:
        if n == 1:
            return "c"
        half = balanced(n // 2)
        return f"{half}+({half})" if n > 2 else "c+c"

    text = balanced(512)
    assert len(text) < MAX_LENGTH
    with pytest.raises(ModelError, match="too long when written out"):
        parse_expression(text, SYMBOLS)


# ---------------------------------------------------------------------- property tests
# Random expression trees over a grammar that mixes allowed and forbidden constructs. Each
# tree carries whether it is allowed and, computed here independently, its exact value.
_ALLOWED_LEAVES = st.one_of(
    st.integers(0, 1000).map(lambda n: (str(n), True, F(n))),
    st.sampled_from(["2.5", "0.125", "1e3", ".5", "3.", "7E-2"]).map(
        lambda t: (t, True, F(Decimal(t)))
    ),
    st.sampled_from(["c", "v", "cost"]).map(lambda n: (n, True, VALUES[n])),
)
_FORBIDDEN_LEAVES = st.sampled_from(
    ["zz", "'x'", "True", "None", "1j", "0x10", "gt_sentinel", "__import__", "[]", "{}"]
).map(lambda t: (t, False, None))


def _unary(child: tuple) -> st.SearchStrategy:
    text, ok, value = child
    return st.sampled_from(["-", "+", "~", "not "]).map(
        lambda op: (
            f"{op}({text})",
            ok and op in "-+",
            None
            if value is None or op not in "-+"
            else (value if value == ERR or op == "+" else -value),
        )
    )


def _binary(pair: tuple) -> st.SearchStrategy:
    (lt, lok, lv), (rt, rok, rv) = pair

    def build(op: str) -> tuple:
        ok = lok and rok and op in ("+", "-", "*", "/")
        value = None
        if ok:
            if ERR in (lv, rv) or (op == "/" and rv == 0):
                value = ERR
            elif op == "+":
                value = lv + rv
            elif op == "-":
                value = lv - rv
            elif op == "*":
                value = lv * rv
            else:
                value = lv / rv
        return (f"({lt}) {op} ({rt})", ok, value)

    return st.sampled_from(["+", "-", "*", "/", "%", "//", "<", "@"]).map(build)


def _power(child: tuple) -> st.SearchStrategy:
    text, ok, value = child

    def build(n: int) -> tuple:
        out = f"({text}) ** ({n})"
        if not ok:
            return (out, False, None)
        if value == ERR or (value == 0 and n < 0):
            return (out, True, ERR)
        bits = max(value.numerator.bit_length(), value.denominator.bit_length()) * abs(n)
        if bits > MAX_POWER_BITS:  # refused by the evaluator, as documented
            return (out, True, ERR)
        return (out, True, value**n)

    return st.integers(-3, 3).map(build)


def _wrapped(child: tuple) -> st.SearchStrategy:
    text = child[0]
    return st.sampled_from(
        [
            f"gt_sentinel({text})",
            f"({text}).real",
            f"({text})[0]",
            f"(lambda: gt_sentinel())({text})",
            f"({text}) if c else 1",
            f"[gt_sentinel() for _ in ({text},)]",
            f"({text}).__class__.__bases__",
        ]
    ).map(lambda t: (t, False, None))


_TREES = st.recursive(
    st.one_of(_ALLOWED_LEAVES, _ALLOWED_LEAVES, _FORBIDDEN_LEAVES),
    lambda children: st.one_of(
        children.flatmap(_unary),
        st.tuples(children, children).flatmap(_binary),
        st.tuples(children, children).flatmap(_binary),
        children.flatmap(_power),
        children.flatmap(_wrapped),
    ),
    max_leaves=8,
)


@pytest.fixture
def sentinel(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A builtin function that records calls: if any expression ran, it would be called."""
    calls: list[object] = []
    monkeypatch.setattr(builtins, "gt_sentinel", lambda *a: calls.append(a), raising=False)
    return calls


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_TREES)
def test_random_trees(sentinel: list[object], tree: tuple) -> None:
    text, allowed, value = tree
    try:
        e = parse_expression(text, SYMBOLS, where="k")
    except ModelError as exc:
        assert not allowed, text
        assert exc.key == "k"
        return
    assert allowed, text
    assert isinstance(e, Expression)
    if value == ERR:
        with pytest.raises(ModelError):
            e.evaluate(VALUES)
    else:
        assert e.evaluate(VALUES) == value
        again = parse_expression(str(e), SYMBOLS)
        assert again == e
        assert again.evaluate(VALUES) == value
    assert not sentinel


@settings(max_examples=40, deadline=None)
@given(_TREES.filter(lambda t: t[1] and t[2] != ERR))
def test_random_trees_agree_with_sympy(tree: tuple) -> None:
    import sympy

    text, _, value = tree
    e = parse_expression(text, SYMBOLS)
    substituted = e.to_sympy().subs(
        {
            sympy.Symbol(n, real=True): sympy.Rational(v.numerator, v.denominator)
            for n, v in VALUES.items()
        }
    )
    assert substituted == sympy.Rational(value.numerator, value.denominator)


@settings(max_examples=500, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.text(max_size=60),
        st.text(alphabet="0123456789.eE+-*/() cv_[]{}'\",:=<>!%@~^&|#\\\n\t\x00jxbl", max_size=60),
    )
)
def test_random_strings_raise_only_model_error(sentinel: list[object], text: str) -> None:
    try:
        e = parse_expression(text, SYMBOLS)
    except ModelError:
        return
    assert parse_expression(str(e), SYMBOLS) == e
    with contextlib.suppress(ModelError):
        e.evaluate(VALUES)
    assert not sentinel


def test_no_code_runs(tmp_path, sentinel: list[object]) -> None:
    target = tmp_path / "pwned"
    payloads = [
        f"__import__('pathlib').Path({str(target)!r}).touch()",
        "gt_sentinel()",
        "(lambda: gt_sentinel())()",
        "[gt_sentinel() for x in (1,)]",
        "().__class__.__base__.__subclasses__()",
        "c.__class__.__init__.__globals__",
        "(yield gt_sentinel())",
    ]
    for payload in payloads:
        with pytest.raises(GameError):
            parse_expression(payload, SYMBOLS | {"gt_sentinel"})
    assert not target.exists()
    assert not sentinel


def test_evaluate_keeps_int_and_float_values_exact() -> None:
    e = parse_expression("c / v", SYMBOLS)
    assert e.evaluate({"c": 1, "v": 3}) == F(1, 3)
    assert e.evaluate({"c": 0.1, "v": 1}) == F(1, 10)
    with pytest.raises(GameError):
        e.evaluate({"c": float("nan"), "v": 1})
