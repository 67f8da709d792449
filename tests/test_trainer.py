"Exact branching and divergence handling across every model family (the notebooks show CNN-2)."
import math

import pytest
import torch

from ganno.data import Splits, make_synthetic
from ganno.trainer import Trainee


@pytest.fixture(scope='module')
def rgb():
    return Splits(make_synthetic(n_train=512, n_test=64, shape=(3, 32, 32)), n_val=64)


def flat(t): return torch.cat([p.detach().flatten() for p in t.model.parameters()] +
                              [b.flatten().float() for b in t.model.buffers()])


@pytest.mark.parametrize('model', ['cnn5', 'resnet9', 'vit'])
def test_clones_are_bitwise_identical_and_part_with_other_lrs(rgb, model):
    base = Trainee.build(model, rgb, lr=1e-3, bs=16).train(3)
    a, b, c = base.clone(), base.clone(), base.clone()
    c.set_lrs([x*2 for x in c.lrs])
    for t in (a, b, c): t.train(3)
    assert torch.equal(flat(a), flat(b))        # parameters and BatchNorm buffers
    assert not torch.equal(flat(a), flat(c))
    assert a.evaluate('val') == b.evaluate('val')


def test_clone_does_not_share_optimizer_state(rgb):
    a = Trainee.build('cnn5', rgb, bs=16).train(2)
    b = a.clone()
    b.train(2)
    pa, pb = a.opt.param_groups[0]['params'][0], b.opt.param_groups[0]['params'][0]
    assert a.opt.state[pa]['exp_avg'].data_ptr() != b.opt.state[pb]['exp_avg'].data_ptr()
    assert a.steps == 2 and b.steps == 4


def test_stats_have_one_entry_per_layer(rgb):
    t = Trainee.build('resnet18', rgb, bs=8).train(1)
    assert all(v.shape == (21,) for v in t.stats.values())
    assert torch.isfinite(torch.stack(list(t.stats.values()))).all()


def test_divergence_is_reported_not_raised(rgb):
    t = Trainee.build('cnn5', rgb, lr=1e20, weight_decay=0.0, bs=16)
    for _ in range(4): t.train(5)
    assert t.diverged and math.isnan(t.train_loss)
    ev = t.evaluate('val')
    assert not math.isfinite(ev['loss'])
