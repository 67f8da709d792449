"""Write README.md from nbs/index.ipynb without Quarto.

`nbdev_readme` renders through Quarto, which cannot be installed offline; this keeps the
same contract (index.ipynb is the source, README.md the product) with nbformat alone:
markdown cells as they are, code cells' sources unless `#| echo: false` or `#| hide`,
markdown/text outputs inline, and figures saved to nbs/images/ and linked.
Run: python tools/readme.py  (`--check` exits 1 when README.md is out of date).
"""
import base64, re, sys
from pathlib import Path

import nbformat

root = Path(__file__).resolve().parent.parent


def render(nb, images=root/'nbs'/'images') -> tuple[str, dict]:
    parts, files = [], {}
    for c in nb.cells:
        if c.cell_type == 'markdown': parts.append(c.source); continue
        if c.cell_type != 'code' or re.search(r'^#\|\s*hide', c.source, re.M): continue
        src = '\n'.join(l for l in c.source.splitlines() if not l.startswith('#|') and not l.startswith('# NBVAL')).strip()
        if src and not re.search(r'^#\|\s*echo:\s*false', c.source, re.M): parts.append(f"```python\n{src}\n```")
        for o in c.get('outputs', []):
            data = o.get('data', {})
            if 'image/png' in data:
                name = f'readme_{len(files)}.png'
                files[name] = base64.b64decode(data['image/png'])
                parts.append(f"![](nbs/images/{name})")
            elif 'text/markdown' in data: parts.append(''.join(data['text/markdown']).rstrip())
            elif o.get('text') or 'text/plain' in data:
                parts.append(f"```\n{''.join(o.get('text') or data['text/plain']).rstrip()}\n```")
    return '\n\n'.join(parts).rstrip() + '\n', files


if __name__ == '__main__':
    text, files = render(nbformat.read(root/'nbs'/'index.ipynb', as_version=4))
    readme, images = root/'README.md', root/'nbs'/'images'
    if '--check' in sys.argv:
        stale = readme.read_text() != text or any(not (images/n).is_file() or (images/n).read_bytes() != b for n, b in files.items())
        if stale: sys.exit('README.md is out of date: run python tools/readme.py')
    else:
        readme.write_text(text)
        if files: images.mkdir(exist_ok=True)
        for n, b in files.items(): (images/n).write_bytes(b)
