"""Measure how long an evaluation run must be: accuracy against steps for a few methods and initial LRs.

    python scripts/converged_scale.py --env cnn5_cifar10 --bs 128 --decisions 70 --every 5 --out results/converged_scale/cnn5_cifar10.jsonl

Each (method, initial LR) run appends one record (its curve of validation and test accuracy every `--every` decisions,
with commit and machine) to `--out`; a re-run skips recorded runs. A constant LR's curve at step s is exactly a run of
length s; a schedule's (SGDR) depends on the run length, so its curve is that of the longest run only."""
import argparse, json, sys, time
from pathlib import Path

import torch

from ganno.controllers import BASELINES, ConstantLR
from ganno.env import LREnv
from ganno.evaluate import eval_config
from ganno.provenance import git_commit, machine_info, to_json

def run(env_name, method, lr, args):
    cfg = eval_config(env_name, 'cpu', n_decisions=args.decisions, bs=args.bs, lr=lr, weight_decay=args.wd, amp=args.bf16)
    ctl = ConstantLR() if method == 'constant' else BASELINES[method]()
    env = LREnv(ctl.configure(cfg), seed=args.seed)
    obs, _ = env.reset(); ctl.reset(env, args.seed)
    n_train, curve, t0 = len(env.data.y_train), [], time.perf_counter()
    for d in range(1, args.decisions + 1):
        obs, _, term, _, info = env.step(ctl.act(obs))
        if d % args.every == 0 or d == args.decisions or term:
            tr = env.trainee; test = tr.evaluate('test')
            curve.append({'decision': d, 'step': d*cfg.tau, 'epoch': d*cfg.tau*cfg.bs/n_train, 'val_acc': info['val_acc'],
                          'test_acc': 0.0 if tr.diverged else test['acc'], 'diverged': tr.diverged, 'wall_s': time.perf_counter() - t0})
            print(f"{method} lr={lr:g} decision {d}: epoch {curve[-1]['epoch']:.1f} test {curve[-1]['test_acc']:.4f}", flush=True)
        if term: break
    return {'env': env_name, 'method': method, 'init_lr': lr, 'weight_decay': args.wd, 'seed': args.seed, 'bs': args.bs, 'tau': cfg.tau,
            'decisions': args.decisions, 'bf16': args.bf16, 'curve': curve, 'wall_s': time.perf_counter() - t0,
            'commit': args.commit, 'machine': machine_info(), 'threads': torch.get_num_threads()}

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--env', default='cnn5_cifar10'); p.add_argument('--bs', type=int, default=128)
    p.add_argument('--decisions', type=int, default=70); p.add_argument('--every', type=int, default=5)
    p.add_argument('--methods', default='constant,sgdr'); p.add_argument('--lrs', default='1e-4,1e-3,1e-2')
    p.add_argument('--wd', type=float, default=0.1); p.add_argument('--seed', type=int, default=0)
    p.add_argument('--bf16', action='store_true'); p.add_argument('--threads', type=int, default=1)
    p.add_argument('--out', required=True)
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    a.commit = git_commit() # the code that runs is the code at start: later edits to the tree do not change it
    out = Path(a.out); out.parent.mkdir(parents=True, exist_ok=True)
    have = {(r['method'], r['init_lr'], r['seed'], r['bs']) for r in map(json.loads, out.open())} if out.is_file() else set()
    for m in a.methods.split(','):
        for lr in (float(x) for x in a.lrs.split(',')):
            if (m, lr, a.seed, a.bs) in have: continue
            rec = run(a.env, m, lr, a)
            with out.open('a') as f: f.write(to_json(rec) + '\n')

if __name__ == '__main__': sys.exit(main())
