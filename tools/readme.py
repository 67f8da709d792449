"""Write README.md from nbs/index.ipynb without Quarto.

`nbdev_readme` renders through Quarto, which cannot be installed offline; this keeps the
same contract (index.ipynb is the source, README.md the product) with nbformat alone.
Run: python tools/readme.py  (`--check` exits 1 when README.md is out of date).
"""
import sys
from pathlib import Path

import nbformat

root = Path(__file__).resolve().parent.parent


def render(nb) -> str:
    parts = []
    for c in nb.cells:
        if c.cell_type == 'markdown': parts.append(c.source)
        elif c.cell_type == 'code' and not c.source.lstrip().startswith('#| hide'):
            parts.append(f"```python\n{c.source}\n```")
            for o in c.get('outputs', []):
                text = o.get('text') or o.get('data', {}).get('text/markdown') or o.get('data', {}).get('text/plain')
                if text: parts.append(f"```\n{''.join(text).rstrip()}\n```")
    return '\n\n'.join(parts).rstrip() + '\n'


if __name__ == '__main__':
    text = render(nbformat.read(root/'nbs'/'index.ipynb', as_version=4))
    readme = root/'README.md'
    if '--check' in sys.argv:
        if readme.read_text() != text: sys.exit('README.md is out of date: run python tools/readme.py')
    else: readme.write_text(text)
