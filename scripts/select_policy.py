"""Choose a training run's policy on validation seeds, and ship it.

    python scripts/select_policy.py results/train_paper --name ganno
    python scripts/select_policy.py results/train_demo --name ganno_demo

The candidates are the run's last `--last` snapshots (RUN/snapshots/update_NNNN.pt, written every `snapshot_every`
updates; one that holds the final policy's weights counts as the final), its final RUN/policy.pt and, for a run
started from a policy (`ganno train --init`), that starting policy (`init`), so fine-tuning ships only when it beats
where it began. Each plays the validation seeds (default 100-104; the published seeds 0-2 are refused) from each
initial LR in `--init-lrs`, in the training environment at `--scale`. A candidate is eligible only if it schedules
networks it never trained on: from each of 1e-4, 1e-3 and 1e-2 it must end some layer's LR at least 1.05x from its
start on a short CNN-5 run of synthetic images (`ganno.evaluate.zero_shot_moves`, the check the tests make of every
shipped policy). The eligible candidate with the highest mean final *validation* accuracy (the validation split; the
test split is never read for the choice) is copied to the package's assets as the shipped policy NAME, its meta
extended with the selection: seeds, environment, scale, metric, every candidate's score. The `--baselines` (default:
the constant LR) play the same episodes for reference: they are reported beside the candidates, never chosen. For
every candidate and baseline the selection also records the share of its runs in which some layer's final LR is at
least 2x from where it started (a policy that schedules moves it). The episodes stay in results/selection_NAME/
(re-runs skip recorded ones), and results/selection_NAME/selection.json records the choice with its provenance.
`--dry-run` chooses without shipping."""
import argparse, json, shutil
from pathlib import Path

import numpy as np
import torch

from ganno.evaluate import eval_config, evaluate_to, lr_moved, zero_shot_moves
from ganno.policy import load_policy, save_policy, shipped_policy_path
from ganno.provenance import file_sha256, git_commit, machine_info, write_json

PUBLISHED_SEEDS = (0, 1, 2)

def same_weights(a, b) -> bool:
    "Whether policy files `a` and `b` hold the same network (weights and normaliser), whatever their metadata."
    def eq(x, y): # state dicts hold tensors and, for the normaliser, nested dicts
        if isinstance(x, torch.Tensor): return isinstance(y, torch.Tensor) and x.shape == y.shape and torch.equal(x, y)
        if isinstance(x, dict): return isinstance(y, dict) and x.keys() == y.keys() and all(eq(x[k], y[k]) for k in x)
        return x == y
    return eq(load_policy(a)[0].state_dict(), load_policy(b)[0].state_dict())

