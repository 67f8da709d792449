"The device path: CPU through the same code as CUDA; the CUDA tests run wherever a GPU is present and skip elsewhere."
import shutil, subprocess
from dataclasses import replace

import pytest
import torch

from ganno.controllers import ConstantLR
from ganno.evaluate import eval_config, run_episode
from ganno.train import load_config, train

cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason='no CUDA device here')

def _episode(device, amp=False):
    return run_episode(eval_config('synthetic', 'smoke', lr=1e-3, weight_decay=0.1, device=device, amp=amp), ConstantLR(), seed=0)

def test_cpu_device_is_the_default():
    a, b = _episode('cpu'), run_episode(eval_config('synthetic', 'smoke', lr=1e-3, weight_decay=0.1), ConstantLR(), seed=0)
    assert a['test_acc'] == b['test_acc'] and a['steps'][-1]['val_loss'] == b['steps'][-1]['val_loss']

def test_bad_device_is_one_line():
    r = subprocess.run([shutil.which('ganno'), 'evaluate', '--env', 'synthetic', '--scale', 'smoke', '--device', 'tpu', '--out', '/tmp/x'],
                       capture_output=True, text=True)
    assert r.returncode != 0 and "device='tpu'" in r.stderr and 'Traceback' not in r.stderr

@cuda
@pytest.mark.parametrize('amp', [False, True])
def test_cuda_episode_matches_cpu(amp):
    g, c = _episode('cuda', amp), _episode('cpu', amp)
    assert not g['diverged'] and abs(g['test_acc'] - c['test_acc']) < 0.1

@cuda
def test_cuda_training_smoke(tmp_path):
    cfg = load_config('smoke'); cfg = replace(cfg, env=replace(cfg.env, device='cuda'))
    s = train(cfg, tmp_path/'run', progress=False)
    assert s['finished'] and (tmp_path/'run'/'policy.pt').is_file()

@cuda
def test_cuda_demo(tmp_path):
    from ganno.cli import demo
    runs = demo(steps=150, dataset='synthetic', out=tmp_path, progress=False, device='cuda', precision='bf16')
    assert all(r['device'].startswith('cuda') and r['amp'] for r in runs)

def test_demo_runs_through_the_device_path_on_cpu(tmp_path):
    from ganno.cli import demo
    runs = demo(steps=150, dataset='synthetic', out=tmp_path, progress=False, device='cpu', precision='bf16', show=lambda *_: None)
    assert [r['device'] for r in runs] == ['cpu']*3 and all(r['amp'] for r in runs)


@cuda
def test_cuda_bench_side_by_side():
    from ganno.bench import bench_env, decision_time
    r = bench_env('cnn2-fmnist', n_steps=5, rounds=1, procs=2, device='cuda')
    assert r['device'].startswith('cuda') and set(r['steps_per_s']) == {'plain', 'ganno', 'ganno_bf16', 'ganno_2proc'}
    assert decision_time('cnn2-fmnist', 'cuda', tau=5, n=1) > 0
