"""Writing output files safely: atomically, and never over a model file by accident."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["atomic_write", "is_model_file"]

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
    if not target.exists():
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

    Readers see either the old file or the whole new one; if anything fails, the old file is
    left untouched and the temporary file removed. Text is written as UTF-8 with ``\\n`` line
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

    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        # Name the file asked for, not the temporary one.
        raise OSError(exc.errno, f"cannot write: {exc.strerror}", str(target)) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp creates the file private (0600); give it the mode a new file would get.
        mode = os.stat(target).st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
