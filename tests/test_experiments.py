"`scripts/experiments.sh`: every grid names real methods, environments and configs; the smoke scale runs end to end."
import json, os, re, shutil, subprocess
from pathlib import Path

import pytest

from ganno.controllers import check_methods
from ganno.evaluate import EVAL_ENVS
from ganno.train import load_config

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT/'scripts'/'experiments.sh'
GRIDS = ('cnn2', 'table1', 'table4', 'table3', 'table5', 'ablations', 'table2', 'fig4', 'precision', 'train_paper', 'ablations_paper',
         'table2_paper', 'train_demo', 'train_resnet9')


def _as_json(cfg):
    "A `TrainConfig` as plain JSON values (tuples become lists), so a preset compares equal to a config file."
    from dataclasses import asdict
    return json.loads(json.dumps(asdict(cfg)))


def _dry_run(grid, **env):
    "The commands `experiments.sh GRID` would run (DRY_RUN=1), one per line."
    r = subprocess.run(['bash', str(SCRIPT), grid], capture_output=True, text=True, env={**os.environ, 'DRY_RUN': '1', **env})
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


def test_grids_name_known_methods_envs_and_configs():
    text = '\n'.join(l for g in GRIDS for l in _dry_run(g))
    methods = re.findall(r'--methods (\S+)', text)
    assert len(methods) >= 8
    for ms in methods: check_methods(ms.split(','))
    for env in re.findall(r'--env (\S+)', text): assert env in EVAL_ENVS, env
    cfgs = re.findall(r'--config (configs/\S+?\.json)', text)
    assert len(cfgs) == 8
    for cfg in cfgs: load_config(str(ROOT/cfg))
    for o in ('lr', 'timestep', 'global'): assert load_config(str(ROOT/f'configs/ablation_{o}.json')).env.obs == o


def test_ganno_demo_joins_every_grid_of_ganno_rows_once_shipped():
    "Without a shipped ganno_demo the grids play ganno alone; with it (POLICIES as the check would set it) every grid with GANNO rows plays both."
    from ganno.policy import SHIPPED, shipped_policy_path
    assert f"ganno/assets/{SHIPPED['ganno_demo']}" in SCRIPT.read_text() # the script looks where the package keeps it
    grids = ('cnn2', 'table1', 'table4', 'table3', 'table5', 'fig4')
    expect = 'ganno,ganno_demo' if shipped_policy_path('ganno_demo').is_file() else 'ganno'
    for env, want in (({}, expect), ({'POLICIES': 'ganno,ganno_demo'}, 'ganno,ganno_demo')):
        ms = [re.search(r'--methods (\S+)', l).group(1) for g in grids for l in _dry_run(g, **env) if '--methods' in l]
        with_ganno = [m for m in ms if 'ganno' in m.split(',')]
        assert len(with_ganno) == 7 # table4, table1, table5, cnn2, table3's LR-0 runs and fig4's two λ
        assert all(m == want or m.startswith(want + ',') for m in with_ganno), with_ganno


def test_table2_evaluates_the_policies_the_ablations_grid_copies():
    copied = {re.search(r'results/train_ablation_(\w+)/$', l).group(1) for l in _dry_run('ablations') if l.startswith('cp ')}
    assert copied == {'lr', 'timestep', 'global'}
    (cmd,) = _dry_run('table2')
    ms = re.search(r'--methods (\S+)', cmd).group(1).split(',')
    assert ms == ['ganno=results/train_cpu/policy.pt', 'lr_only=results/train_ablation_lr/policy.pt', 'timestep_only=results/train_ablation_timestep/policy.pt',
                  'single_agent=results/train_ablation_global/policy.pt']
    (cmd,) = _dry_run('table2', ABLATIONS='global')
    assert re.search(r'--methods (\S+)', cmd).group(1) == 'ganno=results/train_cpu/policy.pt,single_agent=results/train_ablation_global/policy.pt'


