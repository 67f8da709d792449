"""Write the grid index of results/README.md from the result files.

Every evaluation grid (a folder of results/ with records.jsonl and config.json) gets one row: its environment and
weight decay, its scale (the `EVAL_SCALES` entry its episode length matches), how many episodes of how many methods it
holds, the sha256 of every policy file its GANNO-type rows played, the commits its records name (with how many each; records
older than that field name none), the processor that started it and its time (the sum of
its episodes' wall times; two worker processes share a machine, so the clock time is about half). The rows go between
the two markers in results/README.md, so nothing in them is typed by hand.
Run: python tools/results_index.py  (`--check` exits 1 when results/README.md is out of date).
"""
import json, sys
from pathlib import Path

from ganno.evaluate import EVAL_ENVS, EVAL_SCALES, eval_config

root = Path(__file__).resolve().parent.parent
BEGIN, END = '<!-- grids: written by tools/results_index.py -->', '<!-- /grids -->'
SCALE_FIELDS = ('n_decisions', 'tau', 'bs', 'n_val', 'reward_val', 'n_train')


def scale_of(cfg:dict) -> str:
    "The name of the evaluation scale whose episodes `cfg` (a grid's config) runs, or 'custom'."
    env = next((k for k, v in EVAL_ENVS.items() if v == (cfg['model'], cfg['dataset'])), None)
    for sc in EVAL_SCALES:
        if env and all(getattr(eval_config(env, sc), k) == cfg.get(k) for k in SCALE_FIELDS): return sc
    return 'custom'


def grid_row(folder:Path) -> str:
    "One markdown row for the evaluation grid in `folder`."
    prov = json.loads((folder/'config.json').read_text()); cfg = prov['config']
    recs = [json.loads(l) for l in (folder/'records.jsonl').read_text().splitlines() if l.startswith('{') and l.endswith('}')]
    methods = list(dict.fromkeys(r['method'] for r in recs))
    shas = {}
    for r in recs:
        if r.get('policy_sha256'): shas.setdefault(r['method'], set()).add(r['policy_sha256'][:12])
    policies = '; '.join(f"{m}: {', '.join(sorted(s))}" for m, s in shas.items())
    if any(r['method'].startswith('ganno') and not r.get('policy_sha256') for r in recs):
        policies += ('; ' if policies else '') + 'not recorded in GANNO records older than the hash'
    policies = policies or '— (no policy played)'
    commits = {}
    for r in recs: commits[r.get('commit')] = commits.get(r.get('commit'), 0) + 1
    made = '; '.join([f"`{c[:7]}{'+dirty' if c.endswith('+dirty') else ''}` ({n})" for c, n in commits.items() if c] +
                     ([f"not recorded ({commits[None]})"] if None in commits else []))
    hours = sum(r.get('wall_s', 0) for r in recs)/3600
    return (f"| `{folder.name}/` | {cfg['model']} / {cfg['dataset']}, λ = {cfg['weight_decay']:g} | {scale_of(cfg)} | "
            f"{len(recs)} episodes, {len(methods)} methods | {policies} | {made} | {prov['machine']['processor']} | {hours:.1f} h |")


def index(results:Path=root/'results') -> str:
    "The index table of every evaluation grid under `results`."
    rows = [grid_row(d) for d in sorted(results.iterdir()) if (d/'records.jsonl').is_file() and (d/'config.json').is_file()]
    return '\n'.join(['| grid | environment | scale | size | policy sha256 (first 12) | commit (records) | started on | episode time |',
                      '|---|---|---|---|---|---|---|---|', *rows])


def updated(readme:str, table:str) -> str:
    "`readme` with the text between the markers replaced by `table`."
    if BEGIN not in readme or END not in readme: raise SystemExit(f"results/README.md lacks the markers {BEGIN} … {END}")
    head, rest = readme.split(BEGIN, 1)
    return f"{head}{BEGIN}\n{table}\n{END}{rest.split(END, 1)[1]}"


if __name__ == '__main__':
    path = root/'results'/'README.md'
    text = updated(path.read_text(), index())
    if '--check' in sys.argv:
        if text != path.read_text(): sys.exit('results/README.md is out of date: run python tools/results_index.py')
    else: path.write_text(text)
