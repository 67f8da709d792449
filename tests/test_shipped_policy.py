"The pretrained policy shipped in the package loads and drives networks it never saw, with no code change."
import pytest

from ganno.data import Splits, make_synthetic
from ganno.env import EnvConfig
from ganno.controllers import GannoAgent
from ganno.evaluate import run_episode
from ganno.observations import ObsLayout
from ganno.policy import default_policy_path, load_policy


def test_shipped_policy_loads_with_its_training_summary():
    net, layout, meta = load_policy(default_policy_path(), ObsLayout.named('full'))
    assert meta['marl_steps'] >= 4800 and meta['config']['env']['model'] == 'cnn2'
    assert len(meta['commit']) >= 40


@pytest.mark.parametrize('model, n_agents', [('cnn5', 5), ('resnet18', 21), ('vit', 8)])
def test_shipped_policy_drives_other_models(model, n_agents):
    rgb = Splits(make_synthetic(n_train=256, n_test=32, shape=(3, 32, 32)), n_val=32)
    cfg = EnvConfig(model=model, dataset='synthetic', n_decisions=2, tau=2, bs=8, n_val=32, reward_val=32, lr=1e-3, weight_decay=0.1)
    r = run_episode(cfg, GannoAgent(), seed=0, data=rgb)
    assert len(r['steps']) == 2
    assert len(r['steps'][-1]['lrs']) == n_agents
    assert all(0 <= lr <= 0.1 for lr in r['steps'][-1]['lrs'])
