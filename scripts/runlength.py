"""How long must a run be for GANNO's decisions to matter? A user's CNN on CIFAR-10, GANNO against constant and cosine.

    python scripts/runlength.py --out results/scheduler_runlength/records.jsonl

The loop is `ganno.scheduler.train_with` — AdamW with one LR per layer (biases and norm weights without weight decay),
validation on 1,000 held-out images every τ steps passed to the scheduler — run on `UserCNN`, a conv-norm network
written the way a user would write one, not one of `ganno.models`. Every (run length, τ, seed, method) appends one
record (final validation and test accuracy, final LRs, commit, machine) to `--out`; a re-run skips recorded runs, and
the grid is walked shortest runs first, so an interrupted measurement still holds whole rows."""
import argparse, json, sys, time
from pathlib import Path

import torch
from torch import nn

from ganno.data import Splits, load_dataset
from ganno.policy import default_policy_path
from ganno.provenance import file_sha256, git_commit, machine_info, to_json
from ganno.scheduler import train_with

class UserCNN(nn.Module):
    "Two conv-norm-ReLU blocks per resolution, max-pooling between them, global average pooling and a linear classifier."
    def __init__(self, width:int=16, n_classes:int=10):
        super().__init__()
        def block(i, o): return [nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU()]
        w = width
        self.features = nn.Sequential(*block(3, w), *block(w, w), nn.MaxPool2d(2), *block(w, 2*w), *block(2*w, 2*w), nn.MaxPool2d(2),
                                      *block(2*w, 4*w), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.classifier = nn.Linear(4*w, n_classes)
    def forward(self, x): return self.classifier(self.features(x))

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--steps', default='400,1200,3600', help='run lengths (AdamW steps), comma-separated')
    p.add_argument('--taus', default='50,100', help="GANNO's τ values (constant and cosine validate every 100 steps)")
    p.add_argument('--seeds', default='0,1,2'); p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--wd', type=float, default=0.05); p.add_argument('--bs', type=int, default=64)
    p.add_argument('--width', type=int, default=12); p.add_argument('--threads', type=int, default=1)
    p.add_argument('--out', required=True)
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    commit, policy = git_commit(), default_policy_path()
    policy_sha = file_sha256(policy)
    out = Path(a.out); out.parent.mkdir(parents=True, exist_ok=True)
    have = {(r['steps'], r['tau'], r['seed'], r['method']) for r in map(json.loads, out.open())} if out.is_file() else set()
    ds = load_dataset('cifar10')
    for steps in map(int, a.steps.split(',')):
        for seed in map(int, a.seeds.split(',')):
            data = Splits(ds, n_val=5000, seed=seed)
            for method, tau in [('constant', 100), ('cosine', 100)] + [('ganno', int(t)) for t in a.taus.split(',')]:
                if (steps, tau, seed, method) in have: continue
                t0 = time.perf_counter()
                r = train_with(method, lambda: UserCNN(a.width), data, steps=steps, lr=a.lr, weight_decay=a.wd, bs=a.bs, seed=seed,
                               tau=tau, n_val=1000, no_decay=True)
                rec = {'model': f'UserCNN(width={a.width})', 'dataset': 'cifar10', 'method': method, 'steps': steps, 'tau': tau,
                       'seed': seed, 'lr': a.lr, 'weight_decay': a.wd, 'bs': a.bs, 'test_acc': r['test_acc'], 'final_val_acc': r['final_val_acc'],
                       'final_lrs': r['curve'][-1]['lrs'] if r['curve'] else None, 'layers': r['layers'],
                       'decisions': (steps - 1)//tau if method == 'ganno' else None, 'wall_s': time.perf_counter() - t0,
                       'policy_sha256': policy_sha if method == 'ganno' else None, 'commit': commit, 'machine': machine_info()}
                with out.open('a') as f: f.write(to_json(rec) + '\n')
                print(f"steps {steps} seed {seed} {method} τ={tau}: test {r['test_acc']:.4f} ({rec['wall_s']:.0f} s)", flush=True)

if __name__ == '__main__': sys.exit(main())
