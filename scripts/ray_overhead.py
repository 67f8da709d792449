"""Ray's overhead against local worker processes: the same evaluation grid run both ways, in one run.

    python scripts/ray_overhead.py --out results/ray_overhead.json

For each grid (a smoke grid on the synthetic set, and a CPU-scale grid on CNN-2 / Fashion-MNIST) it runs the episodes
in `--procs` local processes, then as Ray tasks on a local Ray with as many CPUs, into fresh folders, and records both
wall times, their ratio (Ray / local), and that the records agree. Ray's start-up is timed apart."""
import argparse, tempfile, time
from pathlib import Path

from ganno.evaluate import eval_config, evaluate_to
from ganno.provenance import git_commit, machine_info, write_json

GRIDS = {'smoke': ('synthetic', 'smoke', ('constant', 'random', 'linear'), (0, 1)),
         'cpu': ('cnn2_fmnist', 'cpu', ('constant', 'random'), (0, 1))}

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--procs', type=int, default=2); p.add_argument('--grids', default='smoke,cpu'); p.add_argument('--out', type=Path, required=True)
    a = p.parse_args()
    import ray
    from ganno.cluster import ray_init
    t = time.perf_counter(); ray_init('local', num_cpus=a.procs); startup = time.perf_counter() - t
    res = {'commit': git_commit(), 'machine': machine_info(), 'procs': a.procs, 'ray': ray.__version__, 'ray_startup_s': startup, 'grids': {}}
    strip = lambda rs: sorted(({k: v for k, v in r.items() if k != 'wall_s'} for r in rs), key=lambda r: (r['method'], r['seed']))
    for g in a.grids.split(','):
        env, scale, methods, seeds = GRIDS[g]
        cfg = eval_config(env, scale, lr=1e-3, weight_decay=0.01)
        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter(); here = evaluate_to(f'{d}/local', cfg, methods, seeds, procs=a.procs, show=lambda *_: None); local = time.perf_counter() - t
            t = time.perf_counter(); there = evaluate_to(f'{d}/ray', cfg, methods, seeds, ray='local', show=lambda *_: None); on_ray = time.perf_counter() - t
        res['grids'][g] = {'env': env, 'scale': scale, 'episodes': len(here), 'local_s': local, 'ray_s': on_ray, 'ratio': on_ray/local,
                           'records_equal': strip(here) == strip(there)}
        print(f"{g}: {len(here)} episodes, local {local:.1f} s, Ray {on_ray:.1f} s, Ray/local {on_ray/local:.2f}, records equal: {strip(here) == strip(there)}")
    ray.shutdown()
    a.out.parent.mkdir(parents=True, exist_ok=True); write_json(a.out, res)

if __name__ == '__main__': main()
