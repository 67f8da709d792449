"The package's design as tests: its modules import one another without a circle, and none uses another's private names."
import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent/'ganno'

def imports():
    "(module, imported module, names) for every import of a ganno module in the package, at any depth of the code."
    out = []
    for f in sorted(PKG.glob('*.py')):
        if f.stem.startswith('_'): continue
        for n in ast.walk(ast.parse(f.read_text())):
            if isinstance(n, ast.ImportFrom) and n.module and (n.level or n.module.split('.')[0] == 'ganno'):
                target = n.module.split('.')[-1] if n.module != 'ganno' else None
                if target is None: out += [(f.stem, a.name, []) for a in n.names]
                else: out.append((f.stem, target, [a.name for a in n.names]))
            elif isinstance(n, ast.Import):
                out += [(f.stem, a.name.split('.')[1], []) for a in n.names if a.name.startswith('ganno.')]
    return out

def test_graph_found():
    g = {(a, b) for a, b, _ in imports()}
    assert ('evaluate', 'controllers') in g and ('controllers', 'baselines') in g # the test sees the imports it should

def test_no_circle():
    graph = {}
    for a, b, _ in imports():
        if a != b: graph.setdefault(a, set()).add(b)
    state = {}
    def visit(m, path):
        if state.get(m) == 'done': return
        if state.get(m) == 'open': pytest.fail('modules import each other: ' + ' -> '.join(path[path.index(m):] + [m]))
        state[m] = 'open'
        for d in sorted(graph.get(m, ())): visit(d, path + [m])
        state[m] = 'done'
    for m in sorted(graph): visit(m, [])

def test_no_private_names_across_modules():
    bad = [f'{a} imports {n} from {b}' for a, b, names in imports() for n in names if n.startswith('_') and n != '__version__' and a != b]
    assert not bad, bad