def test_paper_ablations_are_trained_and_compared_at_the_budget_of_the_ganno_snapshot_they_meet():
    "ablations_paper trains each ablation for as many updates as train_paper had made at the snapshot table2_paper evaluates."
    trained = {re.search(r'configs/paper_ablation_(\w+)\.json --out results/train_paper_ablation_(\w+)$', l).groups() for l in _dry_run('ablations_paper')}
    assert trained == {('lr', 'lr'), ('timestep', 'timestep'), ('global', 'global')}
    (cmd,) = _dry_run('table2_paper')
    ms = dict(m.split('=') for m in re.search(r'--methods (\S+)', cmd).group(1).split(','))
    assert ms == {'ganno': 'results/train_paper/snapshots/update_0075.pt', 'lr_only': 'results/train_paper_ablation_lr/policy.pt',
                  'timestep_only': 'results/train_paper_ablation_timestep/policy.pt', 'single_agent': 'results/train_paper_ablation_global/policy.pt'}
    paper = load_config('paper')
    snap_update = int(re.search(r'update_(\d+)', ms['ganno']).group(1))
    assert snap_update % paper.snapshot_every == 0 # train_paper writes that snapshot
    for o in ('lr', 'timestep', 'global'):
        c = load_config(str(ROOT/f'configs/paper_ablation_{o}.json'))
        assert c.env.obs == o and c.n_updates == snap_update and c.total_steps == snap_update*paper.steps_per_update


def test_ablation_configs_differ_from_cpu_only_in_observations():
    from dataclasses import replace
    cpu = _as_json(load_config('cpu'))
    for o in ('lr', 'timestep', 'global'):
        c = load_config(str(ROOT/f'configs/ablation_{o}.json'))
        assert _as_json(replace(c, env=replace(c.env, obs='full'))) == cpu


def test_paper_ablation_finetune_gain_and_resnet9_configs_are_the_paper_preset_but_one_change():
    from dataclasses import replace
    paper = _as_json(load_config('paper'))
    for f in ['paper_finetune'] + [f'paper_ablation_{o}' for o in ('lr', 'timestep', 'global')]:
        c = load_config(str(ROOT/f'configs/{f}.json'))
        assert c.total_steps == 9600 and _as_json(replace(c, env=replace(c.env, obs='full'), total_steps=50_000)) == paper, f
    g = load_config(str(ROOT/'configs/paper_gain.json')) # the proposed fix of the LR-0 trap: the gain term added, at the ablations' budget
    assert g.env.gain == 1 and g.env.counterfactual and _as_json(replace(g, env=replace(g.env, gain=0.0), total_steps=50_000)) == paper
    assert _dry_run('train_gain') == ['ganno train --config configs/paper_gain.json --out results/train_paper_gain']
    r9 = load_config(str(ROOT/'configs/paper_resnet9.json'))
    assert r9.env.model == 'resnet9' and r9.env.dataset == 'fashion_mnist' and _as_json(replace(r9, env=replace(r9.env, model='cnn2'))) == paper


def test_every_config_file_loads_and_the_epochs_variant_is_cpu_but_epochs_and_steps():
    from dataclasses import replace
    for f in sorted((ROOT/'configs').glob('*.json')): load_config(str(f))
    v = load_config(str(ROOT/'configs/cpu_epochs8.json'))
    assert (v.epochs, v.total_steps) == (8, 9600)
    assert _as_json(replace(v, epochs=2, total_steps=8000)) == _as_json(load_config('cpu'))


def test_unknown_grid_is_refused():
    r = subprocess.run(['bash', str(SCRIPT), 'table9'], capture_output=True, text=True)
    assert r.returncode == 2 and "unknown grid 'table9'" in r.stderr
    r = subprocess.run(['bash', str(SCRIPT), 'table2'], capture_output=True, text=True, env={**os.environ, 'ABLATIONS': 'global lr2'})
    assert r.returncode == 2 and "unknown ablation 'lr2'" in r.stderr


