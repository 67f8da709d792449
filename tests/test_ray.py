"GANNO on Ray: training environments as actors (with a resume), evaluation episodes as tasks (with a worker killed mid-grid), and the same results as local runs."
import csv, os, signal, threading, time
from dataclasses import replace
from pathlib import Path

import pytest

ray = pytest.importorskip('ray', reason='pip install -e ".[ray]" (the dev extra includes it)')

from ganno.cluster import ray_init
from ganno.evaluate import eval_config, evaluate_to, read_jsonl
from ganno.train import load_config, train


@pytest.fixture(scope='module', autouse=True)
def local_ray():
    ray.shutdown()
    ray_init('local', num_cpus=2)
    yield
    ray.shutdown()


def rows(d):
    "A training run's progress rows, all but the times."
    return [{k: v for k, v in r.items() if not k.endswith('_s')} for r in csv.DictReader(open(Path(d)/'progress.csv'))]


def test_training_on_ray_actors_equals_local_and_resumes(tmp_path):
    cfg = replace(load_config('smoke'), decisions_per_update=2) # 3 updates; episodes of 3 decisions span updates
    train(replace(cfg, workers='subproc'), tmp_path/'local', progress=False) # local worker processes: one torch thread each, as the actors
    on_ray = replace(cfg, workers='ray')
    train(on_ray, tmp_path/'ray', progress=False, max_updates=1)
    assert rows(tmp_path/'ray') == rows(tmp_path/'local')[:1]
    s = train(on_ray, tmp_path/'ray', resume=True, progress=False)
    assert s['finished'] and rows(tmp_path/'ray') == rows(tmp_path/'local')


def _grid(out, procs=1, **kw):
    cfg = eval_config('synthetic', 'smoke', lr=1e-3, weight_decay=0.01)
    return evaluate_to(out, cfg, ('constant', 'random', 'linear'), (0, 1), procs=procs, show=lambda *_: None, **kw)


def _strip(recs): return sorted(({k: v for k, v in r.items() if k != 'wall_s'} for r in recs), key=lambda r: (r['method'], r['seed']))


def _episode_pids():
    "Processes running a GANNO episode as a Ray task (Ray names them after the task)."
    out = []
    for p in Path('/proc').iterdir():
        try:
            if p.name.isdigit() and (p/'cmdline').read_bytes().startswith(b'ray::ganno_episode'): out.append(int(p.name))
        except OSError: pass
    return out


def test_evaluation_on_ray_equals_local_and_survives_a_killed_worker(tmp_path):
    local = _grid(tmp_path/'local', procs=2) # local worker processes: one torch thread each, as Ray's tasks
    killed, done = [], threading.Event()
    def killer():
        while not done.is_set() and not killed:
            for pid in _episode_pids():
                os.kill(pid, signal.SIGKILL); killed.append(pid); break
            time.sleep(0.005)
    k = threading.Thread(target=killer); k.start()
    try: recs = _grid(tmp_path/'ray', ray='auto')
    finally: done.set(); k.join()
    assert killed, 'no episode was running to kill'
    keys = [(r['method'], r['init_lr'], r['seed']) for r in read_jsonl(tmp_path/'ray'/'records.jsonl')]
    assert len(keys) == len(set(keys)) == 6 # every cell recorded exactly once, the killed one included
    assert _strip(recs) == _strip(local)
    assert _grid(tmp_path/'ray', ray='auto') and len(read_jsonl(tmp_path/'ray'/'records.jsonl')) == 6 # a re-run skips them all
