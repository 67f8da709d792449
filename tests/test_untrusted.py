"Files from elsewhere never run code: a policy, a training checkpoint and a CIFAR-10 folder that would each write a file when unpickled."
import pickle

import pytest
import torch


class Planted:
    "Unpickling this calls open(path, 'w'): it creates a file."
    def __init__(self, path): self.path = path
    def __reduce__(self): return (open, (self.path, 'w'))


def test_a_planted_policy_file_does_not_run(tmp_path):
    from ganno.policy import load_policy
    target, f = tmp_path/'pwned', tmp_path/'policy.pt'
    torch.save({'format': 'ganno-policy/1', 'config': Planted(str(target))}, f)
    with pytest.raises(pickle.UnpicklingError): load_policy(f)
    assert not target.exists()


def test_a_planted_checkpoint_does_not_run(tmp_path):
    from ganno.train import load_checkpoint
    target, f = tmp_path/'pwned', tmp_path/'checkpoint.pt'
    torch.save({'algo': Planted(str(target))}, f)
    with pytest.raises(pickle.UnpicklingError): load_checkpoint(f, algo=None)
    assert not target.exists()


def test_a_planted_cifar_folder_does_not_run(tmp_path, monkeypatch):
    from ganno.data import load_dataset
    target, folder = tmp_path/'pwned', tmp_path/'cifar-10-batches-py'
    folder.mkdir()
    for name in ('data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch', 'batches.meta'):
        with open(folder/name, 'wb') as fh: pickle.dump({'data': Planted(str(target)), 'labels': [0], 'label_names': ['x']}, fh)
    monkeypatch.setenv('GANNO_DATA', str(tmp_path))
    with pytest.raises(ValueError, match='is not allowed in a CIFAR-10 batch file'): load_dataset('cifar10')
    assert not target.exists()