@pytest.mark.skipif(not shutil.which('ganno'), reason='the ganno console script is not installed')
def test_table1_at_smoke_scale_on_synthetic(tmp_path):
    # the table1 grid's command line, pointed at the synthetic set at smoke scale and one LR and seed
    (cmd,) = _dry_run('table1')
    methods = re.search(r'--methods (\S+)', cmd).group(1)
    r = subprocess.run(['ganno', 'evaluate', '--env', 'synthetic', '--scale', 'smoke', '--weight-decay', '0.1', '--init-lrs', '1e-3',
                        '--seeds', '0', '--procs', '1', '--methods', methods, '--out', str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    recs = [json.loads(l) for l in open(tmp_path/'records.jsonl')]
    assert {x['method'] for x in recs} == set(methods.split(','))
    assert all(0 <= x['test_acc'] <= 1 for x in recs)


def test_select_policy_chooses_on_validation_seeds_and_ships_the_choice(tmp_path, monkeypatch):
    "scripts/select_policy.py: snapshots and the final policy play the validation seeds; the best by validation accuracy ships, with its selection."
    import importlib.util
    from dataclasses import replace
    from ganno.policy import load_policy
    from ganno.train import train
    train(replace(load_config('smoke'), snapshot_every=1), tmp_path/'run', progress=False)
    spec = importlib.util.spec_from_file_location('select_policy', ROOT/'scripts'/'select_policy.py')
    sp = importlib.util.module_from_spec(spec); spec.loader.exec_module(sp)
    monkeypatch.chdir(tmp_path); monkeypatch.setattr(sp, 'shipped_policy_path', lambda name: tmp_path/f'{name}.pt')
    monkeypatch.setattr(sp, 'zero_shot_moves', lambda p: {1e-4: True, 1e-2: True}) # every candidate schedules zero-shot
    args = [str(tmp_path/'run'), '--name', 'ganno_demo', '--env', 'synthetic', '--scale', 'smoke', '--init-lrs', '1e-3', '--procs', '1']
    sel = sp.main(args + ['--seeds', '100,101'])
    # update_0002 is the last update's snapshot, the final policy's weights: played once, as the final
    assert set(sel['scores']) == {'update_0001', 'final'} and sel['scores'][sel['chosen']] == max(sel['scores'].values())
    assert set(sel['baselines']) == {'constant'} and set(sel['moved_2x']) == {'update_0001', 'final', 'constant'}
    assert sel['moved_2x']['constant'] == 0 # the reference plays the same episodes; a constant LR never moves
    with pytest.raises(SystemExit, match='also a candidate'): sp.main(args + ['--seeds', '100', '--baselines', 'final'])
    meta = load_policy(tmp_path/'ganno_demo.pt')[2]
    assert meta['selection']['seeds'] == [100, 101] and meta['selection']['chosen'] == sel['chosen'] and 'config' in meta
    assert json.loads((tmp_path/'results'/'selection_ganno_demo'/'selection.json').read_text())['chosen'] == sel['chosen']
    with pytest.raises(SystemExit, match='published'): sp.main(args + ['--seeds', '2,100'])
    # the best-scoring candidate, made to keep every LR still zero-shot from 1e-2, is passed over; with none eligible nothing ships
    monkeypatch.setattr(sp, 'zero_shot_moves', lambda p: {1e-4: True, 1e-2: Path(p) != Path(sel['file'])})
    other = sp.main(args + ['--seeds', '100,101', '--dry-run'])
    assert other['chosen'] != sel['chosen'] and other['zero_shot_moves'][sel['chosen']] == {'0.0001': True, '0.01': False}
    monkeypatch.setattr(sp, 'zero_shot_moves', lambda p: {1e-2: False})
    with pytest.raises(SystemExit, match="no candidate moves some layer's LR zero-shot"): sp.main(args + ['--seeds', '100,101', '--dry-run'])
    # a fine-tuning run (train --init) also offers its starting policy, so it ships only if fine-tuning helped
    train(replace(load_config('smoke'), snapshot_every=1, init=str(tmp_path/'run'/'policy.pt')), tmp_path/'tuned', progress=False)
    assert sp.candidates(tmp_path/'tuned', 1) == {'init': tmp_path/'run'/'policy.pt', 'update_0001': tmp_path/'tuned'/'snapshots'/'update_0001.pt',
                                                 'final': tmp_path/'tuned'/'policy.pt'}
    assert sp.same_weights(tmp_path/'tuned'/'snapshots'/'update_0002.pt', tmp_path/'tuned'/'policy.pt')
    assert not sp.same_weights(tmp_path/'tuned'/'snapshots'/'update_0001.pt', tmp_path/'tuned'/'policy.pt')
    (tmp_path/'run'/'policy.pt').write_bytes((tmp_path/'run'/'policy.pt').read_bytes() + b'x')
    with pytest.raises(SystemExit, match='has changed since training'): sp.candidates(tmp_path/'tuned', 1)
    (tmp_path/'run'/'policy.pt').unlink()
    with pytest.raises(SystemExit, match='starting policy .* is missing'): sp.candidates(tmp_path/'tuned', 1)
