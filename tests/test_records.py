"Results folders under concurrent writers and cut-short writes: nothing lost, nothing recorded twice."
import json, os, subprocess, sys

import pytest


def test_two_evaluate_processes_on_one_folder_neither_lose_nor_duplicate(tmp_path):
    out = tmp_path/'grid'
    cmd = [sys.executable, '-c', 'from ganno.cli import main; main()', 'evaluate', '--env', 'synthetic', '--scale', 'smoke', '--methods', 'constant,random',
           '--seeds', '0,1,2', '--init-lrs', '1e-3', '--weight-decay', '0.1', '--procs', '1', '--out', str(out)]
    env = {**os.environ, 'OMP_NUM_THREADS': '1'}
    ps = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in ps]
    assert all(p.returncode == 0 for p in ps), [o[1][-2000:] for o in outs]
    recs = [json.loads(l) for l in (out/'records.jsonl').read_text().splitlines()]
    keys = [(r['method'], r['init_lr'], r['seed']) for r in recs]
    assert sorted(keys) == sorted({(m, 1e-3, s) for m in ('constant', 'random') for s in (0, 1, 2)}), keys
    assert len(json.loads((out/'config.json').read_text())['invocations']) == 2


def test_a_torn_last_line_is_reported_and_skipped_not_fatal(tmp_path):
    out = tmp_path/'grid'
    run = lambda *a: subprocess.run([sys.executable, '-c', 'from ganno.cli import main; main()', *a], capture_output=True, text=True, timeout=600)
    base = ['evaluate', '--env', 'synthetic', '--scale', 'smoke', '--methods', 'constant', '--init-lrs', '1e-3', '--weight-decay', '0.1',
            '--procs', '1', '--out', str(out)]
    assert run(*base, '--seeds', '0').returncode == 0
    with open(out/'records.jsonl', 'a') as f: f.write('{"method": "constant", "init_')   # a write cut short
    r = run('table', str(out), '--no-paper')
    assert r.returncode == 0 and 'line 2 is not a whole record' in r.stderr and '| constant |' in r.stdout, r.stderr
    r = run(*base, '--seeds', '0,1')
    assert r.returncode == 0, r.stderr
    recs = [json.loads(l) for l in (out/'records.jsonl').read_text().splitlines() if l.startswith('{"') and l.endswith('}')]
    assert sorted(x['seed'] for x in recs) == [0, 1]


def test_committed_results_are_strict_json():
    "Every result file in results/ parses as strict JSON: no bare NaN or Infinity (what `ganno.provenance.to_json` guarantees)."
    import json
    from pathlib import Path
    def refuse(c): raise ValueError(f'non-standard JSON constant {c}')
    files = [f for f in (Path(__file__).resolve().parent.parent/'results').rglob('*') if f.suffix in ('.json', '.jsonl')]
    assert files
    for f in files:
        text = f.read_text()
        for line in (text.splitlines() if f.suffix == '.jsonl' else [text]):
            if line.strip(): json.loads(line, parse_constant=refuse)


def test_no_committed_record_names_a_dirty_tree():
    "A record whose `commit` ends in +dirty is set aside (records.dirty.jsonl) by the next clean `ganno evaluate`, never committed."
    from pathlib import Path
    files = sorted((Path(__file__).resolve().parent.parent/'results').glob('*/records.jsonl'))
    assert files
    for f in files:
        dirty = [(r['method'], r.get('init_lr'), r.get('seed')) for l in f.read_text().splitlines() if l.startswith('{')
                 for r in [json.loads(l)] if str(r.get('commit', '')).endswith('+dirty')]
        assert not dirty, f"{f}: {len(dirty)} records from a dirty tree, e.g. {dirty[0]}"


def test_results_readme_indexes_every_grid_from_its_files(tmp_path):
    "tools/results_index.py: results/README.md lists every evaluation grid, and its rows are what the files say now."
    import importlib.util, shutil
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, str(root/'tools'/'results_index.py'), '--check'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    grids = [d.name for d in (root/'results').iterdir() if (d/'records.jsonl').is_file() and (d/'config.json').is_file()]
    readme = (root/'results'/'README.md').read_text()
    assert grids and all(f'| `{g}/` |' in readme for g in grids)
    spec = importlib.util.spec_from_file_location('results_index', root/'tools'/'results_index.py')
    ri = importlib.util.module_from_spec(spec); spec.loader.exec_module(ri)
    # a record added to a grid shows in its row: its policy's hash and its time
    g = tmp_path/'cnn5_cifar10_wd0.1_converged'; shutil.copytree(root/'results'/grids[0], g)
    with open(g/'records.jsonl', 'a') as f: f.write(json.dumps({'method': 'ganno', 'wall_s': 7200.0, 'policy_sha256': 'ab'*32, 'commit': 'cd'*20 + '+dirty'}) + '\n')
    row = ri.grid_row(g)
    assert '| `cnn5_cifar10_wd0.1_converged/` |' in row and 'ganno: abababababab' in row and ri.grid_row(root/'results'/grids[0]) != row
    assert '`cdcdcdc+dirty` (1)' in row # a record from a dirty tree is named as one
    cfg = json.loads((g/'config.json').read_text())['config']
    assert ri.scale_of(cfg) in ri.EVAL_SCALES and ri.scale_of({**cfg, 'n_decisions': 7777}) == 'custom'
    with pytest.raises(SystemExit, match='lacks the markers'): ri.updated('no markers here', 'x')
