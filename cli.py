"""The ``gametheory`` command line: a thin layer of click over the gametheory library.

Each command parses its options, loads the model, calls the library and writes what the
library formatted (``gametheory.report``, ``gametheory.plot``). Only click is imported at
start-up; the library, and with it numpy, is imported inside the commands, and scipy, sympy,
nashpy and matplotlib only by the commands and methods that need them.

Exit codes: 0 success; 1 bad input (a model or game file, a model name, a parameter or payoff
named on the command line); 2 bad usage (unknown command or option, malformed option value);
3 the solver did not finish (its status is "failed"); 130 interrupted (Ctrl-C). Errors are
one line on stderr.

New commands are added with ``@cli.command()`` and reuse the shared options below
(``model_options``, ``output_options``, ``format_options``, ``method_option``, ``param_option``,
``set_option``, ``plot_option``, ``dpi_option``). Parsing option values and checking them is
the library's (pure functions such as ``gametheory.models.edits.parse_edit`` and
``gametheory.io.outputs.check_target``); ``_library`` turns their GameError into a usage error.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from gametheory.models.edits import Edit, Loaded

# The command line solves small games: one BLAS thread is plenty, and starting OpenBLAS's pool
# of threads when numpy is imported costs more than the rest of `gametheory solve` on a busy
# machine. A value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__all__ = ["EXIT_INPUT", "EXIT_INTERRUPT", "EXIT_SOLVER", "EXIT_USAGE", "cli", "main"]

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_SOLVER = 3
#: The most samples `robustness` draws in one run.
MAX_SAMPLES = 100_000_000
#: Interrupted by Ctrl-C (128 + SIGINT, as shells report it).
EXIT_INTERRUPT = 130

#: The output formats (gametheory.report.FORMATS; repeated here so that --help needs no numpy).
FORMATS = ("text", "json", "markdown", "latex", "csv")
#: The solver methods (gametheory.solve.METHODS), for --help and completion.
METHODS = (
    "exact",
    "pure",
    "support-enumeration",
    "vertex-enumeration",
    "lemke-howson",
    "zero-sum",
    "gnm",
    "simpdiv",
    "spe",
    "backward-induction",
    "pbe",
)


class SolverFailed(click.ClickException):
    """A solver did not finish (status "failed")."""

    exit_code = EXIT_SOLVER


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


#: Each command's page in the documentation (docs/, built into the site with the same names);
#: a command not listed points to its section of docs/commands.md.
DOCS = {
    "robustness": "docs/robustness.md",
    "sensitivity": "docs/sensitivity.md",
    "sweep": "docs/sensitivity.md",
    "ordinal": "docs/ordinal.md",
    "stackelberg": "docs/concepts.md#commitment-stackelberg",
    "bargain": "docs/concepts.md#bargaining",
    "repeated": "docs/concepts.md#repeated-play",
    "correlated": "docs/concepts.md#correlated-equilibria",
    "qre": "docs/concepts.md#noisy-players-logit-qre",
}


def _split_examples(text: str) -> tuple[str, str]:
    """A command's help text split into its description and its examples block."""
    for marker in ("\b\nExamples:", "\b\nExample:"):
        head, sep, tail = text.partition(marker)
        if sep:
            return head.rstrip(), (sep + tail).strip()
    return text, ""


