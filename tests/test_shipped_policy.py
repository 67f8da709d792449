"The pretrained policy shipped in the package loads, drives networks it never saw with no code change, and schedules: it moves the learning rates."
import pytest

from ganno.data import Splits, make_synthetic
from ganno.env import EnvConfig
from ganno.controllers import GannoAgent
from ganno.evaluate import run_episode, zero_shot_moves
from ganno.observations import ObsLayout
from ganno.policy import SHIPPED, load_policy, shipped_policy_path


def test_every_shipped_policy_is_in_the_package():
    assert set(SHIPPED) == {'ganno', 'ganno_demo'} and all(shipped_policy_path(n).is_file() for n in SHIPPED)


@pytest.mark.parametrize('name', ['ganno', 'ganno_demo'])
def test_shipped_policy_loads_with_its_training_record(name):
    net, layout, meta = load_policy(shipped_policy_path(name), ObsLayout.named('full'))
    assert meta['config']['env']['model'] == 'cnn2' and len(meta['commit']) >= 40
    assert meta.get('marl_steps', 0) > 0 or meta['pretrained']['demos'] > 0 # trained by PPO, or cloned from demonstrations


def test_ganno_demo_records_its_selection_on_validation_seeds():
    sel = load_policy(shipped_policy_path('ganno_demo'))[2]['selection']
    assert sel['seeds'] and not set(sel['seeds']) & {0, 1, 2} and sel['chosen'] in sel['scores']
    assert all(sel['zero_shot_moves'][sel['chosen']].values()) # it was eligible: it schedules CNN-5 zero-shot


@pytest.mark.parametrize('name', ['ganno', 'ganno_demo'])
def test_shipped_policy_schedules_cnn5(name):
    "On a short CNN-5 run from 1e-4, 1e-3 and 1e-2 it does not keep every layer's LR within ×1.05 of where it started (a near-constant LR would)."
    moved = zero_shot_moves(shipped_policy_path(name))
    assert all(moved.values()), f"{name} keeps every layer's LR within ×1.05 of its start from {[lr for lr, m in moved.items() if not m]}"


@pytest.mark.parametrize('name', ['ganno', 'ganno_demo'])
@pytest.mark.parametrize('model, n_agents', [('cnn5', 5), ('resnet18', 21), ('vit', 8)])
def test_shipped_policy_drives_other_models(name, model, n_agents):
    rgb = Splits(make_synthetic(n_train=256, n_test=32, shape=(3, 32, 32)), n_val=32)
    cfg = EnvConfig(model=model, dataset='synthetic', n_decisions=2, tau=2, bs=8, n_val=32, reward_val=32, lr=1e-3, weight_decay=0.1)
    r = run_episode(cfg, GannoAgent(shipped_policy_path(name)), seed=0, data=rgb)
    assert len(r['steps']) == 2
    assert len(r['steps'][-1]['lrs']) == n_agents
    assert all(0 <= lr <= 0.1 for lr in r['steps'][-1]['lrs'])
