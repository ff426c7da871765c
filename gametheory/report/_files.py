"""Writing output files safely: atomically, and never over a model file by accident.

- A regular file (new or existing, also through a symbolic link) is written atomically: a
  temporary file in the same folder, checked to hold every byte, then renamed over the
  target. A failed or short write leaves the earlier file untouched.
- A device (``/dev/null``, a terminal) is written in place: it is never replaced by a regular
  file.
- A FIFO, a socket or a directory is refused (:func:`check_output_path`), before any work.
- Two outputs of one command may not name the same file, links resolved
  (:func:`check_distinct_outputs`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import GameError

__all__ = ["atomic_write", "check_distinct_outputs", "check_output_path", "is_model_file"]


def _mode(path: str | os.PathLike[str]) -> int | None:
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None


def _is_device(mode: int | None) -> bool:
    return mode is not None and (stat.S_ISCHR(mode) or stat.S_ISBLK(mode))


def check_output_path(path: str | os.PathLike[str]) -> None:
    """Refuse an output path that is a directory, a FIFO or a socket.

    A regular file, a device, or a path that does not exist yet is fine.

    Raises
    ------
    GameError
        Naming the path and what it is.

    Examples
    --------
    >>> import tempfile
    >>> check_output_path(tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: /...: cannot write to a directory
    >>> check_output_path("/dev/null")
    """
    mode = _mode(path)
    if mode is None or stat.S_ISREG(mode) or _is_device(mode):
        return
    kind = (
        "a directory" if stat.S_ISDIR(mode)
        else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise GameError(f"cannot write to {kind}", file=os.fspath(path))


def check_distinct_outputs(paths: Sequence[str | os.PathLike[str] | None]) -> None:
    """Refuse two outputs of one command that name the same file (links resolved).

    Raises
    ------
    GameError
        Naming both paths.

    Examples
    --------
    >>> check_distinct_outputs(["a.json", None, "b.png"])
    >>> check_distinct_outputs(["out/../x.json", "x.json"])
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: x.json: two outputs name the same file ('out/../x.json' and 'x.json')
    """  # noqa: E501
    seen: dict[str, str] = {}
    for given in paths:
        if given is None:
            continue
        name = os.fspath(given)
        real = os.path.realpath(name)
        if _is_device(_mode(real)):
            continue  # writing twice to /dev/null is harmless
        for other_real, other in seen.items():
            same = real == other_real
            if not same and os.path.exists(real) and os.path.exists(other_real):
                with contextlib.suppress(OSError):
                    same = os.path.samefile(real, other_real)
            if same:
                raise GameError(
                    f"two outputs name the same file ({other!r} and {name!r})", file=name
                )
        seen[real] = name

#: Top-level keys of which a TOML file needs one to count as a model file.
_MODEL_KEYS = ("players", "payoffs", "game")


def is_model_file(
    path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()
) -> bool:
    """True if ``path`` holds a model or game file, or is one of the ``inputs``.

    A model file is an existing ``.toml`` file that parses as TOML and has a ``players``,
    ``payoffs`` or ``game`` table (even if the model in it is broken: it is still someone's
    work), or an existing ``.nfg`` file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "m.toml").write_text('[game]\\ntitle = "x"\\n')
    >>> is_model_file(folder / "m.toml"), is_model_file(folder / "new.toml")
    (True, False)
    """
    target = Path(path)
    if not target.is_file():  # a FIFO is never opened here: reading it could block for ever
        return False
    for given in inputs:
        try:
            if Path(given).exists() and target.samefile(given):
                return True
        except OSError:  # pragma: no cover - unreadable input: not the same file as far as we know
            continue
    suffix = target.suffix.lower()
    import tomllib  # only when writing a file

    try:
        if suffix == ".nfg":
            return True
        if suffix == ".toml":
            with open(target, "rb") as handle:
                data = tomllib.load(handle)
            return any(key in data for key in _MODEL_KEYS)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    return False


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file, then a rename into place.

    Readers see either the old file or the whole new one; if anything fails (a short write
    included), the old file is left untouched and the temporary file removed. A device is
    written in place, never replaced; a directory, FIFO or socket is refused. Through a
    symbolic link, the file it points to is replaced. Text is written as UTF-8 with ``\\n`` line
    ends on every platform, so output is byte-for-byte reproducible.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> atomic_write(target, "hello\\n")
    >>> target.read_text()
    'hello\\n'
    """
    import tempfile  # only when writing a file

    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    # Through a symbolic link, replace the file it points to, not the link.
    target = Path(os.path.realpath(path))
    mode = _mode(target)
    if _is_device(mode):
        # A device is written in place: replacing /dev/null by a file would break the system.
        with open(target, "wb") as out:
            out.write(payload)
        return
    check_output_path(target)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        # Name the file asked for, not the temporary one.
        raise OSError(exc.errno, f"cannot write: {exc.strerror}", os.fspath(path)) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
            written = os.fstat(out.fileno()).st_size
        if written != len(payload):
            raise OSError(
                errno.EIO,
                f"short write ({written} of {len(payload)} bytes); the file is unchanged",
                os.fspath(path),
            )
        # mkstemp creates the file private (0600); give it the mode a new file would get.
        new_mode = stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask()
        os.chmod(temporary, new_mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