def _or(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


class _Command(click.Command):
    """A command whose --help ends with its examples and a pointer to its documentation page.

    The help text is written with its examples after the description; they are printed after
    the options. ``--force`` says which of the command's outputs it lets overwrite a model
    file, and the command list shows ``short_help`` (else the whole first sentence).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.short_help and self.help:
            first = inspect.cleandoc(self.help).split("\n\n")[0]
            self.short_help = " ".join(first.split(". ")[0].split()).rstrip(".") + "."
        options = {name for param in self.params for name in param.opts}
        targets = [name for name in ("-o", "--save", "--plot") if name in options]
        for param in self.params:
            if param.name == "force" and targets and self.name != "report":
                param.help = f"Allow {_or(targets)} to overwrite an existing model file."

    @property
    def documentation(self) -> str:
        """The documentation page of this command (a path under docs/, with its section)."""
        return DOCS.get(self.name or "", f"docs/commands.md#{self.name}")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = _split_examples(inspect.cleandoc(self.help or ""))[0]
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        examples = _split_examples(inspect.cleandoc(self.help or ""))[1]
        for text in (examples, f"Documentation: {self.documentation}"):
            if text:
                formatter.write_paragraph()
                with formatter.indentation():
                    formatter.write_text(text)


class _Group(click.Group):
    """A click group whose every error is one line on stderr, with a documented exit code."""

    command_class = _Command

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            message = exc.format_message().rstrip()
            if exc.ctx is not None:
                message += ("" if message.endswith((".", "?", "!")) else ".") + (
                    f" Try '{exc.ctx.command_path} --help'."
                )
            code = _fail(message, exc.exit_code)
        except click.ClickException as exc:
            code = _fail(exc.format_message(), exc.exit_code)
        except UnicodeDecodeError as exc:
            code = _fail(f"cannot read the input: not UTF-8 text ({exc.reason})", EXIT_INPUT)
        except click.Abort:
            code = _fail("aborted", EXIT_INPUT)
        except BrokenPipeError:
            # The reader (e.g. `head`) went away: not an error of ours.
            sys.stderr.close()
            code = 0
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            code = _fail(f"{where}{exc.strerror or exc}", EXIT_INPUT)
        except ValueError as exc:
            # A GameError can only come from the library, so its module is loaded by then;
            # looking it up here keeps `--help` and completion free of numpy.
            errors = sys.modules.get("gametheory.errors")
            if errors is not None and isinstance(exc, errors.GameError):
                if exc.key == "method":  # the library's name for what the CLI calls --method
                    exc.key = "--method"
                code = _fail(str(exc), EXIT_INPUT)
            elif "integer string conversion" in str(exc):
                # A safety net: gametheory formats integers of any size (numbers.format_int).
                code = _fail("a number has too many digits to print (Python's limit of 4300)",
                             EXIT_INPUT)
            else:
                raise
        except OverflowError:
            # A safety net: floats are converted through gametheory.numbers.to_float.
            code = _fail("a number is beyond the range of floating-point numbers; the exact "
                         "methods still work", EXIT_INPUT)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # Ctrl-C: one line, no traceback (click would print a blank line and "Aborted!");
            # files are written atomically, so none is left half written.
            raise Interrupted("interrupted") from None


class Interrupted(click.ClickException):
    """Ctrl-C during a command."""

    exit_code = EXIT_INTERRUPT


def _fail(message: str, code: int) -> int:
    click.echo(f"Error: {_one_line(message)}", err=True)
    return code


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from gametheory import __version__

    click.echo(f"gametheory {__version__}")
    ctx.exit()


@click.group(
    name="gametheory",
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Exact game-theoretic analysis of negotiations: every equilibrium, certified.

    MODEL is a built-in model name (see `gametheory models`), a model file (.toml) or a
    Gambit file (.nfg, .efg). --param NAME=VALUE sets a parameter in every command.

    \b
    Examples:
      gametheory models
      gametheory solve us-russia
      gametheory solve us-russia-2x2 --set "US:pressure,hard_demand=3" --format markdown
      gametheory analyze prisoners-dilemma
      gametheory plot chicken -o chicken.png

    Exit codes: 0 ok, 1 bad input, 2 bad usage, 3 the solver did not finish, 130 interrupted.

    Limits (the number policy): numbers have at most 1000 digits in a numerator or
    denominator and a decimal exponent of at most 1000; input files at most 10,000,000 bytes.

    Documentation: docs/index.md, and each command's page at the end of its --help.
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


# --------------------------------------------------------------------------- shared options
SET_HELP = (
    "Change a payoff: 'PLAYER:S1,S2=VALUE' sets PLAYER's payoff where the players play "
    "S1, S2; 'S1,S2=V1,V2' sets the whole cell, one value per player. Values are numbers or "
    "expressions in the parameters. Repeatable. Example: --set 'US:pressure,hard_demand=3'."
)

#: Names that moved to the library, still importable from here (without importing the
#: library at start-up).
_MOVED = {
    "Edit": "gametheory.models.edits",
    "Loaded": "gametheory.models.edits",
    "apply_edits": "gametheory.models.edits",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _library(function: Callable[..., Any], *args: Any, hint: str | None = None,
             usage: bool = False, detail: bool = False) -> Any:
    """Call a library parser or check; its GameError becomes a usage error (exit code 2).

    click.BadParameter (in an option's callback, ``hint`` naming the option elsewhere), or
    with ``usage`` click.UsageError; ``detail`` adds the error's hint to its message.
    """
    from gametheory.errors import GameError

    try:
        return function(*args)
    except GameError as exc:
        message = f"{exc.message} ({exc.hint})" if detail else exc.message
        if usage:
            raise click.UsageError(message) from None
        raise click.BadParameter(message, param_hint=hint) from None


def parse_edit(spec: str) -> Edit:
    """Parse a ``--set`` specification (gametheory.models.edits.parse_edit, errors as click's)."""
    from gametheory.models.edits import parse_edit as parse

    return _library(parse, spec, hint="'--set'")


def _parse_params(
    _ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]
) -> dict[str, str]:
    from gametheory.models.edits import parse_values

    return _library(parse_values, value)


def _parse_param_options(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> Any:
    """sensitivity's and sweep's --param: values, and the older spellings of --vary and --grid."""
    from gametheory.sensitivity.options import command_param_options

    options = _library(command_param_options, value, ctx.info_name)
    grids = _parse_grid_option(ctx, param, options.grids)
    return options.values, options.names, grids


def _parse_sets(
    _ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]
) -> tuple[Edit, ...]:
    return tuple(parse_edit(spec) for spec in value)


def _check_method(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None or value in METHODS:
        return value
    from gametheory.errors import did_you_mean

    raise click.BadParameter(f"unknown method {value!r} ({did_you_mean(value, METHODS)})")


def _complete_models(
    _ctx: click.Context, _param: click.Parameter, incomplete: str
) -> list[Any]:
    from click.shell_completion import CompletionItem

    from gametheory.models import builtin_models

    names = [name for name, _ in builtin_models() if name.startswith(incomplete)]
    return [CompletionItem(name) for name in names] + [CompletionItem(incomplete, type="file")]


def _stack(*decorators: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def apply(function: Any) -> Any:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


#: The MODEL argument (completed with the built-in models' names).
model_argument = click.argument("model", metavar="MODEL", shell_complete=_complete_models)


def param_option(
    help: str = "Set a parameter of the model (repeatable). Example: --param c=2",
) -> Callable[[Any], Any]:
    """--param NAME=VALUE (repeatable): the parameters' values, as a dict."""
    return click.option("--param", "-p", "params", metavar="NAME=VALUE", multiple=True,
                        callback=_parse_params, help=help)


set_option = click.option("--set", "-s", "edits", metavar="SPEC", multiple=True,
                          callback=_parse_sets, help=SET_HELP)
#: sweep's and sensitivity's --at (an older spelling of --param NAME=VALUE).
at_option = click.option("--at", "at", metavar="NAME=VALUE", multiple=True,
                         callback=_parse_params,
                         help="The same as --param NAME=VALUE (an older spelling).")


def plot_option(help: str) -> Callable[[Any], Any]:
    """--plot FIG: also draw a figure (its format from the suffix)."""
    return click.option("--plot", "plot_file", metavar="FIG", type=click.Path(dir_okay=False),
                        help=help)


#: --force; its help names the outputs of each command (_Command).
force_option = click.option("--force", is_flag=True,
                            help="Allow -o/--save to overwrite an existing model file.")
standalone_option = click.option("--standalone", is_flag=True,
                                 help="LaTeX: a whole document that compiles as it is.")


def format_options(formats: Sequence[str] = FORMATS,
                   output: str = "Write to FILE (atomically) instead of standard output.") -> Any:
    """--format, -o, --force and --standalone: the output of commands without --decimals."""
    return _stack(
        click.option("--format", "-f", "fmt", type=click.Choice(formats),
                     help="Output format [default: from the suffix of -o, else text]."),
        click.option("--output", "-o", metavar="FILE", type=click.Path(dir_okay=False),
                     help=output),
        force_option,
        standalone_option,
    )


#: MODEL, --param, --set and --save: what every command that reads a model takes.
model_options = _stack(
    model_argument,
    param_option(),
    set_option,
    click.option("--save", metavar="FILE", type=click.Path(dir_okay=False),
                 help="Also write the model, with the --param and --set changes, to FILE (TOML)."),
)

#: --format, --decimals, -o, --force, --standalone, --sgame: every command that prints results.
output_options = _stack(
    click.option("--format", "-f", "fmt", type=click.Choice(FORMATS),
                 help="Output format [default: from the suffix of -o (.json, .md, .tex, .csv), "
                 "else text]."),
    click.option("--decimals", "-d", type=click.IntRange(0, 30), metavar="N",
                 help="Write numbers with N decimals (0 to 30) instead of exact fractions."),
    click.option("--output", "-o", metavar="FILE", type=click.Path(dir_okay=False),
                 help="Write to FILE (atomically) instead of standard output."),
    force_option,
    standalone_option,
    click.option("--sgame", is_flag=True,
                 help=r"LaTeX: the payoff table in sgame's \begin{game}."),
)

method_option = click.option(
    "--method", "-m", metavar="NAME", callback=_check_method,
    help="Solver: " + ", ".join(METHODS) + " [default: exact] (spe for game trees).",
)


# --------------------------------------------------------------------------- helpers
def load(model: str, params: dict[str, str], edits: Sequence[Edit]) -> Loaded:
    """Load MODEL and apply --set and --param."""
    from gametheory.models.edits import edited_model, evaluate

    loaded = edited_model(model, edits, click.get_current_context().info_name)
    _echo_notes(loaded)
    return evaluate(loaded, params, edits)


def _echo_notes(model: Any) -> None:
    """How the model differs from its file (e.g. repeated .nfg labels), on one stderr line."""
    notes = getattr(model, "reading_notes", ())
    if notes:
        click.echo("Note: " + _one_line("; ".join(notes)), err=True)


def check_target(
    path: str, *, force: bool = False, inputs: Sequence[str] = (), model: bool = False
) -> None:
    """gametheory.io.outputs.check_target: refuse to overwrite the input or a model file."""
    from gametheory.io.outputs import check_target as check

    check(path, force=force, inputs=inputs, model=model)


def _check_outputs(targets: Sequence[str | None], *, force: bool, model: Any) -> None:
    """check_target for each output, never the model's file, and no two of them the same."""
    from gametheory.io.outputs import check_outputs
    from gametheory.models.edits import model_inputs

    check_outputs(targets, force=force, inputs=model_inputs(model))


def write_output(text: str | bytes, output: str | None) -> None:
    """Echo the output, or write it to a file atomically (all or nothing)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from gametheory.report import atomic_write

    atomic_write(output, text)


def finish(
    loaded: Loaded, text: str | bytes, output: str | None, save: str | None, force: bool
) -> None:
    """Write the output and the --save model, after checking both targets (nothing half-done)."""
    from gametheory.report import check_distinct_outputs

    check_distinct_outputs([output, save])
    if output is not None:
        check_target(output, force=force, inputs=loaded.inputs)
    if save is not None:
        check_target(save, force=force, inputs=loaded.inputs, model=True)
        write_output(loaded.model_at_values.to_toml(), save)
    write_output(text, output)


def _format(fmt: str | None, output: str | None, standalone: bool = False,
            sgame: bool = False) -> str:
    """--format, else the format of -o's suffix; --standalone and --sgame need LaTeX."""
    if fmt is None:
        from gametheory.report import format_for_path

        fmt = format_for_path(output)
    from gametheory.io.outputs import check_latex_flags

    _library(check_latex_flags, fmt, standalone, sgame, usage=True)
    return fmt


def _figure_format(path: str, param_hint: str) -> str:
    """The figure format named by a file's suffix (png, pdf or svg), or a usage error."""
    from gametheory.io.outputs import figure_format

    return _library(figure_format, path, hint=param_hint)


dpi_option = click.option(
    "--dpi", type=click.IntRange(10, 2400), metavar="N",
    help="Resolution of a PNG figure in dots per inch (10 to 2400) [default: 150 for plot, "
    "200 for the other figures].",
)


def _check_dpi(dpi: int | None, figure_format: str | None) -> None:
    from gametheory.io.outputs import check_dpi

    _library(check_dpi, dpi, figure_format, usage=True)


@contextlib.contextmanager
def _option_named(option: str) -> Iterator[None]:
    """Library errors inside name the command-line option (the library says ``parameter``)."""
    errors = sys.modules.get("gametheory.errors")
    try:
        yield
    except ValueError as exc:
        if errors is not None and isinstance(exc, errors.GameError) and (
                exc.key is None or exc.key.startswith("parameter")):
            exc.key = option
        raise


def _solve(game: Any, method: str | None,
           progress: Callable[[int, int | None, int], Any] | None = None) -> Any:
    from gametheory import solve

    if progress is None:
        return _finished(solve(game, method))
    try:
        return _finished(solve(game, method, progress=progress))
    finally:
        if getattr(progress, "open_line", False):  # end the progress line before the result
            click.echo("", err=True)
        if getattr(progress, "pending", None):  # the last state, if not yet written
            click.echo(progress.pending, err=True)


def _finished(result: Any) -> Any:
    """The solver's result, or SolverFailed (exit code 3) if it did not finish."""
    if result.status == "failed":
        raise SolverFailed(f"the {result.method} solver did not finish: {result.message}")
    return result


def _search_progress(
    enabled: bool | None,
) -> Callable[[int, int | None, int | None], None] | None:
    """A progress line on stderr for long exact searches (a terminal, or --progress): N-player
    support profiles (``total`` known), or a large two-player game's polytope vertices
    (``total`` None: the line ends when the command writes its result, see :func:`_solve`)."""
    import time

    from gametheory.report import progress_text

    tty = sys.stderr.isatty()
    if enabled is False or (enabled is None and not tty):
        return None
    last = [0.0]

    def report(tried: int, total: int | None, found: int | None) -> None:
        text = progress_text(tried, total, found)
        if tty:  # one line, rewritten in place
            end = "\n" if tried == total else ""
            click.echo("\r" + text, err=True, nl=False)
            click.echo(end, err=True, nl=False)
            report.open_line = not end
        elif tried in (0, total) or time.monotonic() - last[0] >= 1:
            last[0] = time.monotonic()
            click.echo(text, err=True)
            report.pending = None
        else:  # written at the end if nothing follows (:func:`_solve`)
            report.pending = text

    report.open_line = False
    report.pending = None
    return report


# --------------------------------------------------------------------------- commands
@cli.command(short_help="Every Nash equilibrium, exact and certified.")
@model_options
@method_option
@output_options
@click.option("--progress/--no-progress", default=None,
              help="Report the search's progress on stderr: support profiles tried (exact "
                   "N-player search), polytope vertices visited (two-player games from 19 "
                   "strategies a side) or constraints added (from 13), and equilibria found "
                   "[default: when stderr is a terminal].")
def solve(model: str, params: dict[str, str], edits: tuple[Edit, ...], save: str | None,
          method: str | None, fmt: str | None, decimals: int | None, output: str | None,
          force: bool, standalone: bool, sgame: bool, progress: bool | None) -> None:
    """Find every Nash equilibrium of MODEL, exactly.

    Prints the payoff table (best responses marked *, pure equilibria in [ ]), every
    equilibrium with its payoffs, and the components (continua) of equilibria.

    Ctrl-C during an N-player search, or the streamed search of a two-player game with 19 or
    more strategies a side (bounded memory, slower per vertex, no total known in advance),
    prints the equilibria certified so far, marked incomplete, and exits with status 130.

    \b
    Examples:
      gametheory solve us-russia
      gametheory solve us-russia --param d=2 --format json
      gametheory solve chicken --set "Driver 1:swerve,straight=-2" --save my-chicken.toml
      gametheory solve game.nfg --method lemke-howson --decimals 3
      gametheory solve us-russia-2x2 --format latex --standalone -o table.tex
      gametheory solve stag-hunt-3 --progress
    """
    from gametheory.result import SolveInterrupted

    fmt = _format(fmt, output, standalone, sgame)
    loaded = load(model, params, edits)
    try:
        result, interrupted = _solve(loaded.game, method, _search_progress(progress)), False
    except SolveInterrupted as stop:
        result, interrupted = stop.result, True
        click.echo("Interrupted: the result lists the equilibria certified so far; others may "
                   "exist.", err=True)
    from gametheory.report import format_solve

    text = format_solve(
        result, fmt, decimals=decimals, standalone=standalone, sgame=sgame, **loaded.heading,
        notes=getattr(loaded.model, "reading_notes", ()),
    )
    finish(loaded, text, output, save, force)
    if interrupted:
        raise click.exceptions.Exit(EXIT_INTERRUPT)


@cli.command(short_help="Strategies, parameters and payoff tables of a model.")
@model_options
@click.option(
    "--explain", is_flag=True, help="Also show each outcome's ranks, their reasons and sources."
)
@output_options
def show(model: str, params: dict[str, str], edits: tuple[Edit, ...], save: str | None,
         explain: bool, fmt: str | None, decimals: int | None, output: str | None, force: bool,
         standalone: bool, sgame: bool) -> None:
    """Show MODEL: its strategies, parameters and payoff tables.

    \b
    Examples:
      gametheory show us-russia-2x2
      gametheory show us-russia --explain
      gametheory show chicken --format latex --sgame
    """
    fmt = _format(fmt, output, standalone, sgame)
    loaded = load(model, params, edits)
    from gametheory.report import format_model

    text = format_model(
        loaded.model, fmt, values=loaded.values or None, explain=explain, decimals=decimals,
        standalone=standalone, sgame=sgame, notes=getattr(loaded.model, "reading_notes", ()),
    )
    finish(loaded, text, output, save, force)


@cli.command(short_help="List the built-in models.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), help="Output format.")
def models(fmt: str | None) -> None:
    """List the built-in models.

    \b
    Example:
      gametheory models
    """
    from gametheory.models import builtin_models
    from gametheory.report import format_models

    click.echo(format_models(builtin_models(), fmt or "text"), nl=False)


@cli.command(short_help="Check model files: every problem, one per line.")
@click.argument("files", metavar="FILE...", nargs=-1, required=True,
                type=click.Path(dir_okay=False))
def validate(files: tuple[str, ...]) -> None:
    """Check model files and report every problem, one per line.

    Prints FILE: ok for a valid model (.toml or .nfg); else each problem as
    file:line: key: message. Exit code 0 if every file is valid, 1 if any has problems.

    \b
    Examples:
      gametheory validate my-model.toml
      gametheory validate my-model.toml my-other-model.toml
    """
    from gametheory.models import validate_model_file

    failed = False
    for file in files:
        problems = validate_model_file(file)
        if not problems:
            click.echo(f"{file}: ok")
        for problem in problems:
            click.echo(_one_line(str(problem)))
        failed = failed or bool(problems)
    if failed:
        raise SystemExit(EXIT_INPUT)


@cli.command(short_help="Convert between .toml and Gambit's .nfg and .efg.")
@click.argument("source", metavar="IN", shell_complete=_complete_models)
@click.argument("target", metavar="OUT", type=click.Path(dir_okay=False))
@param_option()
@set_option
@click.option("--force", is_flag=True, help="Allow OUT to overwrite an existing model file.")
def convert(
    source: str, target: str, params: dict[str, str], edits: tuple[Edit, ...], force: bool
) -> None:
    """Convert a model between .toml and Gambit's .nfg and .efg (parameters substituted).

    IN is a built-in model name or a .toml, .nfg or .efg file; the suffix of OUT chooses the
    format. A game tree converts to .efg, to .toml, or to .nfg (its reduced strategic form).

    \b
    Examples:
      gametheory convert us-russia us-russia.nfg
      gametheory convert game.nfg game.toml
      gametheory convert us-russia us-russia-d2.nfg --param d=2
      gametheory convert entry-deterrence entry.efg
      gametheory convert entry-deterrence entry-reduced.nfg
    """
    from gametheory.io.convert import conversion_suffix, converted_text

    _library(conversion_suffix, target, hint="'OUT'")
    loaded = load(source, params, edits)
    text = converted_text(loaded, target)
    check_target(target, force=force, inputs=loaded.inputs)
    write_output(text, target)


def _parse_concepts(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    from gametheory.concepts.summary import parse_concepts

    return None if value is None else _library(parse_concepts, value, detail=True)


@cli.command(short_help="Equilibria, Pareto efficiency, dominance, security levels.")
@model_options
@method_option
@output_options
@click.option("--concepts", metavar="LIST", callback=_parse_concepts,
              help="Only these concepts beyond Nash, comma-separated: selection, correlated, "
              "qre, commitment, bargaining, repeated; or none [default: all that apply].")
def analyze(model: str, params: dict[str, str], edits: tuple[Edit, ...], save: str | None,
            method: str | None, fmt: str | None, decimals: int | None, output: str | None,
            force: bool, standalone: bool, sgame: bool, concepts: frozenset[str] | None) -> None:
    """Analyse MODEL: equilibria, Pareto efficiency, dominance, security levels, value.

    One report with the equilibria and their components, which outcomes and equilibria are
    Pareto-efficient, the strategies eliminated by iterated dominance (in order), each
    player's security (maximin) level, and for a zero-sum game its value.

    For a model whose outcomes carry ranks, the report ends with the ordinal lenses of
    `gametheory ordinal`.

    \b
    Examples:
      gametheory analyze prisoners-dilemma
      gametheory analyze matching-pennies --format markdown
      gametheory analyze us-russia --param d=2 -o report.json
      gametheory analyze us-russia-tracks --concepts correlated,bargaining
    """
    fmt = _format(fmt, output, standalone, sgame)
    loaded = load(model, params, edits)
    from gametheory.report._model_analysis import analyse_model, format_model_analysis

    analysis, title = analyse_model(loaded, method, concepts)
    _finished(analysis.result)
    text = format_model_analysis(loaded, analysis, fmt, title=title, decimals=decimals,
                                 standalone=standalone, sgame=sgame)
    finish(loaded, text, output, save, force)


@cli.command(short_help="Draw a figure: best responses, payoff space or tree.")
@model_options
@method_option
@click.option(
    "--output", "-o", metavar="FIG", required=True, type=click.Path(dir_okay=False),
    help="The figure file: .png, .pdf or .svg.",
)
@click.option(
    "--kind",
    "-k",
    type=click.Choice(["best-response", "payoff-space", "tree"]),
    help="best-response (2x2 games only), payoff-space or tree (game trees, the first "
    "equilibrium's choices marked) [default: tree for trees, best-response for 2x2 games, "
    "else payoff-space].",
)
@click.option("--force", is_flag=True, help="Allow --save to overwrite an existing model file.")
@dpi_option
def plot(model: str, params: dict[str, str], edits: tuple[Edit, ...], save: str | None,
         method: str | None, output: str, kind: str | None, force: bool, dpi: int | None) -> None:
    """Draw a figure of MODEL (needs matplotlib: pip install "gametheory-exact[plot]").

    best-response: both players' best responses on the unit square, equilibria marked (2x2
    games). payoff-space: the pure outcomes' payoffs, their convex hull, the Pareto frontier
    and the equilibria (two-player games). tree: a game tree, information sets dashed, the
    first equilibrium's choices thick.

    \b
    Examples:
      gametheory plot us-russia-2x2 -o br.png
      gametheory plot us-russia --kind payoff-space -o payoffs.pdf
      gametheory plot entry-deterrence --method exact -o tree.svg
    """
    from gametheory.plot import figure_bytes

    figure_format = _figure_format(output, "'--output'")
    _check_dpi(dpi, figure_format)
    loaded = load(model, params, edits)
    result = _solve(loaded.game, method)
    data = figure_bytes(result, kind=kind, format=figure_format, title=loaded.model.title or "",
                        dpi=dpi)
    finish(loaded, data, output, save, force)


def _parse_grid_option(_ctx: click.Context, _param: click.Parameter,
                       value: tuple[str, ...]) -> Any:
    from gametheory.sensitivity import parse_param_grid

    return tuple(_library(parse_param_grid, item) for item in value)


def _load_parametric(model: str, edits: Sequence[Edit]) -> Any:
    from gametheory.models.edits import edited_model
    from gametheory.sensitivity import ParametricGame

    loaded = edited_model(model, edits)
    if getattr(loaded, "is_bayesian", False):  # its ex-ante form, exact in the prior
        return loaded, loaded.parametric_game()
    _echo_notes(loaded)
    if getattr(loaded, "is_tree", False):  # game trees: gametheory.extensive.sensitivity
        return loaded, None
    return loaded, ParametricGame.from_model(loaded)


def _progress(total: int, label: str) -> Any:
    """A click progress bar on stderr for long runs on a terminal, else a no-op callback."""
    import contextlib

    if total < 50 or not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    return click.progressbar(length=total, label=label, file=sys.stderr)


def _callback(bar: Any) -> Any:
    if bar is None:
        return None
    return lambda done, _total: bar.update(done - bar.pos)


def _figure_target(path: str | None, dpi: int | None) -> str | None:
    """The figure format of --plot FILE, checked before any work (suffix, matplotlib, --dpi)."""
    figure_format = None
    if path is not None:
        figure_format = _figure_format(path, "'--plot'")
        from gametheory.plot import require_matplotlib

        require_matplotlib()
    _check_dpi(dpi, figure_format)
    return figure_format


@cli.command(short_help="Solve at every point of a grid of one parameter.")
@model_argument
@click.option(
    "--grid", "-g", "grid", metavar="NAME=START:STOP:COUNT", callback=_parse_grid_option,
    multiple=True,
    help="The parameter to sweep and its grid, both ends included; COUNT at most 10001. "
    "Example: --grid c=0:5:101",
)
@click.option(
    "--param", "-p", "param_options", metavar="NAME=VALUE", multiple=True,
    callback=_parse_param_options,
    help="Fix another parameter at VALUE (repeatable) [default: its value in the model]. "
    "The older spelling --param NAME=START:STOP:COUNT means --grid.",
)
@at_option
@set_option
@plot_option("Also draw each equilibrium's probabilities and payoffs (.png, .svg, .pdf).")
@format_options(output="Write the table to FILE instead of standard output.")
@dpi_option
def sweep(model: str, grid: Any, param_options: Any, at: dict[str, str], edits: tuple[Edit, ...],
          plot_file: str | None, fmt: str | None, output: str | None, force: bool,
          standalone: bool, dpi: int | None) -> None:
    """Solve MODEL exactly at every point of a grid of one parameter.

    Prints every equilibrium at every grid point; --plot draws them against the parameter.

    \b
    Examples:
      gametheory sweep us-russia --grid d=0:10:101
      gametheory sweep us-russia --grid d=0:10:11 --param s=5
      gametheory sweep us-russia-2x2 --grid w=0:4:41 --plot sweep.png --format csv -o sweep.csv
    """
    from gametheory.sensitivity.options import one_grid

    values, _names, grids = param_options
    at, grid = _library(one_grid, at, values, tuple(grid) + grids, usage=True)
    from gametheory.sensitivity import format_sweep, plot_sweep
    from gametheory.sensitivity import sweep as run_sweep

    fmt = _format(fmt, output, standalone)
    figure_format = _figure_target(plot_file, dpi)
    loaded, pg = _load_parametric(model, edits)
    if pg is None:
        from gametheory.errors import GameError

        raise GameError("sweep works on matrix models; for a tree use sensitivity, or solve "
                        "with --param")
    name, values = grid
    with _option_named("--grid"):  # the library names the parameter, not the option
        pg.parameter(name)
    with _option_named(f"--grid {name}"):
        for value in values:
            pg.values({**at, name: value})
    _check_outputs((output, plot_file), force=force, model=loaded)
    with _progress(len(values), f"Solving {len(values)} points") as bar:
        result = run_sweep(pg, name, values, at=at, progress=_callback(bar))
    # Format everything before writing anything: an error leaves no file half-done.
    text = format_sweep(result, fmt, standalone=standalone)
    descriptions = {n: p.description for n, p in getattr(loaded, "parameters", {}).items()}
    figure = (plot_sweep(result, fmt=figure_format, descriptions=descriptions, dpi=dpi)
              if plot_file is not None else None)
    if figure is not None:
        write_output(figure, plot_file)
    write_output(text, output)


@cli.command(short_help="Equilibria as exact formulas in the parameters.")
@model_argument
@click.option(
    "--vary", "names", metavar="NAME", multiple=True,
    help="A parameter to vary (repeatable, at most two: two also draw up the regime map) "
    "[default: each parameter in turn].",
)
@click.option(
    "--param", "-p", "param_options", metavar="NAME=VALUE", multiple=True,
    callback=_parse_param_options,
    help="Set a parameter (repeatable): where the others are fixed, and the point of the "
    "comparative statics [default: the model's values]. The older spelling --param NAME "
    "(no value) means --vary NAME.",
)
@at_option
@set_option
@plot_option("With two --vary: draw the regime map (.png, .svg, .pdf).")
@click.option("--resolution", type=click.IntRange(2, 400), default=41, show_default=True,
              help="Regime map: grid cells per axis (2 to 400).")
@format_options(("text", "json", "latex", "markdown"),
                "Write to FILE instead of standard output.")
@dpi_option
def sensitivity(model: str, names: tuple[str, ...], param_options: Any, at: dict[str, str],
                edits: tuple[Edit, ...], plot_file: str | None, resolution: int, fmt: str | None,
                output: str | None, force: bool, standalone: bool, dpi: int | None) -> None:
    """How the equilibria of MODEL depend on its parameters, exactly.

    For each parameter: the thresholds where the equilibria change and, between them, every
    equilibrium as a formula in the parameter; then the derivatives and elasticities of each
    equilibrium at the parameters' values, and the payoff entries it depends on most.

    \b
    Examples:
      gametheory sensitivity us-russia --vary d
      gametheory sensitivity us-russia --vary d --param s=5 --format json
      gametheory sensitivity us-russia --vary d --vary s --plot map.png
      gametheory sensitivity us-russia-2x2 --param d=3
      gametheory sensitivity us-russia-2x2 --format latex -o sensitivity.tex
    """
    values, old_names, _grids = param_options
    names = tuple(dict.fromkeys(names + old_names))
    try:
        from gametheory.sensitivity.options import merge_values

        at = merge_values(at, values)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    from gametheory.sensitivity import format_report, plot_regime_map
    from gametheory.sensitivity import sensitivity as run_sensitivity

    fmt = _format(fmt, output, standalone)
    figure_format = _figure_target(plot_file, dpi)
    if plot_file is not None and len(names) != 2:
        raise click.UsageError("--plot draws the regime map of two parameters: give two --vary")
    loaded, pg = _load_parametric(model, edits)
    for name in names if pg is not None else ():
        with _option_named("--vary"):
            pg.parameter(name)
    _check_outputs((output, plot_file), force=force, model=loaded)
    if pg is None:
        from gametheory.extensive.sensitivity import analyse_tree_parameter
        from gametheory.report._tree import format_tree_sensitivity

        if plot_file is not None:
            raise click.UsageError("--plot draws regime maps of matrix models only")
        analyses = tuple(analyse_tree_parameter(loaded, n, at) for n in names or loaded.parameters)
        write_output(format_tree_sensitivity(analyses, fmt, standalone=standalone), output)
        return
    total = resolution * resolution if len(names) == 2 else 0
    with _progress(total, "Regime map") as bar:
        report = run_sensitivity(pg, names, at=at, resolution=resolution,
                                 progress=_callback(bar))
    text = format_report(report, fmt, standalone=standalone)
    descriptions = {n: p.description for n, p in getattr(loaded, "parameters", {}).items()}
    figure = (
        plot_regime_map(report.regime_map, fmt=figure_format, descriptions=descriptions, dpi=dpi)
        if plot_file is not None else None
    )
    if figure is not None:
        write_output(figure, plot_file)
    write_output(text, output)



def _parse_distributions(
    _ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]
) -> dict[str, str]:
    from gametheory.models.edits import parse_distribution_options

    return _library(parse_distribution_options, value)


@cli.command(short_help="How robust the equilibria are to open judgements.")
@model_argument
@click.option("--over", type=click.Choice(("ranks", "parameters")),
              help="Sample cardinal values consistent with the ranks, or the parameters "
              "[default: ranks if the model ranks every outcome, else parameters].")
@click.option("--samples", "-n", type=click.IntRange(min=1, max=MAX_SAMPLES), default=10_000,
              show_default=True, metavar="N",
              help="Number of sampled games (a positive integer, at most 100,000,000: the "
              "mixed probabilities of every sample are kept for the quantiles).")
@click.option("--seed", type=click.IntRange(min=0), metavar="S",
              help="Seed of the random numbers (reproduces a run) [default: fresh, reported].")
@click.option("--workers", "-w", type=click.IntRange(min=1), metavar="K",
              help="Local worker processes [default: 1].")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on a Dask distributed scheduler (needs the distributed extra: "
              "pip install 'gametheory-exact[distributed]').")
@click.option("--param-distribution", "distributions", metavar="NAME=DIST", multiple=True,
              callback=_parse_distributions,
              help="--over parameters: draw NAME from DIST, uniform(a,b) or triangular(a,c,b) "
              "(repeatable).")
@param_option("--over parameters: fix a parameter not drawn.")
@set_option
@plot_option("Also draw the outcome shares and mixed probabilities (.png, .svg, .pdf).")
@format_options()
@dpi_option
def robustness(model: str, over: str | None, samples: int, seed: int | None, workers: int | None,
               scheduler: str | None, distributions: dict[str, str], params: dict[str, str],
               edits: tuple[Edit, ...], plot_file: str | None, fmt: str | None, output: str | None,
               force: bool, standalone: bool, dpi: int | None) -> None:
    """How robust the equilibria of MODEL are to the judgements its text leaves open.

    Exact verdicts over every admissible reading of the ranks, then SMAA: samples of the
    payoffs the model allows (over the ranks, or over the parameters' distributions), each
    solved with every equilibrium certified. Same seed, same output, for any --workers, and
    on a Dask cluster (--scheduler tcp://HOST:8786).

    \b
    Examples:
      gametheory robustness us-russia --samples 2000 --seed 1
      gametheory robustness us-russia --over parameters --param-distribution d=uniform(0,10)
      gametheory robustness us-russia -n 20000 --seed 1 --workers 2 --plot shares.png -o r.json
    """
    from gametheory.robustness.options import check_robustness_options

    _library(check_robustness_options, over, distributions, params, workers, scheduler,
             usage=True)
    fmt = _format(fmt, output, standalone)
    figure_format = _figure_target(plot_file, dpi)
    from gametheory.report import check_distinct_outputs

    check_distinct_outputs([output, plot_file])
    from gametheory.models.edits import edited_model

    loaded = edited_model(model, edits)
    _check_outputs((output, plot_file), force=force, model=loaded)
    from gametheory.robustness import DaskRunner, LocalRunner, format_robustness, plot_robustness
    from gametheory.robustness import robustness as run_robustness

    runner = DaskRunner(scheduler) if scheduler else LocalRunner(workers or 1)
    try:
        with _progress(samples if samples >= 20_000 else 0, "Sampling") as bar:
            result = run_robustness(
                loaded, over=over, samples=samples, seed=seed, distributions=distributions,
                values=params, runner=runner, progress=_callback(bar),
            )
    finally:
        if scheduler:
            runner.close()
    text = format_robustness(result, fmt, standalone=standalone)
    figure = plot_robustness(result, figure_format, dpi=dpi) if plot_file is not None else None
    if figure is not None:
        write_output(figure, plot_file)
    write_output(text, output)


@cli.command(short_help="Ordinal lenses: 2x2 topology, Theory of Moves, graph model.")
@model_options
@format_options()
@click.option("--target", "-t", metavar="S1,S2", help="Inverse question: this state (one "
              "strategy per player) should be an equilibrium...")
@click.option("--player", metavar="NAME", help="...by changing only this player's ranking.")
@click.option("--concept", type=click.Choice(["nash", "gmr", "smr", "seq"]), default="nash",
              show_default=True, help="...under this stability concept.")
def ordinal(model: str, params: dict[str, str], edits: tuple[Edit, ...], save: str | None,
            fmt: str | None, output: str | None, force: bool, standalone: bool, target: str | None,
            player: str | None, concept: str) -> None:
    """Ordinal lenses on MODEL: 2x2 topology, Theory of Moves, graph-model stability.

    Payoffs are read as ranks. For a 2x2 game: its place among the 144 strict ordinal games
    (Robinson and Goforth) and its name, and Brams's Theory of Moves from every initial state
    (non-myopic equilibria). For any game: Nash, GMR, SMR and SEQ stability of every state
    (Fang, Hipel and Kilgour's graph model), coalitions of two, and the equilibria under
    each concept. With --target and --player, the inverse question: the smallest changes of
    that player's ranking that make the target state an equilibrium.

    \b
    Examples:
      gametheory ordinal prisoners-dilemma
      gametheory ordinal us-russia-2x2 --format json
      gametheory ordinal us-russia --param d=2 -o stability.md
      gametheory ordinal us-russia --target concede,hard_demand --player US --concept seq
    """
    fmt = _format(fmt, output, standalone)
    loaded = load(model, params, edits)
    from gametheory.ordinal import ordinal_analysis
    from gametheory.report import format_ordinal

    if (target is None) != (player is None):
        raise click.UsageError("--target and --player go together (the inverse question)")
    analysis = ordinal_analysis(loaded.game, target, player, concept)
    text = format_ordinal(analysis, fmt, standalone=standalone, **loaded.heading)
    finish(loaded, text, output, save, force)


@cli.command(short_help="Commitment: Stackelberg equilibria, exact.")
@model_options
@click.option("--leader", "-l", metavar="NAME",
              help="The player who commits first [default: each player in turn].")
@output_options
def stackelberg(model: str, params: dict[str, str], edits: tuple[Edit, ...], save: str | None,
                leader: str | None, fmt: str | None, decimals: int | None, output: str | None,
                force: bool, standalone: bool, sgame: bool) -> None:
    """What committing first is worth: Stackelberg equilibria of MODEL, exactly.

    For each leader: the best pure and mixed commitment, with the follower breaking ties for
    the leader (strong) or against it (weak; its value may be a supremum that is not
    attained), and the value of commitment over the leader's best Nash payoff.

    \b
    Examples:
      gametheory stackelberg us-russia
      gametheory stackelberg us-russia --leader Russia --format json
    """
    fmt = _format(fmt, output, standalone, sgame)
    loaded = load(model, params, edits)
    from gametheory.concepts import stackelberg as run_stackelberg
    from gametheory.report import format_stackelberg

    leaders = [leader] if leader is not None else list(loaded.game.players)
    symbolic = loaded.model.symbolic_payoffs() if loaded.model.parameters else None
    results = [run_stackelberg(loaded.game, name, symbolic, loaded.values) for name in leaders]
    text = format_stackelberg(results, fmt, decimals=decimals, standalone=standalone,
                              **loaded.heading)
    finish(loaded, text, output, save, force)


@cli.command(short_help="Bargaining solutions (Nash, Kalai-Smorodinsky, Rubinstein).")
@model_options
@click.option(
    "--solution", type=click.Choice(("nash", "kalai-smorodinsky", "egalitarian", "utilitarian",
                                     "all")),
    default="nash", show_default=True, help="The bargaining solution, or all four.",
)
@click.option(
    "--disagreement", metavar="SPEC",
    help="The disagreement point: 'security' (the security levels) [default], 'nash:K' "
    "(equilibrium K of `gametheory solve`), an outcome 'S1,S2', or numbers 'P1=V,P2=V'.",
)
@click.option("--weights", metavar="P1=W,P2=W",
              help="Weighted Nash solution: positive weights. Example: --weights US=2,Russia=1")
@click.option("--rubinstein", is_flag=True,
              help="Rubinstein's alternating offers instead of an axiomatic solution.")
@click.option("--discount", metavar="NAME=VALUE", multiple=True, callback=_parse_params,
              help="--rubinstein: a player's discount factor in (0, 1) (repeatable) "
              "[default: a symbol].")
@click.option("--first", metavar="NAME",
              help="--rubinstein: the first mover reported [default: the first player].")
@output_options
def bargain(model: str, params: dict[str, str], edits: tuple[Edit, ...], save: str | None,
            solution: str, disagreement: str | None, weights: str | None, rubinstein: bool,
            discount: dict[str, str], first: str | None, fmt: str | None, decimals: int | None,
            output: str | None, force: bool, standalone: bool, sgame: bool) -> None:
    """Where would the sides meet if they bargained? Bargaining solutions of MODEL, exactly.

    The feasible set is the convex hull of the outcomes' payoffs (correlated play assumed);
    the solution is computed over its part above the disagreement point. --rubinstein gives
    the subgame-perfect split of alternating offers as closed forms in the discount factors,
    the payoffs when both are given, and the limit (a weighted Nash solution).

    \b
    Examples:
      gametheory bargain us-russia
      gametheory bargain us-russia --solution all --disagreement nash:1
      gametheory bargain us-russia --weights US=1,Russia=2
      gametheory bargain us-russia --rubinstein --discount US=0.8 --discount Russia=0.95
    """
    fmt = _format(fmt, output, standalone, sgame)
    if (discount or first) and not rubinstein:
        raise click.UsageError("--discount and --first apply to --rubinstein only")
    loaded = load(model, params, edits)
    from gametheory.concepts import SOLUTIONS
    from gametheory.concepts import bargain as run_bargain
    from gametheory.concepts import rubinstein as run_rubinstein
    from gametheory.report import format_bargaining, format_rubinstein

    if rubinstein:
        result = run_rubinstein(loaded.game, discount, disagreement, first or 0)
        text = format_rubinstein(result, fmt, decimals=decimals, standalone=standalone,
                                 **loaded.heading)
    else:
        names = SOLUTIONS if solution == "all" else (solution,)
        if weights is not None and solution not in ("nash", "all"):
            raise click.UsageError("--weights applies to --solution nash (or all) only")
        results = [run_bargain(loaded.game, name, disagreement, weights if name == "nash" else None)
                   for name in names]
        text = format_bargaining(results, fmt, decimals=decimals, standalone=standalone,
                                 **loaded.heading)
    finish(loaded, text, output, save, force)


@cli.command(short_help="Repeated play: grim trigger and the folk theorem.")
@model_options
@click.option(
    "--punishment", metavar="SPEC",
    help="What a deviation triggers for ever: 'minmax' [default], 'nash:K' (equilibrium K of "
    "`gametheory solve`) or a pure stage equilibrium 'S1,S2'.",
)
@plot_option("Also draw the folk-theorem payoff set (.png, .svg, .pdf; two players).")
@output_options
@dpi_option
def repeated(model: str, params: dict[str, str], edits: tuple[Edit, ...], save: str | None,
             punishment: str | None, plot_file: str | None, fmt: str | None, decimals: int | None,
             output: str | None, force: bool, standalone: bool, sgame: bool,
             dpi: int | None) -> None:
    """Is cooperation sustainable if MODEL repeats? Grim trigger and the folk theorem, exactly.

    For each pure outcome: the critical discount factor above which grim trigger sustains it
    (and its closed form in the parameters); then the feasible, individually rational payoffs.

    \b
    Examples:
      gametheory repeated prisoners-dilemma
      gametheory repeated us-russia --punishment nash:1 --format json
      gametheory repeated us-russia-2x2 --plot folk.png
    """
    fmt = _format(fmt, output, standalone, sgame)
    figure_format = _figure_target(plot_file, dpi)
    loaded = load(model, params, edits)
    from gametheory.concepts import repeated as run_repeated
    from gametheory.report import format_repeated

    symbolic = loaded.model.symbolic_payoffs() if loaded.model.parameters else None
    result = run_repeated(loaded.game, punishment, symbolic)
    text = format_repeated(result, fmt, decimals=decimals, standalone=standalone, **loaded.heading)
    if plot_file is not None:
        from gametheory.plot._folk import folk_theorem_figure

        check_target(plot_file, force=force, inputs=loaded.inputs)
        figure = folk_theorem_figure(result, title=loaded.title, format=figure_format, dpi=dpi)
        finish(loaded, text, output, save, force)
        write_output(figure, plot_file)
        return
    finish(loaded, text, output, save, force)


@cli.command(short_help="Correlated equilibria: what a mediator can achieve.")
@model_options
@click.option("--coarse", is_flag=True,
              help="Coarse correlated equilibria (no gain from ignoring the signal) instead.")
@click.option("--vertices/--no-vertices", default=None,
              help="List the vertices of the polytope [default: for games of at most 16 "
              "pure profiles].")
@output_options
def correlated(model: str, params: dict[str, str], edits: tuple[Edit, ...], save: str | None,
               coarse: bool, vertices: bool | None, fmt: str | None, decimals: int | None,
               output: str | None, force: bool, standalone: bool, sgame: bool) -> None:
    """What can a mediator's signal achieve? Correlated equilibria of MODEL, exactly.

    The correlated equilibrium with the largest sum of payoffs, each player's best one, and
    the vertices of the polytope of correlated equilibria; any number of players. Exact, with
    optimality certified by LP duality.

    \b
    Examples:
      gametheory correlated chicken
      gametheory correlated us-russia --no-vertices --format json
      gametheory correlated us-russia-2x2 --coarse
    """
    fmt = _format(fmt, output, standalone, sgame)
    loaded = load(model, params, edits)
    from gametheory.concepts import correlated_equilibria
    from gametheory.report import format_correlated

    result = correlated_equilibria(loaded.game, coarse=coarse, vertices=vertices)
    text = format_correlated(result, fmt, decimals=decimals, standalone=standalone,
                             **loaded.heading)
    finish(loaded, text, output, save, force)


@cli.command(short_help="Logit quantal response equilibrium: noisy players.")
@model_options
@click.option("--max-lambda", type=click.FloatRange(min=0, min_open=True), metavar="L",
              help="Stop the branch at precision L [default: follow it to its limit].")
@plot_option("Also draw the probabilities against lambda (.png, .svg, .pdf).")
@output_options
@dpi_option
def qre(model: str, params: dict[str, str], edits: tuple[Edit, ...], save: str | None,
        max_lambda: float | None, plot_file: str | None, fmt: str | None, decimals: int | None,
        output: str | None, force: bool, standalone: bool, sgame: bool, dpi: int | None) -> None:
    """How do noisy players play MODEL? The logit quantal response equilibrium.

    Follows the principal branch from lambda = 0 (uniform play) by numerical continuation,
    in floating point, and gives the Nash equilibrium it tends to, exact and certified.
    Probabilities have 4 decimals unless --decimals is given.

    \b
    Examples:
      gametheory qre chicken
      gametheory qre us-russia --plot qre.png
      gametheory qre stag-hunt --max-lambda 10 --format csv -o branch.csv
    """
    fmt = _format(fmt, output, standalone, sgame)
    figure_format = _figure_target(plot_file, dpi)
    loaded = load(model, params, edits)
    from gametheory.concepts import logit_branch
    from gametheory.report import format_qre

    branch = logit_branch(loaded.game, max_lambda=max_lambda)
    text = format_qre(branch, fmt, decimals=decimals, standalone=standalone, **loaded.heading)
    figure = None
    if plot_file is not None:
        from gametheory.plot.qre import qre_figure_bytes

        check_target(plot_file, force=force, inputs=loaded.inputs)
        figure = qre_figure_bytes(branch, format=figure_format, title=loaded.title, dpi=dpi)
    finish(loaded, text, output, save, force)
    if figure is not None:
        write_output(figure, plot_file)


@cli.command()
@model_argument
@click.option("--output", "-o", "directory", metavar="DIR", required=True,
              type=click.Path(file_okay=False),
              help="The bundle's directory: new or empty (--force replaces an earlier bundle).")
@param_option("Set a parameter of the model (repeatable). Example: --param d=2")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, metavar="S",
              help="Seed of the robustness samples.")
@click.option("--samples", "-n", type=click.IntRange(1, 1_000_000), default=2000,
              show_default=True, metavar="N", help="Robustness: number of sampled games.")
@click.option("--resolution", type=click.IntRange(2, 400), default=21, show_default=True,
              help="Regime map: grid cells per axis.")
@click.option("--force", is_flag=True,
              help="Let -o replace an earlier bundle; a directory holding anything else (the "
              "input model, a file of yours) or the current directory is never replaced.")
def report(model: str, directory: str, params: dict[str, str], seed: int, samples: int,
           resolution: int, force: bool) -> None:
    """Write a paper bundle of MODEL into DIR, all or nothing.

    LaTeX tables (payoffs, equilibria, each concept that applies, sensitivity, robustness),
    PDF figures, a main.tex that compiles as it is, a self-contained report.html (tables and
    SVG figures) and provenance.json (the input's SHA-256, the version, the command line,
    every parameter, the seed and the time). Two runs give the same files but for the time.

    \b
    Examples:
      gametheory report us-russia-2x2 -o paper
      gametheory report us-russia --param d=2 --seed 7 --resolution 5 -o paper-d2
    """
    import datetime
    import shlex

    from gametheory import __version__
    from gametheory.plot import require_matplotlib
    from gametheory.report import check_bundle_directory, paper_bundle, write_bundle

    require_matplotlib()
    loaded = load(model, params, ())
    inputs = tuple(getattr(loaded, "inputs", ()) or ())
    # Before the work, and again at the end.
    check_bundle_directory(directory, force=force, inputs=inputs)
    # -o is written as the placeholder DIR: the directory does not change what is in it, and
    # the bundle stays the same bytes wherever it is written.
    command = shlex.join(["gametheory", "report", model,
                          *(f"--param={k}={v}" for k, v in params.items()),
                          f"--seed={seed}", f"--samples={samples}", f"--resolution={resolution}",
                          "-o", "DIR"])
    generated = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    files = paper_bundle(loaded.model, loaded.values or None, seed=seed, samples=samples,
                         resolution=resolution, command=command, generated=generated,
                         version=__version__)
    write_bundle(files, directory, force=force, inputs=inputs)
    click.echo(f"Wrote {len(files)} files to {directory}: main.tex, report.html, "
               "provenance.json, tables/, figures/")


def main(args: Sequence[str] | None = None) -> None:
    """Run the command line (the ``gametheory`` console script)."""
    cli.main(args=args, prog_name="gametheory")


if __name__ == "__main__":  # pragma: no cover
    main()
