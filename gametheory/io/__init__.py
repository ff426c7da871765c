"""Reading and writing other programs' file formats: Gambit's strategic-form ``.nfg``."""

from typing import TYPE_CHECKING, Any

from ._input import read_input_file

if TYPE_CHECKING:
    from .nfg import parse_nfg, parse_nfg_with_notes, read_nfg, write_nfg

_NFG = ("parse_nfg", "parse_nfg_with_notes", "read_nfg", "write_nfg")


def __getattr__(name: str) -> Any:
    # The .nfg reader is imported on first use (PEP 562): solving a model file needs none of
    # it, and its tokenizer costs start-up time.
    if name in _NFG:
        from . import nfg

        value = getattr(nfg, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["parse_nfg", "parse_nfg_with_notes", "read_input_file", "read_nfg", "write_nfg"]
