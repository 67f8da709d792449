"`scripts/scheduler_overhead.py`: bad arguments are refused by name; a tiny CPU run writes the result file 11_scheduler reads."
import json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT/'scripts'/'scheduler_overhead.py'


def _run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT)


def test_bad_arguments_name_the_value():
    r = _run('--bs', '3x'); assert r.returncode == 2 and "--bs '3x'" in r.stderr
    r = _run('--precisions', 'fp32,fp16'); assert r.returncode == 2 and 'unknown fp16' in r.stderr


def test_tiny_cpu_run_writes_the_file(tmp_path):
    out = tmp_path/'o.json'
    r = _run('--device', 'cpu', '--model', 'cnn2', '--bs', '8', '--steps', '100', '--rounds', '1', '--precisions', 'fp32', '--out', str(out))
    assert r.returncode == 0, r.stderr
    res = json.loads(out.read_text())
    (run,) = res['runs']
    assert run['device'] == 'cpu' and run['bs'] == 8 and set(run['steps_per_s']) == {'plain', 'ganno', 'sync'}
    assert run['decisions'] == 3 and run['stats_rel_err_vs_cpu'] == 0.0 and res['commit'] and res['machine']['torch']
