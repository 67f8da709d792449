"""What `GannoScheduler` costs in a plain AdamW training loop, on any device, in fp32 and bf16 autocast.

    python scripts/scheduler_overhead.py --device cuda --out results/scheduler_overhead_cuda.json

Writes {config, commit, machine, runs: [one `ganno.scheduler.scheduler_overhead` result per batch size and precision]};
11_scheduler reads it.
"""
import argparse
from pathlib import Path

import torch

from ganno.provenance import git_commit, machine_info, to_json
from ganno.scheduler import scheduler_overhead

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
p.add_argument('--model', default='resnet18')
p.add_argument('--bs', default='32,128', help='comma-separated minibatch sizes')
p.add_argument('--steps', type=int, default=300, help='steps per timed round')
p.add_argument('--rounds', type=int, default=5)
p.add_argument('--precisions', default='fp32,bf16', help='comma-separated: fp32, bf16')
p.add_argument('--commit', help="the commit measured, where the tree has no .git (default: this checkout's)")
p.add_argument('--out', type=Path)
a = p.parse_args()
bad = set(a.precisions.split(',')) - {'fp32', 'bf16'}
if bad: p.error(f"--precisions {a.precisions!r}: unknown {', '.join(sorted(bad))}; expected fp32 and/or bf16")
try: sizes = [int(b) for b in a.bs.split(',')]
except ValueError: p.error(f"--bs {a.bs!r}: expected comma-separated integers")
runs = []
for bs, prec in [(b, q) for b in sizes for q in a.precisions.split(',')]:
    r = scheduler_overhead(a.device, model=a.model, bs=bs, steps=a.steps, rounds=a.rounds, amp=prec == 'bf16')
    s = r['steps_per_s']
    print(f"{a.model} bs {bs} {prec} on {r['gpu'] or r['device']}: {s['plain']:.1f} steps/s plain, {s['ganno']:.1f} GannoScheduler "
          f"({r['ganno_overhead_pct']:+.2f} %), {s['sync']:.1f} float(loss) per step ({r['sync_overhead_pct']:+.2f} %); "
          f"one decision {r['decision_ms']:.1f} ms (statistics {r['stats_ms']:.1f} ms) = {r['decision_share_pct']:.2f} % of {r['tau']} steps; "
          f"stats vs CPU {r['stats_rel_err_vs_cpu']:.1e}; final LRs {min(r['lrs']):.2e}..{max(r['lrs']):.2e}", flush=True)
    runs.append(r)
res = {'config': {k: str(v) if isinstance(v, Path) else v for k, v in vars(a).items()}, 'commit': a.commit or git_commit(),
       'machine': {**machine_info(), 'cuda': torch.version.cuda}, 'runs': runs}
if a.out: a.out.parent.mkdir(parents=True, exist_ok=True); a.out.write_text(to_json(res, indent=1))
