"GannoScheduler with the shipped policy in a plain training loop, as a user adopts it."
import torch
import torch.nn.functional as F

from ganno.actions import LR_ACTIONS
from ganno.data import BatchSampler, make_synthetic
from ganno.models import ResNet9
from ganno.scheduler import GannoScheduler, layerwise_param_groups


def test_trains_a_model_the_policy_never_saw_for_a_few_hundred_steps():
    ds = make_synthetic(n_train=1024, n_test=256, shape=(3, 32, 32), noise=0.8)
    torch.manual_seed(0)
    model = ResNet9(width=8)
    opt = torch.optim.AdamW(layerwise_param_groups(model), lr=1e-3, weight_decay=0.1)
    sched = GannoScheduler(opt, model, total_steps=300)
    lrs, losses, decisions = [sched.get_last_lr()], [], 0
    smp = BatchSampler(1024, 32, seed=0)
    for step in range(300):
        idx = next(smp)
        loss = F.cross_entropy(model(ds.normalize(ds.x_train[idx])), ds.y_train[idx])
        opt.zero_grad(); loss.backward(); opt.step()
        before = sched.get_last_lr()
        sched.step(loss, train_acc=0.5, val_loss=float(loss), val_acc=0.5)
        losses.append(float(loss))
        if (step + 1) % 100 == 0 and step + 1 < 300:   # a decision: the LRs moved by exactly the actions the policy chose
            decisions += 1
            assert sched.get_last_lr() == list(LR_ACTIONS.apply(before, sched.prev))
            lrs.append(sched.get_last_lr())
        else: assert sched.get_last_lr() == before
    assert len(lrs[-1]) == 9 and all(0 <= x <= 0.1 for l in lrs for x in l)
    assert decisions == sched.decisions == 2   # at steps 100 and 200; none after the last step
    assert sum(losses[-50:])/50 < sum(losses[:50])/50
    with torch.no_grad():
        acc = (model.eval()(ds.normalize(ds.x_test)).argmax(1) == ds.y_test).float().mean()
    assert acc > 0.5
    assert set(sched.lr_dict()) == {f'lr-AdamW/{g["name"]}' for g in opt.param_groups}


def test_step_without_a_loss_is_refused_not_a_zeroed_lr():
    import pytest
    from ganno.models import cnn2
    model = cnn2()
    opt = torch.optim.AdamW(layerwise_param_groups(model), lr=1e-3)
    sched = GannoScheduler(opt, model, total_steps=200, tau=2)
    before = sched.get_last_lr()
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'loss'"): sched.step()
    with pytest.raises(ValueError, match=r"step\(loss\): pass this step's training loss"): sched.step(None)
    assert sched.get_last_lr() == before and sched.t == 0


def test_importing_the_scheduler_loads_no_rl_library():
    import subprocess, sys
    code = "import sys, ganno.scheduler; print(sorted({m.split('.')[0] for m in sys.modules} & {'tianshou', 'gymnasium'}))"
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == '[]', r.stdout
