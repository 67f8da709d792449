"""What a MARL decision costs per training network, and the policy-training budget that fits a time limit here.

    python scripts/decision_cost.py --out results/decision_cost.json

Times one AdamW step (batch 64, Fashion-MNIST's 1×28×28 images, one thread, channels-last) of each model, and one whole
decision of the `paper` preset's CNN-2 environment (τ = 100 steps of the trained network and of its no-op counterfactual
branch, plus the validation passes). A decision of another model is estimated as CNN-2's times the ratio of their step
times. The budget is the number of PPO updates (`decisions_per_update` × `n_envs` decisions each) that fit `--hours` with
every core busy. The record holds the machine, its load average while measuring (a loaded machine inflates the times, not
much the ratios) and the commit.
"""
import argparse, os, time

import numpy as np
import torch

from ganno.env import LREnv
from ganno.models import build_model
from ganno.provenance import git_commit, machine_info, write_json
from ganno.train import load_config


def step_ms(model:str, n:int, bs:int=64) -> float:
    "Mean milliseconds of one AdamW step of `model` on random Fashion-MNIST-shaped batches, after 3 warm-up steps."
    m = build_model(model, (1, 28, 28), 10).to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(m.parameters(), 1e-3)
    x, y = torch.randn(bs, 1, 28, 28).contiguous(memory_format=torch.channels_last), torch.randint(0, 10, (bs,))
    def step(): opt.zero_grad(); torch.nn.functional.cross_entropy(m(x), y).backward(); opt.step()
    for _ in range(3): step()
    t = time.perf_counter()
    for _ in range(n): step()
    return 1e3*(time.perf_counter() - t)/n


def decision_s(n:int=3) -> float:
    "Mean seconds of one decision of the `paper` preset's CNN-2 environment (after one warm-up decision)."
    env = LREnv(load_config('paper').env, seed=0); env.reset(seed=0)
    a = np.full(env.n_agents, 4) # every agent keeps its LR
    env.step(a)
    t = time.perf_counter()
    for _ in range(n): env.step(a)
    return (time.perf_counter() - t)/n


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--models', default='cnn2,resnet9_w16,resnet9'); p.add_argument('--hours', type=float, default=6.0)
    p.add_argument('--out', required=True)
    a = p.parse_args(argv)
    torch.set_num_threads(1)
    load0 = os.getloadavg()[0]
    ms = {m: step_ms(m, 30 if m != 'resnet9' else 8) for m in a.models.split(',')}
    d = decision_s()
    cfg, cores = load_config('paper'), os.cpu_count()
    per_update = cfg.steps_per_update
    models = {}
    for m, t in ms.items():
        dec = d*t/ms['cnn2']
        updates = int(a.hours*3600*cores/(dec*per_update))
        models[m] = {'step_ms': round(t, 2), 'ratio_to_cnn2': round(t/ms['cnn2'], 2), 'decision_s': round(dec, 2),
                     'updates_in_budget': updates, 'marl_steps_in_budget': updates*per_update}
        print(f"{m}: {t:.1f} ms/step, ×{t/ms['cnn2']:.1f} CNN-2, ≈{dec:.1f} s/decision; {a.hours:g} h on {cores} cores: "
              f"{updates} updates = {updates*per_update:,} MARL steps")
    write_json(a.out, {'models': models, 'cnn2_decision_s': round(d, 2), 'hours': a.hours, 'cores': cores,
                       'decisions_per_update': per_update, 'loadavg': [round(load0, 2), round(os.getloadavg()[0], 2)],
                       'commit': git_commit(), 'machine': machine_info(), 'time': time.strftime('%Y-%m-%dT%H:%M:%S%z')})


if __name__ == '__main__': main()
