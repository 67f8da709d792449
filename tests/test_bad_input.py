"""Bad input, as a user gives it: every case ends in one line naming the bad value and a non-zero exit, never a traceback,
and before any training starts. The command-line cases run the console script; the scheduler's run its constructor."""
import math

import pytest
import torch
from torch import nn

from test_cli import ganno


@pytest.fixture(scope='module')
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp('bad')
    (d/'empty.pt').write_bytes(b'')
    torch.save({'weights': torch.zeros(2)}, d/'foreign.pt')
    from ganno.policy import default_policy_path
    good = default_policy_path().read_bytes()
    (d/'truncated.pt').write_bytes(good[:len(good)//2])
    (d/'folder.pt').mkdir()
    (d/'grid').mkdir(); (d/'grid'/'records.jsonl').write_text('')
    (d/'data').mkdir()
    (d/'cfg.json').write_text('{"total_steps": 10, "no_such_field": 1}')
    return d


CLI = [ # (arguments, what the one line must say); {d} is the fixture's folder
    (['evaluate', '--policy', '{d}/missing.pt', '--out', '{d}/o'], "--policy '{d}/missing.pt' is not a readable GANNO policy file (FileNotFoundError"),
    (['evaluate', '--policy', '{d}/empty.pt', '--out', '{d}/o'], "--policy '{d}/empty.pt' is not a readable GANNO policy file (EOFError"),
    (['evaluate', '--policy', '{d}/foreign.pt', '--out', '{d}/o'], "is not a GANNO policy file (format None"),
    (['evaluate', '--policy', '{d}/truncated.pt', '--out', '{d}/o'], "--policy '{d}/truncated.pt' is not a readable GANNO policy file (RuntimeError"),
    (['evaluate', '--policy', '{d}/folder.pt', '--out', '{d}/o'], "(IsADirectoryError"),
    (['demo', '--policy', '{d}/truncated.pt', '--out', '{d}/o'], "--policy '{d}/truncated.pt' is not a readable GANNO policy file"),
    (['evaluate', '--out', '/proc/ganno-out'], "--out '/proc/ganno-out' is not a writable folder"),
    (['demo', '--out', '/proc/ganno-out'], "--out '/proc/ganno-out' is not a writable folder"),
    (['evaluate', '--methods', 'ganno,velo', '--out', '{d}/o'], "argument --methods: unknown method 'velo'"),
    (['evaluate', '--env', 'imagenet', '--out', '{d}/o'], "argument --env: invalid choice: 'imagenet'"),
    (['evaluate', '--scale', 'huge', '--out', '{d}/o'], "argument --scale: invalid choice: 'huge'"),
    (['evaluate', '--seeds', '1,x', '--out', '{d}/o'], "argument --seeds: '1,x' is not a comma-separated list of int"),
    (['evaluate', '--init-lrs', '10', '--out', '{d}/o'], "argument --init-lrs: 10.0 is outside [0, 0.1]"),
    (['evaluate', '--init-lrs', 'nan', '--out', '{d}/o'], "argument --init-lrs: nan is outside [0, 0.1]"),
    (['evaluate', '--init-lrs=-1e-3', '--out', '{d}/o'], "argument --init-lrs: -0.001 is outside [0, 0.1]"),
    (['evaluate', '--procs', '0', '--out', '{d}/o'], "argument --procs: '0' must be > 0"),
    (['evaluate', '--tau', '-5', '--out', '{d}/o'], "argument --tau: '-5' must be > 0"),
    (['table', '{d}/grid'], "{d}/grid: records.jsonl holds no records yet"),
    (['table', '{d}/nothing'], "no records.jsonl in {d}/nothing"),
    (['train', '--config', 'huge', '--out', '{d}/t'], "argument --config: unknown config 'huge'"),
    (['train', '--config', '{d}/cfg.json', '--out', '{d}/t'], "no_such_field"),
    (['train', '--config', 'smoke', '--out', '{d}/t', '--device', 'tpu'], "argument --device:"),
    (['demo', '--steps', '50'], "argument --steps: 50 leaves GANNO no decision"),
    (['demo', '--lr', 'inf'], "argument --lr: inf is above 0.1"),
    (['demo', '--lr', '0'], "argument --lr: '0' must be > 0"),
    (['demo', '--weight-decay', 'nan'], "argument --weight-decay: nan must be a finite value >= 0"),
    (['demo', '--device', 'tpu', '--out', '{d}/o'], "device='tpu': expected auto, cpu, cuda or cuda:N"),
    (['train', '--config', 'smoke', '--out', '{d}/t', '--init', '{d}/truncated.pt'], "--init '{d}/truncated.pt' is not a readable GANNO policy file"),
    (['pretrain', '--config', 'huge', '--out', '{d}/p'], "unknown config 'huge'"),
    (['pretrain', '--config', 'smoke', '--out', '{d}/p', '--keep', '0'], "argument --keep: 0 must be in (0, 1]"),
    (['pretrain', '--config', 'smoke', '--out', '{d}/p', '--draws', '0'], "argument --draws: '0' must be > 0"),
    (['pretrain', '--config', 'smoke', '--out', '/proc/ganno-out'], "--out '/proc/ganno-out' is not a writable folder"),
    (['bench', '--device', 'tpu'], "argument --device: device='tpu'"),
    (['bench', '--precision', 'fp16'], "argument --precision: invalid choice: 'fp16'"),
    (['trian'], "invalid choice: 'trian'"),
]


@pytest.mark.parametrize('args,msg', CLI, ids=[' '.join(a) for a, _ in CLI])
def test_cli_bad_input_is_one_line_naming_it(files, args, msg):
    r = ganno(*(a.format(d=files) for a in args))
    assert r.returncode != 0
    assert msg.format(d=files) in r.stderr, r.stderr
    assert 'Traceback' not in r.stderr
    assert not (files/'o').exists() or not any((files/'o').iterdir()) # nothing ran


def test_empty_data_folder_names_where_it_looked(tmp_path):
    import os, subprocess
    env = {**os.environ, 'GANNO_DATA': str(tmp_path), 'XDG_CACHE_HOME': str(tmp_path/'cache')}
    r = subprocess.run([ganno.__globals__['GANNO'], 'demo', '--dataset', 'cifar10', '--out', str(tmp_path/'o')], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 1 and "dataset 'cifar10' not found" in r.stderr and str(tmp_path) in r.stderr, r.stderr
    assert 'Traceback' not in r.stderr


def test_debug_shows_the_traceback(tmp_path):
    r = ganno('table', str(tmp_path), '--debug')
    assert r.returncode != 0 and 'no records.jsonl' in r.stderr


class NoLayers(nn.Module):
    def __init__(self): super().__init__(); self.scale = nn.Parameter(torch.ones(1))
    def forward(self, x): return x*self.scale

def _cnn():
    from ganno.models import cnn2
    return cnn2()

def _opt(m, **kw):
    from ganno.scheduler import layerwise_param_groups
    return torch.optim.AdamW(layerwise_param_groups(m), lr=1e-3, **kw)

SCHED = [ # (a function building the bad scheduler, what the error must say)
    (lambda: (m := _cnn(), (torch.optim.SGD(m.parameters(), lr=0.1), m, 100))[1], 'got SGD'),
    (lambda: (m := _cnn(), (torch.optim.AdamW(m.parameters()), m, 100))[1], 'parameter group #0 holds parameters of layers'),
    (lambda: (m := _cnn(), (_opt(m), m, 0))[1], 'total_steps=0 must be a positive int'),
    (lambda: (m := _cnn(), (_opt(m), m, math.nan))[1], 'total_steps=nan must be a positive int'),
    (lambda: (m := _cnn(), (_opt(m), m, 100.0))[1], 'total_steps=100.0 must be a positive int'),
    (lambda: (m := _cnn(), (_opt(m), m, 100, None, 0))[1], 'tau=0 must be a positive int'),
    (lambda: (m := _cnn(), (_opt(m), NoLayers(), 100))[1], 'NoLayers has no Conv, Linear or MultiheadAttention layer'),
    (lambda: (m := NoLayers(), (torch.optim.AdamW(m.parameters()), m, 100))[1], 'NoLayers has no Conv, Linear or MultiheadAttention layer'),
    (lambda: (m := _cnn(), (_opt(m), m, 100, '/no/such/policy.pt'))[1], "policy='/no/such/policy.pt': neither a shipped policy (ganno, ganno_demo) nor a policy file"),
    (lambda: (m := _cnn(), (_opt(m), m, 100, 'gano'))[1], "policy='gano': neither a shipped policy"),
]


@pytest.mark.parametrize('build,msg', SCHED, ids=[m for _, m in SCHED])
def test_scheduler_bad_input_is_refused_by_name(build, msg):
    from ganno.scheduler import GannoScheduler
    with pytest.raises((ValueError, TypeError, FileNotFoundError)) as e: GannoScheduler(*build())
    assert msg in str(e.value), str(e.value)
    assert len(str(e.value).splitlines()) == 1
