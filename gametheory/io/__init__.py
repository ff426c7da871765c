"""Reading and writing other programs' file formats: Gambit's strategic-form ``.nfg``."""

from ._input import read_input_file
from .nfg import parse_nfg, parse_nfg_with_notes, read_nfg, write_nfg

__all__ = ["parse_nfg", "parse_nfg_with_notes", "read_input_file", "read_nfg", "write_nfg"]
