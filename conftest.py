"""Let nbval read notebooks cleaned by `nbdev_clean`.

`nbdev_clean` keeps cell outputs but nulls execution counts; nbval treats a cell with
outputs and no execution count as an error ("Unrun reference cell has outputs").
We number the code cells as nbval reads them, so stored outputs are compared instead.
"""
import types

import nbformat

try:
    import nbval.plugin as _nbval
except ImportError:  # pytest without nbval: nothing to patch
    _nbval = None


def _read_numbered(*args, **kwargs):
    nb = nbformat.read(*args, **kwargs)
    code = [c for c in nb.cells if c.cell_type == 'code']
    for i, cell in enumerate(code, 1):
        cell.execution_count = i
    return nb


if _nbval is not None:
    _nbval.nbformat = types.SimpleNamespace(**{**vars(nbformat), 'read': _read_numbered})


# The datasets: this repository's CI (and its development machines) keep real copies
# in ../shared/data; notebooks and tests find them through GANNO_DATA.
import os
from pathlib import Path

_shared = Path(__file__).resolve().parent.parent/'shared'/'data'
if not os.environ.get('GANNO_DATA') and _shared.is_dir():
    os.environ['GANNO_DATA'] = str(_shared)
