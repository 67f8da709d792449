"The pretrained policy shipped in the package loads, drives networks it never saw with no code change, and schedules: it moves the learning rates."
import numpy as np
import pytest

from ganno.data import Splits, make_synthetic
from ganno.env import EnvConfig
from ganno.controllers import GannoAgent
from ganno.evaluate import run_episode
from ganno.observations import ObsLayout
from ganno.policy import default_policy_path, load_policy


def test_shipped_policy_loads_with_its_training_record():
    net, layout, meta = load_policy(default_policy_path(), ObsLayout.named('full'))
    assert meta['config']['env']['model'] == 'cnn2' and meta['marl_steps'] > 0 and len(meta['commit']) >= 40


@pytest.mark.parametrize('lr', [1e-4, 1e-3, 1e-2])
def test_shipped_policy_schedules_cnn5(lr):
    "On a short CNN-5 run it does not keep every layer's LR within ×1.05 of where it started (a near-constant LR would)."
    rgb = Splits(make_synthetic(n_train=512, n_test=64, shape=(3, 32, 32)), n_val=64)
    cfg = EnvConfig(model='cnn5', dataset='synthetic', n_decisions=8, tau=10, bs=16, n_val=64, reward_val=64, lr=lr, weight_decay=0.1)
    r = run_episode(cfg, GannoAgent(), seed=0, data=rgb)
    moved = np.array(r['steps'][-1]['lrs'])/lr
    assert ((moved > 1.05) | (moved < 1/1.05)).any(), f'from LR {lr:g} every layer ended within ×1.05 of it: {moved.round(3)}'


@pytest.mark.parametrize('model, n_agents', [('cnn5', 5), ('resnet18', 21), ('vit', 8)])
def test_shipped_policy_drives_other_models(model, n_agents):
    rgb = Splits(make_synthetic(n_train=256, n_test=32, shape=(3, 32, 32)), n_val=32)
    cfg = EnvConfig(model=model, dataset='synthetic', n_decisions=2, tau=2, bs=8, n_val=32, reward_val=32, lr=1e-3, weight_decay=0.1)
    r = run_episode(cfg, GannoAgent(), seed=0, data=rgb)
    assert len(r['steps']) == 2
    assert len(r['steps'][-1]['lrs']) == n_agents
    assert all(0 <= lr <= 0.1 for lr in r['steps'][-1]['lrs'])
