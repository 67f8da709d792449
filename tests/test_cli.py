"The `ganno` console script, run as a user runs it."
import json, re, shutil, subprocess

import pytest

GANNO = shutil.which('ganno')


def ganno(*args, timeout=300):
    assert GANNO, 'the ganno console script is not installed: pip install -e .'
    return subprocess.run([GANNO, *args], capture_output=True, text=True, timeout=timeout)


def test_help_lists_commands():
    r = ganno('--help')
    assert r.returncode == 0
    for cmd in ('demo', 'train', 'pretrain', 'evaluate', 'table', 'bench'): assert cmd in r.stdout


@pytest.mark.parametrize('args, msg', [
    (['demo', '--steps', '0'], "argument --steps: '0' must be > 0"),
    (['demo', '--lr', 'fast'], "argument --lr: 'fast' is not a float"),
    (['demo', '--dataset', 'imagenet'], "argument --dataset: invalid choice: 'imagenet'"),
    (['frobnicate'], "invalid choice: 'frobnicate'"),
])
def test_bad_arguments_name_the_value(args, msg):
    r = ganno(*args)
    assert r.returncode == 2
    assert msg in r.stderr
    assert 'Traceback' not in r.stderr


def test_demo_compares_three_methods_and_ends_with_a_verdict_and_a_figure(tmp_path):
    r = ganno('demo', '--dataset', 'synthetic', '--steps', '300', '--out', str(tmp_path/'d'), timeout=900) # minutes on a busy 2-core machine
    assert r.returncode == 0, r.stderr
    rows = {l.split()[0]: l.split() for l in r.stdout.splitlines() if l.split() and l.split()[0] in ('ganno', 'constant', 'cosine')}
    assert set(rows) == {'ganno', 'constant', 'cosine'}, r.stdout
    assert all(0.5 < float(v[3]) <= 1 for v in rows.values()), r.stdout   # test accuracy
    assert re.search(r'^verdict over 1 seed: (\w+ wins with|[\w, ]+ tie at) ', r.stdout, re.M), r.stdout
    fig = tmp_path/'d'/'demo_lrs.png'
    assert fig.stat().st_size > 0 and str(fig) in r.stdout
    assert 'ganno' in r.stderr and 'step' in r.stderr  # the progress bars


@pytest.mark.parametrize('cmd', [['train', '--out', 'x'], ['evaluate', '--out', 'x']])
def test_ray_flag(cmd):
    "`--ray` alone means the cluster this machine belongs to (else a local Ray); `--ray ADDRESS` names one; without it, local processes."
    from ganno.cli import parser
    assert parser().parse_args(cmd).ray is None
    assert parser().parse_args(cmd + ['--ray']).ray == 'auto'
    assert parser().parse_args(cmd + ['--ray', '10.0.0.1:6379']).ray == '10.0.0.1:6379'


def test_pretrain_then_fine_tune_from_its_policy(tmp_path):
    "Demonstration pre-training on the smoke environment writes a policy that `train --init` starts from."
    pre, run = tmp_path/'pre', tmp_path/'run'
    r = ganno('pretrain', '--config', 'smoke', '--draws', '1', '--epochs', '3', '--procs', '1', '--out', str(pre))
    assert r.returncode == 0, r.stderr
    assert 'cloned 3 of 6 demonstrations' in r.stdout and len(list((pre/'demos').glob('*.npz'))) == 6
    r = ganno('train', '--config', 'smoke', '--init', str(pre/'policy.pt'), '--out', str(run))
    assert r.returncode == 0, r.stderr
    from ganno.provenance import file_sha256
    assert json.loads((run/'config.json').read_text())['init_sha256'] == file_sha256(pre/'policy.pt')
    # `experiments.sh train_demo` re-runs pretrain before resuming: it keeps the clone the fine-tune started from
    r = ganno('pretrain', '--config', 'smoke', '--draws', '1', '--epochs', '3', '--procs', '1', '--out', str(pre))
    assert r.returncode == 0 and 'already cloned' in r.stdout, r.stderr
    assert json.loads((run/'config.json').read_text())['init_sha256'] == file_sha256(pre/'policy.pt')
    r = ganno('pretrain', '--config', 'smoke', '--draws', '1', '--epochs', '3', '--procs', '1', '--refit', '--out', str(pre))
    assert r.returncode == 0 and 'cloned 3 of 6' in r.stdout, r.stderr
