"""Every command with every ``--format`` on every built-in model: exit 0, no traceback.

A crash such as ``sweep chicken --format latex`` ending in an ``AttributeError`` (issue 8,
point 8) cannot come back unnoticed: the matrix has one case per (command, format, model).
Commands that cannot apply to a model (``sweep`` of a model without parameters) must say so
in one error line, exit 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from gametheory.models import builtin_models, load_model

MODELS = [name for name, _ in builtin_models()]
REPORT_FORMATS = ("text", "json", "markdown", "latex", "csv")
SENSITIVITY_FORMATS = ("text", "json", "markdown", "latex")
#: Models whose every analysis takes seconds to tens of seconds (8x8 with 15 parameters; the
#: ultimatum's reduced form with 3,589 extreme equilibria): one format each,
#: and sensitivity in one parameter, so that the matrix stays within the CI budget.
HEAVY = {"us-russia-tracks": ["-p", "t"], "ultimatum": []}


def _refused(command: str, name: str) -> bool:
    """Where a command does not apply to a model and must say so in one line, exit 1."""
    model = load_model(name)
    if getattr(model, "is_bayesian", False):
        return command in ("analyze", "plot", "convert")
    if command == "plot" and not getattr(model, "is_tree", False):
        return model.game().n_players != 2
    if command == "sweep":
        return not model.parameters or getattr(model, "is_tree", False)
    if command == "sensitivity" and getattr(model, "is_tree", False):
        return not model.game().is_perfect_information
    return False


def _sweep_args(name: str) -> list[str]:
    model = load_model(name)
    if not model.parameters:
        return ["-p", "c=0:1:3"]
    parameter, spec = next(iter(model.parameters.items()))
    stop = spec.value + 1 if spec.high is None else min(spec.value + 1, spec.high)
    start = spec.value if stop > spec.value else spec.low
    return ["-p", f"{parameter}={start}:{stop}:3"]


def _cases() -> list[pytest.param]:
    cases = []
    for model in MODELS:
        heavy = model in HEAVY
        for fmt in REPORT_FORMATS[:1] if heavy else REPORT_FORMATS:
            for command in ("solve", "show", "analyze"):
                cases.append(
                    pytest.param([command, model, "-f", fmt], id=f"{command}-{fmt}-{model}")
                )
            cases.append(pytest.param(["sweep", model, "-f", fmt, *_sweep_args(model)],
                                      id=f"sweep-{fmt}-{model}"))
        for fmt in SENSITIVITY_FORMATS[:1] if heavy else SENSITIVITY_FORMATS:
            cases.append(pytest.param(["sensitivity", model, "-f", fmt, *HEAVY.get(model, [])],
                                      id=f"sensitivity-{fmt}-{model}"))
        cases.append(pytest.param(["show", model, "--explain", "-f", "latex"],
                                  id=f"show-explain-latex-{model}"))
        cases.append(pytest.param(["validate", model], id=f"validate-{model}"))
    for fmt in REPORT_FORMATS:
        cases.append(pytest.param(["models", "-f", fmt], id=f"models-{fmt}"))
    return cases


@pytest.mark.parametrize("args", _cases())
def test_command_format_model(args: list[str]) -> None:
    result = CliRunner().invoke(cli.cli, args)
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    if result.exit_code == 1:
        # Only where the command does not apply: one line saying why.
        assert _refused(args[0], args[1]), result.output
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
        return
    assert result.exit_code == 0, result.output
    assert result.stdout
    if "json" in args:
        json.loads(result.stdout)


@pytest.mark.parametrize("model", MODELS)
def test_convert_and_plot(model: str, tmp_path: Path) -> None:
    if _refused("convert", model):
        result = CliRunner().invoke(cli.cli, ["convert", model, str(tmp_path / "m.toml")])
        assert result.exit_code == 1 and result.stderr.startswith("Error: "), result.output
        return
    for suffix in (".toml", ".nfg"):
        result = CliRunner().invoke(cli.cli, ["convert", model, str(tmp_path / f"m{suffix}")])
        assert result.exit_code == 0, result.output
    pytest.importorskip("matplotlib")
    result = CliRunner().invoke(cli.cli, ["plot", model, "-o", str(tmp_path / "f.png")])
    if _refused("plot", model):
        # Figures are of two-player games: one line that says so, and no file.
        assert result.exit_code == 1 and result.stderr.startswith("Error: "), result.output
        assert not (tmp_path / "f.png").exists()
        return
    assert result.exit_code == 0, result.output
    assert (tmp_path / "f.png").read_bytes().startswith(b"\x89PNG")
