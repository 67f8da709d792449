"`ganno train` as a user runs it: the smoke preset, and a run killed mid-way and resumed."
import csv, json, os, signal, subprocess, time

from test_cli import GANNO, ganno


def progress(out):
    return [int(r['update']) for r in csv.DictReader((out/'progress.csv').open())]


def test_smoke_preset_trains_and_ships_a_policy(tmp_path):
    r = ganno('train', '--config', 'smoke', '--out', str(tmp_path/'run'))
    assert r.returncode == 0, r.stderr
    s = json.loads((tmp_path/'run'/'summary.json').read_text())
    assert s['finished'] and s['marl_steps'] == 12
    assert (tmp_path/'run'/'policy.pt').is_file()
    cfg = json.loads((tmp_path/'run'/'config.json').read_text())
    assert {'config', 'seed', 'commit', 'machine'} <= set(cfg)


def test_resume_errors_are_one_line(tmp_path):
    r = ganno('train', '--config', 'smoke', '--out', str(tmp_path/'none'), '--resume')
    assert r.returncode == 2 and 'no checkpoint at' in r.stderr and 'Traceback' not in r.stderr


def test_killed_run_resumes_to_the_same_final_step_count(tmp_path):
    from ganno.train import load_config
    from dataclasses import asdict
    cfg = asdict(load_config('smoke', total_steps=48, checkpoint_every=1)) # 8 updates
    (tmp_path/'cfg.json').write_text(json.dumps(cfg))
    out = tmp_path/'run'
    p = subprocess.Popen([GANNO, 'train', '--config', str(tmp_path/'cfg.json'), '--out', str(out)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while not (out/'checkpoint.pt').is_file() and time.time() < deadline and p.poll() is None: time.sleep(0.02)
    os.killpg(p.pid, signal.SIGKILL); p.wait()
    assert (out/'checkpoint.pt').is_file(), 'no checkpoint was written before the kill'
    assert not (out/'policy.pt').is_file(), 'the run finished before it could be killed'
    r = ganno('train', '--config', str(tmp_path/'cfg.json'), '--out', str(out), '--resume')
    assert r.returncode == 0, r.stderr
    s = json.loads((out/'summary.json').read_text())
    assert s['finished'] and s['marl_steps'] == 48
    assert progress(out) == list(range(1, 9)) # every update logged once, none lost, none twice