def candidates(run:Path, last:int) -> dict:
    "Name -> policy file: the starting policy (if any), the last `last` snapshots and the final policy of training run `run`."
    final = run/'policy.pt'
    snaps = [p for p in sorted((run/'snapshots').glob('update_*.pt')) # the last update's snapshot is the final policy: played once
             if not (final.is_file() and same_weights(p, final))][-last:] if last else []
    prov = json.loads((run/'config.json').read_text()) if (run/'config.json').is_file() else {}
    init = prov.get('config', {}).get('init')
    out = {'init': Path(init)} if init else {}
    if init and not out['init'].is_file(): raise SystemExit(f"{run}: its starting policy {init} (config.json's init) is missing")
    if init and file_sha256(init) != prov.get('init_sha256'):
        raise SystemExit(f"{run}: its starting policy {init} has changed since training began (sha256 differs from config.json's init_sha256)")
    out |= {p.stem: p for p in snaps}
    if final.is_file(): out['final'] = final
    if not out: raise SystemExit(f"{run}: no snapshots/update_*.pt and no policy.pt to choose from")
    return out

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('run', type=Path, help='a training run folder (ganno train --out)')
    p.add_argument('--name', required=True, choices=['ganno', 'ganno_demo'], help='the shipped policy it becomes')
    p.add_argument('--last', type=int, default=4, help='how many of the latest snapshots compete with the final policy (default 4)')
    p.add_argument('--env', default='cnn2_fmnist', help='the evaluation environment (default: the training one, cnn2_fmnist)')
    p.add_argument('--scale', default='converged', help="its scale (default converged: CNN-2's 300-decision training episodes)")
    p.add_argument('--seeds', default='100,101,102,103,104', help='validation seeds (default 100-104)')
    p.add_argument('--init-lrs', default='1e-4,1e-3,1e-2', help='initial LRs (default 1e-4,1e-3,1e-2)')
    p.add_argument('--weight-decay', type=float, default=0.01, help='λ (default 0.01)')
    p.add_argument('--baselines', default='constant', help="controllers played for reference, never chosen (default constant; '' for none)")
    p.add_argument('--procs', type=int, default=2)
    p.add_argument('--dry-run', action='store_true', help='choose, but do not copy into the package')
    a = p.parse_args(argv)
    seeds, lrs = [int(s) for s in a.seeds.split(',')], [float(x) for x in a.init_lrs.split(',')]
    if set(seeds) & set(PUBLISHED_SEEDS): raise SystemExit(f"--seeds {a.seeds}: seeds {sorted(set(seeds) & set(PUBLISHED_SEEDS))} report the published results; choose on others")
    cands = candidates(a.run, a.last)
    out = Path('results')/f'selection_{a.name}'
    cfg = eval_config(a.env, a.scale, weight_decay=a.weight_decay)
    base = [b for b in a.baselines.split(',') if b]
    if set(base) & set(cands): raise SystemExit(f"--baselines {a.baselines}: {sorted(set(base) & set(cands))} is also a candidate's name")
    recs = evaluate_to(out, cfg, [f'{k}={v}' for k, v in cands.items()] + base, seeds, init_lrs=lrs, procs=a.procs)
    sha = {k: file_sha256(v) for k, v in cands.items()}
    mine = lambda k: [r for r in recs if r['method'] == k and (k in base or r.get('policy_sha256') == sha[k])]
    acc = {k: float(np.mean([r['final_val_acc'] for r in mine(k)])) for k in [*cands, *base]}
    score, ref = {k: acc[k] for k in cands}, {k: acc[k] for k in base}
    moved = {k: float(np.mean([lr_moved(r) for r in mine(k)])) for k in [*cands, *base]}
    zs = {k: {f'{lr:g}': m for lr, m in zero_shot_moves(v).items()} for k, v in cands.items()}
    eligible = [k for k in cands if all(zs[k].values())]
    if not eligible: raise SystemExit(f"{a.run}: no candidate moves some layer's LR zero-shot from every start ({zs}); nothing to ship")
    best = max(eligible, key=score.get)
    sel = {'run': str(a.run), 'chosen': best, 'file': str(cands[best]), 'sha256': sha[best], 'metric': 'final_val_acc (mean)',
           'seeds': seeds, 'init_lrs': lrs, 'weight_decay': a.weight_decay, 'env': a.env, 'scale': a.scale, 'scores': score,
           'baselines': ref, 'moved_2x': moved, 'zero_shot_moves': zs}
    for k in sorted(acc, key=acc.get, reverse=True):
        print(f"{k:>14}: {acc[k]:.4f}   some layer's LR moved >= 2x in {moved[k]:.0%} of runs"
              + ('   <- chosen' if k == best else '   (baseline)' if k in ref else '' if k in eligible else
                 f"   not eligible: keeps every layer's LR within 1.05x zero-shot from {', '.join(lr for lr, m in zs[k].items() if not m)}"))
    write_json(out/'selection.json', {**sel, 'commit': git_commit(), 'machine': machine_info()})
    if a.dry_run: return sel
    net, layout, meta = load_policy(cands[best])
    dest = shipped_policy_path(a.name)
    save_policy(dest, net, layout, {**meta, 'selection': sel})
    print(f"shipped {cands[best]} as {a.name}: {dest}")
    return sel

if __name__ == '__main__': main()
